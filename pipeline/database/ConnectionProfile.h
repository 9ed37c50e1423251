#pragma once
// Where the console's database is: its own embedded cluster, or a server the
// user names with anything libpq understands (key=value string, URI, service
// name, PG* variables, .pgpass). A profile never holds a password: passwords
// live in the OS keyring and are added only to the string handed to libpq.
#include <QString>
#include <QStringList>

namespace ecomops::db {

struct ConnectionProfile {
    enum class Mode { Embedded, Server };
    Mode mode = Mode::Embedded;
    // Server mode: a libpq connection string or URI; empty means "the PG*
    // environment variables and libpq defaults".
    QString conninfo;
    // Embedded mode: the data directory; empty means the default location.
    QString embeddedDataDir;

    bool operator==(const ConnectionProfile &o) const
    {
        return mode == o.mode && conninfo == o.conninfo && embeddedDataDir == o.embeddedDataDir;
    }
};

// Removes a password from a libpq string or URI, returning it in
// *removedPassword; the rest of the string is kept as the user wrote it.
QString stripPassword(const QString &conninfo, QString *removedPassword = nullptr);

// True when the string carries a password (key=value, URI user:password@ or
// ?password=), parsable or not.
bool hasPassword(const QString &conninfo);

// Why a password given on a command line is refused, and how to give it:
// PGPASSWORD or ~/.pgpass (PGPASSFILE).
QString passwordOnCommandLineAdvice();

// `message` (libpq's error, which may quote the connection string) with
// every spelling of the string's password replaced by "***".
QString scrubSecrets(const QString &message, const QString &conninfo);

// Appends a password to a libpq string or URI (quoted as libpq requires).
QString withPassword(const QString &conninfo, const QString &password);

// A string safe to show or log: the password, if any, replaced by "***".
QString redacted(const QString &conninfo);

// The keyring account name for a profile's password: user@host:port/db.
QString credentialKey(const QString &conninfo);

} // namespace ecomops::db

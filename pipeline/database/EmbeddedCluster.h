#pragma once
// The console's own private PostgreSQL cluster: the system's initdb/pg_ctl, a
// data directory under the user's data location, a Unix socket in a private
// directory and no TCP listener. PostgreSQL refuses to run as root; when we
// are root the server runs as the unprivileged "postgres" system account and
// the data lives where that account can reach it.
#include <QString>
#include <stdexcept>

#include <sys/types.h>

namespace ecomops::db {

class ClusterError : public std::runtime_error
{
public:
    ClusterError(const QString &message, const QString &detail = {});
    QString message() const { return m_message; }
    QString detail() const { return m_detail; }

private:
    QString m_message;
    QString m_detail;
};

class EmbeddedCluster
{
public:
    enum class State { NotInitialized, Stopped, Running };

    // dataDir empty = the default location for this user.
    explicit EmbeddedCluster(QString dataDir = {});

    static QString defaultDataDir();
    static QString findPostgresBinDir(); // empty when PostgreSQL is not installed

    QString dataDir() const { return m_dataDir; }
    // Where the server's socket is: the data directory when its path is
    // short enough, else a private folder in $XDG_RUNTIME_DIR or /tmp.
    QString socketDir() const;
    int port() const { return 5432; } // only names the socket file; no TCP
    QString databaseName() const { return QStringLiteral("ecomops"); }
    QString superuser() const;      // the database role we connect as
    QString serviceAccount() const; // OS account the server runs as
    QString logFile() const;

    State state() const;
    QString stateText() const;

    // Each is idempotent and blocking (seconds): call off the GUI thread.
    enum class Migrate { Yes, No };
    void init(Migrate migrate = Migrate::Yes);  // initdb if needed, then start, create db, migrate
    void start(Migrate migrate = Migrate::Yes); // init if needed; recovers from a stale postmaster.pid
    void stop();
    void ensureDatabase(const QString &name); // CREATE DATABASE if missing

    // libpq URI reaching `database` (default: ours) on the socket. Throws
    // ClusterError when the socket folder is not private to the server's
    // account (someone else could have put their own server there).
    QString connectionUri(const QString &database = {}) const;

private:
    QString binary(const QString &name) const;
    int runTool(const QStringList &command, QString *output, int timeoutMs) const;
    void prepareDirectories() const;
    QString preferredSocketDir() const;
    void prepareSocketDir() const;
    void pointConfigAt(const QString &socketDir) const;
    uid_t serviceUid() const;
    bool removeStalePidFile() const;
    qint64 postmasterPid() const; // 0 when no live server owns the data dir

    QString m_dataDir;
    QString m_binDir;
};

} // namespace ecomops::db

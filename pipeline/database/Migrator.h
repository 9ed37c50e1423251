#pragma once
// Applies the numbered SQL migrations shipped in resources/sql (":/sql/NNNN_name.sql")
// in order, each in its own transaction, recording each in
// ops.schema_migrations with a SHA-256 checksum. Applying twice is a no-op; an
// applied migration whose text has changed is refused, naming the file.
#include <QList>
#include <QString>
#include <stdexcept>

#include <pqxx/connection>

namespace ecomops::db {

struct Migration {
    int version = 0;
    QString fileName; // "0001_schemas.sql"
    QByteArray sql;
    QByteArray checksum() const; // hex SHA-256 of sql
};

class MigrationError : public std::runtime_error
{
public:
    explicit MigrationError(const QString &message);
    QString message() const { return m_message; }

private:
    QString m_message;
};

struct MigrationReport {
    QStringList applied; // files applied now
    int alreadyApplied = 0;
    int currentVersion = 0;
};

class Migrator
{
public:
    Migrator(); // the migrations shipped in this build
    explicit Migrator(QList<Migration> migrations);

    static QList<Migration> shipped();
    const QList<Migration> &migrations() const { return m_migrations; }
    int latestVersion() const;

    MigrationReport apply(pqxx::connection &connection) const;
    static int appliedVersion(pqxx::connection &connection);

private:
    QList<Migration> m_migrations;
};

} // namespace ecomops::db

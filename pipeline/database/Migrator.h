#pragma once
// Applies the numbered SQL migrations shipped in resources/sql (":/sql/NNNN_name.sql")
// in order, recording each in ops.schema_migrations with a SHA-256 checksum,
// then the object files (functions, views, materialized views) of
// resources/sql/functions whose checksum is new, recorded in
// ops.schema_objects, then re-runs ops.grant_ecomops_privileges(); all in one
// transaction. Applying twice is a no-op; an applied migration whose text has
// changed is refused, naming the file, unless the build lists the recorded
// text as superseded (resources/sql/superseded.txt).
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
    // Checksums of earlier texts of this file that count as applied: what
    // they created beyond the current text is owned by object files now.
    QList<QByteArray> superseded;
};

// One file of resources/sql/functions: re-applied whenever its text changes.
struct ObjectFile {
    QString fileName; // "0120_dw_upsert_facts.sql"; the number orders dependencies
    QByteArray sql;
    QByteArray checksum() const;
    // DROP … CASCADE (a materialized view) takes dependent objects along, so
    // every later file is re-applied after it.
    bool dropsDependents() const;
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
    QStringList applied;        // files applied now
    QStringList restated;       // applied under a superseded text, now recorded with the current one
    QStringList objectsApplied; // object files (re)applied now
    int alreadyApplied = 0;
    int currentVersion = 0;
};

class Migrator
{
public:
    Migrator();                                     // the migrations and object files shipped in this build
    explicit Migrator(QList<Migration> migrations); // with the shipped object files
    Migrator(QList<Migration> migrations, QList<ObjectFile> objects);

    static QList<Migration> shipped();
    static QList<ObjectFile> shippedObjects();
    const QList<Migration> &migrations() const { return m_migrations; }
    const QList<ObjectFile> &objects() const { return m_objects; }
    int latestVersion() const;

    MigrationReport apply(pqxx::connection &connection) const;
    static int appliedVersion(pqxx::connection &connection);

private:
    QList<Migration> m_migrations;
    QList<ObjectFile> m_objects;
};

} // namespace ecomops::db

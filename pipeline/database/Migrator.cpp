#include "database/Migrator.h"

#include "core/Logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <QObject>

#include <pqxx/pqxx>

#include <map>

namespace ecomops::db {
namespace {

// Serialises concurrent migrators (two consoles starting at once).
constexpr long long kMigrationLockKey = 0x45434f4d4f505301LL; // "ECOMOPS\1"

const char *const kCreateLedger = R"sql(
CREATE SCHEMA IF NOT EXISTS ops;
CREATE TABLE IF NOT EXISTS ops.schema_migrations (
    version    integer     PRIMARY KEY,
    file_name  text        NOT NULL,
    checksum   text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    applied_by text        NOT NULL DEFAULT current_user
);
CREATE TABLE IF NOT EXISTS ops.schema_objects (
    file_name  text        PRIMARY KEY,
    checksum   text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    applied_by text        NOT NULL DEFAULT current_user
))sql";

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

QByteArray readResource(const QString &path, const QString &name)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw MigrationError(QObject::tr("Cannot read the schema file %1.").arg(name));
    return file.readAll();
}

// The files of one resource folder, in name order, each named NNNN_name.sql.
QList<std::pair<QString, QByteArray>> numberedFiles(const QString &folder)
{
    static const QRegularExpression pattern(QStringLiteral("^\\d{4}_[a-z0-9_]+\\.sql$"));
    QList<std::pair<QString, QByteArray>> result;
    const QDir dir(folder);
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        if (!pattern.match(name).hasMatch())
            throw MigrationError(QObject::tr("The schema file %1 is not named NNNN_name.sql.").arg(name));
        result.append({name, readResource(dir.filePath(name), name)});
    }
    return result;
}

// resources/sql/superseded.txt: "<migration file> <hex sha256>" per line, '#' comments.
std::multimap<QString, QByteArray> supersededChecksums()
{
    std::multimap<QString, QByteArray> result;
    const QString path = QStringLiteral(":/sql/superseded.txt");
    if (!QFile::exists(path))
        return result;
    const QList<QByteArray> lines = readResource(path, QStringLiteral("superseded.txt")).split('\n');
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() != 2)
            throw MigrationError(
                QObject::tr("superseded.txt: cannot read the line \"%1\".").arg(QString::fromUtf8(line)));
        result.emplace(QString::fromUtf8(fields[0]), fields[1]);
    }
    return result;
}

// Which object files to (re)apply: those whose text is new to this database,
// and, after one that drops dependents, every later one. All of them when a
// migration was applied now, because a migration may drop or alter what a
// file had created (a view on a table whose column type changes).
QList<const ObjectFile *> objectsToApply(const QList<ObjectFile> &objects,
                                         const std::map<std::string, std::string> &recorded, bool migrationsChanged)
{
    QList<const ObjectFile *> result;
    bool rest = migrationsChanged;
    for (const ObjectFile &object : objects) {
        const auto it = recorded.find(object.fileName.toStdString());
        const bool changed = it == recorded.end() || it->second != object.checksum().toStdString();
        if (rest || changed)
            result.append(&object);
        if (changed && object.dropsDependents())
            rest = true;
    }
    return result;
}

} // namespace

QByteArray Migration::checksum() const
{
    return sha256Hex(sql);
}

QByteArray ObjectFile::checksum() const
{
    return sha256Hex(sql);
}

bool ObjectFile::dropsDependents() const
{
    static const QRegularExpression dropCascade(QStringLiteral("\\bDROP\\b[^;]*\\bCASCADE\\b"),
                                                QRegularExpression::CaseInsensitiveOption);
    return dropCascade.match(QString::fromUtf8(sql)).hasMatch();
}

MigrationError::MigrationError(const QString &message) : std::runtime_error(message.toStdString()), m_message(message)
{
}

Migrator::Migrator() : Migrator(shipped(), shippedObjects()) {}

Migrator::Migrator(QList<Migration> migrations) : Migrator(std::move(migrations), shippedObjects()) {}

Migrator::Migrator(QList<Migration> migrations, QList<ObjectFile> objects)
    : m_migrations(std::move(migrations)), m_objects(std::move(objects))
{
    std::sort(m_migrations.begin(), m_migrations.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
    std::sort(m_objects.begin(), m_objects.end(),
              [](const ObjectFile &a, const ObjectFile &b) { return a.fileName < b.fileName; });
}

QList<Migration> Migrator::shipped()
{
    const auto superseded = supersededChecksums();
    QList<Migration> result;
    for (const auto &[name, sql] : numberedFiles(QStringLiteral(":/sql"))) {
        Migration m{name.left(4).toInt(), name, sql, {}};
        const auto [from, to] = superseded.equal_range(name);
        for (auto it = from; it != to; ++it)
            m.superseded.append(it->second);
        result.append(m);
    }
    return result;
}

QList<ObjectFile> Migrator::shippedObjects()
{
    QList<ObjectFile> result;
    for (const auto &[name, sql] : numberedFiles(QStringLiteral(":/sql/functions")))
        result.append({name, sql});
    return result;
}

int Migrator::latestVersion() const
{
    return m_migrations.isEmpty() ? 0 : m_migrations.last().version;
}

int Migrator::appliedVersion(pqxx::connection &connection)
{
    pqxx::read_transaction tx{connection};
    const auto exists = tx.exec1("SELECT to_regclass('ops.schema_migrations') IS NOT NULL");
    if (!exists[0].as<bool>())
        return 0;
    return tx.exec1("SELECT coalesce(max(version), 0) FROM ops.schema_migrations")[0].as<int>();
}

MigrationReport Migrator::apply(pqxx::connection &connection) const
{
    MigrationReport report;
    {
        pqxx::nontransaction tx{connection};
        tx.exec_params("SELECT pg_advisory_lock($1)", kMigrationLockKey);
    }
    struct Unlock {
        pqxx::connection &c;
        ~Unlock()
        {
            try {
                pqxx::nontransaction tx{c};
                tx.exec_params("SELECT pg_advisory_unlock($1)", kMigrationLockKey);
            } catch (const std::exception &) {
                // The lock dies with the session anyway.
            }
        }
    } unlock{connection};

    // One transaction: a database is never left with new tables and old
    // functions, or half of the object files.
    pqxx::work tx{connection};
    tx.exec0(kCreateLedger);
    std::map<int, std::pair<std::string, std::string>> applied;
    for (const auto &row : tx.exec("SELECT version, file_name, checksum FROM ops.schema_migrations"))
        applied[row[0].as<int>()] = {row[1].as<std::string>(), row[2].as<std::string>()};
    if (!applied.empty() && applied.rbegin()->first > latestVersion()) {
        throw MigrationError(
            QObject::tr("The database's schema (version %1, %2) is newer than this program knows (version %3). "
                        "Use a newer EcomOps Console.")
                .arg(applied.rbegin()->first)
                .arg(QString::fromStdString(applied.rbegin()->second.first))
                .arg(latestVersion()));
    }
    for (const Migration &m : m_migrations) {
        const auto it = applied.find(m.version);
        if (it != applied.end()) {
            const std::string recorded = it->second.second;
            if (recorded != m.checksum().toStdString()) {
                if (!m.superseded.contains(QByteArray::fromStdString(recorded))) {
                    throw MigrationError(
                        QObject::tr("The migration %1 was changed after it was applied to this database "
                                    "(checksum recorded %2…, file now %3…). Applied migrations must never be edited: "
                                    "add a new numbered migration instead.")
                            .arg(m.fileName, QString::fromStdString(recorded.substr(0, 12)),
                                 QString::fromLatin1(m.checksum().left(12))));
                }
                tx.exec_params0("UPDATE ops.schema_migrations SET checksum = $2 WHERE version = $1", m.version,
                                m.checksum().toStdString());
                report.restated << m.fileName;
            }
            ++report.alreadyApplied;
            continue;
        }
        try {
            tx.exec0(m.sql.toStdString());
            tx.exec_params0("INSERT INTO ops.schema_migrations (version, file_name, checksum) VALUES ($1, $2, $3)",
                            m.version, m.fileName.toStdString(), m.checksum().toStdString());
        } catch (const pqxx::sql_error &e) {
            throw MigrationError(
                QObject::tr("The migration %1 failed: %2").arg(m.fileName, QString::fromUtf8(e.what()).trimmed()));
        }
        qCInfo(lcMigrate) << "applied" << m.fileName;
        report.applied << m.fileName;
    }

    std::map<std::string, std::string> recordedObjects;
    for (const auto &row : tx.exec("SELECT file_name, checksum FROM ops.schema_objects"))
        recordedObjects[row[0].as<std::string>()] = row[1].as<std::string>();
    for (const ObjectFile *object : objectsToApply(m_objects, recordedObjects, !report.applied.isEmpty())) {
        try {
            tx.exec0(object->sql.toStdString());
            tx.exec_params0("INSERT INTO ops.schema_objects (file_name, checksum) VALUES ($1, $2) "
                            "ON CONFLICT (file_name) DO UPDATE SET checksum = excluded.checksum, applied_at = now(), "
                            "applied_by = current_user",
                            object->fileName.toStdString(), object->checksum().toStdString());
        } catch (const pqxx::sql_error &e) {
            throw MigrationError(QObject::tr("The schema file functions/%1 failed: %2")
                                     .arg(object->fileName, QString::fromUtf8(e.what()).trimmed()));
        }
        report.objectsApplied << object->fileName;
    }
    if (!report.objectsApplied.isEmpty())
        qCInfo(lcMigrate) << "applied" << report.objectsApplied.size() << "object files";

    // Re-created objects start from default privileges: the role model is
    // applied again whenever anything changed (it starts from nothing, so
    // running it again is harmless).
    const bool changed = !report.applied.isEmpty() || !report.objectsApplied.isEmpty() || !report.restated.isEmpty();
    if (changed && tx.exec1("SELECT to_regprocedure('ops.grant_ecomops_privileges()') IS NOT NULL")[0].as<bool>())
        tx.exec("SELECT ops.grant_ecomops_privileges()");
    tx.commit();
    report.currentVersion = qMax(latestVersion(), applied.empty() ? 0 : applied.rbegin()->first);
    return report;
}

} // namespace ecomops::db

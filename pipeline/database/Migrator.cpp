#include "database/Migrator.h"

#include "core/Logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <QObject>

#include <pqxx/pqxx>

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
))sql";

} // namespace

QByteArray Migration::checksum() const
{
    return QCryptographicHash::hash(sql, QCryptographicHash::Sha256).toHex();
}

MigrationError::MigrationError(const QString &message) : std::runtime_error(message.toStdString()), m_message(message)
{
}

Migrator::Migrator() : Migrator(shipped()) {}

Migrator::Migrator(QList<Migration> migrations) : m_migrations(std::move(migrations))
{
    std::sort(m_migrations.begin(), m_migrations.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
}

QList<Migration> Migrator::shipped()
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_[a-z0-9_]+\\.sql$"));
    QList<Migration> result;
    const QDir dir(QStringLiteral(":/sql"));
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        const auto match = pattern.match(name);
        if (!match.hasMatch())
            throw MigrationError(QObject::tr("The migration file %1 is not named NNNN_name.sql.").arg(name));
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            throw MigrationError(QObject::tr("Cannot read the migration %1.").arg(name));
        result.append({match.captured(1).toInt(), name, file.readAll()});
    }
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

    {
        pqxx::work tx{connection};
        tx.exec0(kCreateLedger);
        tx.commit();
    }
    std::map<int, std::pair<std::string, std::string>> applied;
    {
        pqxx::read_transaction tx{connection};
        for (const auto &row : tx.exec("SELECT version, file_name, checksum FROM ops.schema_migrations"))
            applied[row[0].as<int>()] = {row[1].as<std::string>(), row[2].as<std::string>()};
    }
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
            if (it->second.second != m.checksum().toStdString()) {
                throw MigrationError(
                    QObject::tr("The migration %1 was changed after it was applied to this database "
                                "(checksum recorded %2…, file now %3…). Applied migrations must never be edited: "
                                "add a new numbered migration instead.")
                        .arg(m.fileName, QString::fromStdString(it->second.second.substr(0, 12)),
                             QString::fromLatin1(m.checksum().left(12))));
            }
            ++report.alreadyApplied;
            continue;
        }
        try {
            pqxx::work tx{connection};
            tx.exec0(m.sql.toStdString());
            tx.exec_params0("INSERT INTO ops.schema_migrations (version, file_name, checksum) VALUES ($1, $2, $3)",
                            m.version, m.fileName.toStdString(), m.checksum().toStdString());
            tx.commit();
        } catch (const pqxx::sql_error &e) {
            throw MigrationError(
                QObject::tr("The migration %1 failed: %2").arg(m.fileName, QString::fromUtf8(e.what()).trimmed()));
        }
        qCInfo(lcMigrate) << "applied" << m.fileName;
        report.applied << m.fileName;
    }
    report.currentVersion = qMax(latestVersion(), applied.empty() ? 0 : applied.rbegin()->first);
    return report;
}

} // namespace ecomops::db

#include "BenchSupport.h"

#include "database/Migrator.h"
#include "load/TableLoader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>

#include <algorithm>

namespace ecomops::bench {

void resetPeakMemory()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

double peakMemoryMiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

QString databaseConninfo(const QString &server, const QString &database)
{
    pqxx::connection probe{server.toStdString()};
    return QStringLiteral("host=%1 port=%2 user=%3 dbname=%4")
        .arg(QString::fromStdString(probe.hostname()), QString::fromStdString(probe.port()),
             QString::fromStdString(probe.username()), database);
}

QString freshDatabase(const QString &server, const QString &name)
{
    {
        pqxx::connection admin{server.toStdString()};
        pqxx::nontransaction tx{admin};
        tx.exec0("DROP DATABASE IF EXISTS " + tx.quote_name(name.toStdString()) + " WITH (FORCE)");
        tx.exec0("CREATE DATABASE " + tx.quote_name(name.toStdString()));
    }
    const QString conninfo = databaseConninfo(server, name);
    pqxx::connection c{conninfo.toStdString()};
    db::Migrator().apply(c);
    return conninfo;
}

StagedFiles stagedFiles(const staging::Snapshot &snapshot, const QStringList &only)
{
    StagedFiles files;
    for (const auto &f : snapshot.metadata().files) {
        const staging::TableSpec *spec = staging::findTable(f.table);
        if (!spec || (!only.isEmpty() && !only.contains(QString::fromStdString(f.table))))
            continue;
        files.list.emplace_back(spec, f);
        files.rows += f.rows;
        files.bytes += f.bytes;
    }
    return files;
}

qint64 newBenchRun(pqxx::connection &admin)
{
    pqxx::work tx{admin};
    const auto id = tx.exec1("INSERT INTO ops.pipeline_run (source_kind, started_by, spec, trigger) "
                             "VALUES ('snapshot', 'ecomops-bench', '{}', 'test') RETURNING run_id")[0]
                        .as<qint64>();
    tx.commit();
    return id;
}

void dropBenchRun(pqxx::connection &admin, qint64 runId)
{
    pqxx::work tx{admin};
    for (const auto &t : staging::catalog())
        tx.exec0("DROP TABLE IF EXISTS staging." + load::TableLoader::partitionName(t.name, runId));
    tx.exec_params0("DELETE FROM ops.pipeline_run WHERE run_id = $1", runId);
    tx.commit();
}

double psqlCopySeconds(const QString &conninfo, pqxx::connection &admin, const staging::Snapshot &snapshot,
                       const StagedFiles &files)
{
    const qint64 run = newBenchRun(admin);
    {
        pqxx::work tx{admin};
        for (const auto &[spec, file] : files.list) {
            const std::string name = "staging." + load::TableLoader::partitionName(spec->name, run);
            tx.exec0("CREATE TABLE " + name + " (LIKE staging." + spec->name + " INCLUDING DEFAULTS)");
            tx.exec0("ALTER TABLE " + name + " ALTER COLUMN run_id SET DEFAULT " + std::to_string(run) +
                     ", ALTER COLUMN source_line SET DEFAULT 0");
        }
        tx.commit();
    }
    // One psql process for all tables (several -c), so process start-up is
    // paid once, as a script running \copy would.
    QStringList args{conninfo, QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                     QStringLiteral("ON_ERROR_STOP=1")};
    for (const auto &[spec, file] : files.list) {
        // The file's own header names its columns: a source stages only the
        // catalogue columns it has (the synthetic shop has no Olist state).
        QFile csvFile(snapshot.filePath(file));
        if (!csvFile.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(csvFile.fileName()));
        const QStringList cols = QString::fromUtf8(csvFile.readLine()).trimmed().split(QLatin1Char(','));
        args << QStringLiteral("-c")
             << QStringLiteral("\\copy staging.%1 (%2) FROM '%3' WITH (FORMAT csv, HEADER true)")
                    .arg(QString::fromStdString(load::TableLoader::partitionName(spec->name, run)),
                         cols.join(QLatin1Char(',')), snapshot.filePath(file));
    }
    QElapsedTimer t;
    t.start();
    QProcess psql;
    psql.start(QStringLiteral("psql"), args);
    if (!psql.waitForFinished(-1) || psql.exitCode() != 0)
        qFatal("psql failed: %s", psql.readAllStandardError().constData());
    const double seconds = double(t.nsecsElapsed()) / 1e9;
    dropBenchRun(admin, run);
    return seconds;
}

} // namespace ecomops::bench

#include "FaultSupport.h"

#include "RunHarness.h"
#include "SyntheticRun.h"
#include "database/EmbeddedCluster.h"
#include "load/TableLoader.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QCryptographicHash>
#include <QProcess>

#include <pqxx/pqxx>

#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

namespace ecomops::test {

Checksums warehouseChecksums(pqxx::connection &c)
{
    Checksums sums;
    pqxx::read_transaction tx{c};
    const pqxx::result relations = tx.exec(
        "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE (n.nspname IN ('dw', 'staging', 'quarantine', 'mart') AND c.relkind IN ('r', 'p', 'm')) "
        "OR (n.nspname = 'ops' AND c.relname IN ('anomaly_flag', 'anomaly_event')) ORDER BY 1");
    for (const auto &r : relations) {
        const std::string name = r[0].as<std::string>();
        sums[name] = tx.exec1("SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                              "FROM " +
                              name + " t")[0]
                         .as<std::string>();
    }
    return sums;
}

QString combined(const Checksums &sums)
{
    QCryptographicHash hash(QCryptographicHash::Md5);
    for (const auto &[name, sum] : sums)
        hash.addData(QByteArray::fromStdString(name + '=' + sum + '\n'));
    return QString::fromLatin1(hash.result().toHex());
}

QString differences(const Checksums &before, const Checksums &after)
{
    QString out;
    for (const auto &[name, sum] : after) {
        const auto it = before.find(name);
        if (it == before.end())
            out += QStringLiteral("new %1 (%2); ").arg(QString::fromStdString(name), QString::fromStdString(sum));
        else if (it->second != sum)
            out +=
                QStringLiteral("changed %1 (%2 → %3); ")
                    .arg(QString::fromStdString(name), QString::fromStdString(it->second), QString::fromStdString(sum));
    }
    for (const auto &[name, sum] : before) {
        if (after.count(name) == 0)
            out += QStringLiteral("gone %1; ").arg(QString::fromStdString(name));
    }
    return out;
}

runner::RunResult runOnce(const QString &conninfo, const runner::RunSpec &spec, QString *log)
{
    RecordingEvents events;
    CancelToken cancel;
    const runner::RunResult r = runner::RunExecution(conninfo, spec, events).execute(cancel);
    if (log)
        *log = events.allLog();
    return r;
}

runner::RunSpec smallRun(const QString &stagingDir, double scale, quint64 seed)
{
    runner::RunSpec spec = syntheticRunSpec(stagingDir, scale, seed, QStringLiteral("fault suite"));
    spec.gates = {{"mode", "warn"}};
    return spec;
}

runner::RunSpec snapshotRun(const QString &stagingDir, const QString &snapshot)
{
    runner::RunSpec spec = smallRun(stagingDir, 0, 0);
    spec.sourceKind = QStringLiteral("snapshot");
    spec.sourceOptions = {{"path", snapshot.toStdString()}};
    return spec;
}

qint64 stagingPartitions(pqxx::connection &c, qint64 runId)
{
    return number(c, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                     "WHERE n.nspname = 'staging' AND c.relname LIKE '%\\_r" +
                         std::to_string(runId) + "'");
}

qint64 openStageRows(pqxx::connection &c, qint64 runId)
{
    return number(c, "SELECT count(*) FROM ops.stage_result WHERE run_id = " + std::to_string(runId) +
                         " AND (status IN ('queued', 'running') OR ended_at IS NULL)");
}

PrivateCluster::PrivateCluster()
{
    // World-traversable: as root the server runs as "postgres".
    ::chmod(QFile::encodeName(m_dir.path()).constData(), 0755);
    m_dataDir = m_dir.filePath(QStringLiteral("data"));
    try {
        db::EmbeddedCluster(m_dataDir).start();
    } catch (const db::ClusterError &e) {
        m_error = e.message() + QLatin1Char(' ') + e.detail();
    }
}

PrivateCluster::~PrivateCluster()
{
    try {
        db::EmbeddedCluster(m_dataDir).stop();
    } catch (const std::exception &) {
        // The temporary folder goes anyway; a stray server dies with its files.
    }
}

QString PrivateCluster::conninfo() const
{
    return db::EmbeddedCluster(m_dataDir).connectionUri();
}

void PrivateCluster::stopImmediate()
{
    const QString pgCtl = db::EmbeddedCluster::findPostgresBinDir() + QStringLiteral("/pg_ctl");
    QStringList command{pgCtl,
                        QStringLiteral("stop"),
                        QStringLiteral("-D"),
                        m_dataDir,
                        QStringLiteral("-m"),
                        QStringLiteral("immediate"),
                        QStringLiteral("-w")};
    if (::geteuid() == 0)
        command = QStringList{QStringLiteral("runuser"), QStringLiteral("-u"), QStringLiteral("postgres"),
                              QStringLiteral("--")} +
                  command;
    QProcess::execute(command.takeFirst(), command);
}

void PrivateCluster::start()
{
    db::EmbeddedCluster(m_dataDir).start(db::EmbeddedCluster::Migrate::No);
}

void PrivateCluster::killBackend(int pid)
{
    ::kill(pid, SIGKILL);
}

} // namespace ecomops::test

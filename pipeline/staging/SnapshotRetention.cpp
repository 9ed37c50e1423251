#include "staging/SnapshotRetention.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QRegularExpression>

#include <pqxx/pqxx>

#include <map>
#include <set>

namespace ecomops::staging {
namespace {

qint64 folderBytes(const QString &path)
{
    qint64 total = 0;
    QDirIterator it(path, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

// The layout Snapshot::directoryFor() makes: a folder of any other shape (a
// user's own folder loaded with --source snapshot) is never removed.
bool createdBy(const QString &path, qint64 runId)
{
    const QFileInfo info(path);
    static const QRegularExpression name(QStringLiteral("^run-(\\d+)-[0-9a-f]+$"));
    const QRegularExpressionMatch m = name.match(info.fileName());
    return m.hasMatch() && m.captured(1).toLongLong() == runId &&
           QFileInfo(info.absolutePath()).fileName().startsWith(QLatin1String("snapshot_date="));
}

} // namespace

QString describeSize(qint64 bytes)
{
    if (bytes < 1024 * 1024)
        return QStringLiteral("%1 kB").arg(double(bytes) / 1024.0, 0, 'f', 1);
    return QStringLiteral("%1 MB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

std::vector<SnapshotEntry> planRetention(pqxx::connection_base &connection, const RetentionPolicy &policy)
{
    pqxx::read_transaction tx{connection};
    const pqxx::result rows = tx.exec_params(
        "WITH ranked AS ("
        "  SELECT run_id, status, source_kind, snapshot_path, coalesce(ended_at, started_at, queued_at) AS at,"
        "         row_number() OVER (ORDER BY run_id DESC) AS recency"
        "  FROM ops.pipeline_run) "
        "SELECT run_id, status, source_kind, snapshot_path, extract(epoch FROM at)::float8,"
        "       CASE WHEN status IN ('queued', 'running') THEN 'the run is in progress'"
        "            WHEN recency <= $1 THEN 'one of the last ' || $1 || ' runs'"
        "            WHEN status = 'failed' AND at > now() - make_interval(days => $2)"
        "                 THEN 'the run failed less than ' || $2 || ' days ago' END "
        "FROM ranked WHERE snapshot_path IS NOT NULL ORDER BY run_id DESC",
        policy.keepRuns, policy.keepFailedDays);

    std::map<QString, QString> keptBecause; // path → why (the first, newest, reason)
    for (const auto &r : rows) {
        const QString path = QString::fromStdString(r[3].as<std::string>());
        if (!r[5].is_null() && keptBecause.count(path) == 0) {
            const QString why = QString::fromStdString(r[5].as<std::string>());
            const qint64 runId = r[0].as<qint64>();
            keptBecause[path] =
                createdBy(path, runId) ? why : QStringLiteral("run %1 re-loaded it: %2").arg(runId).arg(why);
        }
    }
    std::vector<SnapshotEntry> plan;
    std::set<QString> seen;
    for (const auto &r : rows) {
        SnapshotEntry e;
        e.path = QString::fromStdString(r[3].as<std::string>());
        e.runId = r[0].as<qint64>();
        if (r[2].as<std::string>() == "snapshot" || !createdBy(e.path, e.runId) || !seen.insert(e.path).second)
            continue;
        e.status = QString::fromStdString(r[1].as<std::string>());
        e.at = QDateTime::fromMSecsSinceEpoch(qint64(r[4].as<double>() * 1000.0));
        e.exists = QFileInfo(e.path).isDir();
        e.bytes = e.exists ? folderBytes(e.path) : 0;
        const auto kept = keptBecause.find(e.path);
        e.keep = kept != keptBecause.end();
        e.reason = e.keep ? kept->second
                          : QStringLiteral("older than the last %1 runs%2")
                                .arg(policy.keepRuns)
                                .arg(e.status == QLatin1String("failed")
                                         ? QStringLiteral(", failed more than %1 days ago").arg(policy.keepFailedDays)
                                         : QString());
        plan.push_back(e);
    }
    return plan;
}

std::vector<SnapshotEntry> applyRetention(const std::vector<SnapshotEntry> &plan)
{
    std::vector<SnapshotEntry> done;
    for (SnapshotEntry e : plan) {
        if (e.keep || !e.exists)
            continue;
        if (!QDir(e.path).removeRecursively()) {
            e.keep = true;
            e.reason = QStringLiteral("could not be removed completely");
        } else {
            e.exists = false;
            QDir().rmdir(QFileInfo(e.path).absolutePath()); // the date folder, when now empty
        }
        done.push_back(e);
    }
    return done;
}

} // namespace ecomops::staging

#include "runner/DeadRuns.h"

#include "core/Logging.h"
#include "runner/RunCleanup.h"

#include <QObject>

#include <pqxx/pqxx>

namespace ecomops::runner {
namespace {

// Margin beyond a run's own recovery wait before a run that began before the
// server started is taken for dead.
constexpr int kReconnectMarginSeconds = 10;

// Closes one candidate in its own transaction; false when it turned out alive
// or already finished.
bool closeIfDead(pqxx::connection_base &c, qint64 runId)
{
    pqxx::work tx{c, "reconcile"};
    // Transaction-level: no unlock needed, and a second reconciler running at
    // the same moment sees the lock taken and leaves the run to us.
    if (!tx.exec_params1("SELECT pg_try_advisory_xact_lock($1, $2)", kRunLockClass, runLockKey(runId))[0].as<bool>())
        return false;
    const pqxx::result status = tx.exec_params(
        "SELECT 1 FROM ops.pipeline_run WHERE run_id = $1 AND status IN ('queued', 'running') FOR UPDATE", runId);
    if (status.empty())
        return false; // it finished between the scan and now
    const std::string message = deadRunMessage().toStdString();
    removeRunData(tx, runId, Evidence::Remove); // while the run is unfinished: the owner's functions check it
    tx.exec_params0("UPDATE ops.pipeline_run SET status = 'failed', error_text = $2, "
                    "started_at = coalesce(started_at, queued_at), ended_at = greatest(now(), started_at, queued_at) "
                    "WHERE run_id = $1",
                    runId, message);
    endOpenStages(tx, runId, TableState::Failed, deadRunMessage());
    tx.exec_params0(
        "INSERT INTO ops.run_log (run_id, seq, level, stage, message) SELECT $1, coalesce(max(seq), 0) + 1, "
        "'error', 'run', $2 FROM ops.run_log WHERE run_id = $1",
        runId, "run " + std::to_string(runId) + " " + message);
    tx.commit();
    return true;
}

} // namespace

QString deadRunMessage()
{
    return QObject::tr("the process ended before the run finished (killed or crashed)");
}

DeadRunReport reconcileDeadRuns(const QString &conninfo)
{
    DeadRunReport report;
    pqxx::connection c{conninfo.toStdString()};
    std::vector<std::pair<qint64, bool>> candidates;
    {
        pqxx::read_transaction tx{c};
        const pqxx::result rows = tx.exec_params(
            "SELECT run_id, coalesce(started_at, queued_at) < pg_postmaster_start_time() AND now() < "
            "pg_postmaster_start_time() + make_interval(secs => coalesce((spec->>'recovery_wait_seconds')::float8, 60) "
            "+ $1) FROM ops.pipeline_run WHERE status IN ('queued', 'running') ORDER BY run_id",
            kReconnectMarginSeconds);
        for (const auto &r : rows)
            candidates.emplace_back(r[0].as<qint64>(), r[1].as<bool>());
    }
    for (const auto &[runId, mayBeReconnecting] : candidates) {
        if (mayBeReconnecting) {
            report.deferred.push_back(runId);
            continue;
        }
        if (closeIfDead(c, runId)) {
            qCWarning(lcRunner) << "run" << runId << "had no live process: marked failed";
            report.closed.push_back(runId);
        }
    }
    return report;
}

} // namespace ecomops::runner

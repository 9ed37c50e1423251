#include "runner/RunRecorder.h"

#include "core/Logging.h"
#include "runner/DeadRuns.h"
#include "runner/RunCleanup.h"

#include <QSysInfo>

#include <pqxx/pqxx>

namespace ecomops::runner {
namespace {

std::optional<std::string> orNull(const QString &text)
{
    if (text.isEmpty())
        return std::nullopt;
    return text.toStdString();
}

} // namespace

QString toString(RunStatus status)
{
    switch (status) {
    case RunStatus::Queued:
        return QStringLiteral("queued");
    case RunStatus::Running:
        return QStringLiteral("running");
    case RunStatus::Succeeded:
        return QStringLiteral("succeeded");
    case RunStatus::Failed:
        return QStringLiteral("failed");
    case RunStatus::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

bool RunResult::reconciles() const
{
    for (const TableCounts &t : tables) {
        if (!t.reconciles())
            return false;
    }
    return rowsRead == rowsLoaded + rowsQuarantined + rowsRejected + rowsSkipped;
}

nlohmann::json RunResult::tablesJson() const
{
    nlohmann::json tables = nlohmann::json::array();
    for (const TableCounts &t : this->tables)
        tables.push_back({{"table", t.table.toStdString()},
                          {"read", t.read},
                          {"loaded", t.loaded},
                          {"quarantined", t.quarantined},
                          {"rejected", t.rejected},
                          {"skipped", t.skipped},
                          {"reached_warehouse", published ? t.loaded : 0},
                          {"reached_share", published ? t.reachedShare() : 0.0}});
    return tables;
}

RunRecorder::RunRecorder(QString conninfo) : m_conninfo(std::move(conninfo)) {}

RunRecorder::~RunRecorder() = default;

template <typename Fn> void RunRecorder::withConnection(Fn &&fn)
{
    std::lock_guard lock(m_mutex);
    for (int attempt = 0;; ++attempt) {
        try {
            if (!m_connection || !m_connection->is_open())
                m_connection = std::make_unique<pqxx::connection>(m_conninfo.toStdString());
            holdRunLock(*m_connection);
            fn(*m_connection);
            return;
        } catch (const pqxx::broken_connection &) {
            m_connection.reset();
            if (attempt >= 2)
                throw;
        } catch (const pqxx::sql_error &e) {
            // A backend terminated under us surfaces as 57P01 before the
            // connection is seen as broken.
            if (e.sqlstate().rfind("57P", 0) != 0 || attempt >= 2)
                throw;
            m_connection.reset();
        }
    }
}

void RunRecorder::holdRunLock(pqxx::connection_base &c)
{
    // A new backend (reopened here, or silently by libpqxx) holds no lock yet.
    if (m_lockedRun <= 0 || c.backendpid() == m_lockPid)
        return;
    pqxx::nontransaction tx{c};
    tx.exec_params("SELECT pg_advisory_lock($1, $2)", kRunLockClass, runLockKey(m_lockedRun));
    m_lockPid = c.backendpid();
}

qint64 RunRecorder::createRun(const RunSpec &spec)
{
    qint64 id = 0;
    withConnection([&](pqxx::connection_base &c) {
        pqxx::work tx{c};
        id = tx.exec_params1("INSERT INTO ops.pipeline_run (status, trigger, source_kind, started_by, host, spec) "
                             "VALUES ('queued', $1, $2, $3, $4, $5::jsonb) RETURNING run_id",
                             toString(spec.trigger).toStdString(), spec.sourceKind.toStdString(),
                             spec.startedBy.isEmpty() ? std::string("unknown") : spec.startedBy.toStdString(),
                             QSysInfo::machineHostName().toStdString(), spec.toJson().dump())[0]
                 .as<qint64>();
        // Taken before the row is committed: no one can see the run without
        // its lock held. Session-level, so it outlives this transaction.
        tx.exec_params("SELECT pg_advisory_lock($1, $2)", kRunLockClass, runLockKey(id));
        tx.commit();
        m_lockedRun = id;
        m_lockPid = c.backendpid();
    });
    return id;
}

void RunRecorder::markRunning(qint64 runId)
{
    withConnection([&](pqxx::connection_base &c) {
        pqxx::work tx{c};
        tx.exec_params0("UPDATE ops.pipeline_run SET status = 'running', started_at = now() WHERE run_id = $1", runId);
        tx.commit();
    });
}

void RunRecorder::setSnapshot(qint64 runId, const QString &path)
{
    withConnection([&](pqxx::connection_base &c) {
        pqxx::work tx{c};
        tx.exec_params0("UPDATE ops.pipeline_run SET snapshot_path = $2 WHERE run_id = $1", runId, path.toStdString());
        tx.commit();
    });
}

void RunRecorder::stageStarted(qint64 runId, const QString &stage, const QString &table)
{
    withConnection([&](pqxx::connection_base &c) {
        pqxx::work tx{c};
        tx.exec_params0(
            "INSERT INTO ops.stage_result (run_id, stage, table_name, status) VALUES ($1, $2, $3, 'running') "
            "ON CONFLICT (run_id, stage, table_name) DO UPDATE SET status = 'running', started_at = now(), "
            "ended_at = NULL, error_text = NULL",
            runId, stage.toStdString(), table.toStdString());
        tx.commit();
    });
}

void RunRecorder::stageFinished(qint64 runId, const QString &stage, const TableCounts &counts, TableState state,
                                int attempts, const QString &error)
{
    withConnection([&](pqxx::connection_base &c) {
        pqxx::work tx{c};
        tx.exec_params0(
            "INSERT INTO ops.stage_result (run_id, stage, table_name, status, ended_at, rows_read, rows_loaded, "
            "rows_quarantined, rows_rejected, rows_skipped, attempts, error_text) "
            "VALUES ($1, $2, $3, $4, now(), $5, $6, $7, $8, $9, $10, $11) "
            "ON CONFLICT (run_id, stage, table_name) DO UPDATE SET status = EXCLUDED.status, ended_at = now(), "
            "rows_read = EXCLUDED.rows_read, rows_loaded = EXCLUDED.rows_loaded, "
            "rows_quarantined = EXCLUDED.rows_quarantined, rows_rejected = EXCLUDED.rows_rejected, "
            "rows_skipped = EXCLUDED.rows_skipped, attempts = EXCLUDED.attempts, "
            "error_text = EXCLUDED.error_text",
            runId, stage.toStdString(), counts.table.toStdString(), toString(state).toStdString(), counts.read,
            counts.loaded, counts.quarantined, counts.rejected, counts.skipped, attempts, orNull(error));
        tx.commit();
    });
}

void RunRecorder::stageSpan(qint64 runId, const QString &stage, const QString &table, const TimeSpan &span)
{
    if (!span.isValid())
        return;
    withConnection([&](pqxx::connection_base &c) {
        pqxx::work tx{c};
        tx.exec_params0("UPDATE ops.stage_result SET started_at = to_timestamp(($4::bigint / 1000000.0)::float8), "
                        "ended_at = to_timestamp(($5::bigint / 1000000.0)::float8) WHERE run_id = $1 AND stage = $2 "
                        "AND table_name = $3",
                        runId, stage.toStdString(), table.toStdString(), span.startedUs, span.endedUs);
        tx.commit();
    });
}

void RunRecorder::endOpenStages(qint64 runId, TableState state, const QString &error)
{
    withConnection([&](pqxx::connection_base &c) {
        pqxx::work tx{c};
        runner::endOpenStages(tx, runId, state, error);
        tx.commit();
    });
}

bool RunRecorder::reconnect()
{
    try {
        withConnection([](pqxx::connection_base &c) {
            pqxx::nontransaction tx{c};
            tx.exec("SELECT 1");
        });
        return true;
    } catch (const std::exception &e) {
        qCWarning(lcRunner) << "could not reopen the run record's connection:" << e.what();
        return false;
    }
}

void RunRecorder::log(qint64 runId, const LogLine &line)
{
    if (line.level == LogLevel::Debug)
        return;
    withConnection([&](pqxx::connection_base &c) {
        pqxx::work tx{c};
        tx.exec_params0("INSERT INTO ops.run_log (run_id, seq, level, stage, message) VALUES ($1, $2, $3, $4, $5)",
                        runId, ++m_logSeq, toString(line.level).toStdString(), orNull(line.stage),
                        line.message.toStdString());
        tx.commit();
    });
}

void RunRecorder::finishRun(const RunResult &result)
{
    nlohmann::json summary = {{"tables", result.tablesJson()},
                              {"new_anomalies", result.newAnomalies},
                              {"quality_overall", result.qualityOverall},
                              {"seconds", result.seconds},
                              {"published", result.published}};
    if (result.detector)
        summary["detector"] = result.detector->toJson();
    withConnection([&](pqxx::connection_base &c) {
        pqxx::work tx{c};
        tx.exec_params0(
            "UPDATE ops.pipeline_run SET status = $2, ended_at = now(), started_at = coalesce(started_at, now()), "
            "rows_read = $3, rows_loaded = $4, rows_quarantined = $5, error_text = $6, gate_status = $7, "
            "summary = $8::jsonb, rows_rejected = $9, rows_skipped = $10 WHERE run_id = $1",
            result.runId, toString(result.status).toStdString(), result.rowsRead, result.rowsLoaded,
            result.rowsQuarantined, orNull(result.error), orNull(result.gateStatus),
            summary.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), result.rowsRejected,
            result.rowsSkipped);
        tx.commit();
    });
}

} // namespace ecomops::runner

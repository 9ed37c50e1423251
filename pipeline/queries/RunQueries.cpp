#include "queries/RunQueries.h"

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <optional>

namespace ecomops::queries {
namespace {

// Timestamps travel as epoch milliseconds: no text parsing, no time zone guesswork.
#define ECOMOPS_EPOCH_MS(column) "(extract(epoch FROM " column ") * 1000)::bigint"

// clang-format off
const char *const kRunColumns =
    "run_id, status, trigger, source_kind, started_by, db_role, coalesce(host, ''), "
    ECOMOPS_EPOCH_MS("queued_at") ", " ECOMOPS_EPOCH_MS("started_at") ", " ECOMOPS_EPOCH_MS("ended_at") ", "
    "extract(epoch FROM coalesce(ended_at, now()) - started_at)::float8, "
    "rows_read, rows_loaded, rows_quarantined, coalesce(gate_status, ''), coalesce(error_text, ''), "
    "coalesce(snapshot_path, ''), "
    "CASE WHEN jsonb_typeof(summary -> 'quality_overall') = 'number' "
    "     THEN (summary ->> 'quality_overall')::float8 END, "
    "CASE WHEN jsonb_typeof(summary -> 'new_anomalies') = 'number' "
    "     THEN (summary ->> 'new_anomalies')::numeric::bigint END, "
    "(SELECT count(*) FROM ops.run_note n WHERE n.run_id = pipeline_run.run_id), "
    "coalesce((SELECT n.note FROM ops.run_note n WHERE n.run_id = pipeline_run.run_id "
    "          ORDER BY n.created_at DESC, n.note_id DESC LIMIT 1), ''), "
    "CASE WHEN jsonb_typeof(spec #> '{origin,run_id}') = 'number' THEN (spec #>> '{origin,run_id}')::bigint END, "
    "coalesce(spec #>> '{origin,how}', '') ";
// clang-format on

QString text(const pqxx::field &f)
{
    return f.is_null() ? QString() : QString::fromStdString(f.as<std::string>());
}

QDateTime timestamp(const pqxx::field &f)
{
    if (f.is_null())
        return {};
    return QDateTime::fromMSecsSinceEpoch(f.as<qint64>());
}

RunSummary readRun(const pqxx::row &r)
{
    RunSummary run;
    run.runId = r[0].as<qint64>();
    run.status = text(r[1]);
    run.trigger = text(r[2]);
    run.sourceKind = text(r[3]);
    run.startedBy = text(r[4]);
    run.dbRole = text(r[5]);
    run.host = text(r[6]);
    run.queuedAt = timestamp(r[7]);
    run.startedAt = timestamp(r[8]);
    run.endedAt = timestamp(r[9]);
    run.seconds = r[10].is_null() ? -1.0 : r[10].as<double>();
    run.rowsRead = r[11].as<qint64>();
    run.rowsLoaded = r[12].as<qint64>();
    run.rowsQuarantined = r[13].as<qint64>();
    run.gateStatus = text(r[14]);
    run.error = text(r[15]);
    run.snapshotPath = text(r[16]);
    run.qualityOverall = r[17].is_null() ? -1.0 : r[17].as<double>();
    run.newAnomalies = r[18].is_null() ? -1 : r[18].as<qint64>();
    run.noteCount = r[19].as<int>();
    run.latestNote = text(r[20]);
    run.originRunId = r[21].is_null() ? 0 : r[21].as<qint64>();
    run.originHow = text(r[22]);
    return run;
}

} // namespace

std::vector<RunSummary> recentRuns(const QString &conninfo, int limit)
{
    pqxx::connection c{conninfo.toStdString()};
    pqxx::read_transaction tx{c};
    const pqxx::result rows = tx.exec_params(std::string("SELECT ") + kRunColumns +
                                                 "FROM ops.pipeline_run ORDER BY queued_at DESC, run_id DESC LIMIT $1",
                                             limit);
    std::vector<RunSummary> runs;
    runs.reserve(std::size_t(rows.size()));
    for (const pqxx::row &r : rows)
        runs.push_back(readRun(r));
    return runs;
}

RunDetail runDetail(const QString &conninfo, qint64 runId, int logLimit)
{
    pqxx::connection c{conninfo.toStdString()};
    pqxx::read_transaction tx{c};
    RunDetail detail;
    const pqxx::result run =
        tx.exec_params(std::string("SELECT ") + kRunColumns + "FROM ops.pipeline_run WHERE run_id = $1", runId);
    if (run.empty())
        return detail;
    detail.run = readRun(run[0]);
    const pqxx::row detector =
        tx.exec_params1("SELECT (summary -> 'detector')::text FROM ops.pipeline_run WHERE run_id = $1", runId);
    if (!detector[0].is_null())
        detail.detector = anomalies::DetectorQuality::fromJson(nlohmann::json::parse(detector[0].c_str()));

    const pqxx::result stages =
        tx.exec_params("SELECT stage, table_name, status, " ECOMOPS_EPOCH_MS("started_at") ", " ECOMOPS_EPOCH_MS(
                           "ended_at") ", "
                                       "rows_read, rows_loaded, rows_quarantined, attempts, coalesce(error_text, '') "
                                       "FROM ops.stage_result WHERE run_id = $1 "
                                       "ORDER BY array_position(ARRAY['source', 'stage', 'load', 'validate', "
                                       "'transform', 'detect', 'marts', "
                                       "'publish'], stage) NULLS LAST, started_at, table_name",
                       runId);
    for (const pqxx::row &r : stages) {
        StageResult s;
        s.stage = text(r[0]);
        s.table = text(r[1]);
        s.status = text(r[2]);
        s.startedAt = timestamp(r[3]);
        s.endedAt = timestamp(r[4]);
        s.rowsRead = r[5].as<qint64>();
        s.rowsLoaded = r[6].as<qint64>();
        s.rowsQuarantined = r[7].as<qint64>();
        s.attempts = r[8].as<int>();
        s.error = text(r[9]);
        detail.stages.push_back(std::move(s));
    }

    detail.notes = runNotes(tx, runId);

    // The last `logLimit` lines, oldest first.
    const pqxx::result log = tx.exec_params(
        "SELECT " ECOMOPS_EPOCH_MS(
            "at") ", level, coalesce(stage, ''), message FROM "
                  "(SELECT * FROM ops.run_log WHERE run_id = $1 ORDER BY seq DESC LIMIT $2) AS last ORDER BY seq",
        runId, logLimit);
    for (const pqxx::row &r : log) {
        LogLine line;
        line.at = timestamp(r[0]);
        line.level = logLevelFromString(text(r[1]));
        line.stage = text(r[2]);
        line.message = text(r[3]);
        detail.log.push_back(std::move(line));
    }
    return detail;
}

LatestDetector latestDetector(const QString &conninfo)
{
    pqxx::connection c{conninfo.toStdString()};
    pqxx::read_transaction tx{c};
    const pqxx::result r = tx.exec("SELECT run_id, source_kind, (summary -> 'detector')::text FROM ops.pipeline_run "
                                   "WHERE status = 'succeeded' AND jsonb_typeof(summary -> 'detector') = 'object' "
                                   "ORDER BY run_id DESC LIMIT 1");
    LatestDetector latest;
    if (r.empty())
        return latest;
    latest.runId = r[0][0].as<qint64>();
    latest.sourceKind = text(r[0][1]);
    latest.quality = anomalies::DetectorQuality::fromJson(nlohmann::json::parse(r[0][2].c_str()));
    return latest;
}

} // namespace ecomops::queries

// Writing a run's scorecard: ops.quality_run, quality_score, quality_failure,
// quality_gate and quality_null, replacing what an earlier scoring of the same
// run wrote (the validate stage scores first; the publish stage scores again
// once the transform has said which rows it could not resolve).
#include "quality/QualityStage.h"

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

namespace ecomops::quality {

using nlohmann::json;

namespace {

json examplesJson(const std::vector<RuleExample> &examples)
{
    json out = json::array();
    for (const RuleExample &e : examples)
        out.push_back({{"source_line", e.line}, {"value", e.value}, {"reason", e.reason}, {"record", e.record}});
    return out;
}

json optionalNumber(const std::optional<double> &value)
{
    return value ? json(*value) : json(nullptr);
}

} // namespace

void QualityStage::recordScores(pqxx::transaction_base &tx, const QualityReport &report) const
{
    // Through the owner's function (0065/0067): an operator may not delete
    // run records itself.
    tx.exec_params("SELECT ops.discard_run_rows($1, 'scores')", m_runId);
    const ScoreCard &card = report.scores;
    const QualityOptions &options = m_options;
    tx.exec_params0(
        "INSERT INTO ops.quality_run (run_id, overall, gate_status, messages, options, run_time, "
        "snapshot_created_at, rows_quarantined) SELECT $1, $2, $3, ARRAY(SELECT "
        "jsonb_array_elements_text($4::jsonb)), $5::jsonb, $6::timestamptz, $7::timestamptz, $8",
        m_runId, card.overall, toString(card.status), json(card.messages).dump(), options.toJson().dump(),
        m_runTime.toUTC().toString(Qt::ISODateWithMs).toStdString(),
        m_snapshotCreatedAt.isValid()
            ? std::optional<std::string>(m_snapshotCreatedAt.toUTC().toString(Qt::ISODateWithMs).toStdString())
            : std::nullopt,
        report.quarantined);

    json scores = json::array();
    auto addDimensions = [&](const std::string &table, const std::array<DimensionScore, 8> &dimensions) {
        for (const DimensionScore &d : dimensions)
            scores.push_back({{"t", table},
                              {"d", toString(d.dimension)},
                              {"s", optionalNumber(d.score)},
                              {"th", d.threshold},
                              {"p", d.passed},
                              {"c", d.checked},
                              {"f", d.failed},
                              {"w", options.weights[indexOf(d.dimension)]}});
    };
    for (const TableScore &t : card.tables) {
        addDimensions(t.table, t.dimensions);
        scores.push_back({{"t", t.table},
                          {"d", "overall"},
                          {"s", optionalNumber(t.overall)},
                          {"th", t.overallThreshold},
                          {"p", t.overallPassed},
                          {"c", 0},
                          {"f", 0},
                          {"w", nullptr}});
    }
    addDimensions(std::string(), card.run);
    scores.push_back({{"t", ""},
                      {"d", "overall"},
                      {"s", optionalNumber(card.overall)},
                      {"th", options.gates.overall},
                      {"p", card.status != GateStatus::Failed},
                      {"c", 0},
                      {"f", 0},
                      {"w", nullptr}});
    tx.exec_params0(
        "INSERT INTO ops.quality_score (run_id, table_name, dimension, score, threshold, passed, checked, "
        "failed, weight) SELECT $1, x.t, x.d, x.s, x.th, x.p, x.c, x.f, x.w FROM jsonb_to_recordset($2::jsonb) "
        "AS x(t text, d text, s numeric, th numeric, p boolean, c bigint, f bigint, w numeric)",
        m_runId, scores.dump(-1, ' ', false, json::error_handler_t::replace));

    json failures = json::array();
    for (const RuleResult &r : report.rules) {
        if (r.checked == 0 && r.failed == 0)
            continue;
        failures.push_back({{"t", r.table},
                            {"r", r.ruleId},
                            {"d", toString(r.dimension)},
                            {"s", toString(r.severity)},
                            {"c", r.checked},
                            {"f", r.failed},
                            {"e", examplesJson(r.examples)}});
    }
    tx.exec_params0("INSERT INTO ops.quality_failure (run_id, table_name, rule_id, dimension, severity, checked, "
                    "failed_count, examples) SELECT $1, x.t, x.r, x.d, x.s, x.c, x.f, x.e FROM "
                    "jsonb_to_recordset($2::jsonb) AS x(t text, r text, d text, s text, c bigint, f bigint, e jsonb)",
                    m_runId, failures.dump(-1, ' ', false, json::error_handler_t::replace));

    json gates = json::array();
    for (const GateCheck &g : card.gates)
        gates.push_back({{"t", g.table},
                         {"m", g.metric},
                         {"v", g.value},
                         {"th", g.threshold},
                         {"c", g.atLeast ? ">=" : "<="},
                         {"p", g.passed},
                         {"mode", toString(g.mode)},
                         {"msg", g.passed ? json(nullptr) : json(g.message)}});
    tx.exec_params0("INSERT INTO ops.quality_gate (run_id, table_name, metric, value, threshold, comparison, passed, "
                    "mode, message) SELECT $1, x.t, x.m, x.v, x.th, x.c, x.p, x.mode, x.msg FROM "
                    "jsonb_to_recordset($2::jsonb) AS x(t text, m text, v numeric, th numeric, c text, p boolean, "
                    "mode text, msg text)",
                    m_runId, gates.dump(-1, ' ', false, json::error_handler_t::replace));

    json nulls = json::array();
    for (const TableFacts &f : report.facts) {
        for (const ColumnNulls &c : f.columns)
            nulls.push_back(
                {{"t", f.table}, {"c", c.column}, {"cells", f.checkedRows}, {"n", c.nulls}, {"counted", f.counted(c)}});
    }
    tx.exec_params0("INSERT INTO ops.quality_null (run_id, table_name, column_name, cells, nulls, counted) SELECT $1, "
                    "x.t, x.c, x.cells, x.n, x.counted FROM jsonb_to_recordset($2::jsonb) AS x(t text, c text, "
                    "cells bigint, n bigint, counted boolean)",
                    m_runId, nulls.dump(-1, ' ', false, json::error_handler_t::replace));
}

} // namespace ecomops::quality

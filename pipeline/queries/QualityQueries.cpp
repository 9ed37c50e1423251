#include "queries/QualityQueries.h"

#include <pqxx/pqxx>

#include <map>
#include <set>

namespace ecomops::queries {
namespace {

QString text(const pqxx::field &f)
{
    return f.is_null() ? QString() : QString::fromStdString(f.as<std::string>());
}

double number(const pqxx::field &f, double fallback = -1)
{
    return f.is_null() ? fallback : f.as<double>();
}

QDateTime timestamp(const pqxx::field &f)
{
    return f.is_null() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(f.as<qint64>());
}

// A text[] read as its JSON form, which is unambiguous to split.
QStringList textArray(const pqxx::field &f)
{
    QStringList out;
    if (f.is_null())
        return out;
    auto parser = f.as_array();
    for (auto item = parser.get_next(); item.first != pqxx::array_parser::done; item = parser.get_next())
        if (item.first == pqxx::array_parser::string_value)
            out.append(QString::fromStdString(item.second));
    return out;
}

std::string str(const QString &s)
{
    return s.toStdString();
}

} // namespace

const QStringList &qualityDimensions()
{
    static const QStringList dimensions{QStringLiteral("completeness"), QStringLiteral("validity"),
                                        QStringLiteral("consistency"),  QStringLiteral("timeliness"),
                                        QStringLiteral("uniqueness"),   QStringLiteral("accuracy"),
                                        QStringLiteral("conformity"),   QStringLiteral("integrity")};
    return dimensions;
}

std::vector<QualityRunInfo> qualityRuns(const QString &conninfo, int limit)
{
    pqxx::connection conn{str(conninfo)};
    pqxx::read_transaction tx{conn};
    std::vector<QualityRunInfo> runs;
    for (const auto &r :
         tx.exec_params("SELECT q.run_id, (extract(epoch FROM p.queued_at) * 1000)::bigint, p.status, q.gate_status, "
                        "q.overall::float8, q.rows_quarantined, q.messages "
                        "FROM ops.quality_run q JOIN ops.pipeline_run p ON p.run_id = q.run_id "
                        "ORDER BY q.run_id DESC LIMIT $1",
                        limit)) {
        QualityRunInfo run;
        run.runId = r[0].as<qint64>();
        run.queuedAt = timestamp(r[1]);
        run.runStatus = text(r[2]);
        run.gateStatus = text(r[3]);
        run.overall = number(r[4]);
        run.rowsQuarantined = r[5].as<qint64>();
        run.messages = textArray(r[6]);
        runs.push_back(run);
    }
    return runs;
}

RunScorecard runScorecard(const QString &conninfo, qint64 runId)
{
    pqxx::connection conn{str(conninfo)};
    pqxx::read_transaction tx{conn};
    RunScorecard card;
    const pqxx::result run =
        tx.exec_params("SELECT gate_status, overall::float8, messages FROM ops.quality_run WHERE run_id = $1", runId);
    if (run.empty())
        return card;
    card.runId = runId;
    card.gateStatus = text(run[0][0]);
    card.overall = number(run[0][1]);
    card.messages = textArray(run[0][2]);

    // The gates decide between fail and warn: a failed gate in warn mode only warns.
    std::map<QString, std::pair<bool, bool>> gates; // table → (a fail-mode gate failed, a warn-mode gate failed)
    for (const auto &g : tx.exec_params(
             "SELECT table_name, bool_or(NOT passed AND mode = 'fail'), bool_or(NOT passed AND mode = 'warn') "
             "FROM ops.quality_gate WHERE run_id = $1 GROUP BY table_name",
             runId))
        gates[text(g[0])] = {g[1].as<bool>(), g[2].as<bool>()};

    std::map<QString, TableScorecard> tables;
    for (const auto &r : tx.exec_params(
             // Tables the run staged (a load result): the catalogue's others
             // (Olist-only tables in a synthetic run) are not the run's.
             "SELECT table_name, dimension, score::float8, threshold::float8, passed, checked, failed "
             "FROM ops.quality_score WHERE run_id = $1 AND table_name IN ("
             "    SELECT table_name FROM ops.quality_score WHERE run_id = $1 AND checked > 0 "
             "    UNION SELECT table_name FROM ops.stage_result WHERE run_id = $1 AND stage = 'load') "
             "ORDER BY table_name",
             runId)) {
        const QString table = text(r[0]);
        TableScorecard &t = tables[table];
        t.table = table;
        if (t.dimensions.empty())
            for (const QString &d : qualityDimensions())
                t.dimensions.push_back(DimensionScore{d, -1, -1, true, 0, 0});
        const QString dimension = text(r[1]);
        if (dimension == QLatin1String("overall")) {
            t.overall = number(r[2]);
            t.overallThreshold = number(r[3]);
            t.checked = r[5].as<qint64>();
            t.failed = r[6].as<qint64>();
            continue;
        }
        const qsizetype i = qualityDimensions().indexOf(dimension);
        if (i < 0)
            continue;
        DimensionScore &d = t.dimensions[std::size_t(i)];
        d.score = number(r[2]);
        d.threshold = number(r[3]);
        d.passed = r[4].as<bool>();
        d.checked = r[5].as<qint64>();
        d.failed = r[6].as<qint64>();
    }
    for (auto &[name, t] : tables) {
        // Gates are per table, so the run as a whole records its dimensions
        // as passed; shown against their thresholds they must not read
        // "meets" when they are below.
        if (name.isEmpty())
            for (DimensionScore &d : t.dimensions)
                d.passed = d.score < 0 || d.threshold < 0 || d.score >= d.threshold;
        const auto gate = gates.find(name);
        const bool failGate = gate != gates.end() && gate->second.first;
        const bool warnGate = gate != gates.end() && gate->second.second;
        bool belowThreshold = false;
        for (const DimensionScore &d : t.dimensions)
            belowThreshold = belowThreshold || !d.passed;
        const bool overallBelow = t.overall >= 0 && t.overallThreshold >= 0 && t.overall < t.overallThreshold;
        if (name.isEmpty()) // the run as a whole: the verdict of its gates
            t.verdict = card.gateStatus.startsWith(QLatin1String("fail"))   ? QStringLiteral("fail")
                        : card.gateStatus.startsWith(QLatin1String("warn")) ? QStringLiteral("warn")
                                                                            : QStringLiteral("pass");
        else if (t.overall < 0)
            t.verdict.clear(); // nothing of it was checked
        else if (failGate)
            t.verdict = QStringLiteral("fail");
        else if (warnGate || belowThreshold || overallBelow)
            t.verdict = overallBelow && gate == gates.end() ? QStringLiteral("fail") : QStringLiteral("warn");
        else
            t.verdict = QStringLiteral("pass");
        card.tables.push_back(t); // std::map: the whole run ("") first, then by name
    }
    return card;
}

std::vector<TrendPoint> overallTrend(const QString &conninfo, const QString &table, int limit)
{
    pqxx::connection conn{str(conninfo)};
    pqxx::read_transaction tx{conn};
    std::vector<TrendPoint> points;
    for (const auto &r : tx.exec_params(
             "SELECT run_id, (extract(epoch FROM queued_at) * 1000)::bigint, score::float8, threshold::float8, passed "
             "FROM (SELECT * FROM ops.quality_scorecard WHERE table_name = $1 AND dimension = 'overall' "
             "      ORDER BY run_id DESC LIMIT $2) s ORDER BY run_id",
             str(table), limit)) {
        TrendPoint p;
        p.runId = r[0].as<qint64>();
        p.at = timestamp(r[1]);
        p.score = number(r[2]);
        p.threshold = number(r[3]);
        p.passed = r[4].as<bool>();
        points.push_back(p);
    }
    return points;
}

std::vector<RuleResult> dimensionRules(const QString &conninfo, qint64 runId, const QString &table,
                                       const QString &dimension)
{
    pqxx::connection conn{str(conninfo)};
    pqxx::read_transaction tx{conn};
    std::vector<RuleResult> rules;
    // The whole run ("") gathers every table's rules.
    for (const auto &r : tx.exec_params(
             "SELECT rule_id, coalesce(description, rule_id), severity, coalesce(kind, ''), "
             "coalesce(columns, '{}'), checked, failed_count, pass_percent::float8, table_name "
             "FROM ops.quality_rule_result WHERE run_id = $1 AND ($2 = '' OR table_name = $2) AND dimension = $3 "
             "ORDER BY failed_count DESC, rule_id",
             runId, str(table), str(dimension))) {
        RuleResult rule;
        rule.ruleId = text(r[0]);
        rule.description = text(r[1]);
        rule.severity = text(r[2]);
        rule.kind = text(r[3]);
        rule.columns = textArray(r[4]);
        rule.checked = r[5].as<qint64>();
        rule.failed = r[6].as<qint64>();
        rule.passPercent = number(r[7]);
        rule.table = text(r[8]);
        rules.push_back(rule);
    }
    return rules;
}

std::vector<FailingRow> failingRows(const QString &conninfo, qint64 runId, const QString &table, const QString &ruleId,
                                    int limit)
{
    return failingRowPage(conninfo, runId, table, ruleId, limit, 0).rows;
}

FailingRowPage failingRowPage(const QString &conninfo, qint64 runId, const QString &table, const QString &ruleId,
                              int limit, qint64 offset)
{
    pqxx::connection conn{str(conninfo)};
    pqxx::read_transaction tx{conn};
    FailingRowPage page;
    std::vector<FailingRow> &rows = page.rows;
    std::set<qint64> quarantinedLines;
    // A rule id names its table ("orders.order_ts.not_future"), except the '*' rules.
    QString ruleTable = table;
    if (ruleTable.isEmpty()) {
        const pqxx::result t = tx.exec_params(
            "SELECT table_name FROM ops.quality_failure WHERE run_id = $1 AND rule_id = $2 ORDER BY failed_count DESC "
            "LIMIT 1",
            runId, str(ruleId));
        if (!t.empty())
            ruleTable = text(t[0][0]);
    }
    page.quarantinedTotal = tx.exec_params("SELECT count(*) FROM quarantine.rejected_row WHERE run_id = $1 AND "
                                           "table_name = $2 AND rule_ids @> ARRAY[$3]::text[]",
                                           runId, str(ruleTable), str(ruleId))[0][0]
                                .as<qint64>();
    for (const auto &r : tx.exec_params("SELECT source_line, stage, raw_record, reasons, rule_ids FROM "
                                        "quarantine.rejected_row WHERE run_id = $1 AND table_name = $2 AND rule_ids "
                                        "@> ARRAY[$3]::text[] ORDER BY source_line LIMIT $4 OFFSET $5",
                                        runId, str(ruleTable), str(ruleId), limit, offset)) {
        FailingRow row;
        row.sourceLine = r[0].as<qint64>();
        row.stage = text(r[1]);
        row.quarantined = true;
        row.rawRecord = text(r[2]);
        row.reasons = textArray(r[3]);
        row.ruleIds = textArray(r[4]);
        quarantinedLines.insert(row.sourceLine);
        rows.push_back(row);
    }
    page.quarantinedInPage = int(rows.size());
    // Examples the rule kept (a "count" rule quarantines nothing), with every
    // reason any rule of the run gave for the same line.
    for (const auto &r : tx.exec_params(
             "WITH ex AS (SELECT (e ->> 'source_line')::bigint AS line, e ->> 'value' AS value, "
             "                   e ->> 'record' AS record "
             "            FROM ops.quality_failure f, jsonb_array_elements(f.examples) e "
             "            WHERE f.run_id = $1 AND f.table_name = $2 AND f.rule_id = $3), "
             "     why AS (SELECT (e ->> 'source_line')::bigint AS line, f.rule_id, e ->> 'reason' AS reason "
             "             FROM ops.quality_failure f, jsonb_array_elements(f.examples) e "
             "             WHERE f.run_id = $1 AND f.table_name = $2) "
             "SELECT ex.line, coalesce(ex.value, ''), coalesce(ex.record, ''), "
             "       array_agg(why.reason ORDER BY why.rule_id <> $3, why.rule_id), "
             "       array_agg(why.rule_id ORDER BY why.rule_id <> $3, why.rule_id), "
             "       EXISTS (SELECT 1 FROM quarantine.rejected_row q WHERE q.run_id = $1 AND q.table_name = $2 "
             "               AND q.source_line = ex.line AND q.rule_ids @> ARRAY[$3]::text[]) "
             "FROM ex JOIN why ON why.line = ex.line "
             "GROUP BY ex.line, ex.value, ex.record ORDER BY ex.line LIMIT $4",
             runId, str(ruleTable), str(ruleId), limit)) {
        const qint64 line = r[0].as<qint64>();
        if (quarantinedLines.count(line)) {
            for (FailingRow &q : rows)
                if (q.sourceLine == line && q.value.isEmpty())
                    q.value = text(r[1]);
            continue;
        }
        // A quarantined example shows on its own page; the others on the first.
        if (offset > 0 || r[5].as<bool>())
            continue;
        ++page.examplesInPage;
        FailingRow row;
        row.sourceLine = line;
        row.value = text(r[1]);
        row.rawRecord = text(r[2]);
        row.reasons = textArray(r[3]);
        row.ruleIds = textArray(r[4]);
        rows.push_back(row);
    }
    return page;
}

} // namespace ecomops::queries

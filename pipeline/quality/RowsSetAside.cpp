#include "quality/RowsSetAside.h"

#include "quality/RuleCatalog.h"

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

namespace ecomops::quality {

LostRows rowsSetAside(pqxx::transaction_base &tx, qint64 runId)
{
    // Rule ids → dimension, so that a row failing two rules of one dimension
    // counts once in it.
    nlohmann::json dimensions = nlohmann::json::object();
    for (const Rule &r : ruleCatalog())
        dimensions[r.id] = std::to_string(indexOf(r.dimension));
    LostRows lost;
    const pqxx::result rows =
        tx.exec_params("SELECT q.table_name, m.value::int, count(DISTINCT q.source_line) "
                       "FROM quarantine.rejected_row q CROSS JOIN LATERAL unnest(q.rule_ids) AS u(rule_id) "
                       "JOIN jsonb_each_text($2::jsonb) AS m ON m.key = u.rule_id "
                       "WHERE q.run_id = $1 GROUP BY 1, 2",
                       runId, dimensions.dump());
    for (const auto &row : rows) {
        const int dimension = row[1].as<int>();
        if (dimension >= 0 && dimension < 8)
            lost[row[0].as<std::string>()][std::size_t(dimension)] = row[2].as<qint64>();
    }
    return lost;
}

std::vector<RuleResult> transformRuleResults(pqxx::transaction_base &tx, qint64 runId,
                                             const std::vector<TableCounts> &transformed, const RuleSettings &settings)
{
    // A row may fail one rule twice (an unknown order and an unknown
    // product): counted once, with its first reason for that rule.
    const pqxx::result rows = tx.exec_params(
        "WITH f AS (SELECT DISTINCT ON (q.table_name, q.source_line, u.rule_id) q.table_name, u.rule_id, "
        "q.source_line, "
        "q.reasons[u.i] AS reason, left(q.raw_record, 200) AS record FROM quarantine.rejected_row q, "
        "unnest(q.rule_ids) WITH ORDINALITY AS u(rule_id, i) WHERE q.run_id = $1 AND q.stage = 'transform' "
        "ORDER BY q.table_name, q.source_line, u.rule_id, u.i) "
        "SELECT table_name, rule_id, n, source_line, reason, record FROM (SELECT f.*, count(*) OVER w AS n, "
        "row_number() OVER (w ORDER BY f.source_line) AS rn FROM f WINDOW w AS (PARTITION BY f.table_name, f.rule_id)) "
        "x "
        "WHERE rn <= $2 ORDER BY 1, 2, 4",
        runId, RowRules::kMaxExamples);
    std::vector<RuleResult> results;
    for (const TableCounts &t : transformed) {
        if (t.read == 0)
            continue;
        const std::string table = t.table.toStdString();
        for (const Rule &rule : ruleCatalog()) {
            if (rule.kind() != RuleKind::Transform)
                continue;
            const std::optional<Severity> severity = effectiveSeverity(rule, settings);
            if (!severity)
                continue;
            RuleResult r{rule.id, table, rule.dimension, *severity, t.read, 0, {}};
            for (const auto &row : rows) {
                if (row[0].as<std::string>() != table || row[1].as<std::string>() != rule.id)
                    continue;
                r.failed = row[2].as<qint64>();
                r.examples.push_back(
                    {row[3].as<qint64>(), std::string(), row[4].as<std::string>(), row[5].as<std::string>()});
            }
            results.push_back(std::move(r));
        }
    }
    return results;
}

} // namespace ecomops::quality

#include "quality/Validation.h"

#include "quality/SetRules.h"
#include "staging/Catalog.h"

#include <QElapsedTimer>

#include <algorithm>

namespace ecomops::quality {

void QualityStage::Validation::runSetRules()
{
    // Every set rule reads whole tables of the run: hash joins suit them,
    // and the planner's guesses about the views' keys (btrim of text)
    // must not turn one into a nested loop over both tables.
    m_tx.exec0("SET LOCAL enable_nestloop = off");
    for (const staging::TableSpec &t : staging::catalog()) {
        const QString table = QString::fromStdString(t.name);
        TimeSpan &span = m_report.tableSpans[t.name];
        span.startedUs = TimeSpan::nowUs();
        m_observer.progress(table, 0, m_staged[t.name]);
        std::vector<const Rule *> rules;
        for (const Rule &r : ruleCatalog()) {
            if (r.kind() == RuleKind::Set && r.table == t.name)
                rules.push_back(&r);
        }
        // A child's parent_accepted rule looks at what the other rules rejected.
        std::stable_partition(rules.begin(), rules.end(),
                              [](const Rule *r) { return r->check != Check::ParentAccepted; });
        for (const Rule *rule : rules) {
            const std::optional<Severity> severity = effectiveSeverity(*rule, m_stage.m_options.rules);
            if (!severity)
                continue;
            if (rule->optionalParent && m_staged[rule->refTable] + m_atLoad[rule->refTable] == 0 &&
                !m_warehouse.count(rule->warehouseTable))
                continue; // the run does not bring that table: nothing to resolve against
            const std::string select = sql::ruleSelect(*rule, m_stage.m_options.rules, m_warehouse);
            if (select.empty())
                continue;
            checkCancel();
            QElapsedTimer timer;
            timer.start();
            const pqxx::row r =
                m_tx.exec_params1(sql::countAndKeepFailures(select), t.name, rule->id, *severity == Severity::Reject);
            qCDebug(lcQuality) << rule->id.c_str() << r[0].as<qint64>() << "checked" << r[1].as<qint64>() << "failed in"
                               << timer.elapsed() << "ms";
            m_setResults.push_back(
                {rule->id, t.name, rule->dimension, *severity, r[0].as<qint64>(), r[1].as<qint64>(), {}});
        }
        m_observer.progress(table, m_staged[t.name], m_staged[t.name]);
        span.endedUs = TimeSpan::nowUs();
    }
    m_tx.exec0("SET LOCAL enable_nestloop TO DEFAULT");
}

void QualityStage::Validation::setRuleExamples()
{
    for (const staging::TableSpec &t : staging::catalog()) {
        checkCancel();
        const pqxx::result rows = m_tx.exec_params(
            "SELECT f.rule_id, f.source_line, coalesce(f.value, ''), f.reason, left(" + sql::recordExpression(t, "v") +
                ", 200) FROM (SELECT d.*, row_number() OVER (PARTITION BY d.rule_id ORDER BY d.source_line) AS rn "
                "FROM pg_temp.dq_fail d WHERE d.table_name = $1 AND NOT d.row_rule) f JOIN " +
                sql::viewName(t.name) +
                " v ON v.source_line = f.source_line WHERE f.rn <= $2 ORDER BY f.rule_id, f.source_line",
            t.name, RowRules::kMaxExamples);
        for (const auto &row : rows) {
            for (RuleResult &r : m_setResults) {
                if (r.table == t.name && r.ruleId == row[0].as<std::string>())
                    r.examples.push_back({row[1].as<qint64>(), row[2].as<std::string>(), row[3].as<std::string>(),
                                          row[4].as<std::string>()});
            }
        }
    }
}

// Malformed CSV and text that is not UTF-8: the loader's own rules.
void QualityStage::Validation::loadRuleResults()
{
    const pqxx::result rows = m_tx.exec_params(
        "SELECT table_name, rule_id, n, source_line, reason, record FROM (SELECT q.table_name, u.rule_id, "
        "count(*) OVER w AS n, row_number() OVER (w ORDER BY q.source_line) AS rn, q.source_line, "
        "q.reasons[u.i] AS reason, left(q.raw_record, 200) AS record FROM quarantine.rejected_row q, "
        "unnest(q.rule_ids) WITH ORDINALITY AS u(rule_id, i) WHERE q.run_id = $1 AND q.stage = 'load' AND "
        "u.rule_id IN ('csv.well_formed', 'csv.utf8') WINDOW w AS (PARTITION BY q.table_name, u.rule_id)) x "
        "WHERE rn <= $2 ORDER BY 1, 2, 4",
        runId(), RowRules::kMaxExamples);
    for (const staging::TableSpec &t : staging::catalog()) {
        const qint64 rows_ = m_staged[t.name] + m_loadQuarantined[t.name];
        for (const char *id : {"csv.well_formed", "csv.utf8"}) {
            const Rule *rule = findRule(id);
            const std::optional<Severity> severity = effectiveSeverity(*rule, m_stage.m_options.rules);
            if (!severity || rows_ == 0)
                continue;
            RuleResult r{id, t.name, rule->dimension, *severity, rows_, 0, {}};
            for (const auto &row : rows) {
                if (row[0].as<std::string>() != t.name || row[1].as<std::string>() != id)
                    continue;
                r.failed = row[2].as<qint64>();
                r.examples.push_back(
                    {row[3].as<qint64>(), std::string(), row[4].as<std::string>(), row[5].as<std::string>()});
            }
            m_loadResults.push_back(std::move(r));
        }
    }
}

void QualityStage::Validation::snapshotResults()
{
    const Rule *rule = findRule("snapshot.fresh");
    const std::optional<Severity> severity = effectiveSeverity(*rule, m_stage.m_options.rules);
    if (!severity || !m_stage.m_snapshotCreatedAt.isValid())
        return;
    const double ageDays = double(m_stage.m_snapshotCreatedAt.secsTo(m_stage.m_runTime)) / 86400.0;
    const bool stale = ageDays > m_stage.m_options.rules.maxSnapshotAgeDays;
    for (const staging::TableSpec &t : staging::catalog()) {
        const qint64 rows = m_staged[t.name] + m_loadQuarantined[t.name];
        if (rows == 0)
            continue;
        RuleResult r{rule->id, t.name, rule->dimension, *severity, rows, stale ? rows : 0, {}};
        if (stale)
            r.examples.push_back({0, m_stage.m_snapshotCreatedAt.toString(Qt::ISODate).toStdString(),
                                  "the snapshot was taken " + std::to_string(qint64(ageDays)) +
                                      " days before the run, more than the " +
                                      std::to_string(m_stage.m_options.rules.maxSnapshotAgeDays) + " allowed",
                                  std::string()});
        m_loadResults.push_back(std::move(r));
    }
}

} // namespace ecomops::quality

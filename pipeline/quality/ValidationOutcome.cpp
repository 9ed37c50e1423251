#include "quality/Validation.h"

#include "quality/RowsSetAside.h"
#include "quality/SetRules.h"
#include "staging/Catalog.h"

namespace ecomops::quality {

void QualityStage::Validation::writeQuarantine()
{
    for (const staging::TableSpec &t : staging::catalog()) {
        checkCancel();
        const pqxx::result inserted = m_tx.exec_params(
            "WITH f AS (SELECT source_line, array_agg(reason ORDER BY seq) AS reasons, array_agg(rule_id ORDER BY "
            "seq) "
            "AS rule_ids FROM pg_temp.dq_fail WHERE table_name = $2 AND rejects AND NOT at_load GROUP BY "
            "source_line) "
            "INSERT INTO quarantine.rejected_row (run_id, table_name, source_line, stage, raw_record, reasons, "
            "rule_ids) "
            "SELECT $1::bigint, $2::text, f.source_line, 'validate', " +
                sql::recordExpression(t, "s") + ", f.reasons, f.rule_ids FROM f JOIN staging." +
                m_tx.quote_name(t.name) + " s ON s.run_id = $1::bigint AND s.source_line = f.source_line",
            runId(), t.name);
        const qint64 count = qint64(inserted.affected_rows());
        m_report.quarantined += count;
        m_report.counts.push_back(counts(t.name, count));
    }
    m_tx.exec_params0(
        "UPDATE quarantine.rejected_row q SET reasons = q.reasons || a.reasons, rule_ids = q.rule_ids || "
        "a.rule_ids "
        "FROM (SELECT table_name, source_line, array_agg(reason ORDER BY seq) AS reasons, "
        "array_agg(rule_id ORDER BY seq) AS rule_ids FROM pg_temp.dq_fail WHERE rejects AND at_load "
        "GROUP BY table_name, source_line) a WHERE q.run_id = $1 AND q.stage = 'load' "
        "AND q.table_name = a.table_name AND q.source_line = a.source_line AND NOT (q.rule_ids && a.rule_ids)",
        runId());
}

void QualityStage::Validation::score()
{
    const LostRows lost = rowsSetAside(m_tx, runId());
    for (const staging::TableSpec &t : staging::catalog()) {
        TableFacts facts;
        facts.table = t.name;
        facts.rows = m_staged[t.name] + m_loadQuarantined[t.name];
        if (RowRules *rules = m_stage.rowRules(t.name)) {
            const auto &nulls = rules->nullCounts();
            facts.checkedRows = rules->rowsChecked();
            for (std::size_t i = 0; i < t.columns.size() && i < nulls.size(); ++i)
                facts.columns.push_back({t.columns[i].name, t.columns[i].required, nulls[i]});
            for (RuleResult &r : rules->results())
                m_report.rules.push_back(std::move(r));
        }
        for (const std::vector<RuleResult> *list : {&m_setResults, &m_loadResults}) {
            for (const RuleResult &r : *list) {
                if (r.table == t.name)
                    m_report.rules.push_back(r);
            }
        }
        if (const auto it = lost.find(t.name); it != lost.end())
            facts.lost = it->second;
        m_report.facts.push_back(std::move(facts));
    }
    m_report.scores = scoreRun(m_report.rules, m_report.facts, m_stage.m_options);
}

} // namespace ecomops::quality

// The second scoring of a run, once the transform has said which rows it
// could not resolve: a table that loses rows downstream cannot keep the
// scores it had before (DESIGN.md: "nothing is lost").
#include "quality/QualityStage.h"

#include "quality/RowsSetAside.h"

#include <algorithm>

namespace ecomops::quality {

QualityReport QualityStage::scoreAfterTransform(pqxx::transaction_base &tx, const QualityReport &validated,
                                                const std::vector<TableCounts> &transformed) const
{
    QualityReport report = validated;
    if (!report.enabled)
        return report;
    report.rules.erase(std::remove_if(report.rules.begin(), report.rules.end(),
                                      [](const RuleResult &r) {
                                          const Rule *rule = findRule(r.ruleId);
                                          return rule && rule->kind() == RuleKind::Transform;
                                      }),
                       report.rules.end());
    for (RuleResult &r : transformRuleResults(tx, m_runId, transformed, m_options.rules))
        report.rules.push_back(std::move(r));
    const LostRows lost = rowsSetAside(tx, m_runId);
    for (TableFacts &facts : report.facts) {
        const auto it = lost.find(facts.table);
        facts.lost = it != lost.end() ? it->second : std::array<qint64, 8>{};
    }
    report.scores = scoreRun(report.rules, report.facts, m_options);
    return report;
}

} // namespace ecomops::quality

#pragma once
// What a run set aside, read back from quarantine.rejected_row: the rows each
// table lost, by the dimension of their reasons (for the scores, which count
// every row that does not reach the warehouse), and the results of the rules
// the transform enforces (transform.reference, …), with examples.
#include "core/Progress.h"
#include "quality/QualityOptions.h"
#include "quality/RowRules.h"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace pqxx {
class transaction_base;
}

namespace ecomops::quality {

using LostRows = std::map<std::string, std::array<qint64, 8>>; // table → rows lost per dimension

// Every stage's rejects of `runId` visible to `tx`, counted once per row and
// dimension.
LostRows rowsSetAside(pqxx::transaction_base &tx, qint64 runId);

// One result per transform rule and table the transform read: checked = the
// rows it read, failed = the rows it rejected for that rule.
std::vector<RuleResult> transformRuleResults(pqxx::transaction_base &tx, qint64 runId,
                                             const std::vector<TableCounts> &transformed, const RuleSettings &settings);

} // namespace ecomops::quality

#pragma once
// Private to the row rules: the plan compiled from the catalogue for one
// table (slots, columns, rules applied) and the words failures are written in.
#include "core/Decimal.h"
#include "quality/RowRules.h"

#include <string>
#include <string_view>

namespace ecomops::quality {

struct RowRules::Slot {
    const Rule *rule = nullptr;
    Severity severity = Severity::Count;
    qint64 failed = 0;
    std::vector<RuleExample> examples;
};

// A column's rules and, while a record is checked, its value.
struct RowRules::Column {
    std::string name;
    staging::ColumnType type = staging::ColumnType::Text;
    int present = -1; // slot of its completeness rule
    int parses = -1;  // slot of its type rule

    std::string_view text; // trimmed
    bool given = false;    // not empty or blank
    bool ok = false;       // given and of its type
    bool valid = false;    // ok and passed its validity rules so far
    std::int64_t integer = 0;
    Decimal amount;
    std::int64_t seconds = 0;
};

// One rule applied to one column (column >= 0) or to the record as a whole.
struct RowRules::Plan {
    Check check = Check::Present;
    int slot = -1;
    int column = -1;
    std::vector<int> columns;
    std::vector<std::string> values; // InSet, normalised
    bool exempt = false;             // NotNegative: cancellations exempt
};

namespace rowtext {

// A value as shown in a reason: quoted, shortened past 60 characters.
std::string quoted(std::string_view value);
// What a value that does not parse as the column type is: "is not a whole number", …
const char *typeWords(staging::ColumnType type);

} // namespace rowtext

} // namespace ecomops::quality

#pragma once
// The hook through which per-row rules run in the same streaming pass as
// loading. A failure that rejects sends the row to the quarantine with every
// reason; one that only counts is recorded by the checker itself (for the
// quality scores) and the row is loaded.
#include "csv/Reader.h"

#include <string>
#include <vector>

namespace ecomops::load {

struct RowFailure {
    std::string ruleId; // e.g. "orders.order_ts.parses"
    std::string reason; // in words, naming the column and the value
    bool rejects = true;
};

class RowChecker
{
public:
    virtual ~RowChecker() = default;
    // Appends failures for this record (leave `failures` untouched when clean).
    virtual void check(const csv::Record &record, std::vector<RowFailure> &failures) = 0;
};

} // namespace ecomops::load

#pragma once
// The timestamp columns of one source file: surveyed in a first pass, given
// one day/month order for the whole file (one exporter wrote it), then
// converted value by value to "YYYY-MM-DD HH:MM:SS". A value that is not a
// timestamp in that order is passed on as written, so the quality stage
// rejects it with the value in its reason instead of it vanishing here.
#include "sources/common/SourceCsv.h"
#include "sources/common/Timestamps.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ecomops::sources {

class TimestampColumns
{
public:
    // Adds a column (its header position, or -1 when the file lacks it) and
    // returns its slot for convert().
    int add(int column, std::string name);

    // The survey pass over `file`, then the decision (throws SourceError when
    // the order is contradictory or undecided without a statement).
    void decide(SourceCsv &file, DateOrder stated, StageObserver &observer, const CancelToken &cancel,
                const QString &table);

    std::string convert(const csv::Record &record, int slot);
    DateOrder order() const { return m_order; }

    // Per column: format, why, values converted, values left as written.
    nlohmann::json report() const;

private:
    struct Column {
        int position = -1;
        std::string name;
        TimestampSurvey survey;
        std::int64_t converted = 0;
        std::int64_t leftAsWritten = 0;
        std::string leftExample;
    };
    std::vector<Column> m_columns;
    DateOrder m_order = DateOrder::Unknown;
    std::string m_why;
};

} // namespace ecomops::sources

#include "sources/common/TimestampColumns.h"

namespace ecomops::sources {

int TimestampColumns::add(int column, std::string name)
{
    Column c;
    c.position = column;
    c.name = std::move(name);
    m_columns.push_back(std::move(c));
    return int(m_columns.size()) - 1;
}

void TimestampColumns::decide(SourceCsv &file, DateOrder stated, StageObserver &observer, const CancelToken &cancel,
                              const QString &table)
{
    bool any = false;
    for (const Column &c : m_columns)
        any = any || c.position >= 0;
    if (!any) {
        m_why = "the file has no timestamp columns";
        return;
    }
    file.read(
        observer, cancel, table,
        [this](const csv::Record &r) {
            for (Column &c : m_columns) {
                if (c.position >= 0)
                    c.survey.observe(SourceCsv::rawField(r, c.position), r.line);
            }
        },
        [](const csv::Malformed &, const std::string &) {});
    TimestampSurvey all;
    for (const Column &c : m_columns)
        all.merge(c.survey);
    m_order = decideDateOrder(file.name(), all, stated, m_why);
}

std::string TimestampColumns::convert(const csv::Record &record, int slot)
{
    Column &c = m_columns[std::size_t(slot)];
    const std::string value = SourceCsv::field(record, c.position);
    if (value.empty())
        return value;
    if (std::optional<std::string> iso = normalizeTimestamp(value, m_order)) {
        ++c.converted;
        return *iso;
    }
    if (c.leftAsWritten++ == 0)
        c.leftExample = value + " (line " + std::to_string(record.line) + ")";
    return value;
}

nlohmann::json TimestampColumns::report() const
{
    nlohmann::json out = nlohmann::json::object();
    for (const Column &c : m_columns) {
        if (c.position < 0)
            continue;
        nlohmann::json column = {{"format", describeFormat(c.survey, m_order)},
                                 {"why", m_why},
                                 {"written_as", "YYYY-MM-DD HH:MM:SS"},
                                 {"values", c.converted},
                                 {"empty", c.survey.empty}};
        if (c.survey.twoDigitYear)
            column["two_digit_years"] = "read as 20YY below 70, 19YY from 70";
        if (c.leftAsWritten > 0) {
            column["not_timestamps"] = c.leftAsWritten;
            column["not_timestamps_example"] = c.leftExample;
            column["not_timestamps_handling"] = "passed on as written; the quality stage rejects them with the value";
        }
        out[c.name] = column;
    }
    return out;
}

} // namespace ecomops::sources

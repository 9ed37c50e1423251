#pragma once
// The row rules of one staged table, run by the loader on every record in its
// streaming pass (load::RowChecker). Rejecting failures send the row to the
// quarantine with every reason; counting ones are only counted. Counters and
// a few examples per rule are kept for the scores. One instance per table;
// not shared between threads.
#include "load/RowChecker.h"
#include "quality/QualityOptions.h"
#include "quality/RuleCatalog.h"
#include "staging/Catalog.h"

#include <QDateTime>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ecomops::quality {

struct RuleExample {
    qint64 line = 0;   // physical line in the staged file
    std::string value; // the value that failed (may be shortened)
    std::string reason;
    std::string record; // the start of the raw record
};

// What one rule found in one table.
struct RuleResult {
    std::string ruleId;
    std::string table;
    Dimension dimension = Dimension::Validity;
    Severity severity = Severity::Count; // as applied (run spec overrides included)
    qint64 checked = 0;
    qint64 failed = 0;
    std::vector<RuleExample> examples;
};

// The severity a rule runs with under these options, or nullopt when the
// options disable it.
std::optional<Severity> effectiveSeverity(const Rule &rule, const RuleSettings &settings);

// Seconds since 1970-01-01 on the naive local clock the sources' timestamps use.
std::int64_t naiveSeconds(const QDateTime &time);

class RowRules : public load::RowChecker
{
public:
    static constexpr int kMaxExamples = 5;

    RowRules(const staging::TableSpec &table, const QualityOptions &options, const QDateTime &runTime);
    ~RowRules() override;

    void check(const csv::Record &record, std::vector<load::RowFailure> &failures) override;

    // Forgets everything counted (a retried load starts again).
    void reset();

    // The names of the fields of the records to come, in their order: the
    // file's header, which may hold any subset of the table's columns in any
    // order (a column it lacks is empty in every row). Empty: the table's
    // own column order.
    void setHeader(const std::vector<std::string> &header);
    const std::vector<std::string> &header() const { return m_header; }
    // The table's columns' values of a record in the header's order (NULL
    // where the header lacks the column), or nullopt when its field count
    // does not match the header (without a header: more fields than columns).
    std::optional<std::vector<std::optional<std::string>>> columnValues(const std::vector<std::string> &fields,
                                                                        const std::vector<bool> &nulls) const;

    const std::string &table() const { return m_table.name; }
    qint64 rowsChecked() const { return m_rows; }
    std::vector<RuleResult> results() const;                          // one per applied row rule, in catalogue order
    const std::vector<qint64> &nullCounts() const { return m_nulls; } // per column: empty or blank cells

private:
    struct Slot;
    struct Column;
    struct Plan;

    int addSlot(const Rule &rule);
    void pass(int slot) { ++m_checked[std::size_t(slot)]; }
    void fail(int slot, const csv::Record &record, std::string_view value, std::string reason,
              std::vector<load::RowFailure> &failures);
    void checkValue(const Plan &plan, const csv::Record &record, std::vector<load::RowFailure> &failures);
    void checkRow(const Plan &plan, const csv::Record &record, std::vector<load::RowFailure> &failures);
    bool isCancellation() const;

    const staging::TableSpec &m_table;
    RuleSettings m_settings;
    std::int64_t m_runSeconds = 0;
    std::int64_t m_futureLimit = 0;
    std::int64_t m_windowStart = 0;
    std::vector<Slot> m_slots;
    std::vector<qint64> m_checked; // per slot, kept apart: the hot counter
    std::vector<Column> m_columns;
    std::vector<Plan> m_plans;
    int m_orderIdColumn = -1;
    std::vector<std::string> m_header;
    std::vector<int> m_fieldOf; // per column: its field in the records, -1 when absent
    qint64 m_rows = 0;
    std::vector<qint64> m_nulls;
};

} // namespace ecomops::quality

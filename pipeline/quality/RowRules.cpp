#include "quality/RowRules.h"
#include "quality/RowRulePlan.h"

#include "quality/FieldChecks.h"
#include "sources/synthetic/Civil.h"

#include <algorithm>
#include <cstdio>

namespace ecomops::quality {

namespace rowtext {

constexpr std::size_t kShownValue = 60;

std::string quoted(std::string_view value)
{
    std::string out = "\"";
    if (value.size() > kShownValue) {
        out.append(value.substr(0, kShownValue));
        out += "…";
    } else {
        out.append(value);
    }
    out += '"';
    return out;
}

const char *typeWords(staging::ColumnType type)
{
    switch (type) {
    case staging::ColumnType::Integer:
        return "is not a whole number";
    case staging::ColumnType::Decimal:
        return "is not an exact amount";
    case staging::ColumnType::Timestamp:
        return "is not an ISO timestamp";
    case staging::ColumnType::Date:
        return "is not an ISO date";
    case staging::ColumnType::Text:
        break;
    }
    return "is not text";
}

} // namespace rowtext

using rowtext::quoted;
using rowtext::typeWords;

namespace {

constexpr std::size_t kShownRecord = 200;

bool isRowCheck(Check check)
{
    return check == Check::QuantitySign || check == Check::OrderTotal || check == Check::LineTotal ||
           check == Check::NotBeforeColumn;
}

bool isValidityCheck(const Rule &rule)
{
    return rule.dimension == Dimension::Validity;
}

} // namespace

std::optional<Severity> effectiveSeverity(const Rule &rule, const RuleSettings &settings)
{
    if (settings.disabled.count(rule.id))
        return std::nullopt;
    const auto it = settings.severities.find(rule.id);
    return it != settings.severities.end() ? it->second : rule.severity;
}

std::int64_t naiveSeconds(const QDateTime &time)
{
    const QDateTime local = time.toLocalTime();
    const QDate d = local.date();
    return synthetic::daysFromCivil(d.year(), d.month(), d.day()) * synthetic::kSecondsPerDay +
           local.time().msecsSinceStartOfDay() / 1000;
}

RowRules::RowRules(const staging::TableSpec &table, const QualityOptions &options, const QDateTime &runTime)
    : m_table(table), m_settings(options.rules)
{
    m_runSeconds = naiveSeconds(runTime);
    m_futureLimit = m_runSeconds + std::int64_t(m_settings.futureToleranceHours * 3600.0);
    m_windowStart = m_runSeconds - std::int64_t(m_settings.windowDays) * synthetic::kSecondsPerDay;
    for (const staging::Column &c : table.columns) {
        Column column;
        column.name = c.name;
        column.type = c.type;
        m_columns.push_back(column);
    }
    m_orderIdColumn = table.columnIndex("order_id");

    std::vector<Plan> validity, others, rows;
    for (const Rule &rule : ruleCatalog()) {
        if (rule.kind() != RuleKind::Row || rule.table != table.name)
            continue;
        if (rule.check == Check::InWindow && m_settings.windowDays <= 0)
            continue;
        std::vector<int> columns;
        for (const std::string &name : rule.columns)
            columns.push_back(table.columnIndex(name));
        if (columns.empty() || std::count(columns.begin(), columns.end(), -1) > 0)
            continue; // the table no longer has a column the rule reads
        const int slot = addSlot(rule);
        if (slot < 0)
            continue;
        if (rule.check == Check::Present) {
            m_columns[std::size_t(columns[0])].present = slot;
            continue;
        }
        if (rule.check == Check::Parses) {
            m_columns[std::size_t(columns[0])].parses = slot;
            continue;
        }
        Plan plan;
        plan.check = rule.check;
        plan.slot = slot;
        plan.exempt = rule.cancellationsExempt;
        if (isRowCheck(rule.check)) {
            plan.columns = columns;
            rows.push_back(plan);
            continue;
        }
        if (rule.check == Check::InSet) {
            const auto it = m_settings.domains.find(rule.id);
            for (const std::string &v : it != m_settings.domains.end() ? it->second : rule.values)
                plan.values.push_back(normalizedDomainValue(trimSpaces(v)));
        }
        // A rule over several columns checks each value on its own.
        for (int c : columns) {
            plan.column = c;
            (isValidityCheck(rule) ? validity : others).push_back(plan);
        }
    }
    // Validity first: later rules only look at values that passed it.
    m_plans = std::move(validity);
    m_plans.insert(m_plans.end(), others.begin(), others.end());
    m_plans.insert(m_plans.end(), rows.begin(), rows.end());
    m_nulls.assign(m_columns.size(), 0);
    setHeader({});
}

void RowRules::setHeader(const std::vector<std::string> &header)
{
    m_header = header;
    m_fieldOf.assign(m_columns.size(), -1);
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        if (header.empty()) {
            m_fieldOf[i] = int(i);
            continue;
        }
        const auto it = std::find(header.begin(), header.end(), m_columns[i].name);
        if (it != header.end())
            m_fieldOf[i] = int(it - header.begin());
    }
}

std::optional<std::vector<std::optional<std::string>>> RowRules::columnValues(const std::vector<std::string> &fields,
                                                                              const std::vector<bool> &nulls) const
{
    // Without a header, a record of fewer fields holds the leading columns
    // (as the synthetic shop writes them).
    const bool fits = m_header.empty() ? fields.size() <= m_columns.size() : fields.size() == m_header.size();
    if (!fits || nulls.size() != fields.size())
        return std::nullopt;
    std::vector<std::optional<std::string>> values(m_columns.size());
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        const std::size_t f = std::size_t(m_fieldOf[i]);
        if (f < fields.size() && !nulls[f])
            values[i] = fields[f];
    }
    return values;
}

RowRules::~RowRules() = default;

int RowRules::addSlot(const Rule &rule)
{
    const std::optional<Severity> severity = effectiveSeverity(rule, m_settings);
    if (!severity)
        return -1;
    Slot slot;
    slot.rule = &rule;
    slot.severity = *severity;
    m_slots.push_back(std::move(slot));
    m_checked.push_back(0);
    return int(m_slots.size()) - 1;
}

void RowRules::reset()
{
    for (Slot &s : m_slots) {
        s.failed = 0;
        s.examples.clear();
    }
    std::fill(m_checked.begin(), m_checked.end(), 0);
    std::fill(m_nulls.begin(), m_nulls.end(), 0);
    m_rows = 0;
}

std::vector<RuleResult> RowRules::results() const
{
    std::vector<RuleResult> out;
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
        const Slot &s = m_slots[i];
        out.push_back({s.rule->id, m_table.name, s.rule->dimension, s.severity, m_checked[i], s.failed, s.examples});
    }
    return out;
}

void RowRules::fail(int slotIndex, const csv::Record &record, std::string_view value, std::string reason,
                    std::vector<load::RowFailure> &failures)
{
    Slot &slot = m_slots[std::size_t(slotIndex)];
    ++m_checked[std::size_t(slotIndex)];
    ++slot.failed;
    if (slot.examples.size() < std::size_t(kMaxExamples)) {
        RuleExample example;
        example.line = qint64(record.line);
        example.value = std::string(value.substr(0, 200));
        example.reason = reason;
        example.record = std::string(record.raw.substr(0, kShownRecord));
        slot.examples.push_back(std::move(example));
    }
    if (slot.severity == Severity::Reject)
        failures.push_back({slot.rule->id, std::move(reason), true});
}

bool RowRules::isCancellation() const
{
    if (m_orderIdColumn < 0 || m_settings.cancellationPrefix.empty())
        return false;
    const std::string_view id = m_columns[std::size_t(m_orderIdColumn)].text;
    return id.substr(0, m_settings.cancellationPrefix.size()) == m_settings.cancellationPrefix;
}

void RowRules::check(const csv::Record &record, std::vector<load::RowFailure> &failures)
{
    ++m_rows;
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        Column &c = m_columns[i];
        const std::size_t field = std::size_t(m_fieldOf[i]);
        c.text = field < record.size() ? trimSpaces(record.fields[field]) : std::string_view();
        c.given = !c.text.empty();
        c.ok = c.valid = false;
        if (!c.given) {
            ++m_nulls[i];
            if (c.present >= 0)
                fail(c.present, record, c.text, c.name + " is empty", failures);
            continue;
        }
        if (c.present >= 0)
            pass(c.present);
        switch (c.type) {
        case staging::ColumnType::Text:
            c.ok = true;
            break;
        case staging::ColumnType::Integer:
            if (const auto v = parseInteger(c.text)) {
                c.integer = *v;
                c.ok = true;
            }
            break;
        case staging::ColumnType::Decimal:
            if (const auto v = parseAmount(c.text)) {
                c.amount = *v;
                c.ok = true;
            }
            break;
        case staging::ColumnType::Timestamp:
        case staging::ColumnType::Date:
            if (const auto v = parseTimestamp(c.text)) {
                c.seconds = *v;
                c.ok = true;
            }
            break;
        }
        if (c.parses >= 0) {
            if (c.ok)
                pass(c.parses);
            else
                fail(c.parses, record, c.text, c.name + " " + quoted(c.text) + " " + typeWords(c.type), failures);
        }
        c.valid = c.ok;
    }
    for (const Plan &plan : m_plans) {
        if (plan.column >= 0)
            checkValue(plan, record, failures);
        else
            checkRow(plan, record, failures);
    }
}

} // namespace ecomops::quality

#include "quality/RowRules.h"

#include "quality/FieldChecks.h"
#include "sources/synthetic/Civil.h"

#include <algorithm>
#include <cstdio>

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

namespace {

constexpr std::size_t kShownValue = 60;
constexpr std::size_t kShownRecord = 200;

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

bool isNegative(staging::ColumnType type, std::int64_t integer, Decimal amount)
{
    return type == staging::ColumnType::Integer ? integer < 0 : amount.isNegative();
}

std::string formatSeconds(std::int64_t seconds)
{
    const std::int64_t days = synthetic::floorDiv(seconds, synthetic::kSecondsPerDay);
    const auto date = synthetic::civilFromDays(days);
    const auto second = seconds - days * synthetic::kSecondsPerDay;
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d", date.year, date.month, date.day, int(second / 3600),
                  int(second / 60 % 60));
    return text;
}

// Money as written for people: cents when that is exact, else four decimals.
std::string money(Decimal value)
{
    if (value.isExactAt(2))
        return value.toString(2);
    std::string text = value.toString(4);
    while (text.back() == '0')
        text.pop_back();
    return text;
}

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

void RowRules::checkValue(const Plan &plan, const csv::Record &record, std::vector<load::RowFailure> &failures)
{
    Column &c = m_columns[std::size_t(plan.column)];
    if (!c.ok)
        return; // nothing given, or not of its type: the rule does not apply
    const std::string_view v = c.text;
    bool good = true;
    const char *what = "";
    std::string detail;
    switch (plan.check) {
    case Check::Email:
        good = isEmail(v);
        what = "is not a well-formed e-mail address";
        break;
    case Check::CountryFormat:
        good = isCountryFormat(v);
        what = "is not two upper-case letters";
        break;
    case Check::CountryCode:
        good = isIsoCountry(v);
        what = "is not an assigned ISO 3166-1 alpha-2 code";
        break;
    case Check::Phone:
        good = isPhone(v);
        what = "is not a phone number of 7 to 15 digits";
        break;
    case Check::ProductCode:
        good = isProductCode(v);
        what = "is not a product code (1 to 64 letters, digits, . _ / -)";
        break;
    case Check::Cents:
        good = c.amount.isExactAt(2);
        what = "has more than two decimals";
        break;
    case Check::InSet: {
        const std::string n = normalizedDomainValue(v);
        good = std::find(plan.values.begin(), plan.values.end(), n) != plan.values.end();
        what = "is not one of the allowed values";
        break;
    }
    case Check::NotNegative:
        good = !isNegative(c.type, c.integer, c.amount) || (plan.exempt && isCancellation());
        what = "is negative";
        break;
    case Check::NotZero:
        good = c.type == staging::ColumnType::Integer ? c.integer != 0 : !c.amount.isZero();
        what = "is zero";
        break;
    case Check::NotFuture:
        good = c.seconds <= m_futureLimit;
        if (!good) {
            what = "is in the future";
            detail = " (the run started " + formatSeconds(m_runSeconds) + ")";
        }
        break;
    case Check::InWindow:
        good = c.seconds >= m_windowStart;
        if (!good) {
            what = "is older than the source's window";
            detail = " (" + std::to_string(m_settings.windowDays) + " days before " + formatSeconds(m_runSeconds) + ")";
        }
        break;
    default:
        return;
    }
    if (good) {
        pass(plan.slot);
        return;
    }
    fail(plan.slot, record, v, c.name + " " + quoted(v) + " " + what + detail, failures);
    if (m_slots[std::size_t(plan.slot)].rule->dimension == Dimension::Validity)
        c.valid = false;
}

void RowRules::checkRow(const Plan &plan, const csv::Record &record, std::vector<load::RowFailure> &failures)
{
    auto column = [&](std::size_t i) -> Column & { return m_columns[std::size_t(plan.columns[i])]; };
    switch (plan.check) {
    case Check::QuantitySign: {
        Column &q = column(0);
        if (!q.ok)
            return;
        if (q.integer == 0) {
            fail(plan.slot, record, q.text, q.name + " is 0", failures);
            q.valid = false;
        } else if (q.integer < 0 && !isCancellation()) {
            fail(plan.slot, record, q.text,
                 q.name + " " + quoted(q.text) + " is negative but order " + quoted(column(1).text) +
                     " is not a cancellation (its id does not start with " + quoted(m_settings.cancellationPrefix) +
                     ")",
                 failures);
            q.valid = false;
        } else {
            pass(plan.slot);
        }
        return;
    }
    case Check::OrderTotal: {
        const Column &total = column(0), &subtotal = column(1), &discount = column(2), &shipping = column(3);
        if (!total.valid || !subtotal.valid || !discount.valid || !shipping.valid)
            return;
        const Decimal expected = subtotal.amount - discount.amount + shipping.amount;
        if (expected == total.amount) {
            pass(plan.slot);
            return;
        }
        fail(plan.slot, record, total.text,
             "order_total " + money(total.amount) + " is not items_subtotal " + money(subtotal.amount) +
                 " - discount_total " + money(discount.amount) + " + shipping_fee " + money(shipping.amount) + " = " +
                 money(expected),
             failures);
        return;
    }
    case Check::NotBeforeColumn: {
        const Column &later = column(0), &earlier = column(1);
        if (!later.valid || !earlier.valid)
            return;
        if (later.seconds >= earlier.seconds) {
            pass(plan.slot);
            return;
        }
        fail(plan.slot, record, later.text,
             later.name + " " + quoted(later.text) + " is before " + earlier.name + " " + quoted(earlier.text),
             failures);
        return;
    }
    case Check::LineTotal: {
        const Column &total = column(0), &quantity = column(1), &price = column(2), &discount = column(3);
        if (!total.valid || !quantity.valid || !price.valid || (discount.given && !discount.valid))
            return;
        Decimal expected;
        try {
            expected = price.amount * quantity.integer - (discount.given ? discount.amount : Decimal());
        } catch (const DecimalError &) {
            return; // beyond any amount: its parts are reported by their own rules
        }
        if (expected.roundedHalfEven(2) == total.amount.roundedHalfEven(2)) {
            pass(plan.slot);
            return;
        }
        fail(plan.slot, record, total.text,
             "line_total " + money(total.amount) + " is not quantity " + std::to_string(quantity.integer) +
                 " x unit_price " + money(price.amount) + " - discount " +
                 money(discount.given ? discount.amount : Decimal()) + " = " + money(expected),
             failures);
        return;
    }
    default:
        return;
    }
}

} // namespace ecomops::quality

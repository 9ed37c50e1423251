#include "quality/RowRulePlan.h"

#include "quality/FieldChecks.h"
#include "sources/synthetic/Civil.h"

#include <algorithm>
#include <cstdio>

namespace ecomops::quality {

using rowtext::quoted;
using rowtext::typeWords;

namespace {

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

} // namespace

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

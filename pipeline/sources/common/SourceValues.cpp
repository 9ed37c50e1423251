#include "sources/common/SourceValues.h"

#include "core/Utf8.h"
#include "sources/common/SourceCsv.h" // trim()

#include <cstdio>

namespace ecomops::sources {
namespace {

constexpr int kAmountIntegerDigits = 10; // numeric(14,4)

// Digits before the point of a plain decimal ("-0012.50" → "12"), or
// nothing when the text is not one (exponents, separators, words).
std::optional<std::string_view> integerDigits(std::string_view v, bool allowFraction)
{
    if (!v.empty() && (v.front() == '-' || v.front() == '+'))
        v.remove_prefix(1);
    const std::size_t point = v.find('.');
    std::string_view whole = v.substr(0, point);
    if (point != std::string_view::npos) {
        if (!allowFraction)
            return std::nullopt;
        for (const char c : v.substr(point + 1)) {
            if (c < '0' || c > '9')
                return std::nullopt;
        }
    }
    if (whole.empty() && (point == std::string_view::npos || v.size() == 1))
        return std::nullopt;
    for (const char c : whole) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    while (whole.size() > 1 && whole.front() == '0')
        whole.remove_prefix(1);
    return whole;
}

} // namespace

std::optional<std::string> unfitBytes(std::string_view value, const std::string &column)
{
    const std::size_t bad = firstInvalidUtf8(value);
    if (bad == std::string_view::npos)
        return std::nullopt;
    const auto byte = static_cast<unsigned char>(value[bad]);
    if (byte == 0)
        return column + " holds a NUL byte (at byte " + std::to_string(bad + 1) + ")";
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", byte);
    return column + " holds bytes that are not UTF-8 text (" + hex + " at byte " + std::to_string(bad + 1) + ")";
}

std::optional<std::string> unfitNumber(std::string_view value, NumberRange range, const std::string &column)
{
    const std::string_view v = trim(value);
    const auto digits = integerDigits(v, range == NumberRange::Amount);
    if (!digits)
        return std::nullopt;
    const std::string quoted = column + " \"" + std::string(v) + "\" is out of range ";
    if (range == NumberRange::Amount) {
        if (digits->size() <= std::size_t(kAmountIntegerDigits))
            return std::nullopt;
        return quoted + "(at most " + std::to_string(kAmountIntegerDigits) + " digits before the decimal point)";
    }
    const bool negative = v.front() == '-';
    const std::string_view limit = negative ? "2147483648" : "2147483647";
    if (digits->size() < limit.size() || (digits->size() == limit.size() && *digits <= limit))
        return std::nullopt;
    return quoted + (negative ? "(at least -2147483648)" : "(at most 2147483647)");
}

bool fitsAmount(Decimal value)
{
    static const Decimal limit = Decimal::fromInteger(10'000'000'000);
    return value.abs() < limit;
}

bool addAmount(Decimal &sum, Decimal value)
{
    try {
        const Decimal next = sum + value;
        if (!fitsAmount(next))
            return false;
        sum = next;
        return true;
    } catch (const DecimalError &) {
        return false;
    }
}

} // namespace ecomops::sources

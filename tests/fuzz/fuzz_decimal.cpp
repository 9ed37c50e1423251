// Fuzz target: Decimal::tryParse / parse (pipeline/core/Decimal).
//
// The input is the text to parse. An independent reference parser (digit by
// digit into a 128-bit integer, saturating) decides what the answer must be;
// the std::string_view and QStringView overloads must agree with it and with
// each other; parse() must throw DecimalError exactly when tryParse() fails;
// a parsed value must print and parse back to itself; and arithmetic on it
// must either be exact or throw DecimalError (UBSan watches for overflow).
#include "FuzzCheck.h"

#include "core/Decimal.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

using ecomops::Decimal;
using ecomops::DecimalError;

namespace {

__extension__ typedef __int128 Int128;

struct Expected {
    Decimal::ParseError error = Decimal::ParseError::None;
    std::int64_t units = 0;
};

// Grammar: [+-] digits [. digits], at least one digit, at most four
// significant decimals (trailing zeros beyond them are fine).
Expected reference(std::string_view text)
{
    if (text.empty())
        return {Decimal::ParseError::Empty, 0};
    std::size_t i = 0;
    const bool negative = text[0] == '-';
    if (text[0] == '+' || text[0] == '-')
        i = 1;
    const std::size_t point = text.find('.', i);
    const std::string_view whole = text.substr(i, point == std::string_view::npos ? std::string_view::npos : point - i);
    const std::string_view decimals = point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
    auto allDigits = [](std::string_view s) {
        for (char c : s)
            if (c < '0' || c > '9')
                return false;
        return true;
    };
    if (!allDigits(whole) || !allDigits(decimals) || whole.size() + decimals.size() == 0)
        return {Decimal::ParseError::Syntax, 0};
    for (std::size_t d = 4; d < decimals.size(); ++d)
        if (decimals[d] != '0')
            return {Decimal::ParseError::TooManyDecimals, 0};
    const Int128 limit = Int128(1) << 70; // far beyond int64, never overflows Int128
    Int128 units = 0;
    for (char c : whole)
        units = units > limit ? units : units * 10 + (c - '0');
    for (std::size_t d = 0; d < 4; ++d)
        units = units > limit ? units : units * 10 + (d < decimals.size() ? decimals[d] - '0' : 0);
    if (negative)
        units = -units;
    if (units > std::numeric_limits<std::int64_t>::max() || units < std::numeric_limits<std::int64_t>::min())
        return {Decimal::ParseError::Overflow, 0};
    return {Decimal::ParseError::None, static_cast<std::int64_t>(units)};
}

// Runs `operation`; it must either finish or throw DecimalError.
template <typename Operation> void exactOrRefused(Operation operation)
{
    try {
        operation();
    } catch (const DecimalError &) {
    }
}

void exercise(Decimal a, Decimal b, std::int64_t quantity)
{
    exactOrRefused([&] { FUZZ_CHECK((a + b) - b == a); });
    exactOrRefused([&] { FUZZ_CHECK((a - b) + b == a); });
    exactOrRefused([&] { FUZZ_CHECK(-(-a) == a); });
    exactOrRefused([&] { FUZZ_CHECK(a.abs() >= Decimal()); });
    exactOrRefused([&] {
        const Decimal product = a * quantity;
        if (quantity != 0)
            FUZZ_CHECK(product.units() / quantity == a.units());
    });
    for (int places = 0; places <= Decimal::kScale; ++places) {
        exactOrRefused([&] {
            const Decimal rounded = a.roundedHalfEven(places);
            FUZZ_CHECK(rounded.isExactAt(places));
            FUZZ_CHECK(Decimal::parse(rounded.toString(places)) == rounded);
        });
        exactOrRefused([&] { FUZZ_CHECK(a.multipliedHalfEven(b, places).isExactAt(places)); });
        exactOrRefused([&] {
            const Decimal discount = a.percentOfHalfEven(b, places);
            FUZZ_CHECK(a.discountedByPercentHalfEven(b, places) + discount == a);
        });
        const std::string text = a.toStringRoundedHalfEven(places); // never throws
        FUZZ_CHECK(Decimal::tryParse(text).has_value() || places < Decimal::kScale);
        exactOrRefused([&] { FUZZ_CHECK(a.roundedHalfEven(places).toString(places) == text); });
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const Expected expected = reference(text);

    Decimal::ParseError error = Decimal::ParseError::None;
    const std::optional<Decimal> parsed = Decimal::tryParse(text, &error);
    FUZZ_CHECK(error == expected.error);
    FUZZ_CHECK(parsed.has_value() == (expected.error == Decimal::ParseError::None));
    if (parsed)
        FUZZ_CHECK(parsed->units() == expected.units);

    // The QStringView overload reads UTF-16: a Latin-1 copy has one code unit per byte.
    Decimal::ParseError wideError = Decimal::ParseError::None;
    const QString wide = QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
    const std::optional<Decimal> wideParsed = Decimal::tryParse(QStringView(wide), &wideError);
    FUZZ_CHECK(wideError == error);
    FUZZ_CHECK(wideParsed == parsed);

    bool threw = false;
    try {
        FUZZ_CHECK(Decimal::parse(text) == *parsed);
    } catch (const DecimalError &) {
        threw = true;
    }
    FUZZ_CHECK(threw == !parsed.has_value());
    (void)Decimal::parseErrorText(error);

    if (parsed) {
        FUZZ_CHECK(Decimal::parse(parsed->toString(4)) == *parsed);
        // A second operand and a quantity from the value's own digits, so
        // the fuzzer steers them too.
        const Decimal other = Decimal::fromUnits(parsed->units() / 7 + 3);
        exercise(*parsed, other, parsed->units() % 100000);
        exercise(other, *parsed, 3);
    }
    return 0;
}

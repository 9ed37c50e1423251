#include "core/Decimal.h"

#include "core/EnumNames.h"

#include <limits>

namespace ecomops {

namespace {

__extension__ typedef __int128 Int128;

constexpr std::int64_t kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

void checkDecimals(int decimals)
{
    if (decimals < 0 || decimals > Decimal::kScale)
        throw DecimalError("decimal places must be between 0 and 4, got " + std::to_string(decimals));
}

std::int64_t narrow(Int128 value, const char *operation)
{
    if (value > std::numeric_limits<std::int64_t>::max() || value < std::numeric_limits<std::int64_t>::min())
        throw DecimalError(std::string("decimal overflow in ") + operation);
    return static_cast<std::int64_t>(value);
}

// Quotient of value / divisor (divisor > 0), ties to the even quotient.
Int128 divideHalfEven(Int128 value, Int128 divisor)
{
    Int128 quotient = value / divisor;
    const Int128 remainder = value % divisor;
    const Int128 twice = (remainder < 0 ? -remainder : remainder) * 2;
    if (twice > divisor || (twice == divisor && quotient % 2 != 0))
        quotient += value < 0 ? -1 : 1;
    return quotient;
}

template <typename Text, typename CharAt>
std::optional<Decimal> parseDigits(const Text &text, std::size_t size, CharAt charAt, Decimal::ParseError *error)
{
    auto fail = [error](Decimal::ParseError e) {
        if (error)
            *error = e;
        return std::optional<Decimal>();
    };
    if (size == 0)
        return fail(Decimal::ParseError::Empty);

    std::size_t i = 0;
    bool negative = false;
    const char32_t first = charAt(text, 0);
    if (first == U'+' || first == U'-') {
        negative = first == U'-';
        i = 1;
    }
    // Integer digits stop accumulating once past any representable value.
    constexpr Int128 kCeiling = Int128(1) << 64;
    Int128 integerPart = 0;
    Int128 fraction = 0;
    bool overflow = false;
    bool sawPoint = false;
    bool tooPrecise = false;
    int digits = 0;
    int fractionDigits = 0;
    for (; i < size; ++i) {
        const char32_t c = charAt(text, i);
        if (c == U'.') {
            if (sawPoint)
                return fail(Decimal::ParseError::Syntax);
            sawPoint = true;
            continue;
        }
        if (c < U'0' || c > U'9')
            return fail(Decimal::ParseError::Syntax);
        ++digits;
        const int digit = static_cast<int>(c - U'0');
        if (!sawPoint) {
            if (!overflow) {
                integerPart = integerPart * 10 + digit;
                overflow = integerPart >= kCeiling;
            }
        } else if (fractionDigits < Decimal::kScale) {
            fraction += Int128(digit) * kPow10[Decimal::kScale - 1 - fractionDigits];
            ++fractionDigits;
        } else if (digit != 0) {
            tooPrecise = true;
        }
    }
    if (digits == 0)
        return fail(Decimal::ParseError::Syntax);
    if (tooPrecise)
        return fail(Decimal::ParseError::TooManyDecimals);
    Int128 units = overflow ? kCeiling : integerPart * Decimal::kUnitsPerOne + fraction;
    if (negative)
        units = -units;
    if (overflow || units > std::numeric_limits<std::int64_t>::max() ||
        units < std::numeric_limits<std::int64_t>::min())
        return fail(Decimal::ParseError::Overflow);
    if (error)
        *error = Decimal::ParseError::None;
    return Decimal::fromUnits(static_cast<std::int64_t>(units));
}

} // namespace

Decimal Decimal::fromCents(std::int64_t cents)
{
    return Decimal(narrow(Int128(cents) * 100, "fromCents"));
}

Decimal Decimal::fromInteger(std::int64_t value)
{
    return Decimal(narrow(Int128(value) * kUnitsPerOne, "fromInteger"));
}

std::optional<Decimal> Decimal::tryParse(std::string_view text, ParseError *error) noexcept
{
    return parseDigits(
        text, text.size(),
        [](std::string_view t, std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(t[i])); },
        error);
}

std::optional<Decimal> Decimal::tryParse(QStringView text, ParseError *error) noexcept
{
    return parseDigits(
        text, static_cast<std::size_t>(text.size()),
        [](QStringView t, std::size_t i) { return static_cast<char32_t>(t[static_cast<qsizetype>(i)].unicode()); },
        error);
}

namespace {
constexpr EnumName<Decimal::ParseError> kParseErrors[] = {
    {Decimal::ParseError::None, "no error"},
    {Decimal::ParseError::Empty, "empty text"},
    {Decimal::ParseError::Syntax, "not a plain decimal number"},
    {Decimal::ParseError::TooManyDecimals, "more than 4 decimal places"},
    {Decimal::ParseError::Overflow, "out of range"}};
} // namespace

const char *Decimal::parseErrorText(ParseError error) noexcept
{
    return enumName(kParseErrors, error, "unknown error");
}

Decimal Decimal::parse(std::string_view text)
{
    ParseError error = ParseError::None;
    if (auto value = tryParse(text, &error))
        return *value;
    throw DecimalError("cannot read \"" + std::string(text) + "\" as a decimal: " + parseErrorText(error));
}

Decimal Decimal::parse(QStringView text)
{
    ParseError error = ParseError::None;
    if (auto value = tryParse(text, &error))
        return *value;
    throw DecimalError("cannot read \"" + text.toString().toStdString() + "\" as a decimal: " + parseErrorText(error));
}

std::int64_t Decimal::toCents() const
{
    if (!isExactAt(2))
        throw DecimalError("decimal " + toString(kScale) + " has digits beyond cents");
    return m_units / 100;
}

bool Decimal::isExactAt(int decimals) const
{
    checkDecimals(decimals);
    return m_units % kPow10[kScale - decimals] == 0;
}

Decimal Decimal::roundedHalfEven(int decimals) const
{
    checkDecimals(decimals);
    const std::int64_t divisor = kPow10[kScale - decimals];
    return Decimal(narrow(divideHalfEven(m_units, divisor) * divisor, "rounding"));
}

void Decimal::appendTo(std::string &out, int decimals) const
{
    if (!isExactAt(decimals))
        throw DecimalError("formatting " + toString(kScale) + " with " + std::to_string(decimals) +
                           " decimal places would drop digits");
    char buffer[32];
    char *end = buffer + sizeof buffer;
    char *p = end;
    // Magnitude as unsigned so that the most negative value formats too.
    const std::uint64_t magnitude =
        m_units < 0 ? std::uint64_t(0) - static_cast<std::uint64_t>(m_units) : static_cast<std::uint64_t>(m_units);
    std::uint64_t integer = magnitude / kUnitsPerOne;
    if (decimals > 0) {
        std::uint64_t fraction = (magnitude % kUnitsPerOne) / static_cast<std::uint64_t>(kPow10[kScale - decimals]);
        for (int i = 0; i < decimals; ++i) {
            *--p = static_cast<char>('0' + fraction % 10);
            fraction /= 10;
        }
        *--p = '.';
    }
    do {
        *--p = static_cast<char>('0' + integer % 10);
        integer /= 10;
    } while (integer != 0);
    if (m_units < 0)
        *--p = '-';
    out.append(p, static_cast<std::size_t>(end - p));
}

std::string Decimal::toString(int decimals) const
{
    std::string out;
    appendTo(out, decimals);
    return out;
}

QString Decimal::toQString(int decimals) const
{
    return QString::fromLatin1(toString(decimals));
}

std::string Decimal::toStringRoundedHalfEven(int decimals) const
{
    checkDecimals(decimals);
    // Rounded and formatted in 128 bits: at the ends of the range rounding
    // can go one step past what 64 bits hold (found by fuzzing), and this
    // function promises not to throw.
    const Int128 scaled = divideHalfEven(m_units, kPow10[kScale - decimals]); // the value × 10^decimals
    Int128 magnitude = scaled < 0 ? -scaled : scaled;
    char buffer[48];
    char *end = buffer + sizeof buffer;
    char *p = end;
    for (int i = 0; i < decimals; ++i) {
        *--p = static_cast<char>('0' + static_cast<int>(magnitude % 10));
        magnitude /= 10;
    }
    if (decimals > 0)
        *--p = '.';
    do {
        *--p = static_cast<char>('0' + static_cast<int>(magnitude % 10));
        magnitude /= 10;
    } while (magnitude != 0);
    if (scaled < 0)
        *--p = '-';
    return std::string(p, static_cast<std::size_t>(end - p));
}

Decimal Decimal::operator+(Decimal other) const
{
    return Decimal(narrow(Int128(m_units) + other.m_units, "addition"));
}

Decimal Decimal::operator-(Decimal other) const
{
    return Decimal(narrow(Int128(m_units) - other.m_units, "subtraction"));
}

Decimal Decimal::operator-() const
{
    return Decimal(narrow(-Int128(m_units), "negation"));
}

Decimal &Decimal::operator+=(Decimal other)
{
    return *this = *this + other;
}

Decimal &Decimal::operator-=(Decimal other)
{
    return *this = *this - other;
}

Decimal Decimal::abs() const
{
    return m_units < 0 ? -*this : *this;
}

Decimal Decimal::operator*(std::int64_t quantity) const
{
    return Decimal(narrow(Int128(m_units) * quantity, "multiplication"));
}

Decimal &Decimal::operator*=(std::int64_t quantity)
{
    return *this = *this * quantity;
}

Decimal Decimal::multipliedHalfEven(Decimal factor, int decimals) const
{
    checkDecimals(decimals);
    // The exact product has 8 decimals; keep `decimals` of them.
    const Int128 product = Int128(m_units) * factor.m_units;
    const Int128 kept = divideHalfEven(product, kPow10[2 * kScale - decimals]);
    return Decimal(narrow(kept * kPow10[kScale - decimals], "multiplication"));
}

Decimal Decimal::percentOfHalfEven(Decimal percent, int decimals) const
{
    checkDecimals(decimals);
    // value × percent / 100 with 8 decimals before rounding.
    const Int128 product = Int128(m_units) * percent.m_units;
    const Int128 kept = divideHalfEven(product, Int128(100) * kPow10[2 * kScale - decimals]);
    return Decimal(narrow(kept * kPow10[kScale - decimals], "percentage"));
}

Decimal Decimal::discountedByPercentHalfEven(Decimal percent, int decimals) const
{
    return *this - percentOfHalfEven(percent, decimals);
}

} // namespace ecomops

#pragma once
// Exact fixed-point numbers for money: a signed 64-bit count of 1/10,000ths
// (four decimal places, so transaction-log prices such as 0.001 fit), range
// about ±922,337,203,685,477.5807. No binary floating point anywhere: text
// is parsed digit by digit, and every operation that could lose a digit
// either refuses (throws DecimalError) or rounds explicitly, half to even,
// in a function that says so in its name.
#include <QString>
#include <QStringView>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ecomops {

class DecimalError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

class Decimal
{
public:
    static constexpr int kScale = 4;
    static constexpr std::int64_t kUnitsPerOne = 10000;

    enum class ParseError { None, Empty, Syntax, TooManyDecimals, Overflow };

    constexpr Decimal() noexcept = default;

    // Raw mantissa: units of 1/10,000.
    static constexpr Decimal fromUnits(std::int64_t units) noexcept { return Decimal(units); }
    static Decimal fromCents(std::int64_t cents);   // throws DecimalError on overflow
    static Decimal fromInteger(std::int64_t value); // throws DecimalError on overflow

    // Accepts an optional sign, digits, an optional '.' and digits ("12.5",
    // "-0.01", ".5", "7."). Rejects exponents, spaces, separators and more
    // than four significant decimals ("0.00001"); extra trailing zeros
    // ("1.230000") lose nothing and are accepted.
    static std::optional<Decimal> tryParse(std::string_view text, ParseError *error = nullptr) noexcept;
    static std::optional<Decimal> tryParse(QStringView text, ParseError *error = nullptr) noexcept;
    static Decimal parse(std::string_view text); // throws DecimalError naming the text
    static Decimal parse(QStringView text);
    static const char *parseErrorText(ParseError error) noexcept;

    constexpr std::int64_t units() const noexcept { return m_units; }
    constexpr bool isZero() const noexcept { return m_units == 0; }
    constexpr bool isNegative() const noexcept { return m_units < 0; }
    // Cents when the value has no digit beyond the second decimal; throws otherwise.
    std::int64_t toCents() const;

    // True when no non-zero digit lies beyond `decimals` (0..4).
    bool isExactAt(int decimals) const;
    // Rounds to `decimals` (0..4) places, ties to the even neighbour.
    Decimal roundedHalfEven(int decimals) const;

    // Formats with exactly `decimals` (0..4) places: "-12.50". Throws
    // DecimalError if a non-zero digit would be dropped.
    std::string toString(int decimals = 2) const;
    void appendTo(std::string &out, int decimals = 2) const;
    QString toQString(int decimals = 2) const;
    // Rounds half to even first, then formats: never throws for valid `decimals`.
    std::string toStringRoundedHalfEven(int decimals = 2) const;

    // Arithmetic throws DecimalError on overflow; it is otherwise exact.
    Decimal operator+(Decimal other) const;
    Decimal operator-(Decimal other) const;
    Decimal operator-() const;
    Decimal &operator+=(Decimal other);
    Decimal &operator-=(Decimal other);
    Decimal abs() const;
    // Price × quantity: exact.
    Decimal operator*(std::int64_t quantity) const;
    Decimal &operator*=(std::int64_t quantity);
    // The exact product (eight decimals internally), rounded half to even to
    // `decimals` (0..4) places. Example: 1.25 × 0.5 = 0.625 → 0.62 at 2.
    Decimal multipliedHalfEven(Decimal factor, int decimals = kScale) const;
    // `percent` % of this value, rounded half to even to `decimals` places
    // (2 for money): 10 % of 19.99 = 1.999 → 2.00; 50 % of 0.05 = 0.025 → 0.02.
    Decimal percentOfHalfEven(Decimal percent, int decimals = 2) const;
    // This value less `percent` %, where the discount amount is
    // percentOfHalfEven(percent, decimals): so price − discountedBy(...) is
    // exactly that discount, and the three always add up to the cent.
    Decimal discountedByPercentHalfEven(Decimal percent, int decimals = 2) const;

    friend constexpr bool operator==(Decimal a, Decimal b) noexcept { return a.m_units == b.m_units; }
    friend constexpr bool operator!=(Decimal a, Decimal b) noexcept { return a.m_units != b.m_units; }
    friend constexpr bool operator<(Decimal a, Decimal b) noexcept { return a.m_units < b.m_units; }
    friend constexpr bool operator<=(Decimal a, Decimal b) noexcept { return a.m_units <= b.m_units; }
    friend constexpr bool operator>(Decimal a, Decimal b) noexcept { return a.m_units > b.m_units; }
    friend constexpr bool operator>=(Decimal a, Decimal b) noexcept { return a.m_units >= b.m_units; }

private:
    constexpr explicit Decimal(std::int64_t units) noexcept : m_units(units) {}

    std::int64_t m_units = 0;
};

} // namespace ecomops

#pragma once
// Hand-written checks of one field's text, fast enough for the loader's
// streaming pass (no regular expressions, no allocation). Callers pass the
// value with surrounding spaces already removed (trimSpaces), as the
// warehouse transform trims before it casts.
#include "core/Decimal.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace ecomops::quality {

// Without leading and trailing spaces (only ' ', as PostgreSQL's btrim).
std::string_view trimSpaces(std::string_view text) noexcept;

// An optional sign and 1 to 18 digits.
std::optional<std::int64_t> parseInteger(std::string_view text) noexcept;

// An exact amount that fits the warehouse's numeric(14,4): Decimal's syntax
// ("12.5", "-0.01", ".5"), at most 10 integer digits and 4 significant decimals.
std::optional<Decimal> parseAmount(std::string_view text) noexcept;

// 'YYYY-MM-DD', optionally followed by ' ' or 'T' and 'HH:MM', 'HH:MM:SS' or
// 'HH:MM:SS.ffffff' (1 to 6 digits), the day checked against the month; the
// year from 1000 to 9999. Seconds since 1970-01-01 00:00 of the same naive
// clock (fractions dropped).
std::optional<std::int64_t> parseTimestamp(std::string_view text) noexcept;

// A plausible e-mail address: one '@'; a local part of 1 to 64 characters
// (letters, digits, !#$%&'*+/=?^_`{|}~.- or non-ASCII) with no leading,
// trailing or doubled dot; a domain of at least two dot-separated labels of
// 1 to 63 letters, digits or '-' (not at either end), the last one of two or
// more letters; 254 characters at most.
bool isEmail(std::string_view text) noexcept;

// Two upper-case ASCII letters.
bool isCountryFormat(std::string_view text) noexcept;

// An assigned ISO 3166-1 alpha-2 code (upper case).
bool isIsoCountry(std::string_view text) noexcept;

// 7 to 15 digits, written with digits, spaces and + ( ) - . / only, a '+'
// only in front.
bool isPhone(std::string_view text) noexcept;

// 1 to 64 letters, digits, '.', '_', '/' or '-'.
bool isProductCode(std::string_view text) noexcept;

} // namespace ecomops::quality

#pragma once
// Whether a source value fits the column it is meant for, before it feeds
// anything: text must be UTF-8 without NUL bytes (PostgreSQL text and JSON
// hold nothing else), a whole number must fit the warehouse's 32-bit
// integer, an amount its numeric(14,4) (at most 10 digits before the
// point). A value that does not fit costs its record, never the import.
// Values that are not numbers at all pass: the quality stage rejects them
// with its own reason.
#include "core/Decimal.h"

#include <optional>
#include <string>
#include <string_view>

namespace ecomops::sources {

enum class NumberRange { Int32, Amount };

// Why the field `column` (its header name) of a record cannot be staged,
// or nothing when it can.
std::optional<std::string> unfitBytes(std::string_view value, const std::string &column);
std::optional<std::string> unfitNumber(std::string_view value, NumberRange range, const std::string &column);

// True when an amount fits numeric(14,4): |value| < 10^10.
bool fitsAmount(Decimal value);

// sum += value, or false (sum unchanged) when the result would not be an amount.
bool addAmount(Decimal &sum, Decimal value);

// True when every field of the record, spaces and tabs trimmed, is empty:
// the padding spreadsheets write below the data (",,,,,,").
template <typename Fields> bool allEmpty(const Fields &fields)
{
    for (const auto &f : fields) {
        for (const char c : f) {
            if (c != ' ' && c != '\t')
                return false;
        }
    }
    return true;
}

} // namespace ecomops::sources

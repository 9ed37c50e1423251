#pragma once
// Timestamps as real exports write them: ISO ("2017-10-02 10:56:33") or
// numeric with the year last ("10/2/2017 10:56", "12/1/10 8:26",
// "1.12.2010 08:26"), whose day/month order depends on the exporter. The
// order is read from the data when a value decides it (a number above 12 in
// the first two places), taken from the user's statement otherwise, and an
// undecided file is refused: the adapter never guesses.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ecomops::sources {

enum class DateOrder { Unknown, DayFirst, MonthFirst };
const char *toString(DateOrder order); // "day_first", "month_first", "unknown"

// options["date_order"]: absent → Unknown; "day_first" / "month_first"
// (also "dmy" / "mdy"); anything else throws SourceError.
DateOrder statedDateOrder(const nlohmann::json &options);

// What one column's values look like, gathered in a pass before any
// conversion.
class TimestampSurvey
{
public:
    void observe(std::string_view value, std::uint64_t line);

    std::int64_t iso = 0;     // year-first values
    std::int64_t numeric = 0; // year-last values (order to be decided)
    std::int64_t empty = 0;
    std::int64_t unreadable = 0;
    bool twoDigitYear = false;
    bool fourDigitYear = false;
    bool seconds = false;
    bool clock12 = false; // AM/PM
    char separator = 0;   // of the first numeric value
    // The first value that proves each order, and the first numeric value.
    std::string dayFirstExample, monthFirstExample, numericExample, unreadableExample;
    std::uint64_t dayFirstLine = 0, monthFirstLine = 0, numericLine = 0, unreadableLine = 0;

    void merge(const TimestampSurvey &other);
};

// The order for a file's numeric timestamps: what the data proves, else
// what was stated. Throws SourceError, naming `file` and the values, when
// the data contradicts itself or the statement, or nothing decides it.
// `why` receives the reason in words.
DateOrder decideDateOrder(const std::string &file, const TimestampSurvey &all, DateOrder stated, std::string &why);

// The format of one column, for the mapping report ("M/D/YY H:MM" …).
std::string describeFormat(const TimestampSurvey &column, DateOrder order);

// "YYYY-MM-DD HH:MM:SS" (with the fraction when an ISO value had one), or
// nothing when the value is not a valid timestamp in that order. A date
// alone gets 00:00:00. Two-digit years are 20YY below 70, else 19YY.
std::optional<std::string> normalizeTimestamp(std::string_view value, DateOrder order);

} // namespace ecomops::sources

// Fuzz target: the timestamp readers (pipeline/sources/common/Timestamps).
//
// The input is a column of values, one per line. Each is surveyed and
// normalized in every day/month order; the order is then decided for the
// column. What is checked: a normalized value is a real calendar instant
// written "YYYY-MM-DD HH:MM:SS[.ffffff]" and normalizes to itself; a value
// read in one order is also read year first (ISO) alike in the other; the
// survey counts every value once; the decision either names an order the
// data allows or refuses with SourceError.
#include "FuzzCheck.h"

#include "sources/SourceAdapter.h"
#include "sources/common/Timestamps.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace ecomops::sources;

namespace {

bool digitsAt(const std::string &s, std::size_t from, std::size_t count)
{
    for (std::size_t i = from; i < from + count; ++i)
        if (i >= s.size() || s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

int numberAt(const std::string &s, std::size_t from, std::size_t count)
{
    return std::stoi(s.substr(from, count));
}

void checkNormalized(const std::string &out)
{
    FUZZ_CHECK(out.size() == 19 || (out.size() >= 21 && out.size() <= 26 && out[19] == '.'));
    FUZZ_CHECK(digitsAt(out, 0, 4) && out[4] == '-' && digitsAt(out, 5, 2) && out[7] == '-' && digitsAt(out, 8, 2));
    FUZZ_CHECK(out[10] == ' ' && digitsAt(out, 11, 2) && out[13] == ':' && digitsAt(out, 14, 2) && out[16] == ':' &&
               digitsAt(out, 17, 2));
    if (out.size() > 19)
        FUZZ_CHECK(digitsAt(out, 20, out.size() - 20));
    const int year = numberAt(out, 0, 4), month = numberAt(out, 5, 2), day = numberAt(out, 8, 2);
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    FUZZ_CHECK(year >= 1 && month >= 1 && month <= 12 && day >= 1);
    FUZZ_CHECK(day <= days[month - 1] + (month == 2 && leap ? 1 : 0));
    FUZZ_CHECK(numberAt(out, 11, 2) <= 23 && numberAt(out, 14, 2) <= 59 && numberAt(out, 17, 2) <= 59);
    // Year first already: every order reads it back unchanged.
    for (DateOrder order : {DateOrder::Unknown, DateOrder::DayFirst, DateOrder::MonthFirst}) {
        const std::optional<std::string> again = normalizeTimestamp(out, order);
        FUZZ_CHECK(again && *again == out);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    TimestampSurvey survey, firstHalf, secondHalf;
    std::int64_t values = 0;
    std::uint64_t line = 0;
    for (std::size_t start = 0; start <= input.size();) {
        std::size_t end = input.find('\n', start);
        if (end == std::string_view::npos)
            end = input.size();
        const std::string_view value = input.substr(start, end - start);
        ++line;
        ++values;
        survey.observe(value, line);
        (values % 2 ? firstHalf : secondHalf).observe(value, line);

        const std::optional<std::string> iso = normalizeTimestamp(value, DateOrder::Unknown);
        const std::optional<std::string> dayFirst = normalizeTimestamp(value, DateOrder::DayFirst);
        const std::optional<std::string> monthFirst = normalizeTimestamp(value, DateOrder::MonthFirst);
        for (const auto &out : {iso, dayFirst, monthFirst})
            if (out)
                checkNormalized(*out);
        if (iso) // year first: the order does not matter
            FUZZ_CHECK(dayFirst == iso && monthFirst == iso);
        start = end + 1;
    }
    FUZZ_CHECK(survey.iso + survey.numeric + survey.empty + survey.unreadable == values);
    firstHalf.merge(secondHalf);
    FUZZ_CHECK(firstHalf.iso == survey.iso && firstHalf.numeric == survey.numeric && firstHalf.empty == survey.empty &&
               firstHalf.unreadable == survey.unreadable);

    for (DateOrder stated : {DateOrder::Unknown, DateOrder::DayFirst, DateOrder::MonthFirst}) {
        std::string why;
        try {
            const DateOrder decided = decideDateOrder("fuzz.csv", survey, stated, why);
            FUZZ_CHECK(!why.empty());
            FUZZ_CHECK(survey.numeric == 0 ? decided == DateOrder::Unknown : decided != DateOrder::Unknown);
            if (stated != DateOrder::Unknown && survey.numeric > 0)
                FUZZ_CHECK(decided == stated);
            (void)describeFormat(survey, decided);
        } catch (const SourceError &e) {
            FUZZ_CHECK(std::string_view(e.what()).find("fuzz.csv") == 0);
        }
    }
    return 0;
}

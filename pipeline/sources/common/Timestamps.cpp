#include "sources/common/Timestamps.h"

#include "core/EnumNames.h"

#include "sources/SourceAdapter.h"
#include "sources/common/SourceCsv.h"

#include <cstdio>

namespace ecomops::sources {
namespace {

// A timestamp split into its numbers, before the day/month order is known.
struct Parts {
    bool iso = false;
    int first = 0, second = 0;        // year-last: the two numbers before the year
    int year = 0, month = 0, day = 0; // ISO: as written
    int yearDigits = 4;
    int hour = 0, minute = 0, sec = 0;
    bool hasSeconds = false;
    std::string_view fraction;
    int meridiem = 0; // 0 none, 1 AM, 2 PM
    char separator = 0;
};

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Reads 1..maxDigits digits at `pos`; the count read goes to `digits`.
bool number(std::string_view v, std::size_t &pos, int maxDigits, int &value, int &digits)
{
    value = 0;
    digits = 0;
    while (pos < v.size() && isDigit(v[pos]) && digits < maxDigits) {
        value = value * 10 + (v[pos] - '0');
        ++pos;
        ++digits;
    }
    return digits > 0 && !(pos < v.size() && isDigit(v[pos]));
}

bool parseTime(std::string_view v, std::size_t pos, Parts &p)
{
    int digits = 0;
    if (!number(v, pos, 2, p.hour, digits) || pos >= v.size() || v[pos] != ':')
        return false;
    ++pos;
    if (!number(v, pos, 2, p.minute, digits) || digits != 2)
        return false;
    if (pos < v.size() && v[pos] == ':') {
        ++pos;
        if (!number(v, pos, 2, p.sec, digits) || digits != 2)
            return false;
        p.hasSeconds = true;
        if (pos < v.size() && v[pos] == '.') {
            const std::size_t start = ++pos;
            while (pos < v.size() && isDigit(v[pos]))
                ++pos;
            if (pos == start || pos - start > 6)
                return false;
            p.fraction = v.substr(start, pos - start);
        }
    }
    while (pos < v.size() && v[pos] == ' ')
        ++pos;
    if (pos + 2 == v.size()) {
        const char a = char(v[pos] | 0x20), m = char(v[pos + 1] | 0x20);
        if (m != 'm' || (a != 'a' && a != 'p'))
            return false;
        p.meridiem = a == 'a' ? 1 : 2;
        pos += 2;
    }
    return pos == v.size();
}

std::optional<Parts> split(std::string_view value)
{
    const std::string_view v = trim(value);
    Parts p;
    std::size_t pos = 0;
    int a = 0, digits = 0;
    if (!number(v, pos, 4, a, digits) || pos >= v.size())
        return std::nullopt;
    const char sep = v[pos];
    if (sep != '-' && sep != '/' && sep != '.')
        return std::nullopt;
    ++pos;
    int b = 0, c = 0, bDigits = 0, cDigits = 0;
    if (!number(v, pos, 2, b, bDigits) || pos >= v.size() || v[pos] != sep)
        return std::nullopt;
    ++pos;
    if (!number(v, pos, 4, c, cDigits))
        return std::nullopt;
    p.separator = sep;
    if (digits == 4) {
        if (cDigits > 2)
            return std::nullopt;
        p.iso = true;
        p.year = a;
        p.month = b;
        p.day = c;
    } else {
        if (digits > 2 || (cDigits != 2 && cDigits != 4))
            return std::nullopt;
        p.first = a;
        p.second = b;
        p.year = c;
        p.yearDigits = cDigits;
    }
    if (pos == v.size())
        return p;
    if (v[pos] != ' ' && !(p.iso && v[pos] == 'T'))
        return std::nullopt;
    while (pos < v.size() && (v[pos] == ' ' || v[pos] == 'T'))
        ++pos;
    if (!parseTime(v, pos, p))
        return std::nullopt;
    return p;
}

bool leapYear(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leapYear(y) ? 29 : days[m - 1];
}

std::string quoted(const std::string &value, std::uint64_t line)
{
    return "'" + value + "' (line " + std::to_string(line) + ")";
}

constexpr EnumName<DateOrder> kDateOrders[] = {{DateOrder::DayFirst, "day_first"},
                                               {DateOrder::MonthFirst, "month_first"}};

} // namespace

const char *toString(DateOrder order)
{
    return enumName(kDateOrders, order, "unknown");
}

DateOrder statedDateOrder(const nlohmann::json &options)
{
    const auto it = options.find("date_order");
    if (it == options.end() || it->is_null())
        return DateOrder::Unknown;
    const std::string v = it->is_string() ? it->get<std::string>() : it->dump();
    if (v == "day_first" || v == "dmy")
        return DateOrder::DayFirst;
    if (v == "month_first" || v == "mdy")
        return DateOrder::MonthFirst;
    throw SourceError("the option date_order must be day_first or month_first, not \"" + v + "\"");
}

void TimestampSurvey::observe(std::string_view value, std::uint64_t line)
{
    if (trim(value).empty()) {
        ++empty;
        return;
    }
    const std::optional<Parts> p = split(value);
    if (!p) {
        if (unreadable++ == 0) {
            unreadableExample = std::string(value);
            unreadableLine = line;
        }
        return;
    }
    if (p->iso) {
        ++iso;
        return;
    }
    if (numeric++ == 0) {
        numericExample = std::string(trim(value));
        numericLine = line;
        separator = p->separator;
    }
    (p->yearDigits == 2 ? twoDigitYear : fourDigitYear) = true;
    seconds = seconds || p->hasSeconds;
    clock12 = clock12 || p->meridiem != 0;
    const bool firstIsDay = p->first > 12 && p->first <= 31 && p->second <= 12;
    const bool secondIsDay = p->second > 12 && p->second <= 31 && p->first <= 12;
    if (firstIsDay && dayFirstExample.empty()) {
        dayFirstExample = std::string(trim(value));
        dayFirstLine = line;
    }
    if (secondIsDay && monthFirstExample.empty()) {
        monthFirstExample = std::string(trim(value));
        monthFirstLine = line;
    }
}

void TimestampSurvey::merge(const TimestampSurvey &o)
{
    auto take = [](std::string &example, std::uint64_t &line, const std::string &otherExample,
                   std::uint64_t otherLine) {
        if (example.empty() && !otherExample.empty()) {
            example = otherExample;
            line = otherLine;
        }
    };
    if (numeric == 0)
        separator = o.separator;
    iso += o.iso;
    numeric += o.numeric;
    empty += o.empty;
    unreadable += o.unreadable;
    twoDigitYear = twoDigitYear || o.twoDigitYear;
    fourDigitYear = fourDigitYear || o.fourDigitYear;
    seconds = seconds || o.seconds;
    clock12 = clock12 || o.clock12;
    take(dayFirstExample, dayFirstLine, o.dayFirstExample, o.dayFirstLine);
    take(monthFirstExample, monthFirstLine, o.monthFirstExample, o.monthFirstLine);
    take(numericExample, numericLine, o.numericExample, o.numericLine);
    take(unreadableExample, unreadableLine, o.unreadableExample, o.unreadableLine);
}

DateOrder decideDateOrder(const std::string &file, const TimestampSurvey &all, DateOrder stated, std::string &why)
{
    if (all.numeric == 0) {
        why = "every timestamp is written year first (ISO), so the day/month order is not in question";
        return DateOrder::Unknown;
    }
    const bool dayProven = !all.dayFirstExample.empty();
    const bool monthProven = !all.monthFirstExample.empty();
    if (dayProven && monthProven)
        throw SourceError(file + ": the dates mix both orders: " + quoted(all.dayFirstExample, all.dayFirstLine) +
                          " can only be day first and " + quoted(all.monthFirstExample, all.monthFirstLine) +
                          " can only be month first; the file cannot be read reliably");
    if (dayProven || monthProven) {
        const DateOrder proven = dayProven ? DateOrder::DayFirst : DateOrder::MonthFirst;
        const std::string example = dayProven ? quoted(all.dayFirstExample, all.dayFirstLine)
                                              : quoted(all.monthFirstExample, all.monthFirstLine);
        if (stated != DateOrder::Unknown && stated != proven)
            throw SourceError(file + ": date_order=" + toString(stated) + " was stated, but " + example +
                              " can only be " + (dayProven ? "day first" : "month first"));
        why = std::string(dayProven ? "day first" : "month first") + ", decided by the data: " + example + " has " +
              (dayProven ? "a first" : "a second") + " number above 12, which can only be a day" +
              (stated != DateOrder::Unknown ? " (as stated by date_order)" : "");
        return proven;
    }
    if (stated == DateOrder::Unknown)
        throw SourceError(file + ": the dates are ambiguous: every value, such as " +
                          quoted(all.numericExample, all.numericLine) +
                          ", reads both day-first and month-first (no number above 12 in the first two places); "
                          "state the order with --option date_order=month_first or --option date_order=day_first");
    why = std::string(stated == DateOrder::DayFirst ? "day first" : "month first") +
          ", as stated by date_order: the data alone does not decide (no value such as " +
          quoted(all.numericExample, all.numericLine) + " has a number above 12 in the first two places)";
    return stated;
}

std::string describeFormat(const TimestampSurvey &c, DateOrder order)
{
    if (c.numeric == 0)
        return c.iso > 0 ? "YYYY-MM-DD HH:MM:SS (ISO)" : "no values";
    const std::string sep(1, c.separator);
    std::string f = order == DateOrder::DayFirst ? "D" + sep + "M" + sep : "M" + sep + "D" + sep;
    f += c.twoDigitYear && c.fourDigitYear ? "YY(YY)" : c.twoDigitYear ? "YY" : "YYYY";
    f += " H:MM";
    if (c.seconds)
        f += ":SS";
    if (c.clock12)
        f += " AM/PM";
    f += order == DateOrder::DayFirst ? " (day first)" : " (month first)";
    if (c.iso > 0)
        f += ", and YYYY-MM-DD HH:MM:SS (ISO) on " + std::to_string(c.iso) + " values";
    return f;
}

std::optional<std::string> normalizeTimestamp(std::string_view value, DateOrder order)
{
    const std::optional<Parts> p = split(value);
    if (!p)
        return std::nullopt;
    int year = p->year, month = p->month, day = p->day;
    if (!p->iso) {
        if (order == DateOrder::Unknown)
            return std::nullopt;
        month = order == DateOrder::MonthFirst ? p->first : p->second;
        day = order == DateOrder::MonthFirst ? p->second : p->first;
        if (p->yearDigits == 2)
            year += year < 70 ? 2000 : 1900;
    }
    int hour = p->hour;
    if (p->meridiem != 0) {
        if (hour < 1 || hour > 12)
            return std::nullopt;
        hour = hour % 12 + (p->meridiem == 2 ? 12 : 0);
    }
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 ||
        p->minute > 59 || p->sec > 59)
        return std::nullopt;
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour, p->minute, p->sec);
    std::string out(text);
    if (!p->fraction.empty())
        out += "." + std::string(p->fraction);
    return out;
}

} // namespace ecomops::sources

#include "quality/FieldChecks.h"

#include "sources/synthetic/Civil.h"

#include <bitset>

namespace ecomops::quality {
namespace {

constexpr bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
constexpr bool isUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}
constexpr bool isLetter(char c)
{
    return isUpper(c) || (c >= 'a' && c <= 'z');
}
constexpr bool isAlnum(char c)
{
    return isDigit(c) || isLetter(c);
}
constexpr bool isHigh(char c)
{
    return static_cast<unsigned char>(c) >= 0x80;
}

// Reads `count` digits at `pos`; -1 when any is not a digit.
int digits(std::string_view s, std::size_t pos, std::size_t count)
{
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = s[pos + i];
        if (!isDigit(c))
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

constexpr bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int year, int month)
{
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeap(year) ? 29 : kDays[month - 1];
}

// ISO 3166-1 alpha-2, the officially assigned codes.
constexpr const char kIsoCountries[] =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO "
    "FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE "
    "JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO "
    "MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW "
    "PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM "
    "TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

std::bitset<26 * 26> buildIsoCountries()
{
    std::bitset<26 * 26> set;
    const std::string_view list(kIsoCountries);
    for (std::size_t i = 0; i + 1 < list.size(); i += 3)
        set.set(std::size_t(list[i] - 'A') * 26 + std::size_t(list[i + 1] - 'A'));
    return set;
}

bool isLocalPartChar(char c)
{
    if (isAlnum(c) || isHigh(c))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '/':
    case '=':
    case '?':
    case '^':
    case '_':
    case '`':
    case '{':
    case '|':
    case '}':
    case '~':
    case '.':
    case '-':
        return true;
    default:
        return false;
    }
}

bool isDomainLabel(std::string_view label, bool last)
{
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
        return false;
    for (char c : label) {
        if (!(isAlnum(c) || isHigh(c) || c == '-'))
            return false;
    }
    if (last) {
        if (label.size() < 2)
            return false;
        if (label.substr(0, 4) == "xn--")
            return true;
        for (char c : label) {
            if (!(isLetter(c) || isHigh(c)))
                return false;
        }
    }
    return true;
}

} // namespace

std::string_view trimSpaces(std::string_view text) noexcept
{
    std::size_t b = 0, e = text.size();
    while (b < e && text[b] == ' ')
        ++b;
    while (e > b && text[e - 1] == ' ')
        --e;
    return text.substr(b, e - b);
}

std::optional<std::int64_t> parseInteger(std::string_view text) noexcept
{
    std::size_t i = 0;
    bool negative = false;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        negative = text[0] == '-';
        i = 1;
    }
    const std::size_t count = text.size() - i;
    if (count == 0 || count > 18)
        return std::nullopt;
    std::int64_t value = 0;
    for (; i < text.size(); ++i) {
        if (!isDigit(text[i]))
            return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return negative ? -value : value;
}

std::optional<Decimal> parseAmount(std::string_view text) noexcept
{
    const std::optional<Decimal> d = Decimal::tryParse(text);
    constexpr std::int64_t kLimit = 10'000'000'000LL * Decimal::kUnitsPerOne; // 10 integer digits
    if (!d || d->units() >= kLimit || d->units() <= -kLimit)
        return std::nullopt;
    return d;
}

std::optional<std::int64_t> parseTimestamp(std::string_view s) noexcept
{
    const std::size_t n = s.size();
    if (n < 10 || s[4] != '-' || s[7] != '-' || s[0] == '0')
        return std::nullopt;
    const int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
    if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return std::nullopt;
    int hour = 0, minute = 0, second = 0;
    if (n > 10) {
        if ((s[10] != ' ' && s[10] != 'T') || n < 16 || s[13] != ':')
            return std::nullopt;
        hour = digits(s, 11, 2);
        minute = digits(s, 14, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59)
            return std::nullopt;
        if (n > 16) {
            if (n < 19 || s[16] != ':')
                return std::nullopt;
            second = digits(s, 17, 2);
            if (second < 0 || second > 59)
                return std::nullopt;
            if (n > 19) {
                if (s[19] != '.' || n < 21 || n > 26 || digits(s, 20, n - 20) < 0)
                    return std::nullopt;
            }
        }
    }
    return synthetic::daysFromCivil(year, month, day) * synthetic::kSecondsPerDay + hour * 3600 + minute * 60 + second;
}

bool isEmail(std::string_view text) noexcept
{
    if (text.size() > 254)
        return false;
    const std::size_t at = text.find('@');
    if (at == std::string_view::npos || at == 0 || at > 64 || text.find('@', at + 1) != std::string_view::npos)
        return false;
    const std::string_view local = text.substr(0, at);
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
        return false;
    for (char c : local) {
        if (!isLocalPartChar(c))
            return false;
    }
    std::string_view domain = text.substr(at + 1);
    int labels = 0;
    for (;;) {
        const std::size_t dot = domain.find('.');
        const bool last = dot == std::string_view::npos;
        if (last && labels == 0)
            return false; // a single label: no top-level domain
        if (!isDomainLabel(domain.substr(0, dot), last))
            return false;
        ++labels;
        if (last)
            return true;
        domain.remove_prefix(dot + 1);
    }
}

bool isCountryFormat(std::string_view text) noexcept
{
    return text.size() == 2 && isUpper(text[0]) && isUpper(text[1]);
}

bool isIsoCountry(std::string_view text) noexcept
{
    static const std::bitset<26 * 26> codes = buildIsoCountries();
    return isCountryFormat(text) && codes.test(std::size_t(text[0] - 'A') * 26 + std::size_t(text[1] - 'A'));
}

bool isPhone(std::string_view text) noexcept
{
    int count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (isDigit(c))
            ++count;
        else if (c == '+' ? i != 0 : (c != ' ' && c != '(' && c != ')' && c != '-' && c != '.' && c != '/'))
            return false;
    }
    return count >= 7 && count <= 15;
}

bool isProductCode(std::string_view text) noexcept
{
    if (text.empty() || text.size() > 64)
        return false;
    for (char c : text) {
        if (!(isAlnum(c) || c == '.' || c == '_' || c == '/' || c == '-'))
            return false;
    }
    return true;
}

} // namespace ecomops::quality

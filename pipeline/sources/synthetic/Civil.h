#pragma once
// Proleptic Gregorian calendar arithmetic on plain integers (days and
// seconds since 1970-01-01, no time zone), after Howard Hinnant's
// days_from_civil: the generator formats millions of timestamps and must
// not depend on the host's time zone.
#include <cstdint>

namespace ecomops::synthetic {

constexpr std::int64_t kSecondsPerDay = 86400;

struct CivilDate {
    int year;
    int month; // 1..12
    int day;   // 1..31
};

constexpr std::int64_t daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

constexpr CivilDate civilFromDays(std::int64_t z)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {static_cast<int>(yoe + era * 400 + (m <= 2)), m, d};
}

// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
constexpr int weekday(std::int64_t days)
{
    return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

constexpr std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

static_assert(daysFromCivil(1970, 1, 1) == 0, "epoch");
static_assert(daysFromCivil(2025, 1, 1) == 20089, "2025-01-01");
static_assert(civilFromDays(20089).year == 2025, "round trip");
static_assert(weekday(daysFromCivil(2025, 1, 1)) == 2, "2025-01-01 was a Wednesday");

} // namespace ecomops::synthetic

#pragma once
// When a piece of work began and ended, on the wall clock, to the
// microsecond: the stage record keeps real per-table start and end times even
// when the work ran inside one long transaction (where now() does not move).
#include <QtGlobal>

#include <algorithm>
#include <chrono>

namespace ecomops {

struct TimeSpan {
    qint64 startedUs = 0; // microseconds since the Unix epoch
    qint64 endedUs = 0;

    static qint64 nowUs()
    {
        using namespace std::chrono;
        return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
    }
    bool isValid() const { return startedUs > 0 && endedUs >= startedUs; }
    // Extends the span to cover `other` (an empty span takes it as is).
    void cover(const TimeSpan &other)
    {
        if (!other.isValid())
            return;
        if (!isValid()) {
            *this = other;
            return;
        }
        startedUs = std::min(startedUs, other.startedUs);
        endedUs = std::max(endedUs, other.endedUs);
    }
};

} // namespace ecomops

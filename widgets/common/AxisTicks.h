#pragma once
// Axis ranges whose ticks fall on round numbers (steps of 1, 2, 2.5 or 5
// times a power of ten): 0 / 25 k / 50 k / 75 k / 100 k rather than the
// 38 k / 75 k / 113 k a fixed tick count gives after Qt's own rounding.
#include <QString>

class QValueAxis;

namespace ecomops::widgets {

struct NiceScale {
    double min = 0;
    double max = 1;
    double step = 1;
    int tickCount() const;
    int decimals() const; // what the step needs to read exactly
};

// The smallest round range covering [low, high] in at most `maxIntervals`
// steps, none finer than `minStep` (1 for whole seconds or counts).
NiceScale niceScale(double low, double high, int maxIntervals = 5, double minStep = 0);
// Sets the axis's range, ticks and label format ("%.0f k" with suffix " k").
void applyNiceScale(QValueAxis *axis, const NiceScale &scale, const QString &suffix = {});

} // namespace ecomops::widgets

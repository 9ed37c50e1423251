#include "common/AxisTicks.h"

#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace ecomops::widgets {

int NiceScale::tickCount() const
{
    return int(std::lround((max - min) / step)) + 1;
}

int NiceScale::decimals() const
{
    int decimals = 0;
    // 2.5 needs one decimal, 0.25 two: count until the step is whole.
    for (double s = step; decimals < 6 && std::abs(s - std::round(s)) > 1e-9 * std::max(1.0, s); s *= 10)
        ++decimals;
    return decimals;
}

NiceScale niceScale(double low, double high, int maxIntervals, double minStep)
{
    maxIntervals = std::max(1, maxIntervals);
    if (!(high > low))
        high = low + std::max(1.0, minStep);
    const double rough = (high - low) / maxIntervals;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    NiceScale scale;
    for (const double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        scale.step = std::max(factor * magnitude, minStep);
        scale.min = std::floor(low / scale.step + 1e-9) * scale.step;
        scale.max = std::ceil(high / scale.step - 1e-9) * scale.step;
        if (scale.tickCount() - 1 <= maxIntervals)
            break;
    }
    return scale;
}

void applyNiceScale(QValueAxis *axis, const NiceScale &scale, const QString &suffix)
{
    axis->setTickType(QValueAxis::TicksFixed);
    axis->setRange(scale.min, scale.max);
    axis->setTickCount(scale.tickCount());
    axis->setLabelFormat(QStringLiteral("%.") + QString::number(scale.decimals()) + QStringLiteral("f") + suffix);
}

} // namespace ecomops::widgets

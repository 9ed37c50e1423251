#pragma once
// What every hand-built QChart in the console does the same way: empty
// itself before it is rebuilt from new data, and take its colours from the
// widget's palette so it reads on light and dark themes alike.
#include <QPalette>

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace ecomops::widgets::charts {

// Removes and deletes every series and axis (QChart keeps axes otherwise).
void clear(QChart *chart);

// Base background without a plot-area fill, legend and title in the text
// colour, and every attached axis in muted text with separator lines. Call
// it after the axes are added: axes added later keep Qt's light defaults.
void applyPalette(QChart *chart, const QPalette &palette);

} // namespace ecomops::widgets::charts

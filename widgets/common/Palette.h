#pragma once
// The console's one set of status colours: every workspace's pills, banners,
// timelines and charts take "warning" and the rest from here, so a warning is
// the same orange in Runs, Data Quality and Anomalies.
#include <QColor>
#include <QPalette>

namespace ecomops::widgets {

enum class Tone { Neutral, Active, Good, Warning, Bad };

// Readable as text (and as a bar or dot) on `palette`'s base, light or dark.
QColor toneColor(Tone tone, const QPalette &palette);
// A soft fill of the tone for a pill or a banner on `palette`'s base.
QColor toneFill(Tone tone, const QPalette &palette);

} // namespace ecomops::widgets

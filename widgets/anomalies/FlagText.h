#pragma once
// How the Anomalies workspace words and colours a flag's status, shared by
// the table, the delegate, the detail panel and the CSV export.
#include "anomalies/Status.h"
#include "common/Palette.h"

#include <QColor>
#include <QPalette>
#include <QString>

namespace ecomops::widgets::flagtext {

// "New", "Reviewed", "Resolved", "False positive"
QString statusLabel(anomalies::FlagStatus status);
// The console's tone for a status: new is active, reviewed waits (warning),
// resolved is done, a false positive is neutral.
Tone statusTone(anomalies::FlagStatus status);
// The status's hue, readable as text on `palette`'s base (light or dark).
QColor statusColor(anomalies::FlagStatus status, const QPalette &palette);
// A soft fill of the status's hue for a pill on `palette`'s base.
QColor statusFill(anomalies::FlagStatus status, const QPalette &palette);
// The name of whoever sits at this console, recorded with a triage change.
QString consoleUser();

} // namespace ecomops::widgets::flagtext

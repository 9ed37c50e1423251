#pragma once
// What the Anomalies workspace tells a steward in its message line: a triage
// that went in, a conflict with another steward's change, a change heard
// from another console, an empty list.
#include "anomalies/AnomalyChange.h"
#include "anomalies/FlagQueries.h"
#include "anomalies/Triage.h"

#include <QString>

namespace ecomops::widgets::triagetext {

// "1 flag", "1,204 flags"
QString flagCount(qint64 flags);
QString asking(int flags, anomalies::FlagStatus status, bool wholeProduct);
QString done(const anomalies::TriageResult &result);
QString conflict(const anomalies::TriageConflict &conflict);
QString fromAnotherConsole(const anomalies::AnomalyChange &change);
// "A run raised 3 new flags; the list has been refreshed."
QString newFlagsArrived(qint64 flags);
// Why the list is empty; `elsewhere` flags match all but the status filter.
QString emptyList(const anomalies::FlagFilter &filter, qint64 elsewhere);

} // namespace ecomops::widgets::triagetext

#pragma once
#include <QStringList>

namespace ecomops::app {

// `ecomops anomalies rebaseline [--json]`: recomputes every product's
// anomaly baseline now (pipeline/anomalies/Rebaseline.h), with the settings
// the baselines were last computed with (the defaults when there is none),
// and prints the thresholds that changed. Exit 0 done, 1 database error or
// refused (not a steward or operator), 2 bad arguments.
int runAnomaliesCommand(const QStringList &arguments);

} // namespace ecomops::app

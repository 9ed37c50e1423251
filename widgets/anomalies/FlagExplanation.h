#pragma once
// Why a flag is unusual, in words a steward can check against the chart:
// the product's usual range when the flag was raised (the middle 80 % of its
// counted quantities), its median, and how far out this line is — as a
// ratio, and in deviations on the scale the detector used (logarithms for
// log_mad). Every number is read by anomalies::FlagQueries; nothing here
// computes a statistic.
#include "anomalies/FlagQueries.h"

#include <QString>

namespace ecomops::widgets::flagexplanation {

// "120 units of Mug on order O-1, line 2."
QString headline(const anomalies::FlagRow &flag);
// "This product usually sells 6 to 24 per line (the middle 80 % of its 412
// lines when the flag was raised; median 6). This line is 20× the median
// and 5× the top of that range: 5.1 robust deviations above the median on
// the log scale, where more than 4 raise a flag."
QString explanation(const anomalies::FlagRow &flag);
// How the detector measured deviations: "robust deviations on the log
// scale" (log_mad), "robust deviations" (mad), "standard deviations".
QString deviationUnit(const QString &method);
// A quantity as a steward reads it: whole numbers without decimals.
QString quantityText(double value);

} // namespace ecomops::widgets::flagexplanation

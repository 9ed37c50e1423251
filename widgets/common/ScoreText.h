#pragma once
// One way a quality score reads everywhere (Runs, Data Quality, the charts):
// cut, not rounded, to one decimal, so 99.982 reads 99.9 in every place and
// "100.0" means 100. The rule is the pipeline's (quality::oneDecimalScore),
// which the run's own messages use too.
#include <QString>

namespace ecomops::widgets {

// "92.4", or "—" for a score that was not measured (< 0).
QString scoreText(double score);

} // namespace ecomops::widgets

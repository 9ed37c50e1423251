#pragma once
// The run spec most engine tests start from: the synthetic shop at a scale
// and seed, staged under `stagingDir`, triggered by a test. Tests change
// what they need from there (gates, defects, anomalies).
#include "runner/RunSpec.h"

#include <QString>

namespace ecomops::test {

runner::RunSpec syntheticRunSpec(const QString &stagingDir, double scale, quint64 seed, const QString &startedBy);

} // namespace ecomops::test

#pragma once
// The run spec most engine tests start from: the synthetic shop at a scale
// and seed, staged under `stagingDir`, triggered by a test. Tests change
// what they need from there (gates, defects, anomalies).
#include "runner/RunExecution.h"
#include "runner/RunSpec.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QString>

namespace ecomops::test {

runner::RunSpec syntheticRunSpec(const QString &stagingDir, double scale, quint64 seed, const QString &startedBy);
// The same for a generator the test has set up (defects, anomalies).
runner::RunSpec syntheticRunSpec(const QString &stagingDir, const synthetic::GeneratorOptions &generator,
                                 const QString &startedBy);

struct ShopRun {
    runner::RunResult result;
    QString log; // "stage: message" lines, for a failure message
};

// Runs `spec` to its end into the database at `conninfo`, through the same
// RunExecution the console uses, with nothing watching but the log.
ShopRun runQuietly(const QString &conninfo, const runner::RunSpec &spec);

} // namespace ecomops::test

#include "SyntheticRun.h"

#include "sources/synthetic/GeneratorOptions.h"

namespace ecomops::test {

runner::RunSpec syntheticRunSpec(const QString &stagingDir, double scale, quint64 seed, const QString &startedBy)
{
    synthetic::GeneratorOptions options;
    options.scale = scale;
    options.seed = seed;
    runner::RunSpec spec;
    spec.sourceOptions = options.toJson();
    spec.stagingDir = stagingDir;
    spec.trigger = runner::Trigger::Test;
    spec.startedBy = startedBy;
    return spec;
}

} // namespace ecomops::test

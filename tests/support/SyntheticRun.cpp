#include "SyntheticRun.h"

#include "QuietEvents.h"
#include "core/Cancellation.h"

namespace ecomops::test {

runner::RunSpec syntheticRunSpec(const QString &stagingDir, double scale, quint64 seed, const QString &startedBy)
{
    synthetic::GeneratorOptions options;
    options.scale = scale;
    options.seed = seed;
    return syntheticRunSpec(stagingDir, options, startedBy);
}

runner::RunSpec syntheticRunSpec(const QString &stagingDir, const synthetic::GeneratorOptions &generator,
                                 const QString &startedBy)
{
    runner::RunSpec spec;
    spec.sourceOptions = generator.toJson();
    spec.stagingDir = stagingDir;
    spec.trigger = runner::Trigger::Test;
    spec.startedBy = startedBy;
    return spec;
}

ShopRun runQuietly(const QString &conninfo, const runner::RunSpec &spec)
{
    QuietEvents events;
    runner::RunExecution run(conninfo, spec, events);
    CancelToken cancel;
    ShopRun shop;
    shop.result = run.execute(cancel);
    shop.log = events.text();
    return shop;
}

} // namespace ecomops::test

#pragma once
// Where a run's events go. The Runner implements it (throttling progress and
// turning events into queued signals); tests may implement it directly.
#include "core/Progress.h"

namespace ecomops::runner {

class RunEvents
{
public:
    virtual ~RunEvents() = default;
    virtual void runCreated(qint64 runId) = 0;
    // Called often and from several threads; implementations throttle.
    virtual void progress(const ProgressEvent &event) = 0;
    virtual void log(const LogLine &line) = 0;
    virtual void tableFinished(const TableCounts &counts) = 0;
};

} // namespace ecomops::runner

#pragma once
// Acting on a past run: run it again with the spec it recorded, or retry a
// failed run from the snapshot it staged, without generating or importing
// its source again. The new run's spec names the run it came from (origin),
// so the history shows it. Shared by `ecomops runs rerun|retry` and the Runs
// history's actions. Blocking (SQL, files): call it off the GUI thread.
#include "runner/RunSpec.h"

#include <QString>

#include <stdexcept>

namespace ecomops::runner {

// A past run cannot be acted on as asked; the message says why in words.
class RunAgainError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct PastRun {
    qint64 runId = 0;
    QString status;
    QString snapshotPath;
    RunSpec spec; // as recorded (never with a password)
};

// Throws RunAgainError when there is no such run or its spec cannot be read.
PastRun readPastRun(const QString &conninfo, qint64 runId);

// The recorded spec again, started now by `startedBy` with `trigger`.
RunSpec rerunSpec(const PastRun &run, Trigger trigger, const QString &startedBy);

// Empty when `run` can be retried from its snapshot; otherwise why not (not
// failed, no snapshot recorded, or the snapshot is gone or incomplete).
// Reads the snapshot folder.
QString retryBlockedReason(const PastRun &run);
bool canRetry(const QString &status, const QString &snapshotPath); // the same, from the history's columns
// Empty when `path` holds a complete snapshot; otherwise what is wrong, in words.
QString snapshotProblem(const QString &path);

// The recorded spec with its source replaced by the run's snapshot.
// Throws RunAgainError with retryBlockedReason() when it cannot be retried.
RunSpec retrySpec(const PastRun &run, Trigger trigger, const QString &startedBy);

} // namespace ecomops::runner

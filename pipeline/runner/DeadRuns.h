#pragma once
// Finds runs whose process is gone and closes their record. A live run holds
// a session-level advisory lock keyed on its run id (RunRecorder takes it
// before the run's row is visible to anyone and keeps it on its connection),
// so a run marked queued or running whose lock is free has no process behind
// it: it is marked failed, its open stage rows are ended, and its staging
// partitions, quarantine and quality rows are removed as for any failed run
// (removeRunData; the snapshot stays, so it can be loaded again).
//
// A run that started before the server (re)started lost its lock with its
// connection and may be waiting to reconnect (recovery_wait_seconds of its
// spec); it is left alone until that wait plus a margin has passed since the
// server started.
#include <QString>

#include <vector>

namespace pqxx {
class transaction_base;
}

namespace ecomops::runner {

// The advisory lock a live run holds: pg_advisory_lock(kRunLockClass, runLockKey(runId)).
inline constexpr int kRunLockClass = 0x45434f4d; // "ECOM"
inline int runLockKey(qint64 runId)
{
    return int(runId & 0x7fffffff);
}

// The error text of a run found dead.
QString deadRunMessage();

struct DeadRunReport {
    std::vector<qint64> closed;   // marked failed now
    std::vector<qint64> deferred; // lock free, but possibly reconnecting after a server restart
};

// Blocking (call it off the GUI thread); throws std::exception when the
// database cannot be reached or the role may not write the run record.
DeadRunReport reconcileDeadRuns(const QString &conninfo);

} // namespace ecomops::runner

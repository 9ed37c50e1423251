#pragma once
// What undoing a run means in the database, shared by a run that fails or is
// cancelled (RunExecution) and by the reconciliation of runs whose process
// died (DeadRuns): drop the run's staging partitions, delete its quarantine
// and quality rows (unless they are a failed gate's evidence), and end its
// stage rows that are still open. The snapshot on disk is never touched, so
// the run can be loaded again.
#include "core/Progress.h"

#include <QString>

namespace pqxx {
class transaction_base;
}

namespace ecomops::runner {

enum class Evidence { Remove, Keep };

// Drops staging.<table>_r<runId> of every staged table and, with
// Evidence::Remove, the run's quarantine rows and quality results.
void removeRunData(pqxx::transaction_base &tx, qint64 runId, Evidence evidence);

// Ends the run's stage rows still 'queued' or 'running' with `state`
// (failed, cancelled or skipped) and now() as their end; `error` (may be
// empty) goes to the rows that have none. Returns how many it ended.
qint64 endOpenStages(pqxx::transaction_base &tx, qint64 runId, TableState state, const QString &error);

} // namespace ecomops::runner

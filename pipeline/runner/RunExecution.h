#pragma once
// The stages of one run, in order, on the calling thread (the Runner calls it
// on a worker thread): source → snapshot → load → validate → publish
// (transform, detect, marts in one transaction). A failed or cancelled run
// drops its staging tables and quarantine rows, so the warehouse is exactly
// as it was before the run.
#include "core/Cancellation.h"
#include "runner/RunEvents.h"
#include "runner/RunRecorder.h"
#include "runner/RunResult.h"
#include "runner/RunSpec.h"
#include "staging/Snapshot.h"

#include <QElapsedTimer>

#include <functional>
#include <map>
#include <optional>

namespace ecomops::runner {

class RunExecution {
public:
    RunExecution(QString conninfo, RunSpec spec, RunEvents &events);

    RunResult execute(CancelToken &cancel);

private:
    class Reporter;
    friend class Reporter;

    staging::Snapshot sourceStage(CancelToken &cancel);
    staging::Snapshot adapterSource(CancelToken &cancel); // olist, txnlog, sourcedb, …
    QString newSnapshotDirectory() const;
    void loadStage(const staging::Snapshot &snapshot, CancelToken &cancel);
    void publishStage(CancelToken &cancel);
    // Runs `body` with retries for transient failures; records stage_result
    // rows for (stage, table) unless the body records its own.
    void attempt(const QString &stage, const QString &table, CancelToken &cancel, const std::function<void(int)> &body);
    void cleanUpAfterFailure();
    void emitLog(LogLevel level, const QString &stage, const QString &message);
    void finishTotals();

    QString m_conninfo;
    RunSpec m_spec;
    RunEvents &m_events;
    RunRecorder m_recorder;
    RunResult m_result;
    QElapsedTimer m_clock;
    std::map<QString, TableCounts> m_tableTotals; // by table, across stages
};

} // namespace ecomops::runner

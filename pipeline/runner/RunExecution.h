#pragma once
// The stages of one run, in order, on the calling thread (the Runner calls it
// on a worker thread): source → snapshot → load (with the quality row rules
// in the same pass) → validate (set rules, scores, gates) → publish
// (transform, detect, marts in one transaction). A failed or cancelled run
// drops its staging tables, quarantine rows and scores, so the warehouse is
// exactly as it was before the run; a run stopped by a failing gate keeps its
// scores and quarantine as the evidence a steward needs.
#include "core/Cancellation.h"
#include "runner/RunEvents.h"
#include "runner/RunRecorder.h"
#include "runner/RunResult.h"
#include "runner/RunSpec.h"
#include "staging/Snapshot.h"

#include <QElapsedTimer>

#include <memory>

#include <functional>
#include <map>
#include <optional>

namespace ecomops::quality {
class QualityStage;
struct QualityReport;
} // namespace ecomops::quality
namespace ecomops::warehouse {
struct TransformReport;
}
namespace pqxx {
class transaction_base;
}

namespace ecomops::runner {

class RunExecution
{
public:
    RunExecution(QString conninfo, RunSpec spec, RunEvents &events);
    ~RunExecution();

    RunResult execute(CancelToken &cancel);

private:
    class Reporter;
    friend class Reporter;

    staging::Snapshot sourceStage(CancelToken &cancel);
    staging::Snapshot adapterSource(CancelToken &cancel); // olist, txnlog, sourcedb, …
    QString newSnapshotDirectory() const;
    void loadStage(const staging::Snapshot &snapshot, CancelToken &cancel);
    void validateStage(CancelToken &cancel);
    void publishStage(CancelToken &cancel);
    // Records a scorecard's verdict on the run, logs its gate messages under
    // `stage`, and throws GateFailedError when a gate in "fail" mode failed.
    void applyVerdict(const quality::QualityReport &report, const QString &stage);
    // Inside the publish transaction: the scores again, now that the
    // transform has rejected what it could not resolve; recorded on a
    // connection of their own. When a gate fails, the rejects are kept as
    // evidence, the transaction is rolled back and GateFailedError thrown.
    void scoreAfterTransform(pqxx::transaction_base &tx, const warehouse::TransformReport &transformed);
    // Per table, across stages: read stays the load's, quarantines add up,
    // loaded becomes what the later stage kept.
    void mergeStageCounts(const TableCounts &counts);
    // Runs `body` with retries for transient failures; records stage_result
    // rows for (stage, table) unless the body records its own.
    void attempt(const QString &stage, const QString &table, CancelToken &cancel, const std::function<void(int)> &body);
    enum class Outcome { GateFailed, Failed, Cancelled };
    void cleanUpAfterFailure(Outcome outcome);
    void forgetRemovedRows(Outcome outcome);
    // Runs `body`; when it fails, waits (up to the spec's recovery wait) for
    // the server to accept connections and runs it once more. False when it
    // still failed (logged as "could not <what>").
    bool withServer(const QString &what, const std::function<void()> &body);
    void recordAttemptEnd(const QString &stage, const QString &table, TableState state, int attempts,
                          const QString &error);
    void emitLog(LogLevel level, const QString &stage, const QString &message);
    void finishTotals();
    void pruneSnapshots(); // RunRetention.cpp

    QString m_conninfo;
    RunSpec m_spec;
    RunEvents &m_events;
    RunRecorder m_recorder;
    RunResult m_result;
    QElapsedTimer m_clock;
    std::unique_ptr<quality::QualityStage> m_quality; // row rules during the load, then the validate stage
    std::unique_ptr<quality::QualityReport>
        m_validated;                              // the validate stage's scores, scored again after the transform
    std::map<QString, TableCounts> m_tableTotals; // by table, across stages
    std::optional<Outcome> m_cleanupPending;      // its clean-up failed (server down): retried before the record ends
    bool m_published = false;                     // the publish transaction committed: the run is in the warehouse
};

} // namespace ecomops::runner

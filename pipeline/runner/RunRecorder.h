#pragma once
// Writes a run's record: ops.pipeline_run, ops.stage_result, ops.run_log. It
// has a connection of its own, outside the data transactions, so the record
// survives a run that fails or is cancelled. Safe to call from the loader
// threads (one mutex); a lost connection is reopened once per call.
//
// Its connection also carries the run's advisory lock (see DeadRuns.h), taken
// when the run is created and re-taken whenever the connection is reopened,
// so the run is seen alive exactly as long as this recorder is.
#include "core/Progress.h"
#include "core/TimeSpan.h"
#include "runner/RunResult.h"
#include "runner/RunSpec.h"

#include <QString>

#include <memory>
#include <mutex>

#include <pqxx/connection>

namespace ecomops::runner {

class RunRecorder
{
public:
    explicit RunRecorder(QString conninfo);
    ~RunRecorder();

    qint64 createRun(const RunSpec &spec); // status queued
    void markRunning(qint64 runId);
    void setSnapshot(qint64 runId, const QString &path);
    void stageStarted(qint64 runId, const QString &stage, const QString &table);
    void stageFinished(qint64 runId, const QString &stage, const TableCounts &counts, TableState state, int attempts,
                       const QString &error = {});
    // The real start and end of a table's work inside a stage, written after
    // stageFinished (work done inside one transaction cannot time itself with now()).
    void stageSpan(qint64 runId, const QString &stage, const QString &table, const TimeSpan &span);
    // Ends the stage rows still open (after a failure or a cancel).
    void endOpenStages(qint64 runId, TableState state, const QString &error);
    void log(qint64 runId, const LogLine &line);
    void finishRun(const RunResult &result);
    // Reopens the connection if the server dropped it and takes the run's
    // lock again at once (after a server restart), so the run does not look
    // dead to others longer than needed. False (logged) when it could not.
    bool reconnect();

private:
    template <typename Fn> void withConnection(Fn &&fn);
    void holdRunLock(pqxx::connection_base &c);

    QString m_conninfo;
    std::mutex m_mutex;
    // The concrete type: connection_base has no virtual destructor, so a
    // unique_ptr to the base would never close the session (nor free the
    // run's lock) when the recorder goes.
    std::unique_ptr<pqxx::connection> m_connection;
    int m_logSeq = 0;
    qint64 m_lockedRun = 0; // the run whose advisory lock this connection must hold
    int m_lockPid = 0;      // the backend that holds it
};

} // namespace ecomops::runner

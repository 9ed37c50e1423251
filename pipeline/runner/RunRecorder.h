#pragma once
// Writes a run's record: ops.pipeline_run, ops.stage_result, ops.run_log. It
// has a connection of its own, outside the data transactions, so the record
// survives a run that fails or is cancelled. Safe to call from the loader
// threads (one mutex); a lost connection is reopened, after waiting for a
// restarting server, and the (idempotent) write made again.
//
// Its connection also carries the run's advisory lock (see DeadRuns.h), taken
// when the run is created and re-taken whenever the connection is reopened,
// so the run is seen alive exactly as long as this recorder is.
#include "core/Progress.h"
#include "core/TimeSpan.h"
#include "runner/RunResult.h"
#include "runner/RunSpec.h"

#include <QString>

#include <atomic>
#include <memory>
#include <mutex>

#include <pqxx/connection>

namespace ecomops::runner {

class RunRecorder
{
public:
    // recoveryWaitSeconds: how long a write waits for a restarting server.
    explicit RunRecorder(QString conninfo, int recoveryWaitSeconds = 60);
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
    // How long writes waited for a restarting server since the last call
    // (the engine says so in the run's log: the recorder cannot log while it writes).
    double takeServerWaitSeconds() { return double(m_serverWaitMs.exchange(0)) / 1000.0; }

private:
    template <typename Fn> void withConnection(Fn &&fn);
    void holdRunLock(pqxx::connection_base &c);

    static constexpr int kWriteAttempts = 3;

    QString m_conninfo;
    int m_recoveryWaitSeconds;
    std::mutex m_mutex;
    // The concrete type: connection_base has no virtual destructor, so a
    // unique_ptr to the base would never close the session (nor free the
    // run's lock) when the recorder goes.
    std::unique_ptr<pqxx::connection> m_connection;
    int m_logSeq = 0;
    std::atomic<qint64> m_serverWaitMs{0};
    qint64 m_lockedRun = 0; // the run whose advisory lock this connection must hold
    int m_lockPid = 0;      // the backend that holds it
};

} // namespace ecomops::runner

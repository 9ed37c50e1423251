#pragma once
// Writes a run's record: ops.pipeline_run, ops.stage_result, ops.run_log. It
// has a connection of its own, outside the data transactions, so the record
// survives a run that fails or is cancelled. Safe to call from the loader
// threads (one mutex); a lost connection is reopened once per call.
#include "core/Progress.h"
#include "runner/RunResult.h"
#include "runner/RunSpec.h"

#include <QString>

#include <memory>
#include <mutex>

namespace pqxx { class connection_base; }

namespace ecomops::runner {

class RunRecorder {
public:
    explicit RunRecorder(QString conninfo);
    ~RunRecorder();

    qint64 createRun(const RunSpec &spec);  // status queued
    void markRunning(qint64 runId);
    void setSnapshot(qint64 runId, const QString &path);
    void stageStarted(qint64 runId, const QString &stage, const QString &table);
    void stageFinished(qint64 runId, const QString &stage, const TableCounts &counts, TableState state, int attempts,
                       const QString &error = {});
    void log(qint64 runId, const LogLine &line);
    void finishRun(const RunResult &result);

private:
    template <typename Fn> void withConnection(Fn &&fn);

    QString m_conninfo;
    std::mutex m_mutex;
    std::unique_ptr<pqxx::connection_base> m_connection;
    int m_logSeq = 0;
};

} // namespace ecomops::runner

#pragma once
// What RunExecution's stage files share and nobody else needs: the observer
// every stage reports through, and the error a failing gate raises.
#include "runner/RunExecution.h"

#include <stdexcept>

namespace ecomops::runner {

// A quality gate in "fail" mode failed: the run fails with its own status
// (gate failed, exit code 3), and its scores and quarantine stay as evidence.
class GateFailedError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// A stage's StageObserver: forwards progress and logs to the run's events
// (and the run log), and announces each finished table.
class RunExecution::Reporter : public StageObserver
{
public:
    Reporter(RunExecution &run, QString stage, const CancelToken &cancel)
        : m_run(run), m_stage(std::move(stage)), m_cancel(cancel)
    {
    }

    void progress(const QString &table, qint64 rowsDone, qint64 rowsExpected) override
    {
        ProgressEvent e;
        e.stage = m_stage;
        e.table = table;
        e.rowsDone = rowsDone;
        e.rowsExpected = rowsExpected;
        m_run.m_events.progress(e);
    }
    void log(LogLevel level, const QString &message) override { m_run.emitLog(level, m_stage, message); }
    void tableFinished(const TableCounts &counts) override
    {
        TableCounts c = counts;
        c.stage = m_stage;
        m_run.m_events.tableFinished(c);
    }
    bool cancelRequested() const override { return m_cancel.isCancelled(); }

private:
    RunExecution &m_run;
    QString m_stage;
    const CancelToken &m_cancel;
};

} // namespace ecomops::runner

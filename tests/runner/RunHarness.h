#pragma once
// Runs RunExecution on the test's thread with a RunEvents that records
// everything and lets a test act at a chosen moment (cancel mid-COPY, kill a
// backend mid-run).
#include "runner/RunEvents.h"
#include "runner/RunExecution.h"

#include <functional>
#include <mutex>
#include <vector>

namespace ecomops::test {

class RecordingEvents : public runner::RunEvents
{
public:
    std::function<void(const ProgressEvent &)> onProgress;
    qint64 runId = 0;
    std::vector<ProgressEvent> progressEvents;
    std::vector<LogLine> logLines;
    std::vector<TableCounts> finishedTables;

    void runCreated(qint64 id) override { runId = id; }
    void progress(const ProgressEvent &e) override
    {
        {
            std::lock_guard lock(m_mutex);
            progressEvents.push_back(e);
        }
        if (onProgress)
            onProgress(e);
    }
    void log(const LogLine &l) override
    {
        std::lock_guard lock(m_mutex);
        logLines.push_back(l);
    }
    void tableFinished(const TableCounts &c) override
    {
        std::lock_guard lock(m_mutex);
        finishedTables.push_back(c);
    }
    QString allLog() const
    {
        QString text;
        for (const LogLine &l : logLines)
            text += l.stage + QStringLiteral(": ") + l.message + QLatin1Char('\n');
        return text;
    }

private:
    std::mutex m_mutex;
};

} // namespace ecomops::test

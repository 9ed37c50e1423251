#pragma once
// RunEvents for a run a test starts itself: keeps the log ("stage: message"
// lines, for a failure message) and nothing else. Table loaders log from
// their own threads, hence the lock.
#include "runner/RunEvents.h"

#include <QString>

#include <mutex>

namespace ecomops::test {

class QuietEvents : public runner::RunEvents
{
public:
    void runCreated(qint64) override {}
    void progress(const ProgressEvent &) override {}
    void log(const LogLine &line) override
    {
        std::lock_guard lock(m_mutex);
        m_text += line.stage + QStringLiteral(": ") + line.message + QLatin1Char('\n');
    }
    void tableFinished(const TableCounts &) override {}

    QString text() const
    {
        std::lock_guard lock(m_mutex);
        return m_text;
    }

private:
    mutable std::mutex m_mutex;
    QString m_text;
};

} // namespace ecomops::test

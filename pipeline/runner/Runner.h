#pragma once
// Runs one pipeline run on a worker thread and reports through signals
// (delivered queued to the thread the Runner lives in): progress at a steady
// few events a second per table, log lines, finished tables and the result.
// cancel() is safe from any thread and stops the run within about a second,
// also in the middle of a COPY or a statement.
#include "core/Cancellation.h"
#include "core/Progress.h"
#include "runner/RunEvents.h"
#include "runner/RunResult.h"
#include "runner/RunSpec.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <atomic>
#include <memory>
#include <mutex>

class QThread;

namespace ecomops::runner {

class Runner : public QObject
{
    Q_OBJECT
public:
    Runner(QString conninfo, RunSpec spec, QObject *parent = nullptr);
    ~Runner() override; // cancels and waits

    void start();
    void cancel();
    bool isRunning() const { return m_running.load(); }
    qint64 runId() const { return m_runId.load(); }
    RunResult result() const;

    // Progress events per table at most this often (the last one always).
    static constexpr int kProgressIntervalMs = 250;

Q_SIGNALS:
    void runCreated(qint64 runId);
    void progress(const ecomops::ProgressEvent &event);
    void logLine(const ecomops::LogLine &line);
    void tableFinished(const ecomops::TableCounts &counts);
    void finished(const ecomops::runner::RunResult &result);

private:
    class Events; // RunEvents for the worker threads: throttles, then emits
    friend class Events;
    void throttledProgress(const ProgressEvent &event);

    struct Track {
        QElapsedTimer started;
        qint64 lastEmitMs = -1;
    };

    QString m_conninfo;
    RunSpec m_spec;
    CancelToken m_cancel;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_running{false};
    std::atomic<qint64> m_runId{0};
    mutable std::mutex m_mutex;
    QHash<QString, Track> m_tracks;
    RunResult m_result;
    std::unique_ptr<Events> m_events;
};

} // namespace ecomops::runner

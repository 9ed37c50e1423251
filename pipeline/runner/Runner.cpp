#include "runner/Runner.h"

#include "runner/RunExecution.h"

#include <QThread>

namespace ecomops::runner {

class Runner::Events : public RunEvents
{
public:
    explicit Events(Runner &runner) : m_runner(runner) {}
    void runCreated(qint64 runId) override
    {
        m_runner.m_runId = runId;
        Q_EMIT m_runner.runCreated(runId);
    }
    void progress(const ProgressEvent &event) override { m_runner.throttledProgress(event); }
    void log(const LogLine &line) override { Q_EMIT m_runner.logLine(line); }
    void tableFinished(const TableCounts &counts) override { Q_EMIT m_runner.tableFinished(counts); }

private:
    Runner &m_runner;
};

Runner::Runner(QString conninfo, RunSpec spec, QObject *parent)
    : QObject(parent), m_conninfo(std::move(conninfo)), m_spec(std::move(spec)),
      m_events(std::make_unique<Events>(*this))
{
    qRegisterMetaType<ecomops::ProgressEvent>();
    qRegisterMetaType<ecomops::LogLine>();
    qRegisterMetaType<ecomops::TableCounts>();
    qRegisterMetaType<ecomops::runner::RunResult>();
}

Runner::~Runner()
{
    if (m_thread) {
        cancel();
        m_thread->wait();
        delete m_thread;
    }
}

void Runner::start()
{
    if (m_thread)
        return;
    m_running = true;
    m_thread = QThread::create([this] {
        RunExecution execution(m_conninfo, m_spec, *m_events);
        const RunResult result = execution.execute(m_cancel);
        {
            std::lock_guard lock(m_mutex);
            m_result = result;
        }
        m_running = false;
        Q_EMIT finished(result);
    });
    m_thread->setObjectName(QStringLiteral("ecomops-run"));
    m_thread->start();
}

void Runner::cancel()
{
    m_cancel.cancel();
}

RunResult Runner::result() const
{
    std::lock_guard lock(m_mutex);
    return m_result;
}

void Runner::throttledProgress(const ProgressEvent &input)
{
    ProgressEvent event = input;
    {
        std::lock_guard lock(m_mutex);
        const QString key = event.stage + QLatin1Char('/') + event.table;
        auto it = m_tracks.find(key);
        if (it == m_tracks.end()) {
            it = m_tracks.insert(key, Track{});
            it->started.start();
        }
        const qint64 now = it->started.elapsed();
        const bool done = event.rowsExpected >= 0 && event.rowsDone >= event.rowsExpected;
        if (!done && it->lastEmitMs >= 0 && now - it->lastEmitMs < kProgressIntervalMs)
            return;
        it->lastEmitMs = now;
        event.elapsedMs = now;
        event.rowsPerSecond = now > 0 ? double(event.rowsDone) * 1000.0 / double(now) : 0.0;
        if (event.rowsExpected > 0 && event.rowsPerSecond > 0)
            event.etaMs =
                qint64(double(std::max<qint64>(0, event.rowsExpected - event.rowsDone)) * 1000.0 / event.rowsPerSecond);
        if (done)
            event.state = TableState::Succeeded;
    }
    Q_EMIT progress(event);
}

} // namespace ecomops::runner

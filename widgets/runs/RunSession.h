#pragma once
// The run this console started, if any: owns the Runner (which works on its
// own thread) and the live models it feeds. One run at a time.
#include "runner/RunResult.h"
#include "runner/RunSpec.h"
#include "runner/Runner.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <optional>

namespace ecomops::widgets {

class RunLogModel;
class RunProgressModel;

class RunSession : public QObject
{
    Q_OBJECT
public:
    explicit RunSession(QObject *parent = nullptr);
    ~RunSession() override; // cancels a run in progress and waits for it to undo its changes

    RunProgressModel *progressModel() const { return m_progress; }
    RunLogModel *logModel() const { return m_log; }

    bool isActive() const { return m_runner != nullptr; }
    bool isCancelling() const { return m_cancelling; }
    qint64 runId() const { return m_runId; }
    const runner::RunSpec &spec() const { return m_spec; }
    QDateTime startedAt() const { return m_startedAt; }
    qint64 elapsedMs() const; // of the current run, or how long the last one took
    const std::optional<runner::RunResult> &lastResult() const { return m_lastResult; }

public slots:
    // False (and nothing happens) while another run is active.
    bool start(const QString &conninfo, const ecomops::runner::RunSpec &spec);
    void cancel();

signals:
    void started();
    void runCreated(qint64 runId);
    // An engine stage reported progress or a log line.
    void stageSeen(const QString &stage);
    void cancelRequested();
    void finished(const ecomops::runner::RunResult &result);

private:
    void onFinished(const runner::RunResult &result);

    RunProgressModel *m_progress;
    RunLogModel *m_log;
    QPointer<runner::Runner> m_runner;
    runner::RunSpec m_spec;
    qint64 m_runId = 0;
    bool m_cancelling = false;
    QDateTime m_startedAt;
    QElapsedTimer m_clock;
    qint64 m_lastElapsedMs = 0;
    std::optional<runner::RunResult> m_lastResult;
};

} // namespace ecomops::widgets

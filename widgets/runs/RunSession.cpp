#include "runs/RunSession.h"

#include "runner/Runner.h"
#include "runs/RunLogModel.h"
#include "runs/RunProgressModel.h"
#include "runs/RunText.h"

namespace ecomops::widgets {

RunSession::RunSession(QObject *parent)
    : QObject(parent), m_progress(new RunProgressModel(this)), m_log(new RunLogModel(this))
{
}

RunSession::~RunSession()
{
    if (m_runner) {
        qCInfo(lcConsoleRuns) << "closing during run" << m_runId
                              << "- cancelling it and waiting for it to undo its changes";
        delete m_runner; // cancels and waits
    }
}

qint64 RunSession::elapsedMs() const
{
    return isActive() && m_clock.isValid() ? m_clock.elapsed() : m_lastElapsedMs;
}

bool RunSession::start(const QString &conninfo, const runner::RunSpec &spec)
{
    if (m_runner)
        return false;
    m_spec = spec;
    m_runId = 0;
    m_cancelling = false;
    m_startedAt = QDateTime::currentDateTime();
    m_clock.start();
    m_progress->clear();
    m_log->clear();

    auto *run = new runner::Runner(conninfo, spec, this);
    m_runner = run;
    // The Runner emits from its worker thread; these connections are queued.
    connect(run, &runner::Runner::runCreated, this, [this](qint64 id) {
        m_runId = id;
        Q_EMIT runCreated(id);
    });
    connect(run, &runner::Runner::progress, this, [this](const ProgressEvent &event) {
        m_progress->applyProgress(event);
        Q_EMIT stageSeen(event.stage);
    });
    connect(run, &runner::Runner::tableFinished, m_progress, &RunProgressModel::applyTableFinished);
    connect(run, &runner::Runner::logLine, this, [this](const LogLine &line) {
        m_log->append(line);
        Q_EMIT stageSeen(line.stage);
    });
    connect(run, &runner::Runner::finished, this, &RunSession::onFinished);
    qCInfo(lcConsoleRuns) << "starting a" << spec.sourceKind << "run";
    Q_EMIT started();
    run->start();
    return true;
}

void RunSession::cancel()
{
    if (!m_runner || m_cancelling)
        return;
    m_cancelling = true;
    m_runner->cancel();
    qCInfo(lcConsoleRuns) << "cancel requested for run" << m_runId;
    Q_EMIT cancelRequested();
}

void RunSession::onFinished(const runner::RunResult &result)
{
    if (m_runner)
        m_runner->deleteLater();
    m_runner = nullptr;
    m_cancelling = false;
    m_lastElapsedMs = m_clock.elapsed();
    m_lastResult = result;
    if (result.runId > 0)
        m_runId = result.runId;
    m_progress->finishRun(result.status);
    qCInfo(lcConsoleRuns) << "run" << result.runId << runner::toString(result.status) << "after" << m_lastElapsedMs
                          << "ms";
    Q_EMIT finished(result);
}

} // namespace ecomops::widgets

#pragma once
// Runs: start pipeline runs and watch them load, live. The launcher on the
// left; on the right the live monitor of this console's run and the history
// of every run in the database. The main window asks hasActiveRun() before
// it closes.
#include "common/WorkspacePage.h"
#include "runner/RunResult.h"
#include "runner/RunSpec.h"

class QPushButton;
class QSplitter;
class QTabWidget;

namespace ecomops::widgets {

class RunHistoryView;
class RunLauncher;
class RunMonitor;
class RunNotifier;
class RunSession;

class RunsPage : public WorkspacePage
{
    Q_OBJECT
public:
    explicit RunsPage(ConnectionController *connection, QWidget *parent = nullptr);
    ~RunsPage() override; // a run still going is cancelled and waited for

    bool hasActiveRun() const;
    // Asks the run to stop; runEnded() follows within about a second.
    void cancelActiveRun();

    RunSession *session() const { return m_session; }
    RunLauncher *launcher() const { return m_launcher; }
    RunMonitor *monitor() const { return m_monitor; }
    RunHistoryView *history() const { return m_history; }
    RunNotifier *notifier() const { return m_notifier; }
    QTabWidget *tabs() const { return m_tabs; }
    QPushButton *refreshButton() const { return m_refresh; }

    // Empty when the connected role may start a run; otherwise why not, in words.
    QString startBlockedReason() const;

public slots:
    void startRun();
    // Starts `spec` (a past run's, from the history) as the launcher's would be.
    void startSpec(const ecomops::runner::RunSpec &spec);
    void showHistory();

signals:
    void runEnded(const ecomops::runner::RunResult &result);
    // The history's links: the main window switches workspace.
    void scorecardRequested(qint64 runId);
    void flagsRequested(qint64 runId);

private:
    void onConnectionChanged();
    void onRunFinished(const runner::RunResult &result);
    void updateStartAvailability();
    void startSession(const runner::RunSpec &spec);

    RunSession *m_session;
    QWidget *m_body;
    RunLauncher *m_launcher;
    QTabWidget *m_tabs;
    RunMonitor *m_monitor;
    RunHistoryView *m_history;
    RunNotifier *m_notifier;
    QSplitter *m_splitter;
    QPushButton *m_refresh;
};

} // namespace ecomops::widgets

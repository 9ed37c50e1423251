#pragma once
// Acting on a past run from the Runs history: run it again with the same
// spec, retry a failed run from its snapshot, add a note, open its quality
// scorecard or its anomaly flags. The actions follow the selected run; the
// spec is read, and the snapshot checked, on the thread pool.
#include "common/JobTracker.h"
#include "queries/RunQueries.h"
#include "runner/RunSpec.h"
#include "runs/RunNoteDialog.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QWidget;

namespace ecomops::widgets {

class RunHistoryView;

class RunHistoryActions : public QObject
{
    Q_OBJECT
public:
    explicit RunHistoryActions(RunHistoryView *history);

    QAction *runAgainAction() const { return m_runAgain; }
    QAction *retryAction() const { return m_retry; }
    QAction *noteAction() const { return m_note; }
    QAction *scorecardAction() const { return m_scorecard; }
    QAction *flagsAction() const { return m_flags; }
    QMenu *menu() const { return m_menu; } // the runs table's context menu
    // A row of buttons for the same actions, for the detail pane.
    QWidget *createButtons(QWidget *parent) const;
    RunNoteDialog *noteDialog() const { return m_dialog; } // while open

    // Empty when this console may start a run now; otherwise why not.
    void setStartBlocked(const QString &reason);
    // Whether the connected role may add notes (operators and stewards).
    void setCanNote(bool canNote);
    bool isRetryKnown() const { return !m_retryCheck.isRunning(); }

public slots:
    void addNote(qint64 runId, const QString &text);

signals:
    // A spec built from a past run, for the Runs page to start.
    void runRequested(const ecomops::runner::RunSpec &spec);
    void scorecardRequested(qint64 runId);
    void flagsRequested(qint64 runId);
    void noteAdded(qint64 runId);
    void problem(const QString &what, const QString &detail);
    void actionsUpdated();

private:
    queries::RunSummary currentRun() const;
    void currentChanged();
    void updateActions();
    void requestAgain(bool retry);
    void openNoteDialog();

    RunHistoryView *m_history;
    QAction *m_runAgain;
    QAction *m_retry;
    QAction *m_note;
    QAction *m_scorecard;
    QAction *m_flags;
    QMenu *m_menu;
    QPointer<RunNoteDialog> m_dialog;
    QString m_startBlocked;
    bool m_canNote = false;
    qint64 m_retryRun = 0; // the run whose snapshot was found complete
    JobTracker m_retryCheck{this};
    JobTracker m_prepare{this};
    JobTracker m_noteJob{this, JobTracker::Keep::Every};
};

} // namespace ecomops::widgets

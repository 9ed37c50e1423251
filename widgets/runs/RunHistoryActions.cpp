#include "runs/RunHistoryActions.h"

#include "queries/RunNotes.h"
#include "runner/RunAgain.h"
#include "runs/RunHistoryModel.h"
#include "runs/RunHistoryView.h"
#include "runs/RunNoteDialog.h"
#include "runs/RunText.h"

#include <QAction>
#include <QHBoxLayout>
#include <QMenu>
#include <QTableView>
#include <QToolButton>

namespace ecomops::widgets {

RunHistoryActions::RunHistoryActions(RunHistoryView *history)
    : QObject(history), m_history(history), m_runAgain(new QAction(tr("Run &Again"), this)),
      m_retry(new QAction(tr("&Retry from Snapshot"), this)), m_note(new QAction(tr("Add &Note…"), this)),
      m_scorecard(new QAction(tr("Open Quality &Scorecard"), this)),
      m_flags(new QAction(tr("Open Anomaly &Flags"), this)), m_menu(new QMenu(history))
{
    m_runAgain->setObjectName(QStringLiteral("runAgainAction"));
    m_retry->setObjectName(QStringLiteral("retryAction"));
    m_note->setObjectName(QStringLiteral("addNoteAction"));
    m_scorecard->setObjectName(QStringLiteral("openScorecardAction"));
    m_flags->setObjectName(QStringLiteral("openFlagsAction"));
    m_menu->setObjectName(QStringLiteral("historyMenu"));
    m_menu->addAction(m_runAgain);
    m_menu->addAction(m_retry);
    m_menu->addSeparator();
    m_menu->addAction(m_note);
    m_menu->addSeparator();
    m_menu->addAction(m_scorecard);
    m_menu->addAction(m_flags);

    connect(m_runAgain, &QAction::triggered, this, [this] { requestAgain(false); });
    connect(m_retry, &QAction::triggered, this, [this] { requestAgain(true); });
    connect(m_note, &QAction::triggered, this, &RunHistoryActions::openNoteDialog);
    connect(m_scorecard, &QAction::triggered, this, [this] { Q_EMIT scorecardRequested(currentRun().runId); });
    connect(m_flags, &QAction::triggered, this, [this] { Q_EMIT flagsRequested(currentRun().runId); });

    QTableView *view = m_history->runsView();
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QWidget::customContextMenuRequested, this, [this, view](const QPoint &at) {
        if (view->indexAt(at).isValid())
            m_menu->popup(view->viewport()->mapToGlobal(at));
    });
    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RunHistoryActions::currentChanged);
    // A refresh may change the selected run's status (it failed meanwhile).
    connect(m_history, &RunHistoryView::refreshed, this, &RunHistoryActions::currentChanged);
    currentChanged();
}

QWidget *RunHistoryActions::createButtons(QWidget *parent) const
{
    auto *row = new QWidget(parent);
    row->setObjectName(QStringLiteral("historyActions"));
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    for (QAction *action : {m_runAgain, m_retry, m_note, m_scorecard, m_flags}) {
        auto *button = new QToolButton(row);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setObjectName(action->objectName() + QStringLiteral("Button"));
        layout->addWidget(button);
    }
    layout->addStretch(1);
    return row;
}

void RunHistoryActions::setStartBlocked(const QString &reason)
{
    m_startBlocked = reason;
    updateActions();
}

void RunHistoryActions::setCanNote(bool canNote)
{
    m_canNote = canNote;
    updateActions();
}

queries::RunSummary RunHistoryActions::currentRun() const
{
    const QModelIndex current = m_history->runsView()->currentIndex();
    return current.isValid() ? current.data(RunHistoryModel::RecordRole).value<queries::RunSummary>()
                             : queries::RunSummary{};
}

void RunHistoryActions::currentChanged()
{
    const queries::RunSummary run = currentRun();
    m_retryRun = 0;
    if (run.runId > 0 && run.status == QLatin1String("failed") && !run.snapshotPath.isEmpty()) {
        // Whether the snapshot is still there and complete: a look at its folder, off the GUI thread.
        m_retryCheck.run([status = run.status, path = run.snapshotPath] { return runner::canRetry(status, path); },
                         [this, runId = run.runId](bool usable) {
                             m_retryRun = usable ? runId : 0;
                             updateActions();
                         },
                         [this](const JobFailure &) { updateActions(); });
    } else {
        m_retryCheck.drop();
    }
    updateActions();
}

void RunHistoryActions::updateActions()
{
    const queries::RunSummary run = currentRun();
    const bool selected = run.runId > 0;
    const bool finished = selected && run.status != QLatin1String("queued") && run.status != QLatin1String("running");
    m_runAgain->setEnabled(finished && m_startBlocked.isEmpty());
    m_runAgain->setToolTip(!m_startBlocked.isEmpty() ? m_startBlocked
                           : selected ? tr("Start a new run with the spec run %1 recorded").arg(run.runId)
                                      : tr("Choose a run first"));
    const bool retryable = selected && m_retryRun == run.runId;
    m_retry->setEnabled(retryable && m_startBlocked.isEmpty());
    m_retry->setToolTip([&] {
        if (!selected)
            return tr("Choose a run first");
        if (run.status != QLatin1String("failed"))
            return tr("Only a failed run is retried from its snapshot");
        if (run.snapshotPath.isEmpty())
            return tr("The run failed before its source was staged: run it again instead");
        if (!retryable)
            return m_retryCheck.isRunning() ? tr("Looking for the run's snapshot…")
                                            : tr("The run's snapshot is gone: run it again from its source");
        if (!m_startBlocked.isEmpty())
            return m_startBlocked;
        return tr("Load run %1's snapshot again, without reading its source").arg(run.runId);
    }());
    m_note->setEnabled(selected && m_canNote);
    m_note->setToolTip(m_canNote ? tr("Add a note to the selected run")
                                 : tr("Only operators and stewards may add notes to runs"));
    m_scorecard->setEnabled(selected && !run.gateStatus.isEmpty());
    m_scorecard->setToolTip(run.gateStatus.isEmpty() ? tr("The run has no quality scorecard")
                                                     : tr("Show the run's scorecard in the Quality workspace"));
    m_flags->setEnabled(selected && run.newAnomalies >= 0);
    m_flags->setToolTip(run.newAnomalies < 0 ? tr("The run did not look for anomalies")
                                             : tr("Show the flags the run raised in the Anomalies workspace"));
    Q_EMIT actionsUpdated();
}

void RunHistoryActions::requestAgain(bool retry)
{
    const qint64 runId = currentRun().runId;
    if (runId <= 0)
        return;
    // The recorded spec, read (and for a retry the snapshot checked once more) on the thread pool.
    m_prepare.run(
        [conninfo = m_history->conninfo(), runId, retry] {
            const runner::PastRun past = runner::readPastRun(conninfo, runId);
            return retry ? runner::retrySpec(past, runner::Trigger::Manual, queries::currentOsUser())
                         : runner::rerunSpec(past, runner::Trigger::Manual, queries::currentOsUser());
        },
        [this](const runner::RunSpec &spec) { Q_EMIT runRequested(spec); },
        [this, runId, retry](const JobFailure &failure) {
            Q_EMIT problem(retry ? tr("Run %1 cannot be retried").arg(runId)
                                 : tr("Run %1 cannot be run again").arg(runId),
                           failure.text());
        });
}

void RunHistoryActions::openNoteDialog()
{
    const queries::RunSummary run = currentRun();
    if (run.runId <= 0)
        return;
    if (m_dialog)
        m_dialog->close();
    m_dialog = new RunNoteDialog(
        run.runId,
        tr("Run %1 · %2 · %3").arg(run.runId).arg(RunText::status(run.status), RunText::dateTime(run.queuedAt)),
        m_history);
    connect(m_dialog, &RunNoteDialog::noteEntered, this, &RunHistoryActions::addNote);
    m_dialog->open();
}

void RunHistoryActions::addNote(qint64 runId, const QString &text)
{
    m_noteJob.run([conninfo = m_history->conninfo(), runId,
                   text] { return queries::addRunNote(conninfo, runId, text, queries::currentOsUser()); },
                  [this, runId](const queries::RunNote &) { Q_EMIT noteAdded(runId); },
                  [this, runId](const JobFailure &failure) {
                      Q_EMIT problem(tr("The note on run %1 was not saved").arg(runId), failure.text());
                  });
}

} // namespace ecomops::widgets

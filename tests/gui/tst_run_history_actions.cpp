// Acting on past runs from the Runs history (issue 18), on a real database,
// through the real widgets: the context menu's actions add a note (shown in
// the history and its detail), run a past run again with the same spec,
// retry a failed run from its snapshot (offered only while that snapshot
// exists), and open the run's quality scorecard and anomaly flags in their
// workspaces, on that run.
#include "RunsTestSupport.h"
#include "TestSupport.h"

#include "anomalies/AnomaliesPage.h"
#include "anomalies/FlagFilterBar.h"
#include "anomalies/FlagTableModel.h"
#include "quality/QualityPage.h"
#include "runs/RunHistoryActions.h"
#include "runs/RunHistoryModel.h"
#include "runs/RunHistoryView.h"
#include "runs/RunMonitor.h"
#include "runs/RunNoteDialog.h"
#include "runs/RunSession.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

#include <pqxx/pqxx>

using namespace ecomops;
using widgets::RunHistoryActions;
using widgets::RunHistoryModel;
using widgets::RunHistoryView;

namespace {

// Opens the runs table's context menu on run `runId` and clicks `action` in it.
void chooseFromMenu(RunHistoryView *history, qint64 runId, QAction *action)
{
    history->openRun(runId);
    QTRY_COMPARE(history->openRunId(), runId);
    QTableView *view = history->runsView();
    const QModelIndex index = view->currentIndex();
    QCOMPARE(index.data(RunHistoryModel::RunIdRole).toLongLong(), runId);
    Q_EMIT view->customContextMenuRequested(view->visualRect(index).center());
    QMenu *menu = history->actions()->menu();
    QTRY_VERIFY(menu->isVisible());
    QVERIFY2(menu->actions().contains(action), qPrintable(action->objectName()));
    QVERIFY2(action->isEnabled(), qPrintable(action->objectName() + QStringLiteral(": ") + action->toolTip()));
    QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
    QTRY_VERIFY(!menu->isVisible());
}

QString startedByText(RunHistoryView *history, qint64 runId)
{
    const int row = history->model()->rowOf(runId);
    return row < 0 ? QString() : history->model()->index(row, RunHistoryModel::StartedByColumn).data().toString();
}

} // namespace

class TestRunHistoryActions : public QObject
{
    Q_OBJECT
    QTemporaryDir m_staging{QStringLiteral("/tmp/ecomops-history-XXXXXX")};

private slots:
    void initTestCase() { QVERIFY(m_staging.isValid()); }
    void cleanupTestCase() { QSettings().clear(); }

    void actOnPastRuns()
    {
        test::RunsWindow w;
        w.open();
        if (QTest::currentTestFailed())
            return;
        widgets::RunsPage *page = w.page;
        RunHistoryView *history = page->history();
        RunHistoryActions *actions = history->actions();
        const QString conninfo = w.database.conninfo();

        // Two past runs: one that failed its gate after staging (it keeps its
        // snapshot), one that succeeded and flagged planted anomalies.
        synthetic::GeneratorOptions generator;
        generator.scale = 0.01;
        generator.defects = {0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05};
        runner::RunSpec failing = test::syntheticRunSpec(m_staging.path(), generator, QStringLiteral("tester"));
        failing.gates = {{"mode", "fail"}, {"overall", 99.9}};
        const test::ShopRun failed = test::runQuietly(conninfo, failing);
        QCOMPARE(runner::toString(failed.result.status), QStringLiteral("failed"));
        QVERIFY(!failed.result.snapshotPath.isEmpty());
        const qint64 failedId = failed.result.runId;
        generator.defects = {0, 0, 0, 0, 0, 0, 0};
        generator.anomalies.rate = 0.02;
        generator.anomalies.productShare = 0.2;
        const test::ShopRun flagged =
            test::runQuietly(conninfo, test::syntheticRunSpec(m_staging.path(), generator, QStringLiteral("tester")));
        QVERIFY2(flagged.result.status == runner::RunStatus::Succeeded, qPrintable(flagged.log));
        QVERIFY(flagged.result.newAnomalies > 0);
        const qint64 flaggedId = flagged.result.runId;

        page->showHistory();
        history->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(history->model()->rowCount(), 2, 20000);

        // Retry is offered for the failed run while its snapshot exists, never for the succeeded one.
        history->openRun(flaggedId);
        QTRY_COMPARE(history->openRunId(), flaggedId);
        QTRY_VERIFY(actions->isRetryKnown());
        QVERIFY(!actions->retryAction()->isEnabled());
        QVERIFY(actions->runAgainAction()->isEnabled());
        history->openRun(failedId);
        QTRY_COMPARE(history->openRunId(), failedId);
        QTRY_VERIFY_WITH_TIMEOUT(actions->retryAction()->isEnabled(), 10000);
        const QString moved = failed.result.snapshotPath + QStringLiteral(".moved");
        QVERIFY(QDir().rename(failed.result.snapshotPath, moved));
        history->openRun(flaggedId);
        QTRY_COMPARE(history->openRunId(), flaggedId);
        history->openRun(failedId);
        QTRY_COMPARE(history->openRunId(), failedId);
        QTRY_VERIFY(actions->isRetryKnown());
        QVERIFY(!actions->retryAction()->isEnabled());
        QVERIFY2(actions->retryAction()->toolTip().contains(QStringLiteral("snapshot is gone")),
                 qPrintable(actions->retryAction()->toolTip()));
        QVERIFY(QDir().rename(moved, failed.result.snapshotPath));
        history->refresh(); // the history looks again when it is read again
        QTRY_VERIFY_WITH_TIMEOUT(actions->retryAction()->isEnabled(), 10000);

        // Add note…: a dialog; the note shows in the list and in the run's detail.
        const QString text = QStringLiteral("gate set too high on purpose");
        chooseFromMenu(history, failedId, actions->noteAction());
        QTRY_VERIFY(actions->noteDialog() != nullptr && actions->noteDialog()->isVisible());
        widgets::RunNoteDialog *dialog = actions->noteDialog();
        QCOMPARE(dialog->runId(), failedId);
        QVERIFY(!dialog->buttons()->button(QDialogButtonBox::Ok)->isEnabled()); // nothing typed yet
        QTest::keyClicks(dialog->editor(), text);
        QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(history->model()->run(history->model()->rowOf(failedId)).noteCount, 1, 10000);
        QCOMPARE(history->model()->index(history->model()->rowOf(failedId), RunHistoryModel::NotesColumn).data(),
                 QVariant(QStringLiteral("1")));
        QVERIFY(history->model()
                    ->index(history->model()->rowOf(failedId), RunHistoryModel::NotesColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(text));
        QTRY_VERIFY_WITH_TIMEOUT(history->detailText()->text().contains(text), 10000);
        {
            pqxx::connection c{conninfo.toStdString()};
            pqxx::read_transaction tx{c};
            const pqxx::row note = tx.exec_params1(
                "SELECT note, author = session_user, os_user <> '' FROM ops.run_note WHERE run_id = $1", failedId);
            QCOMPARE(QString::fromStdString(note[0].as<std::string>()), text);
            QVERIFY(note[1].as<bool>());
            QVERIFY(note[2].as<bool>());
        }
        // For a human to look at (under the build tree): the history with its buttons and notes, and the menu.
        QVERIFY(test::saveScreenshot(&w.window, QStringLiteral("pastruns-history")));
        Q_EMIT history->runsView()->customContextMenuRequested(
            history->runsView()->visualRect(history->runsView()->currentIndex()).center());
        QTRY_VERIFY(actions->menu()->isVisible());
        QVERIFY(test::saveScreenshot(actions->menu(), QStringLiteral("pastruns-menu")));
        actions->menu()->hide();

        // Run Again: a new run with the failed run's spec, which says where it came from.
        QSignalSpy ended(page, &widgets::RunsPage::runEnded);
        chooseFromMenu(history, failedId, actions->runAgainAction());
        QTRY_VERIFY_WITH_TIMEOUT(ended.count() == 1, 60000);
        const runner::RunResult rerun = ended.at(0).at(0).value<runner::RunResult>();
        QCOMPARE(runner::toString(rerun.status), QStringLiteral("failed")); // the same data against the same gate
        const runner::RunSpec &rerunSpec = page->session()->spec();
        QCOMPARE(rerunSpec.originRunId, failedId);
        QCOMPARE(rerunSpec.originHow, QStringLiteral("rerun"));
        QCOMPARE(rerunSpec.sourceKind, failing.sourceKind);
        QVERIFY(rerunSpec.sourceOptions == failing.sourceOptions);
        QVERIFY(rerunSpec.gates == failing.gates);
        QVERIFY(rerun.snapshotPath != failed.result.snapshotPath); // generated again
        QTRY_VERIFY_WITH_TIMEOUT(
            startedByText(history, rerun.runId).contains(QStringLiteral("re-run of run %1").arg(failedId)), 10000);

        // Retry from Snapshot, from the buttons under the title: the failed run's own snapshot.
        QCOMPARE(page->tabs()->currentWidget(), page->monitor()); // the new run was watched live
        page->showHistory();
        history->openRun(failedId);
        QTRY_COMPARE(history->openRunId(), failedId);
        QTRY_VERIFY_WITH_TIMEOUT(actions->retryAction()->isEnabled(), 10000);
        auto *retryButton = history->findChild<QWidget *>(QStringLiteral("retryActionButton"));
        QVERIFY(retryButton && retryButton->isVisible());
        QTest::mouseClick(retryButton, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(ended.count() == 2, 60000);
        const runner::RunResult retried = ended.at(1).at(0).value<runner::RunResult>();
        QCOMPARE(retried.snapshotPath, failed.result.snapshotPath);
        QCOMPARE(retried.rowsRead, failed.result.rowsRead);
        QCOMPARE(page->session()->spec().sourceKind, QStringLiteral("snapshot"));
        QTRY_VERIFY_WITH_TIMEOUT(
            startedByText(history, retried.runId).contains(QStringLiteral("retry of run %1").arg(failedId)), 10000);

        // The scorecard of the failed run (not the newest) in the Quality workspace.
        auto *quality = static_cast<widgets::QualityPage *>(w.window.workspacePage(widgets::Workspace::Quality));
        chooseFromMenu(history, failedId, actions->scorecardAction());
        QCOMPARE(w.window.currentWorkspace(), widgets::Workspace::Quality);
        QTRY_COMPARE_WITH_TIMEOUT(quality->currentRun(), failedId, 10000);

        // The flags the succeeded run raised, in the Anomalies workspace, filtered to it.
        w.window.setCurrentWorkspace(widgets::Workspace::Runs);
        auto *anomalies = static_cast<widgets::AnomaliesPage *>(w.window.workspacePage(widgets::Workspace::Anomalies));
        chooseFromMenu(history, flaggedId, actions->flagsAction());
        QCOMPARE(w.window.currentWorkspace(), widgets::Workspace::Anomalies);
        QCOMPARE(anomalies->filterBar()->runId(), flaggedId);
        QTRY_COMPARE_WITH_TIMEOUT(anomalies->model()->filter().runId.value_or(0), flaggedId, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(anomalies->model()->totalCount(), flagged.result.newAnomalies, 20000);
        for (int row = 0; row < anomalies->model()->rowCount(); ++row)
            QCOMPARE(anomalies->model()->flagAt(row)->runId, flaggedId);
    }
};

ECOMOPS_GUI_TEST_MAIN(TestRunHistoryActions, "tst_run_history_actions")
#include "tst_run_history_actions.moc"

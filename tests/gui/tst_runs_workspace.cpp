// The Runs workspace on a real PostgreSQL, driven like an operator would:
// start a demo run from the launcher, watch its tables move and finish, find
// it in the history with its stages and log; a role that may not run
// pipelines is told so; a source that fails is explained in words; closing
// the window during a run asks first.
#include "RunsTestSupport.h"
#include "TestSupport.h"

#include "common/InlineMessage.h"
#include "runs/RunEstimate.h"
#include "runs/RunHistoryModel.h"
#include "runs/RunHistoryView.h"
#include "runs/RunLauncher.h"
#include "runs/RunLogModel.h"
#include "runs/RunLogPane.h"
#include "runs/RunMonitor.h"
#include "runs/RunNotifier.h"
#include "runs/RunProgressModel.h"
#include "runs/RunSession.h"
#include "runs/StageTimeline.h"
#include "runs/ThroughputChart.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>

#include <pqxx/pqxx>

using namespace ecomops;
using widgets::MainWindow;
using widgets::RunProgressModel;
using widgets::RunsPage;

namespace {

using test::typeInto;

// Clicks the message box `objectName` has open, on the button reading `text`.
void answerMessageBox(const QString &objectName, const QString &text)
{
    QTimer::singleShot(0, [objectName, text] {
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = test::findTopLevel<QMessageBox>(objectName)) != nullptr, 5000);
        for (QAbstractButton *button : box->buttons()) {
            if (button->text() == text) {
                QTest::mouseClick(button, Qt::LeftButton);
                return;
            }
        }
        QFAIL(qPrintable(QStringLiteral("no button \"%1\"").arg(text)));
    });
}

} // namespace

class TestRunsWorkspace : public QObject
{
    Q_OBJECT
    QTemporaryDir m_staging{QStringLiteral("/tmp/ecomops-runs-XXXXXX")};

private slots:
    void initTestCase() { QVERIFY(m_staging.isValid()); }
    void cleanupTestCase() { QSettings().clear(); } // nothing left behind in ~/.qttest

    void startsADemoRunWatchesItAndFindsItInHistory()
    {
        test::RunsWindow w;
        w.open();
        if (QTest::currentTestFailed())
            return;
        RunsPage *page = w.page;
        MainWindow &window = w.window;
        test::TestDatabase &database = w.database;
        widgets::RunLauncher *launcher = page->launcher();
        QTRY_VERIFY(launcher->startButton()->isEnabled());
        QVERIFY(launcher->startBlockedReason().isEmpty());

        // A small shop, staged in a temporary folder, typed in like a user would.
        typeInto(launcher->findChild<QDoubleSpinBox *>(QStringLiteral("scaleSpin")), QStringLiteral("0.05"));
        typeInto(launcher->findChild<QLineEdit *>(QStringLiteral("stagingEdit")), m_staging.path());
        QCOMPARE(synthetic::GeneratorOptions::fromJson(launcher->spec().sourceOptions).scale, 0.05);

        // Every value a row shows while the run goes, to see the rows move.
        RunProgressModel *progress = page->session()->progressModel();
        QHash<QString, QSet<qint64>> seen;
        // The header's progress and time left cover the whole run: they move on after the load.
        int progressAfterLoad = -1;
        bool remainingAfterLoad = false;
        connect(progress, &QAbstractItemModel::dataChanged, this, [&](const QModelIndex &from) {
            const RunProgressModel::Row &row = progress->row(from.row());
            seen[row.stage + QLatin1Char('/') + row.table].insert(row.rowsDone);
            if (page->monitor()->timeline()->currentStep() > int(widgets::RunStep::Load)) {
                progressAfterLoad = std::max(progressAfterLoad, page->monitor()->runProgress()->value());
                remainingAfterLoad = remainingAfterLoad || page->monitor()->remainingText() != QStringLiteral("—");
            }
        });
        QSignalSpy ended(page, &RunsPage::runEnded);
        QSignalSpy historyRefreshed(page->history(), &widgets::RunHistoryView::refreshed);

        QTest::mouseClick(launcher->startButton(), Qt::LeftButton);
        QVERIFY(page->hasActiveRun());
        QCOMPARE(page->tabs()->currentWidget(), page->monitor());
        QVERIFY(!launcher->startButton()->isEnabled()); // one run at a time
        QVERIFY(page->monitor()->cancelButton()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(progress->rowCount() > 0, 20000);

        QVERIFY(ended.wait(120000));
        const auto result = ended.first().first().value<runner::RunResult>();
        QVERIFY2(result.status == runner::RunStatus::Succeeded,
                 qPrintable(result.error + page->session()->logModel()->toPlainText()));
        QVERIFY(!page->hasActiveRun());
        QVERIFY(launcher->startButton()->isEnabled());

        // A row per stage and table, every one finished, and they moved on the way.
        QSet<QString> loadTables;
        bool moved = false;
        for (int r = 0; r < progress->rowCount(); ++r) {
            const RunProgressModel::Row &row = progress->row(r);
            QCOMPARE(int(row.state), int(TableState::Succeeded));
            // A table the source does not have (the synthetic shop has no Olist
            // sellers) is said to be so, not "Running" or "100 %" of nothing.
            if (row.rowsExpected == 0 && row.rowsDone == 0)
                QCOMPARE(progress->index(r, RunProgressModel::StateColumn).data().toString(),
                         QStringLiteral("Not in this source"));
            else
                QCOMPARE(progress->index(r, RunProgressModel::ProgressColumn).data().toString(),
                         QStringLiteral("100 %"));
            if (row.stage == QLatin1String("load"))
                loadTables.insert(row.table);
            moved = moved || seen.value(row.stage + QLatin1Char('/') + row.table).size() >= 2;
        }
        QVERIFY2(loadTables.size() >= 5, qPrintable(QStringList(loadTables.values()).join(QLatin1Char(','))));
        QVERIFY(moved);
        for (int i = 0; i < widgets::runStepCount; ++i)
            QCOMPARE(int(page->monitor()->timeline()->stepState(widgets::RunStep(i))),
                     int(widgets::StageTimeline::StepState::Done));
        QVERIFY(page->monitor()->chart()->sampleCount() >= 2);
        QVERIFY2(progressAfterLoad > int(1000 * (widgets::stepWeight(0) + widgets::stepWeight(1))),
                 qPrintable(QString::number(progressAfterLoad)));
        QVERIFY(remainingAfterLoad);
        QCOMPARE(page->monitor()->runProgress()->value(), 1000);
        QVERIFY(page->monitor()->headline().endsWith(QStringLiteral("succeeded")));
        QVERIFY(!page->monitor()->cancelButton()->isVisible());
        QVERIFY(page->session()->logModel()->rowCount() > 3);

        // No system tray offscreen: the notification is a banner, with the anomalies it raised.
        QVERIFY(!page->notifier()->usedTray());
        widgets::InlineMessage *toast = page->notifier()->toast();
        QVERIFY(toast && toast->isVisible());
        QCOMPARE(toast->title(), QStringLiteral("Run %1 succeeded").arg(result.runId));
        QVERIFY2(toast->text().contains(QStringLiteral("anomal")), qPrintable(toast->text()));
        QVERIFY(window.rect().contains(toast->geometry()));
        QVERIFY(test::saveScreenshot(&window, QStringLiteral("runs-finished")));

        // The history lists it, with the database's own counts.
        QTabBar *tabs = page->tabs()->tabBar();
        QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(1).center());
        QCOMPARE(page->tabs()->currentWidget(), page->history());
        widgets::RunHistoryView *history = page->history();
        QTRY_VERIFY_WITH_TIMEOUT(history->model()->rowOf(result.runId) >= 0 && !history->isLoading(), 20000);
        const queries::RunSummary listed = history->model()->run(history->model()->rowOf(result.runId));
        QCOMPARE(listed.status, QStringLiteral("succeeded"));
        QCOMPARE(listed.rowsRead, result.rowsRead);
        QCOMPARE(listed.rowsLoaded, result.rowsLoaded);
        QCOMPARE(listed.rowsQuarantined, result.rowsQuarantined);
        QCOMPARE(listed.trigger, QStringLiteral("manual"));
        QCOMPARE(listed.newAnomalies, result.newAnomalies);
        {
            auto c = database.connect();
            pqxx::read_transaction tx{*c};
            const auto row =
                tx.exec_params1("SELECT rows_read, status FROM ops.pipeline_run WHERE run_id = $1", result.runId);
            QCOMPARE(row[0].as<qint64>(), listed.rowsRead);
        }

        // Opening it shows its stage results and its log.
        QTRY_COMPARE_WITH_TIMEOUT(history->openRunId(), result.runId, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(history->stageModel()->rowCount() > loadTables.size(), 20000);
        bool sawLoad = false;
        for (int r = 0; r < history->stageModel()->rowCount(); ++r) {
            const queries::StageResult &s = history->stageModel()->stage(r);
            if (s.stage == QLatin1String("load") && !s.table.isEmpty()) {
                sawLoad = true;
                QCOMPARE(s.status, QStringLiteral("succeeded"));
                QCOMPARE(s.rowsRead, s.rowsLoaded + s.rowsQuarantined);
            }
        }
        QVERIFY(sawLoad);
        QVERIFY(history->logModel()->rowCount() > 0);
        // A finished run shows no stage still running, and its per-table
        // validate and transform times are measured, not "0 ms".
        qint64 validateMs = 0, transformMs = 0;
        for (int r = 0; r < history->stageModel()->rowCount(); ++r) {
            const queries::StageResult &s = history->stageModel()->stage(r);
            QVERIFY2(s.status != QLatin1String("running") && s.status != QLatin1String("queued"),
                     qPrintable(s.stage + QLatin1Char('/') + s.table));
            const qint64 ms = history->stageModel()
                                  ->index(r, widgets::StageResultModel::DurationColumn)
                                  .data(widgets::StageResultModel::SortRole)
                                  .toLongLong();
            if (!s.table.isEmpty() && s.stage == QLatin1String("validate"))
                validateMs += ms;
            if (!s.table.isEmpty() && s.stage == QLatin1String("transform"))
                transformMs += ms;
        }
        QVERIFY(validateMs > 0);
        QVERIFY(transformMs > 0);

        // At 1280×720 the progress bars stay bars.
        window.resize(1280, 720);
        QTest::qWait(50);
        const int barWidth =
            page->monitor()->progressView()->columnWidth(RunProgressModel::ProgressColumn) - 60; // less the "100 %"
        QVERIFY2(barWidth >= 60, qPrintable(QString::number(barWidth)));
        // ... and the launcher's form is not cut on the right.
        auto *launcherScroll = page->findChild<QScrollArea *>(QStringLiteral("launcherScroll"));
        QVERIFY(launcherScroll);
        QVERIFY2(launcher->width() <= launcherScroll->viewport()->width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(launcher->width()).arg(launcherScroll->viewport()->width())));
        QVERIFY(launcher->width() >= launcher->minimumSizeHint().width());
        window.resize(1440, 900);

        // The keyboard reaches the list, and Refresh (F5) reads it again.
        history->runsView()->setFocus();
        QTest::keyClick(history->runsView(), Qt::Key_Home);
        QCOMPARE(history->runsView()->currentIndex().data(widgets::RunHistoryModel::RunIdRole).toLongLong(),
                 result.runId);
        historyRefreshed.clear();
        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(historyRefreshed.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(history->stageModel()->rowCount() > 0, 20000);
        // The notification goes away when dismissed.
        QTest::mouseClick(toast->findChild<QToolButton *>(QStringLiteral("messageClose")), Qt::LeftButton);
        QVERIFY(!toast->isVisible());
        QVERIFY(test::saveScreenshot(&window, QStringLiteral("runs-history")));

        // The same on a dark palette: readable, not a white sheet.
        const QPalette original = QApplication::palette();
        QApplication::setPalette(test::darkPalette());
        page->tabs()->setCurrentWidget(page->monitor());
        QTest::qWait(50); // palette changes reach the widgets as events
        QVERIFY(test::saveScreenshot(&window, QStringLiteral("runs-finished-dark")));
        const QImage dark = window.grab().toImage();
        const QColor corner = dark.pixelColor(dark.width() - 8, dark.height() - 40);
        QVERIFY2(corner.lightness() < 90, qPrintable(corner.name()));
        QApplication::setPalette(original);
        QVERIFY(window.close());
    }

    void launcherSettingsComeBack()
    {
        // After the previous test's window closed, its launcher's settings persist.
        widgets::RunLauncher launcher;
        QCOMPARE(synthetic::GeneratorOptions::fromJson(launcher.spec().sourceOptions).scale, 0.05);
        QCOMPARE(launcher.spec().stagingDir, m_staging.path());
        QVERIFY(!QSettings().value(QStringLiteral("runs/page/splitter")).toByteArray().isEmpty());
        QVERIFY(!QSettings().value(QStringLiteral("runs/monitor/columns")).toByteArray().isEmpty());
    }

    void roleWithoutOperatorMayNotStart()
    {
        test::TestDatabase database;
        ECOMOPS_REQUIRE_DB(database);
        // A role that may read the run history but is no operator. The test
        // cluster authenticates by peer, so the session takes the role at start.
        const std::string role = database.name().toStdString() + "_reader";
        {
            auto c = database.connect();
            pqxx::nontransaction tx{*c};
            tx.exec0("CREATE ROLE " + tx.quote_name(role));
            tx.exec0("GRANT USAGE ON SCHEMA ops TO " + tx.quote_name(role));
            tx.exec0("GRANT SELECT ON ALL TABLES IN SCHEMA ops TO " + tx.quote_name(role));
        }
        {
            MainWindow window;
            db::ConnectionProfile profile;
            profile.mode = db::ConnectionProfile::Mode::Server;
            profile.conninfo =
                database.conninfo() + QStringLiteral("&options=-c%20role%3D") + QString::fromStdString(role);
            window.connection()->setProfile(profile);
            window.setCurrentWorkspace(widgets::Workspace::Runs);
            window.show();
            window.connection()->connectToDatabase();
            QTRY_VERIFY_WITH_TIMEOUT(!window.connection()->isBusy(), 30000);
            QVERIFY2(window.connection()->isConnected(), qPrintable(window.connection()->status().errorDetail));
            QCOMPARE(window.connection()->status().role, QString::fromStdString(role));
            RunsPage *page = test::runsPage(window);
            QVERIFY(!page->launcher()->startButton()->isEnabled());
            const QString reason = page->launcher()->startBlockedReason();
            QVERIFY2(reason.contains(QStringLiteral("may not run pipelines")), qPrintable(reason));
            QVERIFY(reason.contains(QStringLiteral("ecomops_operator")));
            QVERIFY(page->launcher()->findChild<QLabel *>(QStringLiteral("blockedLabel"))->isVisible());
            page->launcher()->requestStart();
            QTest::keyClick(page->launcher(), Qt::Key_Return, Qt::ControlModifier);
            QVERIFY(!page->hasActiveRun());
            // Reading the history is still allowed.
            QTRY_VERIFY_WITH_TIMEOUT(!page->history()->isLoading(), 20000);
            QVERIFY(!page->history()->problem()->isVisible());
            window.close();
        }
        auto c = database.connect();
        pqxx::nontransaction tx{*c};
        tx.exec0("DROP OWNED BY " + tx.quote_name(role));
        tx.exec0("DROP ROLE " + tx.quote_name(role));
    }

    // Both shared samples, imported from the launcher as a user would: pick
    // the source, type the path (and, for the log, the date order its
    // exporter used), let the gates only warn, start. Each run succeeds,
    // reconciles, and what it loaded is in the warehouse.
    void importsBothSharedSamplesFromTheLauncher()
    {
        test::RunsWindow w;
        w.open();
        if (QTest::currentTestFailed())
            return;
        RunsPage *page = w.page;
        widgets::RunLauncher *launcher = page->launcher();
        auto *source = launcher->findChild<QComboBox *>(QStringLiteral("sourceCombo"));
        auto *gateMode = launcher->findChild<QComboBox *>(QStringLiteral("gateModeCombo"));
        auto *dateOrder = launcher->findChild<QComboBox *>(QStringLiteral("dateOrderCombo"));
        QVERIFY(source && gateMode && dateOrder);
        struct Sample {
            const char *kind;
            QString path;
            const char *dateOrder;
        };
        const QString datasets = test::sharedDatasetsDir();
        const Sample samples[] = {
            {"olist", datasets + QStringLiteral("/olist-sample"), ""},
            {"txnlog", datasets + QStringLiteral("/transaction-log-sample/online_retail_sample.csv"), "month_first"}};
        for (const Sample &sample : samples) {
            source->setCurrentIndex(source->findData(QLatin1String(sample.kind)));
            QCOMPARE(launcher->sourceKind(), QLatin1String(sample.kind));
            typeInto(launcher->findChild<QLineEdit *>(QStringLiteral("pathEdit")), sample.path);
            typeInto(launcher->findChild<QLineEdit *>(QStringLiteral("stagingEdit")), m_staging.path());
            if (*sample.dateOrder)
                dateOrder->setCurrentIndex(dateOrder->findData(QLatin1String(sample.dateOrder)));
            gateMode->setCurrentIndex(gateMode->findData(QStringLiteral("warn")));
            QTRY_VERIFY(launcher->startButton()->isEnabled());
            QSignalSpy ended(page, &RunsPage::runEnded);
            QTest::mouseClick(launcher->startButton(), Qt::LeftButton);
            QVERIFY(ended.wait(120000));
            const auto result = ended.first().first().value<runner::RunResult>();
            QVERIFY2(result.status == runner::RunStatus::Succeeded,
                     qPrintable(result.error + page->session()->logModel()->toPlainText()));
            QVERIFY(result.reconciles());
            // The Olist sample's orphans fail its integrity gates, which only
            // warn; the log's four unreadable lines are too few to.
            QCOMPARE(result.gateStatus, QLatin1String(sample.kind) == QLatin1String("olist")
                                            ? QStringLiteral("warned")
                                            : QStringLiteral("passed"));
            QVERIFY(result.rowsQuarantined > 0);
            QVERIFY(page->monitor()->headline().endsWith(QStringLiteral("succeeded")));
        }
        auto c = w.database.connect();
        pqxx::read_transaction tx{*c};
        // The log's revenue reached the marts, to the cent of its lines.
        const auto revenue = tx.exec1("SELECT (SELECT sum(revenue) FROM mart.revenue_monthly), "
                                      "(SELECT sum(line_total) FROM dw.fact_order_line WHERE status = 'Completed')");
        QVERIFY(!revenue[0].is_null());
        QCOMPARE(revenue[0].as<std::string>(), revenue[1].as<std::string>());
        QVERIFY(tx.exec1("SELECT count(*) FROM dw.fact_order WHERE country_code = 'BR'")[0].as<int>() > 0);
        QVERIFY(w.window.close());
    }

    void aFailingSourceIsExplainedInWords()
    {
        test::RunsWindow w;
        w.open();
        if (QTest::currentTestFailed())
            return;
        RunsPage *page = w.page;
        MainWindow &window = w.window;
        widgets::RunLauncher *launcher = page->launcher();
        auto *source = launcher->findChild<QComboBox *>(QStringLiteral("sourceCombo"));
        source->setFocus();
        // Keyboard: the source database is the last choice.
        QTest::keyClick(source, Qt::Key_End);
        QCOMPARE(launcher->sourceKind(), QStringLiteral("sourcedb"));
        typeInto(launcher->findChild<QLineEdit *>(QStringLiteral("conninfoEdit")),
                 QStringLiteral("host=/nonexistent-socket-dir dbname=shop connect_timeout=2"));
        QTRY_VERIFY(launcher->startButton()->isEnabled());
        QSignalSpy ended(page, &RunsPage::runEnded);
        QTest::keyClick(launcher, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(ended.wait(60000));
        const auto result = ended.first().first().value<runner::RunResult>();
        QCOMPARE(int(result.status), int(runner::RunStatus::Failed));
        QVERIFY(!result.error.isEmpty());
        widgets::InlineMessage *outcome = page->monitor()->outcome();
        QVERIFY(outcome->isVisible());
        QCOMPARE(int(outcome->tone()), int(widgets::Tone::Bad));
        QVERIFY(outcome->text().size() > 20);
        QVERIFY(outcome->details().contains(result.error));
        if (result.error.contains(QStringLiteral("not available in this build")))
            QVERIFY(
                outcome->text().startsWith(QStringLiteral("This build of EcomOps cannot read this kind of source")));
        QCOMPARE(page->notifier()->toast()->title(), QStringLiteral("Run %1 failed").arg(result.runId));
        QVERIFY(page->monitor()->headline().endsWith(QStringLiteral("failed")));
        QVERIFY(test::saveScreenshot(&window, QStringLiteral("runs-failed")));

        // The details are one click away.
        QTest::mouseClick(outcome->findChild<QPushButton *>(QStringLiteral("messageDetails")), Qt::LeftButton);
        QMessageBox *details = nullptr;
        QTRY_VERIFY((details = test::findTopLevel<QMessageBox>(QStringLiteral("messageDetailsBox"))) != nullptr);
        QVERIFY(details->detailedText().contains(result.error));
        details->close();

        // The history says the same.
        page->showHistory();
        QTRY_COMPARE_WITH_TIMEOUT(page->history()->openRunId(), result.runId, 20000);
        auto *runError = page->history()->findChild<widgets::InlineMessage *>(QStringLiteral("runError"));
        QTRY_VERIFY(runError && runError->isVisible());
        QVERIFY(runError->details().contains(result.error));
        QVERIFY(window.close());
    }

    void closingDuringARunAsksFirst()
    {
        test::RunsWindow w;
        w.open();
        if (QTest::currentTestFailed())
            return;
        RunsPage *page = w.page;
        MainWindow &window = w.window;
        page->launcher()->setSourceKind(QStringLiteral("synthetic"));
        typeInto(page->launcher()->findChild<QDoubleSpinBox *>(QStringLiteral("scaleSpin")), QStringLiteral("1"));
        QSignalSpy ended(page, &RunsPage::runEnded);
        page->launcher()->requestStart();
        QVERIFY(page->hasActiveRun());

        // "Keep Running": the window stays, the run goes on.
        answerMessageBox(QStringLiteral("closeDuringRunMessage"), QStringLiteral("Keep Running"));
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());
        QVERIFY(page->hasActiveRun());

        // "Cancel Run and Quit": the window closes and the run ends cancelled.
        answerMessageBox(QStringLiteral("closeDuringRunMessage"), QStringLiteral("Cancel Run and Quit"));
        QVERIFY(window.close());
        QVERIFY(!window.isVisible());
        QVERIFY(ended.wait(10000));
        QCOMPARE(int(ended.first().first().value<runner::RunResult>().status), int(runner::RunStatus::Cancelled));
    }
};

ECOMOPS_GUI_TEST_MAIN(TestRunsWorkspace, "tst_runs_workspace")

#include "tst_runs_workspace.moc"

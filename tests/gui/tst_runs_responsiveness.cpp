// The window never freezes during a run: while a scale-1 run is watched
// live, no event costs the GUI thread more than a budget of its own CPU time;
// and Cancel stops a scale-1 run under way (the time it took is printed).
// Nothing here asserts on the wall clock, which measures the machine.
#include "GuiThreadMeters.h"
#include "RunsTestSupport.h"

#include "runs/RunHistoryModel.h"
#include "runs/RunHistoryView.h"
#include "runs/RunLauncher.h"
#include "runs/RunMonitor.h"
#include "runs/RunProgressModel.h"
#include "runs/RunSession.h"
#include "runs/StageTimeline.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <pqxx/pqxx>

using namespace ecomops;
using widgets::MainWindow;
using widgets::RunProgressModel;
using widgets::RunsPage;

namespace {

// Measured on the shared 2-core machine with a load average of 12: over a
// scale-1 run the costliest event (a chart update) took 11.7 ms of the GUI
// thread's CPU, p99 2.1 ms. The budget leaves four times that, and is half
// of the 100 ms at which a user sees a window freeze.
constexpr double kEventCpuBudgetMs = 50.0;

void prepareScaleOneRun(RunsPage *page, const QString &staging)
{
    test::typeInto(page->launcher()->findChild<QDoubleSpinBox *>(QStringLiteral("scaleSpin")), QStringLiteral("1"));
    test::typeInto(page->launcher()->findChild<QLineEdit *>(QStringLiteral("stagingEdit")), staging);
    QCOMPARE(synthetic::GeneratorOptions::fromJson(page->launcher()->spec().sourceOptions).scale, 1.0);
}

// Some table of a stage after the load is being worked on.
bool laterStageMoving(const RunProgressModel *model)
{
    for (int r = 0; r < model->rowCount(); ++r) {
        const RunProgressModel::Row &row = model->row(r);
        if (row.state == TableState::Running && row.stage != QLatin1String("source") &&
            row.stage != QLatin1String("load"))
            return true;
    }
    return false;
}

// The machine is shared: its load explains a late tick that our code does not.
QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2)
                                          : QStringLiteral("unknown");
}

} // namespace

class TestRunsResponsiveness : public QObject
{
    Q_OBJECT
    QTemporaryDir m_staging{QStringLiteral("/tmp/ecomops-runs-XXXXXX")};

private slots:
    void initTestCase() { QVERIFY(m_staging.isValid()); }

    void cleanupTestCase() { QSettings().clear(); } // nothing left behind in ~/.qttest

    // The meter itself: a handler that computes for 30 ms of CPU is seen as
    // one event of at least that, however long it waited for a core.
    void meterSeesWhatOneEventCosts()
    {
        test::MeteredApplication *app = test::MeteredApplication::instance();
        app->startRecording();
        QTimer::singleShot(0, [] {
            const qint64 start = test::threadCpuNs();
            while (test::threadCpuNs() - start < 30000000) {
            }
        });
        QTest::qWait(100);
        app->stopRecording();
        qInfo("a 30 ms handler measured %.1f ms among %zu events", app->maxMs(), app->events());
        QVERIFY(app->maxMs() >= 30.0);
    }

    void cancelStopsAScaleOneRunUnderWay()
    {
        test::RunsWindow w;
        w.open();
        if (QTest::currentTestFailed())
            return;
        RunsPage *page = w.page;
        MainWindow &window = w.window;
        test::TestDatabase &database = w.database;
        prepareScaleOneRun(page, m_staging.path());
        QSignalSpy ended(page, &RunsPage::runEnded);
        QTest::mouseClick(page->launcher()->startButton(), Qt::LeftButton);
        QVERIFY(page->hasActiveRun());

        // Well under way: past the load, tables of a later stage moving, the
        // chart with a few seconds in it. Photograph it, then stop it there.
        const RunProgressModel *progress = page->session()->progressModel();
        QTRY_VERIFY_WITH_TIMEOUT(
            !page->hasActiveRun() || (page->session()->elapsedMs() > 2500 && laterStageMoving(progress)), 60000);
        QVERIFY2(page->hasActiveRun(), "the run ended before it could be cancelled");
        QVERIFY(test::saveScreenshot(&window, QStringLiteral("runs-live")));
        const qint64 runId = page->session()->runId();
        QVERIFY(runId > 0);

        QPushButton *cancel = page->monitor()->cancelButton();
        QVERIFY(cancel->isVisible() && cancel->isEnabled());
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(!cancel->isEnabled()); // "Cancelling…"
        // A generous bound, so a loaded machine cannot fail it; a run that
        // ignored the request would go on for far longer (minutes at scale 1).
        QVERIFY(ended.wait(20000));
        const qint64 tookMs = clock.elapsed();
        qInfo("cancel: run %lld ended %lld ms after the click (load average %s)", runId, tookMs,
              qPrintable(loadAverage()));
        const auto result = ended.first().first().value<runner::RunResult>();
        QCOMPARE(int(result.status), int(runner::RunStatus::Cancelled));

        QVERIFY(page->monitor()->headline().endsWith(QStringLiteral("was cancelled")));
        // The timeline marks where it stopped.
        const widgets::StageTimeline *timeline = page->monitor()->timeline();
        QVERIFY(timeline->currentStep() > int(widgets::RunStep::Source));
        QCOMPARE(int(timeline->stepState(widgets::RunStep(timeline->currentStep()))),
                 int(widgets::StageTimeline::StepState::Cancelled));
        for (int r = 0; r < progress->rowCount(); ++r)
            QVERIFY(progress->row(r).state != TableState::Running);
        QVERIFY(test::saveScreenshot(&window, QStringLiteral("runs-cancelled")));

        // Recorded as cancelled, and the history says so.
        {
            auto c = database.connect();
            pqxx::read_transaction tx{*c};
            QCOMPARE(
                tx.exec_params1("SELECT status FROM ops.pipeline_run WHERE run_id = $1", runId)[0].as<std::string>(),
                std::string("cancelled"));
        }
        widgets::RunHistoryView *history = page->history();
        QTRY_VERIFY_WITH_TIMEOUT(history->model()->rowOf(runId) >= 0 && !history->isLoading(), 20000);
        QCOMPARE(history->model()->run(history->model()->rowOf(runId)).status, QStringLiteral("cancelled"));
        QVERIFY(page->launcher()->startButton()->isEnabled());
    }

    // Issue 8 asked for a window that never freezes; issue 13 for a check
    // that a busy machine cannot fail. So the budget is on the GUI thread's
    // own CPU time per event, which only our code can spend; the wall-clock
    // lateness a user would feel is printed by ecomops-gui-bench.
    void guiThreadEventsStayCheapDuringAScaleOneRun()
    {
        test::RunsWindow w;
        w.open();
        if (QTest::currentTestFailed())
            return;
        RunsPage *page = w.page;
        MainWindow &window = w.window;
        prepareScaleOneRun(page, m_staging.path());
        QSignalSpy ended(page, &RunsPage::runEnded);
        QSignalSpy refreshed(page->history(), &widgets::RunHistoryView::refreshed);

        test::MeteredApplication *app = test::MeteredApplication::instance();
        app->startRecording();
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(page->launcher()->startButton(), Qt::LeftButton);
        QVERIFY(ended.wait(280000));
        const auto result = ended.first().first().value<runner::RunResult>();
        QVERIFY2(result.status == runner::RunStatus::Succeeded, qPrintable(result.error));
        // What follows the end on the GUI side: notification, history and detail refresh.
        QVERIFY(refreshed.wait(20000) || !page->history()->isLoading());
        QTRY_COMPARE_WITH_TIMEOUT(page->history()->openRunId(), result.runId, 20000);
        QTest::qWait(300);
        app->stopRecording();

        qInfo("GUI thread CPU per event over a %.1f s scale-1 run (%lld rows read): %zu events, p50 %.3f ms, p99 %.3f "
              "ms, "
              "max %.1f ms (event type %d to a %s), %.0f ms in all; load average %s",
              double(clock.elapsed()) / 1000.0, result.rowsRead, app->events(), app->percentileMs(0.5),
              app->percentileMs(0.99), app->maxMs(), app->worstType(), qPrintable(app->worstReceiver()), app->totalMs(),
              qPrintable(loadAverage()));
        QVERIFY(result.rowsRead > 300000);
        QVERIFY2(app->events() > 100, "the GUI thread dispatched almost nothing: the meter is not in the path");
        QVERIFY2(app->maxMs() < kEventCpuBudgetMs,
                 qPrintable(
                     QStringLiteral("one event cost the GUI thread %1 ms of CPU (budget %2 ms): event type %3 to a %4")
                         .arg(app->maxMs())
                         .arg(kEventCpuBudgetMs)
                         .arg(app->worstType())
                         .arg(app->worstReceiver())));
        QVERIFY(test::saveScreenshot(&window, QStringLiteral("runs-scale1-finished")));
    }
};

ECOMOPS_GUI_TEST_MAIN_WITH(ecomops::test::MeteredApplication, TestRunsResponsiveness, "tst_runs_responsiveness")

#include "tst_runs_responsiveness.moc"

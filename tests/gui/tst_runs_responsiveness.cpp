// The window never freezes during a run: a scale-1 run, watched live, never
// keeps the GUI thread from its timers for 100 ms; and Cancel stops a
// scale-1 run under way within about a second.
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
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <pqxx/pqxx>

using namespace ecomops;
using widgets::MainWindow;
using widgets::RunProgressModel;
using widgets::RunsPage;

namespace {

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
        if (row.state == TableState::Running && row.stage != QLatin1String("source") && row.stage != QLatin1String("load"))
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

    void cancelStopsAScaleOneRunWithinASecond()
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
        QTRY_VERIFY_WITH_TIMEOUT(!page->hasActiveRun() ||
                                     (page->session()->elapsedMs() > 2500 && laterStageMoving(progress)),
                                 60000);
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
        QVERIFY(ended.wait(10000));
        const qint64 tookMs = clock.elapsed();
        qInfo("cancel: run %lld ended %lld ms after the click", runId, tookMs);
        const auto result = ended.first().first().value<runner::RunResult>();
        QCOMPARE(int(result.status), int(runner::RunStatus::Cancelled));
        QVERIFY2(tookMs < 2000, qPrintable(QStringLiteral("cancelling took %1 ms").arg(tookMs)));

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
            QCOMPARE(tx.exec_params1("SELECT status FROM ops.pipeline_run WHERE run_id = $1", runId)[0].as<std::string>(),
                     std::string("cancelled"));
        }
        widgets::RunHistoryView *history = page->history();
        QTRY_VERIFY_WITH_TIMEOUT(history->model()->rowOf(runId) >= 0 && !history->isLoading(), 20000);
        QCOMPARE(history->model()->run(history->model()->rowOf(runId)).status, QStringLiteral("cancelled"));
        QVERIFY(page->launcher()->startButton()->isEnabled());
    }

    // Required by issue 8: measured, printed, and kept under 100 ms.
    void guiThreadIsNeverBlockedDuringAScaleOneRun()
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

        test::LatenessProbe probe;
        probe.start();
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
        probe.stop();

        qInfo("GUI thread: longest block %.1f ms (at %.1f s; the GUI thread itself ran %.1f ms of it) over a %.1f s scale-1 run (%lld rows read, %d timer "
              "ticks, %d of them more than 30 ms late); load average %s",
              probe.worstMs(), double(probe.worstAtMs()) / 1000.0, probe.worstCpuMs(), double(clock.elapsed()) / 1000.0, result.rowsRead,
              probe.ticks(), probe.ticksLaterThan30Ms(), qPrintable(loadAverage()));
        QVERIFY(result.rowsRead > 300000);
        QVERIFY2(probe.worstMs() < 100.0, qPrintable(QStringLiteral("the GUI thread was blocked for %1 ms").arg(probe.worstMs())));
        QVERIFY(test::saveScreenshot(&window, QStringLiteral("runs-scale1-finished")));
    }
};

ECOMOPS_GUI_TEST_MAIN(TestRunsResponsiveness, "tst_runs_responsiveness")

#include "tst_runs_responsiveness.moc"

// The Runs workspace's models and small parts, without a database: every
// model and proxy under QAbstractItemModelTester, the words and numbers they
// show, the stage timeline, and the launcher's run spec.
#include "GuiTest.h"
#include "anomalies/DetectorSettings.h"

#include "common/AxisTicks.h"
#include "common/ScoreText.h"
#include "database/ConnectionProfile.h"
#include "runner/RunSpec.h"
#include "runs/OlistFileNames.h"
#include "runs/RunHistoryModel.h"
#include "runs/RunLauncher.h"
#include "runs/RunLogModel.h"
#include "runs/RunProgressModel.h"
#include "runs/RunText.h"
#include "runs/RunViews.h"
#include "runs/StageTimeline.h"
#include "runs/ThroughputChart.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QValueAxis>

#include <nlohmann/json.hpp>

using namespace ecomops;
using widgets::RunProgressModel;
using Tester = QAbstractItemModelTester;

namespace {

ProgressEvent progressEvent(const char *stage, const char *table, qint64 done, qint64 expected,
                            TableState state = TableState::Running)
{
    ProgressEvent e;
    e.stage = QLatin1String(stage);
    e.table = QLatin1String(table);
    e.rowsDone = done;
    e.rowsExpected = expected;
    e.state = state;
    e.rowsPerSecond = done > 0 ? 50000 : 0;
    e.etaMs = expected > done ? 1200 : 0;
    return e;
}

LogLine logLine(LogLevel level, const char *stage, const char *message)
{
    return LogLine{QDateTime::currentDateTime(), level, QLatin1String(stage), QLatin1String(message)};
}

queries::RunSummary summary(qint64 id, const char *status, double quality, qint64 anomalies)
{
    queries::RunSummary r;
    r.runId = id;
    r.status = QLatin1String(status);
    r.trigger = QStringLiteral("manual");
    r.sourceKind = QStringLiteral("synthetic");
    r.startedBy = QStringLiteral("ops");
    r.queuedAt = QDateTime::currentDateTime().addSecs(-60 * id);
    r.startedAt = r.queuedAt.addSecs(1);
    r.endedAt = r.startedAt.addSecs(12);
    r.seconds = 12.0 + double(id);
    r.rowsRead = 1000 * id;
    r.rowsLoaded = 1000 * id - id;
    r.rowsQuarantined = id;
    r.qualityOverall = quality;
    r.newAnomalies = anomalies;
    return r;
}

} // namespace

class TestRunsModels : public QObject
{
    Q_OBJECT

private slots:
    void cleanupTestCase() { QSettings().clear(); } // nothing left behind in ~/.qttest

    // A table the source does not have is said so, not "Running, 0 rows".
    void progressModelSaysWhatTheSourceLacks()
    {
        RunProgressModel model;
        Tester tester(&model, Tester::FailureReportingMode::QtTest);
        model.applyProgress(progressEvent("transform", "clickstream", 0, 0));
        model.applyProgress(progressEvent("transform", "orders", 10, 2000));
        const int absent = model.rowOf(QStringLiteral("transform"), QStringLiteral("clickstream"));
        QCOMPARE(model.index(absent, RunProgressModel::StateColumn).data().toString(),
                 QStringLiteral("Not in this source"));
        QCOMPARE(model.index(absent, RunProgressModel::RowsColumn).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.index(absent, 0).data(RunProgressModel::ToneRole).toInt(), int(widgets::Tone::Neutral));
        QCOMPARE(model.index(absent, 0).data(RunProgressModel::FractionRole).toDouble(), -1.0);
        const int present = model.rowOf(QStringLiteral("transform"), QStringLiteral("orders"));
        QCOMPARE(model.index(present, RunProgressModel::StateColumn).data().toString(),
                 widgets::RunText::state(TableState::Running));
        model.finishRun(runner::RunStatus::Succeeded);
        QCOMPARE(model.index(absent, RunProgressModel::StateColumn).data().toString(),
                 QStringLiteral("Not in this source"));
    }

    void progressModelFollowsARun()
    {
        RunProgressModel model;
        Tester tester(&model, Tester::FailureReportingMode::QtTest);
        QCOMPARE(model.columnCount(), int(RunProgressModel::ColumnCount));

        model.applyProgress(progressEvent("source", "orders", 0, 2000));
        model.applyProgress(progressEvent("source", "customers", 0, 500));
        QCOMPARE(model.rowCount(), 2);
        model.applyProgress(progressEvent("source", "orders", 800, 2000));
        const int orders = model.rowOf(QStringLiteral("source"), QStringLiteral("orders"));
        QCOMPARE(orders, 0);
        QCOMPARE(model.index(orders, RunProgressModel::RowsColumn).data().toString(), QStringLiteral("800 of 2,000"));
        QCOMPARE(model.index(orders, RunProgressModel::ProgressColumn).data().toString(), QStringLiteral("40 %"));
        QCOMPARE(model.index(orders, 0).data(RunProgressModel::FractionRole).toDouble(), 0.4);
        QCOMPARE(model.index(orders, RunProgressModel::StateColumn).data().toString(), QStringLiteral("Running"));
        QCOMPARE(model.index(orders, RunProgressModel::EtaColumn).data().toString(), QStringLiteral("1.2 s"));
        QCOMPARE(model.index(orders, RunProgressModel::RateColumn).data().toString(), QStringLiteral("50 k/s"));
        QCOMPARE(model.totalRowsDone(), 800);

        model.applyProgress(progressEvent("source", "orders", 2000, 2000, TableState::Succeeded));
        model.applyProgress(progressEvent("source", "customers", 500, 500, TableState::Succeeded));
        // A throttled event arriving after the table finished changes nothing.
        model.applyProgress(progressEvent("source", "orders", 1900, 2000));
        QCOMPARE(model.index(orders, 0).data(RunProgressModel::StateRole).toInt(), int(TableState::Succeeded));

        model.applyProgress(progressEvent("load", "orders", 1000, 2000));
        model.applyTableFinished(TableCounts{QStringLiteral("load"), QStringLiteral("orders"), 2000, 1990, 10});
        // The newest stage goes on top.
        const int loadOrders = model.rowOf(QStringLiteral("load"), QStringLiteral("orders"));
        QCOMPARE(loadOrders, 0);
        QCOMPARE(model.rowOf(QStringLiteral("source"), QStringLiteral("orders")), 1);
        QCOMPARE(model.index(2, RunProgressModel::TableColumn).data().toString(), QStringLiteral("customers"));
        QCOMPARE(model.index(loadOrders, RunProgressModel::QuarantinedColumn).data().toString(), QStringLiteral("10"));
        QCOMPARE(model.index(loadOrders, RunProgressModel::EtaColumn).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.totalRowsDone(), 4500);

        model.applyProgress(progressEvent("load", "customers", 0, 500, TableState::Queued));
        QCOMPARE(model.rowOf(QStringLiteral("load"), QStringLiteral("customers")), 1);
        model.finishRun(runner::RunStatus::Succeeded);
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.index(r, 0).data(RunProgressModel::StateRole).toInt(), int(TableState::Succeeded));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.totalRowsDone(), 0);
    }

    void progressModelSettlesWhenARunStops_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("running");
        QTest::addColumn<int>("queued");
        QTest::newRow("cancelled") << int(runner::RunStatus::Cancelled) << int(TableState::Cancelled)
                                   << int(TableState::Skipped);
        QTest::newRow("failed") << int(runner::RunStatus::Failed) << int(TableState::Failed)
                                << int(TableState::Skipped);
        QTest::newRow("succeeded") << int(runner::RunStatus::Succeeded) << int(TableState::Succeeded)
                                   << int(TableState::Succeeded);
    }

    void progressModelSettlesWhenARunStops()
    {
        QFETCH(int, status);
        QFETCH(int, running);
        QFETCH(int, queued);
        RunProgressModel model;
        Tester tester(&model, Tester::FailureReportingMode::QtTest);
        model.applyProgress(progressEvent("load", "order_lines", 10, 100));
        model.applyProgress(progressEvent("load", "payments", 0, -1, TableState::Queued));
        model.applyProgress(progressEvent("load", "orders", 100, 100, TableState::Succeeded));
        model.finishRun(runner::RunStatus(status));
        QCOMPARE(model.index(0, 0).data(RunProgressModel::StateRole).toInt(), running);
        QCOMPARE(model.index(1, 0).data(RunProgressModel::StateRole).toInt(), queued);
        QCOMPARE(model.index(2, 0).data(RunProgressModel::StateRole).toInt(), int(TableState::Succeeded));
        QCOMPARE(model.index(1, RunProgressModel::RowsColumn).data().toString(), QStringLiteral("0"));
        QCOMPARE(model.index(1, 0).data(RunProgressModel::FractionRole).toDouble() < 0,
                 queued != int(TableState::Succeeded));
    }

    void logModelAndLevelFilter()
    {
        widgets::RunLogModel model;
        widgets::LogFilterProxy proxy;
        proxy.setSourceModel(&model);
        Tester modelTester(&model, Tester::FailureReportingMode::QtTest);
        Tester proxyTester(&proxy, Tester::FailureReportingMode::QtTest);

        model.append(logLine(LogLevel::Debug, "load", "debug detail"));
        model.append(logLine(LogLevel::Info, "source", "generating a synthetic shop"));
        model.append(logLine(LogLevel::Warning, "load", "orders: 12 rows quarantined"));
        model.append(logLine(LogLevel::Error, "run", "run failed: the server went away"));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(2, widgets::RunLogModel::LevelColumn).data().toString(), QStringLiteral("Warning"));
        QCOMPARE(model.index(1, widgets::RunLogModel::StageColumn).data().toString(), QStringLiteral("Source"));

        QCOMPARE(proxy.rowCount(), 3); // info and above by default
        proxy.setMinimumLevel(LogLevel::Warning);
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setMinimumLevel(LogLevel::Debug);
        QCOMPARE(proxy.rowCount(), 4);
        proxy.setFilterFixedString(QStringLiteral("QUARANTINED"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, widgets::RunLogModel::MessageColumn).data().toString(),
                 QStringLiteral("orders: 12 rows quarantined"));
        proxy.setFilterFixedString({});
        proxy.setMinimumLevel(LogLevel::Error);
        model.append(logLine(LogLevel::Error, "load", "another error"));
        QCOMPARE(proxy.rowCount(), 2);

        QVERIFY(model.toPlainText(LogLevel::Warning).contains(QStringLiteral("12 rows quarantined")));
        QVERIFY(!model.toPlainText(LogLevel::Warning).contains(QStringLiteral("generating")));

        std::vector<LogLine> many(std::size_t(widgets::RunLogModel::kMaxLines) + 5,
                                  logLine(LogLevel::Info, "load", "x"));
        many.back().message = QStringLiteral("last");
        model.setLines(many);
        QCOMPARE(model.rowCount(), widgets::RunLogModel::kMaxLines);
        QCOMPARE(model.line(model.rowCount() - 1).message, QStringLiteral("last"));
        model.clear();
        QCOMPARE(proxy.rowCount(), 0);
    }

    void historyModelShowsRunsAndSorts()
    {
        widgets::RunHistoryModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(widgets::RunHistoryModel::SortRole);
        Tester modelTester(&model, Tester::FailureReportingMode::QtTest);
        Tester proxyTester(&proxy, Tester::FailureReportingMode::QtTest);

        model.setRuns(
            {summary(3, "succeeded", 91.26, 4), summary(2, "failed", -1, -1), summary(1, "cancelled", -1, 0)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowOf(2), 1);
        QCOMPARE(model.rowOf(99), -1);
        using H = widgets::RunHistoryModel;
        QCOMPARE(model.index(0, H::StatusColumn).data().toString(), QStringLiteral("Succeeded"));
        // One rounding rule for scores everywhere: cut to one decimal, so 91.26
        // is 91.2 here as in Data Quality, and 99.982 never reads 100.0.
        QCOMPARE(model.index(0, H::QualityColumn).data().toString(), QStringLiteral("91.2"));
        QCOMPARE(widgets::scoreText(91.26), widgets::scoreText(91.2));
        QCOMPARE(widgets::scoreText(99.982), QLocale().toString(99.9, 'f', 1));
        QCOMPARE(widgets::scoreText(100), QLocale().toString(100.0, 'f', 1));
        QCOMPARE(widgets::scoreText(-1), QStringLiteral("—"));
        QCOMPARE(model.index(1, H::QualityColumn).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.index(1, H::AnomaliesColumn).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.index(0, H::AnomaliesColumn).data().toString(), QStringLiteral("4"));
        QCOMPARE(model.index(0, H::StartedByColumn).data().toString(), QStringLiteral("Manual · ops"));
        QCOMPARE(model.index(0, H::ReadColumn).data().toString(), QStringLiteral("3,000"));
        QCOMPARE(model.index(0, H::DurationColumn).data().toString(), QStringLiteral("15.0 s"));
        QCOMPARE(model.index(1, 0).data(H::ToneRole).toInt(), int(widgets::Tone::Bad));
        QCOMPARE(model.index(2, 0).data(H::RecordRole).value<queries::RunSummary>().runId, 1);

        proxy.sort(H::ReadColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data(H::RunIdRole).toLongLong(), 1);
        proxy.sort(H::QualityColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data(H::RunIdRole).toLongLong(), 3);

        model.setRuns({});
        QCOMPARE(proxy.rowCount(), 0);
    }

    void stageResultModelShowsStages()
    {
        widgets::StageResultModel model;
        Tester tester(&model, Tester::FailureReportingMode::QtTest);
        queries::StageResult load;
        load.stage = QStringLiteral("load");
        load.table = QStringLiteral("orders");
        load.status = QStringLiteral("succeeded");
        load.startedAt = QDateTime::currentDateTime();
        load.endedAt = load.startedAt.addMSecs(2500);
        load.rowsRead = 5000;
        load.rowsLoaded = 4990;
        load.rowsQuarantined = 10;
        queries::StageResult source;
        source.stage = QStringLiteral("source");
        source.status = QStringLiteral("failed");
        source.attempts = 3;
        source.error = QStringLiteral("connection lost");
        model.setStages({source, load});
        using S = widgets::StageResultModel;
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, S::TableColumn).data().toString(), QStringLiteral("(whole stage)"));
        QCOMPARE(model.index(0, S::ErrorColumn).data().toString(), QStringLiteral("connection lost"));
        QCOMPARE(model.index(0, S::DurationColumn).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.index(1, S::DurationColumn).data().toString(), QStringLiteral("2.5 s"));
        QCOMPARE(model.index(1, S::QuarantinedColumn).data().toString(), QStringLiteral("10"));
        QCOMPARE(model.index(0, 0).data(S::ToneRole).toInt(), int(widgets::Tone::Bad));
        QCOMPARE(model.index(0, 0).data(S::SortRole).toInt(), int(widgets::RunStep::Source));
        model.setStages({});
        QCOMPARE(model.rowCount(), 0);
    }

    void wordsAndNumbers_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("unknown") << qint64(-1) << QStringLiteral("—");
        QTest::newRow("ms") << qint64(850) << QStringLiteral("850 ms");
        QTest::newRow("seconds") << qint64(42100) << QStringLiteral("42.1 s");
        QTest::newRow("minutes") << qint64(187000) << QStringLiteral("3:07");
        QTest::newRow("hours") << qint64(3723000) << QStringLiteral("1:02:03");
    }

    void wordsAndNumbers()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        using widgets::RunText;
        QCOMPARE(RunText::duration(ms), text);
        QCOMPARE(RunText::rate(0), QStringLiteral("—"));
        QCOMPARE(RunText::rate(950), QStringLiteral("950/s"));
        QCOMPARE(RunText::rate(1500), QStringLiteral("1.5 k/s"));
        QCOMPARE(RunText::rate(2500000), QStringLiteral("2.50 M/s"));
        QCOMPARE(RunText::newAnomalies(0), QStringLiteral("no new anomalies"));
        QCOMPARE(RunText::newAnomalies(1), QStringLiteral("1 new anomaly"));
        QCOMPARE(RunText::newAnomalies(1234), QStringLiteral("1,234 new anomalies"));
        QCOMPARE(widgets::runStepOf(QStringLiteral("load")), int(widgets::RunStep::Load));
        QCOMPARE(widgets::runStepOf(QStringLiteral("marts")), int(widgets::RunStep::Marts));
        QCOMPARE(widgets::runStepOf(QStringLiteral("publish")), int(widgets::RunStep::Transform));
        QCOMPARE(widgets::RunText::step(widgets::RunStep::Detect), widgets::RunText::stage(QStringLiteral("detect")));
        QCOMPARE(widgets::runStepOf(QStringLiteral("run")), -1);
        const QString unavailable =
            RunText::runError(QStringLiteral("the source \"sourcedb\" is not available in this build"));
        QVERIFY(unavailable.startsWith(QStringLiteral("This build of EcomOps cannot read this kind of source yet")));
    }

    void timelineFollowsTheStages()
    {
        widgets::StageTimeline timeline;
        using State = widgets::StageTimeline::StepState;
        using widgets::RunStep;
        QCOMPARE(timeline.currentStep(), -1);
        timeline.start();
        QCOMPARE(int(timeline.stepState(RunStep::Source)), int(State::Active));
        timeline.stageSeen(QStringLiteral("run")); // not a step: no change
        timeline.stageSeen(QStringLiteral("load"));
        QCOMPARE(int(timeline.stepState(RunStep::Source)), int(State::Done));
        QCOMPARE(int(timeline.stepState(RunStep::Load)), int(State::Active));
        timeline.stageSeen(QStringLiteral("source")); // a late event never moves it back
        QCOMPARE(timeline.currentStep(), int(RunStep::Load));
        QVERIFY(timeline.accessibleDescription().contains(QStringLiteral("Load: in progress")));
        timeline.finish(runner::RunStatus::Cancelled);
        QCOMPARE(int(timeline.stepState(RunStep::Load)), int(State::Cancelled));
        QCOMPARE(int(timeline.stepState(RunStep::Marts)), int(State::Pending));

        timeline.start();
        timeline.finish(runner::RunStatus::Succeeded);
        for (int i = 0; i < widgets::runStepCount; ++i)
            QCOMPARE(int(timeline.stepState(RunStep(i))), int(State::Done));
        timeline.resize(700, timeline.sizeHint().height());
        QVERIFY(!timeline.grab().isNull());
    }

    void chartPlotsTheRateOfChange()
    {
        widgets::ThroughputChart chart;
        chart.sample(0);
        QTest::qWait(60);
        chart.sample(30000);
        QCOMPARE(chart.sampleCount(), 2);
        QVERIFY(chart.peakRowsPerSecond() > 10000);
        chart.clear();
        QCOMPARE(chart.sampleCount(), 0);
    }

    void axesTickOnRoundNumbers_data()
    {
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        QTest::addColumn<int>("intervals");
        QTest::addColumn<double>("minStep");
        QTest::addColumn<double>("step");
        QTest::addColumn<double>("max");
        // The revenue axis (0 / 38 k / 75 k / 113 k) and seconds axis (0 / 3 / 5 / 8 s).
        QTest::newRow("revenue in k") << 0.0 << 143.0 << 5 << 0.0 << 50.0 << 150.0;
        QTest::newRow("100 k") << 0.0 << 100.0 << 4 << 0.0 << 25.0 << 100.0;
        QTest::newRow("whole seconds") << 0.0 << 7.3 << 5 << 1.0 << 2.0 << 8.0;
        QTest::newRow("short run, seconds") << 0.0 << 2.2 << 5 << 1.0 << 1.0 << 3.0;
        QTest::newRow("scores near 100") << 97.6 << 100.0 << 5 << 0.0 << 0.5 << 100.0;
    }
    void axesTickOnRoundNumbers()
    {
        QFETCH(double, low);
        QFETCH(double, high);
        QFETCH(int, intervals);
        QFETCH(double, minStep);
        QFETCH(double, step);
        QFETCH(double, max);
        const widgets::NiceScale scale = widgets::niceScale(low, high, intervals, minStep);
        QCOMPARE(scale.step, step);
        QCOMPARE(scale.max, max);
        QVERIFY(scale.min <= low && scale.max >= high);
        QVERIFY(scale.tickCount() - 1 <= intervals);
        QValueAxis axis;
        widgets::applyNiceScale(&axis, scale, QStringLiteral(" s"));
        QCOMPARE(axis.tickCount(), scale.tickCount());
        QCOMPARE(axis.labelFormat(), QStringLiteral("%.") + QString::number(scale.decimals()) + QStringLiteral("f s"));
    }

    // History sorted newest first shows ▼ (ink wider at the top), ascending ▲.
    void sortArrowsPointTheWayRowsRun()
    {
        QStandardItemModel model(3, 2);
        model.setHorizontalHeaderLabels({QStringLiteral("Run"), QStringLiteral("Status")});
        QTableView view;
        widgets::setUpSortableRunTable(&view, &model, Qt::DisplayRole);
        view.resize(400, 200);
        view.horizontalHeader()->resizeSection(0, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const auto ink = [&view](Qt::SortOrder order) {
            view.horizontalHeader()->setSortIndicator(0, order);
            const QImage image = view.horizontalHeader()->grab().toImage();
            const int dark = qGray(view.palette().color(QPalette::ButtonText).rgb());
            const int light = qGray(view.palette().color(QPalette::Button).rgb());
            const auto isInk = [&](int x, int y) {
                return std::abs(qGray(image.pixel(x, y)) - dark) < std::abs(qGray(image.pixel(x, y)) - light);
            };
            int first = image.height(), last = -1;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 120; x < 198; ++x)
                    if (isInk(x, y)) {
                        first = std::min(first, y);
                        last = std::max(last, y);
                    }
            int top = 0, bottom = 0;
            for (int y = first; y <= last; ++y)
                for (int x = 120; x < 198; ++x)
                    if (isInk(x, y))
                        ++(2 * y <= first + last ? top : bottom);
            return std::pair{top, bottom};
        };
        const auto [downTop, downBottom] = ink(Qt::DescendingOrder);
        QVERIFY2(downTop > downBottom, qPrintable(QStringLiteral("%1 / %2").arg(downTop).arg(downBottom)));
        const auto [upTop, upBottom] = ink(Qt::AscendingOrder);
        QVERIFY2(upTop < upBottom, qPrintable(QStringLiteral("%1 / %2").arg(upTop).arg(upBottom)));
    }

    void launcherDefaultsToADemoRun()
    {
        QSettings().remove(QStringLiteral("runs"));
        QSettings().remove(QStringLiteral("detector"));
        widgets::RunLauncher launcher;
        QCOMPARE(launcher.sourceKind(), QStringLiteral("synthetic"));
        QVERIFY2(launcher.validationError().isEmpty(), qPrintable(launcher.validationError()));
        const runner::RunSpec spec = launcher.spec();
        const auto options = synthetic::GeneratorOptions::fromJson(spec.sourceOptions);
        QCOMPARE(options.scale, 0.1);
        QCOMPARE(options.seed, std::uint64_t(42));
        const nlohmann::json gates = {{"overall", 80}, {"mode", "fail"}};
        QVERIFY2(spec.gates == gates, spec.gates.dump().c_str());
        QCOMPARE(int(spec.trigger), int(runner::Trigger::Manual));
        QVERIFY(!spec.startedBy.isEmpty());
        // What the form makes is what the engine accepts.
        QVERIFY(runner::RunSpec::fromJson(spec.toJson()).toJson() == spec.toJson());

        // The detector settings saved on the Anomalies page travel with it.
        QCOMPARE(anomalies::AnomalyOptions::fromJson(spec.anomalies).k, anomalies::AnomalyOptions{}.k);
        anomalies::AnomalyOptions saved;
        saved.method = anomalies::Method::Mad;
        saved.k = 3.25;
        widgets::detectorsettings::save(saved);
        const anomalies::AnomalyOptions used = anomalies::AnomalyOptions::fromJson(launcher.spec().anomalies);
        QSettings().remove(QStringLiteral("detector"));
        QCOMPARE(used.k, 3.25);
        QCOMPARE(int(used.method), int(anomalies::Method::Mad));

        launcher.setStartBlocked(QStringLiteral("Not connected"));
        QVERIFY(!launcher.startButton()->isEnabled());
        launcher.setStartBlocked({});
        QVERIFY(launcher.startButton()->isEnabled());
    }

    void launcherBuildsEverySourceAndKeepsNoPassword()
    {
        QSettings().remove(QStringLiteral("runs"));
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        {
            widgets::RunLauncher launcher;
            auto *path = launcher.findChild<QLineEdit *>(QStringLiteral("pathEdit"));
            auto *dates = launcher.findChild<QComboBox *>(QStringLiteral("dateOrderCombo"));
            auto *gateMode = launcher.findChild<QComboBox *>(QStringLiteral("gateModeCombo"));
            auto *overall = launcher.findChild<QSpinBox *>(QStringLiteral("overallSpin"));
            QVERIFY(path && dates && gateMode && overall);

            launcher.setSourceKind(QStringLiteral("olist"));
            QVERIFY(launcher.validationError().contains(QStringLiteral("Choose the folder")));
            path->setText(folder.path());
            dates->setCurrentIndex(dates->findData(QStringLiteral("day_first")));
            gateMode->setCurrentIndex(gateMode->findData(QStringLiteral("warn")));
            overall->setValue(70);
            QVERIFY(launcher.validationError().isEmpty());
            runner::RunSpec spec = launcher.spec();
            QCOMPARE(spec.sourceKind, QStringLiteral("olist"));
            const nlohmann::json olist = {{"path", folder.path().toStdString()}, {"date_order", "day_first"}};
            QVERIFY2(spec.sourceOptions == olist, spec.sourceOptions.dump().c_str());
            const nlohmann::json gates = {{"overall", 70}, {"mode", "warn"}};
            QVERIFY2(spec.gates == gates, spec.gates.dump().c_str());

            launcher.setSourceKind(QStringLiteral("snapshot"));
            QVERIFY(path->text().isEmpty()); // each source keeps its own path
            path->setText(folder.path());
            QVERIFY(launcher.validationError().contains(QStringLiteral("_SUCCESS")));
            QFile marker(folder.filePath(QStringLiteral("_SUCCESS")));
            QVERIFY(marker.open(QIODevice::WriteOnly));
            marker.close();
            QVERIFY(launcher.validationError().isEmpty());
            const nlohmann::json snapshot = {{"path", folder.path().toStdString()}};
            QVERIFY2(launcher.spec().sourceOptions == snapshot, launcher.spec().sourceOptions.dump().c_str());

            launcher.setSourceKind(QStringLiteral("txnlog"));
            path->setText(folder.path());
            QVERIFY(launcher.validationError().contains(QStringLiteral("choose a file")));

            launcher.setSourceKind(QStringLiteral("sourcedb"));
            QVERIFY(!launcher.validationError().isEmpty());
            launcher.findChild<QLineEdit *>(QStringLiteral("conninfoEdit"))
                ->setText(QStringLiteral("host=shop.example dbname=shop user=reader password=Hunter2-secret"));
            // The password travels beside the spec, in memory only; the
            // spec (stored with the run) has the connection string without it.
            const runner::RunSpec sourceDb = launcher.spec();
            const std::string stored = sourceDb.sourceOptions["conninfo"].get<std::string>();
            QVERIFY2(stored.find("Hunter2-secret") == std::string::npos, stored.c_str());
            QVERIFY2(stored.find("shop.example") != std::string::npos && stored.find("reader") != std::string::npos,
                     stored.c_str());
            QCOMPARE(sourceDb.sourcePassword, QStringLiteral("Hunter2-secret"));
            launcher.setSourceKind(QStringLiteral("olist"));
            QCOMPARE(path->text(), folder.path());
        }
        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        QVERIFY(saved.contains("shop.example"));
        QVERIFY2(!saved.contains("Hunter2-secret"), "a source password reached the settings file");

        widgets::RunLauncher restored;
        QCOMPARE(restored.sourceKind(), QStringLiteral("olist"));
        const nlohmann::json gates = {{"overall", 70}, {"mode", "warn"}};
        QVERIFY2(restored.spec().gates == gates, restored.spec().gates.dump().c_str());
        QCOMPARE(restored.findChild<QLineEdit *>(QStringLiteral("pathEdit"))->text(), folder.path());
    }

    // Olist file names the run cannot find are mapped in a small dialog;
    // they reach the spec as --option file.<kind>=NAME and come back next time.
    void launcherMapsOlistFileNames()
    {
        QSettings().remove(QStringLiteral("runs"));
        {
            widgets::RunLauncher launcher;
            launcher.setSourceKind(QStringLiteral("olist"));
            launcher.show();
            QPushButton *button = nullptr;
            for (QPushButton *b : launcher.findChildren<QPushButton *>()) {
                if (b->text().startsWith(QStringLiteral("File names")))
                    button = b;
            }
            QVERIFY(button && button->isVisible());
            bool filled = false;
            QTimer::singleShot(0, &launcher, [&] {
                auto *dialog = qobject_cast<widgets::OlistFileNames *>(QApplication::activeModalWidget());
                if (!dialog)
                    return;
                const auto edits = dialog->findChildren<QLineEdit *>();
                QCOMPARE(edits.size(), qsizetype(9)); // one per Olist file kind
                for (QLineEdit *edit : edits) {
                    if (edit->placeholderText() == QStringLiteral("olist_customers_dataset.csv"))
                        edit->setText(QStringLiteral(" clients.csv "));
                }
                filled = true;
                dialog->accept();
            });
            button->click();
            QVERIFY(filled);
            QCOMPARE(button->text(), QStringLiteral("File names… (1 mapped)"));
            QCOMPARE(launcher.spec().sourceOptions.value("file.customers", std::string()), std::string("clients.csv"));
            launcher.setSourceKind(QStringLiteral("txnlog"));
            QVERIFY(!button->isVisible());
            QVERIFY(!launcher.spec().sourceOptions.contains("file.customers"));
        }
        widgets::RunLauncher restored;
        restored.setSourceKind(QStringLiteral("olist"));
        QCOMPARE(restored.spec().sourceOptions.value("file.customers", std::string()), std::string("clients.csv"));
    }
};

ECOMOPS_GUI_TEST_MAIN(TestRunsModels, "tst_runs_models")

#include "tst_runs_models.moc"

// The detector's quality in the console, offscreen, real widgets, a real
// PostgreSQL: the Runs workspace's run detail shows flags per 1,000 lines,
// the ratio to the source's usual rate and precision/recall against planted
// truth (from ops.pipeline_run.summary); the Anomalies workspace warns when
// the newest run raised far more flags than usual, and says nothing when it
// did not.
//
// The runs are written as the engine writes them (summary -> 'detector' is
// DetectorQuality::toJson), so the suite needs no minutes-long pipeline run.
#include "GuiTest.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "anomalies/DetectorQuality.h"
#include "anomalies/FlagRateWarning.h"
#include "connection/ConnectionController.h"
#include "runs/RunDetectorLabel.h"
#include "runs/RunHistoryModel.h"
#include "runs/RunHistoryView.h"

#include <QSignalSpy>
#include <QTest>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <memory>

using namespace ecomops;

namespace {

// A finished run of `source` whose summary says what it measured.
qint64 insertRun(pqxx::connection &c, const std::string &source, const anomalies::DetectorQuality &q)
{
    pqxx::work tx{c};
    const nlohmann::json summary = {{"new_anomalies", q.flaggedLines}, {"detector", q.toJson()}};
    const qint64 id = tx.exec_params1("INSERT INTO ops.pipeline_run (status, trigger, source_kind, started_by, spec, "
                                      "started_at, ended_at, summary) VALUES ('succeeded', 'test', $1, "
                                      "'tst_detector_ws', '{}', now(), now(), $2::jsonb) RETURNING run_id",
                                      source, summary.dump())[0]
                          .as<qint64>();
    tx.commit();
    return id;
}

anomalies::DetectorQuality quality(qint64 lines, qint64 flagged, std::optional<double> usual)
{
    anomalies::DetectorQuality q;
    q.lines = lines;
    q.flaggedLines = flagged;
    q.usualPerThousand = usual;
    q.earlierRuns = usual ? 4 : 0;
    return q;
}

} // namespace

class TestDetectorWorkspace : public QObject
{
    Q_OBJECT
    std::unique_ptr<test::TestDatabase> m_db;

private slots:
    void initTestCase()
    {
        m_db = std::make_unique<test::TestDatabase>();
        ECOMOPS_REQUIRE_DB(*m_db);
    }

    void runDetailShowsTheDetector()
    {
        auto c = m_db->connect();
        insertRun(*c, "synthetic", quality(10000, 20, std::nullopt)); // 2.0 per 1,000, the first
        anomalies::DetectorQuality planted = quality(2934, 26, 2.0);  // 8.9 per 1,000: 4.4× the usual
        planted.planted = true;
        planted.plantedLines = 26;
        planted.plantedFlagged = 25;
        const qint64 runId = insertRun(*c, "synthetic", planted);

        widgets::RunHistoryView view;
        view.resize(1100, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setConninfo(m_db->conninfo());
        QTRY_VERIFY_WITH_TIMEOUT(view.openRunId() == runId, 20000);
        auto *label = view.findChild<widgets::RunDetectorLabel *>(QStringLiteral("runDetector"));
        QVERIFY(label);
        QTRY_VERIFY_WITH_TIMEOUT(label->isVisible(), 10000);
        qInfo("run %lld: %s", static_cast<long long>(runId), qPrintable(label->text()));
        QVERIFY(label->text().startsWith(QStringLiteral("Detector: 8.9 flags per 1,000 lines (26 of 2,934)")));
        QVERIFY(label->text().contains(QStringLiteral("4.4× the usual 2.0 of this source")));
        QVERIFY(label->text().contains(QStringLiteral("precision 0.96, recall 0.96 (25 of 26 planted lines found)")));
        // Laid out under the run's facts, inside the view, wide enough to read.
        auto *facts = view.findChild<QLabel *>(QStringLiteral("detailText"));
        QVERIFY(facts);
        const QRect own = QRect(label->mapTo(&view, QPoint(0, 0)), label->size());
        const QRect above = QRect(facts->mapTo(&view, QPoint(0, 0)), facts->size());
        QVERIFY2(own.top() >= above.bottom(), "the detector line overlaps the run's facts");
        QVERIFY(view.rect().contains(own));
        QVERIFY(label->width() > 400 && label->height() >= label->fontMetrics().height());

        // The first run of the source: nothing to compare with, no planted truth.
        QVERIFY(view.model()->rowOf(runId - 1) >= 0);
        view.openRun(runId - 1);
        QTRY_VERIFY_WITH_TIMEOUT(view.openRunId() == runId - 1 && label->text().contains(QStringLiteral("(20 of")),
                                 10000);
        QCOMPARE(label->text(), QStringLiteral("Detector: 2.0 flags per 1,000 lines (20 of 10,000) · no earlier run "
                                               "of this source to compare with"));
        QVERIFY(!label->text().contains(QStringLiteral("precision")));
    }

    void anomaliesWarnOnAFlood()
    {
        auto c = m_db->connect();
        const qint64 flood = insertRun(*c, "txnlog", quality(5000, 120, 2.0)); // 24 per 1,000: 12×
        widgets::MainWindow window;
        db::ConnectionProfile profile;
        profile.mode = db::ConnectionProfile::Mode::Server;
        profile.conninfo = m_db->conninfo();
        window.connection()->setProfile(profile);
        window.resize(1400, 900);
        window.setCurrentWorkspace(widgets::Workspace::Anomalies);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.connection()->connectToDatabase();
        QTRY_VERIFY_WITH_TIMEOUT(window.connection()->isConnected(), 30000);
        auto *warning = window.findChild<widgets::FlagRateWarning *>(QStringLiteral("flagRateWarning"));
        QVERIFY(warning);
        QTRY_VERIFY_WITH_TIMEOUT(warning->isVisible(), 10000);
        qInfo("%s — %s", qPrintable(warning->title()), qPrintable(warning->text()));
        QCOMPARE(warning->title(), QStringLiteral("This run raised 12× the usual number of flags — check the detector "
                                                  "settings or the source"));
        QCOMPARE(warning->text(), QStringLiteral("Run %1 flagged 24.0 of every 1,000 lines; the usual for this "
                                                 "source is 2.0.")
                                      .arg(flood));
        QCOMPARE(warning->tone(), widgets::Tone::Warning);
        // Above the flag list, across the page.
        auto *table = window.findChild<QWidget *>(QStringLiteral("flagTable"));
        const QRect own = QRect(warning->mapTo(&window, QPoint(0, 0)), warning->size());
        QVERIFY(table);
        QVERIFY(own.bottom() <= table->mapTo(&window, QPoint(0, 0)).y());
        QVERIFY(warning->width() > 600);

        // A newer run at the usual rate: the warning goes away.
        insertRun(*c, "txnlog", quality(5000, 11, 2.0)); // 2.2 per 1,000
        QSignalSpy checked(warning, &widgets::FlagRateWarning::checked);
        warning->refresh();
        QVERIFY(checked.wait(10000));
        QVERIFY(!warning->isVisible());
        // 4× is not "far above" (the threshold is 5×).
        insertRun(*c, "txnlog", quality(5000, 40, 2.0)); // 8 per 1,000
        warning->refresh();
        QVERIFY(checked.wait(10000));
        QVERIFY(!warning->isVisible());
    }
};

ECOMOPS_GUI_TEST_MAIN(TestDetectorWorkspace, "tst_detector_ws")
#include "tst_detector_ws.moc"

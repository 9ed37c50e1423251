// The Data Quality workspace on a real database scored by two synthetic runs
// with planted defects: the scorecard opens with the eight dimensions, the
// overall score and its trend; a dimension drills to its rules and a rule to
// the failing rows with their raw record and every reason; every model
// passes QAbstractItemModelTester.
#include "GuiTest.h"
#include "TestDatabase.h"
#include "core/Cancellation.h"

#include "MainWindow.h"
#include "connection/ConnectionController.h"
#include "quality/DimensionScoreModel.h"
#include "quality/FailingRowModel.h"
#include "quality/QualityPage.h"
#include "quality/RuleResultModel.h"
#include "quality/ScoreTrendChart.h"
#include "quality/ScorecardTableModel.h"
#include "queries/QualityQueries.h"
#include "runner/RunEvents.h"
#include "runner/RunExecution.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <pqxx/pqxx>

#include <algorithm>
#include <memory>

using namespace ecomops;
using widgets::QualityPage;

namespace {

class QuietEvents : public runner::RunEvents
{
public:
    void runCreated(qint64) override {}
    void progress(const ProgressEvent &) override {}
    void log(const LogLine &l) override { text += l.stage + QStringLiteral(": ") + l.message + QLatin1Char('\n'); }
    void tableFinished(const TableCounts &) override {}
    QString text;
};

QString str(const pqxx::field &f)
{
    return QString::fromStdString(f.as<std::string>());
}

} // namespace

class TestQualityWorkspace : public QObject
{
    Q_OBJECT
    QTemporaryDir m_staging;
    std::unique_ptr<test::TestDatabase> m_db;
    QList<qint64> m_runs;

    qint64 runOnce(quint64 seed, double defectRate)
    {
        synthetic::GeneratorOptions generator;
        generator.scale = 0.04;
        generator.seed = seed;
        const double r = defectRate;
        generator.defects = {r, r, r, r, r, r, r};
        runner::RunSpec spec;
        spec.sourceOptions = generator.toJson();
        spec.stagingDir = m_staging.path();
        spec.trigger = runner::Trigger::Test;
        spec.startedBy = QStringLiteral("tst_quality_ws");
        QuietEvents events;
        runner::RunExecution run(m_db->conninfo(), spec, events);
        CancelToken cancel;
        const runner::RunResult result = run.execute(cancel);
        if (result.runId <= 0) {
            qWarning("run failed: %s\n%s", qPrintable(result.error), qPrintable(events.text));
            return 0;
        }
        // A run whose gate failed keeps its scores: the steward reads them either way.
        auto c = m_db->connect();
        pqxx::read_transaction tx{*c};
        if (tx.exec_params1("SELECT count(*) FROM ops.quality_run WHERE run_id = $1", result.runId)[0].as<qint64>() ==
            0) {
            qWarning("run %lld was not scored: %s\n%s", result.runId, qPrintable(result.error),
                     qPrintable(events.text));
            return 0;
        }
        return result.runId;
    }

private slots:
    void initTestCase();
    void queriesReadTheScorecard();
    void scorecardDrillsToAFailingRow();
};

void TestQualityWorkspace::initTestCase()
{
    QVERIFY(m_staging.isValid());
    m_db = std::make_unique<test::TestDatabase>();
    ECOMOPS_REQUIRE_DB(*m_db);
    for (const auto &[seed, rate] : {std::pair<quint64, double>{5, 0.01}, std::pair<quint64, double>{6, 0.03}}) {
        const qint64 id = runOnce(seed, rate);
        QVERIFY(id > 0);
        m_runs.append(id);
    }
    auto c = m_db->connect();
    pqxx::read_transaction tx{*c};
    const qint64 scored = tx.exec1("SELECT count(*) FROM ops.quality_run")[0].as<qint64>();
    QCOMPARE(scored, qint64(2));
}

void TestQualityWorkspace::queriesReadTheScorecard()
{
    const auto runs = queries::qualityRuns(m_db->conninfo());
    QCOMPARE(runs.size(), std::size_t(2));
    QCOMPARE(runs.front().runId, m_runs.last());
    const queries::RunScorecard card = queries::runScorecard(m_db->conninfo(), m_runs.last());
    QCOMPARE(card.runId, m_runs.last());
    QVERIFY(card.tables.size() > 2);
    QVERIFY(card.tables.front().table.isEmpty()); // the run as a whole first
    for (const queries::TableScorecard &t : card.tables) {
        QCOMPARE(t.dimensions.size(), std::size_t(8));
        QVERIFY2(t.overall < 0 || !t.verdict.isEmpty(), qPrintable(t.table));
        QVERIFY2(t.overall >= 0 || t.verdict.isEmpty(), qPrintable(t.table));
    }
    const auto trend = queries::overallTrend(m_db->conninfo(), QStringLiteral("orders"));
    QCOMPARE(trend.size(), std::size_t(2));
    QVERIFY(trend.front().runId < trend.back().runId);
    QVERIFY(queries::runScorecard(m_db->conninfo(), 999999).tables.empty());

    // A rule that only counts (or informs) keeps examples instead of quarantining: they drill too.
    auto c = m_db->connect();
    pqxx::read_transaction tx{*c};
    const pqxx::result counted = tx.exec_params(
        "SELECT table_name, rule_id, dimension FROM ops.quality_failure WHERE run_id = $1 AND severity <> 'reject' "
        "AND failed_count > 0 AND jsonb_array_length(examples) > 0 ORDER BY rule_id LIMIT 1",
        m_runs.last());
    QVERIFY(!counted.empty());
    const QString table = str(counted[0][0]);
    const QString rule = str(counted[0][1]);
    const auto rules = queries::dimensionRules(m_db->conninfo(), m_runs.last(), table, str(counted[0][2]));
    QVERIFY(std::any_of(rules.begin(), rules.end(), [&](const queries::RuleResult &r) { return r.ruleId == rule; }));
    const auto rows = queries::failingRows(m_db->conninfo(), m_runs.last(), table, rule);
    QVERIFY2(!rows.empty(), qPrintable(rule));
    for (const queries::FailingRow &row : rows) {
        QVERIFY(!row.reasons.isEmpty());
        QVERIFY(row.quarantined || row.ruleIds.contains(rule));
    }
}

void TestQualityWorkspace::scorecardDrillsToAFailingRow()
{
    // A rule of the latest run that quarantined rows, and one of its rows.
    QString table, ruleId, dimension, rawRecord, reason;
    {
        auto c = m_db->connect();
        pqxx::read_transaction tx{*c};
        const pqxx::row r = tx.exec_params1(
            "SELECT f.table_name, f.rule_id, f.dimension FROM ops.quality_failure f WHERE f.run_id = $1 "
            "AND f.failed_count > 0 AND EXISTS (SELECT 1 FROM quarantine.rejected_row q WHERE q.run_id = f.run_id "
            "AND q.table_name = f.table_name AND q.rule_ids @> ARRAY[f.rule_id]) "
            "ORDER BY f.failed_count DESC, f.rule_id LIMIT 1",
            m_runs.last());
        table = str(r[0]);
        ruleId = str(r[1]);
        dimension = str(r[2]);
        const pqxx::row q = tx.exec_params1(
            "SELECT raw_record, reasons[1] FROM quarantine.rejected_row WHERE run_id = $1 AND table_name = $2 "
            "AND rule_ids @> ARRAY[$3]::text[] ORDER BY source_line LIMIT 1",
            m_runs.last(), table.toStdString(), ruleId.toStdString());
        rawRecord = str(q[0]);
        reason = str(q[1]);
    }
    qInfo("drilling to %s / %s / %s", qPrintable(table), qPrintable(dimension), qPrintable(ruleId));

    widgets::MainWindow window;
    auto *page = static_cast<QualityPage *>(window.workspacePage(widgets::Workspace::Quality));
    using Mode = QAbstractItemModelTester::FailureReportingMode;
    QAbstractItemModelTester t1(page->tableModel(), Mode::QtTest);
    QAbstractItemModelTester t2(page->dimensionModel(), Mode::QtTest);
    QAbstractItemModelTester t3(page->ruleModel(), Mode::QtTest);
    QAbstractItemModelTester t4(page->failingModel(), Mode::QtTest);

    db::ConnectionProfile profile;
    profile.mode = db::ConnectionProfile::Mode::Server;
    profile.conninfo = m_db->conninfo();
    window.connection()->setProfile(profile);
    window.resize(1500, 940);
    window.setCurrentWorkspace(widgets::Workspace::Quality);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.connection()->connectToDatabase();
    QTRY_VERIFY_WITH_TIMEOUT(window.connection()->isConnected(), 30000);

    // The scorecard of the latest run opens by itself.
    QTRY_COMPARE_WITH_TIMEOUT(page->runCombo()->count(), 2, 20000);
    QCOMPARE(page->currentRun(), m_runs.last());
    QTRY_VERIFY_WITH_TIMEOUT(page->tableModel()->rowCount() > 2, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy() && page->ruleModel()->rowCount() > 0, 20000);
    QCOMPARE(page->dimensionModel()->rowCount(), 8);
    QVERIFY(page->overallText() != QStringLiteral("—"));
    QCOMPARE(page->trendChart()->pointCount(), 2);
    QTest::qWait(200);
    QVERIFY(test::saveScreenshot(&window, QStringLiteral("quality")));

    // Table → dimension → rule → failing row, through the views.
    page->selectTable(table);
    QTRY_COMPARE_WITH_TIMEOUT(page->currentTable(), table, 10000);
    page->selectDimension(dimension);
    QTRY_COMPARE_WITH_TIMEOUT(page->currentDimension(), dimension, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy() && page->ruleModel()->rowCount() > 0, 20000);
    page->selectRule(ruleId);
    QTRY_COMPARE_WITH_TIMEOUT(page->currentRule(), ruleId, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy() && page->failingModel()->rowCount() > 0, 20000);
    const queries::FailingRow *first = page->failingModel()->rowAt(0);
    QVERIFY(first->quarantined);
    QVERIFY(first->ruleIds.contains(ruleId));
    QCOMPARE(first->rawRecord, rawRecord);
    QTRY_VERIFY_WITH_TIMEOUT(page->recordText().contains(QStringLiteral("Every reason")), 5000);
    const QString shown = page->recordText();
    QVERIFY2(shown.contains(reason), qPrintable(shown));
    QVERIFY2(shown.contains(rawRecord.left(40)), qPrintable(shown));
    for (const QString &why : first->reasons)
        QVERIFY2(shown.contains(why), qPrintable(why));

    // Keyboard: down the failing rows, the record follows.
    if (page->failingModel()->rowCount() > 1) {
        page->failingView()->setFocus();
        QTest::keyClick(page->failingView(), Qt::Key_Down);
        QTRY_VERIFY_WITH_TIMEOUT(page->recordText().contains(page->failingModel()->rowAt(1)->rawRecord.left(30)), 5000);
    }
    QTest::qWait(200);
    QVERIFY(test::saveScreenshot(&window, QStringLiteral("quality-drill")));

    // A dark palette: verdict colours and charts stay readable.
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3b));
    dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x6f, 0xc4));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    const QPalette light = window.palette();
    window.setPalette(dark);
    QTest::qWait(200);
    QVERIFY(test::saveScreenshot(&window, QStringLiteral("quality-dark")));
    window.setPalette(light);

    // Another run: its own scorecard.
    page->selectRun(m_runs.first());
    QTRY_VERIFY_WITH_TIMEOUT(page->tableModel()->scorecard().runId == m_runs.first(), 20000);
}

ECOMOPS_GUI_TEST_MAIN(TestQualityWorkspace, "tst_quality_ws")
#include "tst_quality_ws.moc"

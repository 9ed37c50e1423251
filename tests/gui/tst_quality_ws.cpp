// The Data Quality workspace on a real database scored by two synthetic runs
// with planted defects: the scorecard opens with the eight dimensions, the
// overall score and its trend; a dimension drills to its rules and a rule to
// the failing rows with their raw record and every reason; every model
// passes QAbstractItemModelTester.
#include "GuiFixtures.h"
#include "GuiTest.h"
#include "TestDatabase.h"
#include "core/Cancellation.h"

#include "MainWindow.h"
#include "common/InlineMessage.h"
#include "connection/ConnectionController.h"
#include "quality/DimensionChart.h"
#include "quality/DimensionScoreModel.h"
#include "quality/FailingRowModel.h"
#include "quality/FailingRowText.h"
#include "quality/FailingRowsPane.h"
#include "quality/QualityExporter.h"
#include "quality/QualityPage.h"
#include "quality/QualitySummary.h"
#include "quality/RuleResultModel.h"
#include "quality/ScoreTrendChart.h"
#include "quality/ScorecardTableModel.h"
#include "queries/QualityQueries.h"
#include "runner/RunEvents.h"
#include "runner/RunExecution.h"
#include "runs/RunsPage.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <pqxx/pqxx>

#include <algorithm>
#include <memory>

using namespace ecomops;
using widgets::QualityPage;

namespace {

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
        const test::ShopRun shop = test::runSyntheticShop(m_db->conninfo(), m_staging.path(), 0.04, seed, defectRate,
                                                          QStringLiteral("tst_quality_ws"));
        const runner::RunResult &result = shop.result;
        if (result.runId <= 0) {
            qWarning("run failed: %s\n%s", qPrintable(result.error), qPrintable(shop.log));
            return 0;
        }
        // A run whose gate failed keeps its scores: the steward reads them either way.
        auto c = m_db->connect();
        pqxx::read_transaction tx{*c};
        if (tx.exec_params1("SELECT count(*) FROM ops.quality_run WHERE run_id = $1", result.runId)[0].as<qint64>() ==
            0) {
            qWarning("run %lld was not scored: %s\n%s", result.runId, qPrintable(result.error), qPrintable(shop.log));
            return 0;
        }
        return result.runId;
    }

private slots:
    void initTestCase();
    void queriesReadTheScorecard();
    void scorecardDrillsToAFailingRow();
    void failingRowsSayHowManyAreShown();
    void stewardReadsAt1280AndExports();
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
    const QPalette dark = test::darkPalette();
    const QPalette light = window.palette();
    window.setPalette(dark);
    QTest::qWait(200);
    QVERIFY(test::saveScreenshot(&window, QStringLiteral("quality-dark")));
    window.setPalette(light);

    // Another run: its own scorecard.
    page->selectRun(m_runs.first());
    QTRY_VERIFY_WITH_TIMEOUT(page->tableModel()->scorecard().runId == m_runs.first(), 20000);
}

// The heading says how many of a rule's failures are listed, a page at a
// time; a row's value is the one its reason names.
void TestQualityWorkspace::failingRowsSayHowManyAreShown()
{
    const QLocale locale;
    widgets::FailingRowsPane pane;
    queries::RuleResult counting;
    counting.ruleId = QStringLiteral("customers.email.format");
    counting.failed = 1182;
    pane.showRule(&counting);
    queries::FailingRowPage examples;
    for (int i = 1; i <= 5; ++i) {
        queries::FailingRow row;
        row.sourceLine = i;
        row.reasons = {QStringLiteral("email \"x%1\" is not an e-mail address").arg(i)};
        row.ruleIds = {counting.ruleId};
        examples.rows.push_back(row);
    }
    examples.examplesInPage = 5;
    pane.addPage(examples, true);
    QVERIFY2(pane.heading().startsWith(QStringLiteral("5 examples of %1 ").arg(locale.toString(1182))),
             qPrintable(pane.heading()));
    QVERIFY(!pane.loadMoreButton()->isVisibleTo(&pane)); // nothing more was kept
    QCOMPARE(pane.model()->index(4, widgets::FailingRowModel::Value).data().toString(), QStringLiteral("x5"));

    // Set aside: a page, then the next one on request, never more than the cap.
    queries::RuleResult rejecting;
    rejecting.ruleId = QStringLiteral("order_items.order_id.reference");
    rejecting.failed = 1200;
    pane.showRule(&rejecting);
    queries::FailingRowPage page;
    page.quarantinedTotal = 1200;
    page.quarantinedInPage = widgets::FailingRowsPane::kPageSize;
    for (int i = 0; i < widgets::FailingRowsPane::kPageSize; ++i) {
        queries::FailingRow row;
        row.sourceLine = i + 2;
        row.quarantined = true;
        row.reasons = {QStringLiteral("order_id O%1 is not in orders of this run").arg(i)};
        row.ruleIds = {rejecting.ruleId};
        page.rows.push_back(row);
    }
    pane.addPage(page, true);
    QVERIFY(pane.loadMoreButton()->isVisibleTo(&pane));
    QVERIFY2(pane.heading().startsWith(
                 QStringLiteral("%1 of %2 rows")
                     .arg(locale.toString(widgets::FailingRowsPane::kPageSize), locale.toString(1200))),
             qPrintable(pane.heading()));
    QCOMPARE(pane.model()->index(3, widgets::FailingRowModel::Value).data().toString(), QStringLiteral("O3"));
    QCOMPARE(widgets::failingrowtext::valueNamedIn(QStringLiteral("line 2 of order 45 references unknown order 45")),
             QStringLiteral("45"));
    QCOMPARE(widgets::failingrowtext::valueNamedIn(QStringLiteral("order_total 12.00 is not items_subtotal 10.00")),
             QStringLiteral("12.00"));
    QCOMPARE(widgets::failingrowtext::valueNamedIn(QStringLiteral("email is empty")), QString());
    QSignalSpy more(&pane, &widgets::FailingRowsPane::moreRequested);
    pane.loadMoreButton()->click();
    QCOMPARE(more.count(), 1);
    QCOMPARE(more.at(0).at(0).toLongLong(), qint64(widgets::FailingRowsPane::kPageSize));
    pane.addPage(page, false);
    QCOMPARE(pane.model()->rowCount(), 2 * widgets::FailingRowsPane::kPageSize);
    QCOMPARE(pane.nextOffset(), qint64(2 * widgets::FailingRowsPane::kPageSize));

    // The query pages the quarantine the same way: a page, then the next.
    auto c = m_db->connect();
    pqxx::read_transaction tx{*c};
    const pqxx::row r =
        tx.exec_params1("SELECT table_name, rule, count(*) AS n FROM quarantine.rejected_row, unnest(rule_ids) AS rule "
                        "WHERE run_id = $1 GROUP BY table_name, rule ORDER BY n DESC, rule LIMIT 1",
                        m_runs.last());
    const QString table = str(r[0]), ruleId = str(r[1]);
    const qint64 total = r[2].as<qint64>();
    QVERIFY2(total >= 3, "no rule set aside three rows");
    const auto first = queries::failingRowPage(m_db->conninfo(), m_runs.last(), table, ruleId, 2, 0);
    const auto second = queries::failingRowPage(m_db->conninfo(), m_runs.last(), table, ruleId, 2, 2);
    QCOMPARE(first.quarantinedTotal, total);
    QCOMPARE(first.quarantinedInPage, 2);
    QVERIFY(second.quarantinedInPage >= 1);
    QVERIFY(second.rows.front().sourceLine > first.rows.at(1).sourceLine);
    QCOMPARE(second.examplesInPage, 0);
}

// At 1280×720: the score card is not cut; the all-tables rules name their
// table; the scorecard and a rule's rows export as CSV; a run that ends
// brings its scorecard in without Refresh.
void TestQualityWorkspace::stewardReadsAt1280AndExports()
{
    widgets::MainWindow window;
    auto *page = static_cast<QualityPage *>(window.workspacePage(widgets::Workspace::Quality));
    db::ConnectionProfile profile;
    profile.mode = db::ConnectionProfile::Mode::Server;
    profile.conninfo = m_db->conninfo();
    window.connection()->setProfile(profile);
    window.resize(1280, 720);
    window.setCurrentWorkspace(widgets::Workspace::Quality);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.connection()->connectToDatabase();
    QTRY_VERIFY_WITH_TIMEOUT(window.connection()->isConnected(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(page->runCombo()->count(), m_runs.size(), 20000);
    page->selectRun(m_runs.last());
    QTRY_VERIFY_WITH_TIMEOUT(page->tableModel()->scorecard().runId == m_runs.last(), 20000);
    page->selectTable(QString()); // all tables
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy() && page->ruleModel()->rowCount() > 0, 20000);
    QTest::qWait(100);

    // Every line of the score card shows whole (it scrolls rather than cut).
    const auto labels = page->summary()->card()->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (label->text().isEmpty())
            continue;
        const QRect shown = label->visibleRegion().boundingRect();
        QVERIFY2(shown.height() >= label->fontMetrics().height(), qPrintable(label->text()));
    }
    const auto *overall = page->summary()->findChild<QLabel *>(QStringLiteral("qualityOverall"));
    QVERIFY(overall);
    QCOMPARE(overall->visibleRegion().boundingRect().height(), overall->height());
    QVERIFY(overall->height() >= overall->sizeHint().height());

    // The all-tables view names each rule's table; a table's own view does not need to.
    QVERIFY(!page->ruleView()->isColumnHidden(widgets::RuleResultModel::Table));
    for (int row = 0; row < page->ruleModel()->rowCount(); ++row)
        QVERIFY(!page->ruleModel()->index(row, widgets::RuleResultModel::Table).data().toString().isEmpty());
    QCOMPARE(page->ruleModel()->headerData(widgets::RuleResultModel::Table, Qt::Horizontal).toString(),
             QStringLiteral("Table"));

    // The dimension chart zooms so that scores near 100 differ.
    QVERIFY(page->summary()->chart()->scoreAxis().max == 100);

    // Export: the scorecard, and every row of the chosen rule.
    QTemporaryDir out;
    QSignalSpy exported(page->exporter(), &widgets::QualityExporter::exported);
    const QString scorecard = out.filePath(QStringLiteral("scorecard.csv"));
    page->exporter()->exportScorecard(scorecard);
    QVERIFY(exported.wait(20000));
    QCOMPARE(exported.at(0).at(1).toString(), QString());
    QFile card(scorecard);
    QVERIFY(card.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = card.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), qsizetype(page->tableModel()->rowCount()) + 1);
    QVERIFY(lines.front().startsWith("run_id,table,overall"));
    QVERIFY(page->notice()->isVisible());

    page->selectRule(page->ruleModel()->ruleAt(0)->ruleId);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy() && page->failingModel()->rowCount() > 0, 20000);
    const QString rows = out.filePath(QStringLiteral("rows.csv"));
    page->exporter()->exportFailingRows(rows);
    QVERIFY(exported.wait(20000));
    QCOMPARE(exported.at(1).at(1).toString(), QString());
    QFile rowsFile(rows);
    QVERIFY(rowsFile.open(QIODevice::ReadOnly));
    const QByteArray written = rowsFile.readAll();
    QVERIFY(written.startsWith("rule_id,table,source_line,outcome,value,reasons,raw_record"));
    QVERIFY(written.contains(page->ruleModel()->ruleAt(0)->ruleId.toUtf8()));
    QVERIFY(written.count('\n') >= page->failingModel()->rowCount() + 1);
    QVERIFY(test::saveScreenshot(&window, QStringLiteral("quality-1280x720")));

    // A run ends: the picker shows it and, as the newest was shown, opens it.
    page->selectRun(m_runs.first());
    page->selectRun(m_runs.last());
    const qint64 next = runOnce(7, 0.02);
    QVERIFY(next > 0);
    auto *runs = static_cast<widgets::RunsPage *>(window.workspacePage(widgets::Workspace::Runs));
    emit runs->runEnded(runner::RunResult{});
    QTRY_COMPARE_WITH_TIMEOUT(page->runCombo()->count(), m_runs.size() + 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(page->currentRun(), next, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(page->tableModel()->scorecard().runId == next, 20000);
    m_runs.append(next);
}

ECOMOPS_GUI_TEST_MAIN(TestQualityWorkspace, "tst_quality_ws")
#include "tst_quality_ws.moc"

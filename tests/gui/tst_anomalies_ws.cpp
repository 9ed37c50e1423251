// The Anomalies workspace on a real database filled by a synthetic run with
// planted anomalies: the flags load lazily, a status changes with a note and
// shows in the audit trail and ops.anomaly_event, a change from another
// connection appears without a click, a conflict is told in words, a role
// that may not triage sees why, bursts of notifications (forged or real) cost
// a handful of reloads at most, and every model passes QAbstractItemModelTester.
// Triage speed: the selection moves on after an action, a product's flags
// change at once, shortcuts show on the buttons and in a menu; the detail
// pane clears on an empty list; at 1280×720 Status and Changed by are visible.
#include "GuiTest.h"
#include "SyntheticRun.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "anomalies/AnomaliesPage.h"
#include "anomalies/AuditTrailModel.h"
#include "anomalies/FlagDetailPanel.h"
#include "anomalies/FlagFilterBar.h"
#include "anomalies/FlagTableModel.h"
#include "anomalies/LiveFlagFeed.h"
#include "anomalies/QuantityHistoryChart.h"
#include "anomalies/Triage.h"
#include "anomalies/TriageBar.h"
#include "connection/ConnectionController.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <pqxx/pqxx>

#include <memory>

using namespace ecomops;
using anomalies::FlagStatus;
using widgets::AnomaliesPage;
using widgets::FlagTableModel;

namespace {

anomalies::TriageResult triageFrom(pqxx::connection &c, qint64 flagId, int version, FlagStatus to, const QString &user,
                                   const QString &note)
{
    anomalies::TriageRequest request;
    request.flags = {{flagId, version}};
    request.newStatus = to;
    request.note = note;
    request.consoleUser = user;
    return anomalies::triage(c, request);
}

} // namespace

class TestAnomaliesWorkspace : public QObject
{
    Q_OBJECT
    QTemporaryDir m_staging;
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<widgets::MainWindow> m_window;
    qint64 m_flags = 0;

    AnomaliesPage *page() const
    {
        return static_cast<AnomaliesPage *>(m_window->workspacePage(widgets::Workspace::Anomalies));
    }
    // Selects the loaded row of `flagId` alone and waits for its detail.
    void select(qint64 flagId)
    {
        AnomaliesPage *p = page();
        const int row = p->model()->rowOfFlag(flagId);
        QVERIFY(row >= 0);
        p->table()->setFocus();
        p->table()->selectionModel()->setCurrentIndex(p->model()->index(row, 0),
                                                      QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QTRY_COMPARE_WITH_TIMEOUT(p->detailPanel()->detail().flag.flagId, flagId, 10000);
    }
    const anomalies::FlagRow *flag(qint64 flagId) const
    {
        return page()->model()->flagAt(page()->model()->rowOfFlag(flagId));
    }

private slots:
    void initTestCase();
    void cleanupTestCase();
    void modelsPassTheTester();
    void flagsLoadLazilyAndSortOnTheServer();
    void triageWithNoteReachesAuditTrail();
    void changeFromAnotherConnectionAppearsLive();
    void conflictIsShownInWords();
    void keyboardShortcutTriagesASelection();
    void triageAdvancesToTheNextFlag();
    void shortcutsShowOnButtonsAndInAMenu();
    void statusColumnsVisibleAt1280x720();
    void detailClearsWhenTheListIsEmpty();
    void exportsTheFilteredList();
    void filtersNarrowTheListAndPersist();
    void roleThatMayNotTriageSeesWhy();
    void darkPaletteKeepsStatusesReadable();
    void notificationBurstsCauseFewReloads(); // changes a flag a thousand times
    void wholeProductChangesEveryNewFlagOfIt();
};

void TestAnomaliesWorkspace::initTestCase()
{
    QVERIFY(m_staging.isValid());
    m_db = std::make_unique<test::TestDatabase>();
    ECOMOPS_REQUIRE_DB(*m_db);

    synthetic::GeneratorOptions generator;
    generator.scale = 0.05;
    generator.seed = 88;
    generator.anomalies.rate = 0.03;
    generator.anomalies.productShare = 0.2;
    const test::ShopRun shop = test::runQuietly(
        m_db->conninfo(), test::syntheticRunSpec(m_staging.path(), generator, QStringLiteral("tst_anomalies_ws")));
    const runner::RunResult &result = shop.result;
    QVERIFY2(result.status == runner::RunStatus::Succeeded, qPrintable(result.error + shop.log));

    auto c = m_db->connect();
    m_flags = test::number(*c, "SELECT count(*) FROM ops.anomaly_flag");
    qInfo("%lld flags from run %lld", static_cast<long long>(m_flags), static_cast<long long>(result.runId));
    if (m_flags < 8) {
        const QStringList lines = shop.log.split(QLatin1Char('\n'));
        for (const QString &line : lines)
            if (!line.startsWith(QLatin1String("load:")))
                qInfo("%s", qPrintable(line));
    }
    QVERIFY(m_flags >= 8);

    m_window = std::make_unique<widgets::MainWindow>();
    db::ConnectionProfile profile;
    profile.mode = db::ConnectionProfile::Mode::Server;
    profile.conninfo = m_db->conninfo();
    m_window->connection()->setProfile(profile);
    m_window->resize(1500, 920);
    m_window->setCurrentWorkspace(widgets::Workspace::Anomalies);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QApplication::setActiveWindow(m_window.get());
    m_window->connection()->connectToDatabase();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->connection()->isConnected(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(page()->model()->rowCount() > 0 && !page()->model()->isLoading(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(page()->canTriage(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(page()->isListening(), 10000); // it connects on a thread of its own
}

void TestAnomaliesWorkspace::cleanupTestCase()
{
    m_window.reset();
}

void TestAnomaliesWorkspace::modelsPassTheTester()
{
    FlagTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setConninfo(m_db->conninfo());
    QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 0 && !model.isLoading(), 20000);
    QCOMPARE(model.totalCount(), m_flags);
    model.sort(FlagTableModel::Quantity, Qt::AscendingOrder);
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading() && model.rowCount() > 0, 20000);
    anomalies::FlagFilter filter;
    filter.minZ = 1e9;
    model.setFilter(filter);
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading() && model.rowCount() == 0, 20000);

    widgets::AuditTrailModel audit;
    QAbstractItemModelTester auditTester(&audit, QAbstractItemModelTester::FailureReportingMode::QtTest);
    anomalies::AnomalyEvent e;
    e.flagId = 1;
    e.from = FlagStatus::New;
    e.to = FlagStatus::Reviewed;
    // emplace, not assignment: GCC 12 with -fsanitize warns (falsely) that
    // assigning into the empty optional reads uninitialised memory.
    e.note.emplace(QStringLiteral("looked at it"));
    audit.setEvents({e, e});
    QCOMPARE(audit.rowCount(), 2);
    QCOMPARE(audit.index(0, widgets::AuditTrailModel::Note).data().toString(), QStringLiteral("looked at it"));

    // The page's own models too, through what they have seen so far.
    QAbstractItemModelTester pageTester(page()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester pageAudit(page()->detailPanel()->auditModel(),
                                       QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestAnomaliesWorkspace::flagsLoadLazilyAndSortOnTheServer()
{
    FlagTableModel model;
    model.setConninfo(m_db->conninfo());
    QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 0 && !model.isLoading(), 20000);
    QCOMPARE(model.rowCount(), int(std::min<qint64>(m_flags, FlagTableModel::kPageSize)));
    // Highest z-score first by default, from the server.
    for (int r = 1; r < model.rowCount(); ++r)
        QVERIFY(model.flagAt(r - 1)->zScore >= model.flagAt(r)->zScore);
    model.sort(FlagTableModel::FlagId, Qt::AscendingOrder);
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading() && model.flagAt(0) && model.rowCount() > 1 &&
                                 model.flagAt(0)->flagId < model.flagAt(1)->flagId,
                             20000);
    if (m_flags > FlagTableModel::kPageSize) {
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > FlagTableModel::kPageSize, 20000);
    }
    QCOMPARE(model.statusCounts().value(FlagStatus::New) + model.statusCounts().value(FlagStatus::Reviewed) +
                 model.statusCounts().value(FlagStatus::Resolved) +
                 model.statusCounts().value(FlagStatus::FalsePositive),
             m_flags);
}

void TestAnomaliesWorkspace::triageWithNoteReachesAuditTrail()
{
    AnomaliesPage *p = page();
    const qint64 id = p->model()->flagAt(0)->flagId;
    select(id);
    QVERIFY(p->detailPanel()->chart()->pointCount() > 1);
    const QString note = QStringLiteral("Checked with the warehouse team: a wholesale order, genuine.");
    p->noteEdit()->setText(note);
    QAction *reviewed = p->triageAction(FlagStatus::Reviewed);
    QVERIFY(reviewed->isEnabled());
    reviewed->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(flag(id)->status, FlagStatus::Reviewed, 10000);
    select(id); // the action moved the selection on to the next flag
    QTRY_VERIFY_WITH_TIMEOUT(p->detailPanel()->auditModel()->rowCount() == 1, 10000);
    const auto *audit = p->detailPanel()->auditModel();
    QCOMPARE(audit->index(0, widgets::AuditTrailModel::Note).data().toString(), note);
    QVERIFY(audit->index(0, widgets::AuditTrailModel::Change).data().toString().contains(QStringLiteral("Reviewed")));
    QVERIFY2(p->noticeText().contains(QStringLiteral("is now Reviewed")), qPrintable(p->noticeText()));
    QVERIFY(p->noteEdit()->text().isEmpty());

    auto c = m_db->connect();
    pqxx::read_transaction tx{*c};
    const pqxx::row event =
        tx.exec_params1("SELECT from_status, to_status, note FROM ops.anomaly_event WHERE flag_id = $1", id);
    QCOMPARE(QString::fromStdString(event[0].as<std::string>()), QStringLiteral("NEW"));
    QCOMPARE(QString::fromStdString(event[1].as<std::string>()), QStringLiteral("REVIEWED"));
    QCOMPARE(QString::fromStdString(event[2].as<std::string>()), note);

    QTest::qWait(200); // let the chart settle for the picture
    QVERIFY(test::saveScreenshot(m_window.get(), QStringLiteral("anomalies")));
}

void TestAnomaliesWorkspace::changeFromAnotherConnectionAppearsLive()
{
    AnomaliesPage *p = page();
    const qint64 id = p->model()->flagAt(1)->flagId;
    select(id);
    const int version = flag(id)->version;
    QCOMPARE(flag(id)->status, FlagStatus::New);

    auto other = m_db->connect();
    const auto result = triageFrom(*other, id, version, FlagStatus::FalsePositive, QStringLiteral("dana.from.berlin"),
                                   QStringLiteral("a test order"));
    QVERIFY2(result.ok(), qPrintable(result.message + result.detail));
    // No click: the NOTIFY brings it.
    QTRY_COMPARE_WITH_TIMEOUT(flag(id)->status, FlagStatus::FalsePositive, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(p->noticeText().contains(QStringLiteral("dana.from.berlin")), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(p->detailPanel()->auditModel()->rowCount(), 1, 10000);
    QCOMPARE(p->detailPanel()->detail().flag.status, FlagStatus::FalsePositive);
}

void TestAnomaliesWorkspace::notificationBurstsCauseFewReloads()
{
    AnomaliesPage *p = page();
    QTRY_VERIFY_WITH_TIMEOUT(!p->model()->isLoading(), 10000);
    // Every reload ends in a model reset; every refresh of changed flags in flagsRefreshed.
    QSignalSpy reloads(p->model(), &QAbstractItemModel::modelReset);
    QSignalSpy refreshes(p->model(), &FlagTableModel::flagsRefreshed);
    const qint64 id = p->model()->flagAt(p->model()->rowCount() - 1)->flagId;
    QCOMPARE(flag(id)->status, FlagStatus::New);
    auto other = m_db->connect();
    const qint64 run = test::number(*other, "SELECT max(run_id) FROM ops.pipeline_run");

    // A thousand forged notifications, each its own transaction, from a
    // role that may not even read the flags.
    {
        pqxx::nontransaction tx{*other};
        tx.exec0("SET ROLE ecomops_analyst");
        for (int i = 0; i < 1000; ++i) {
            const std::string payload =
                i % 2 == 0 ? "{\"kind\":\"triage\",\"flag_ids\":[" + std::to_string(id) + "],\"versions\":[" +
                                 std::to_string(50 + i) + "],\"status\":\"RESOLVED\"}"
                           : "{\"kind\":\"detected\",\"run_id\":" + std::to_string(i % 4 == 1 ? run : 7000 + i) +
                                 ",\"new_flags\":" + std::to_string(i) + "}";
            tx.exec_params("SELECT pg_notify('ecomops_anomaly', $1)", payload);
        }
        tx.exec0("RESET ROLE");
    }
    // A real change after them is heard after them: once it shows, every
    // forged burst has been checked.
    const int version = flag(id)->version;
    QVERIFY(triageFrom(*other, id, version, FlagStatus::Reviewed, QStringLiteral("marker"), QString()).ok());
    QTRY_COMPARE_WITH_TIMEOUT(flag(id)->status, FlagStatus::Reviewed, 10000);
    qInfo("after 1000 forged notifications and 1 real one: %lld reloads, %lld refreshes",
          static_cast<long long>(reloads.size()), static_cast<long long>(refreshes.size()));
    QCOMPARE(reloads.size(), 0);
    QCOMPARE(refreshes.size(), 1);

    // 999 real changes of one flag in one transaction: 999 notifications at its commit.
    const std::string burst =
        "DO $$ DECLARE v integer := " + std::to_string(version + 1) +
        "; "
        "s text[] := ARRAY['FALSE_POSITIVE', 'NEW', 'REVIEWED']; BEGIN "
        "FOR i IN 0..998 LOOP PERFORM ops.triage_anomaly(ARRAY[" +
        std::to_string(id) +
        "]::bigint[], ARRAY[v], s[i % 3 + 1], 'burst', 'burst.user'); v := v + 1; END LOOP; END $$";
    {
        pqxx::work tx{*other};
        tx.exec0(burst);
        tx.commit();
    }
    QTRY_COMPARE_WITH_TIMEOUT(flag(id)->version, version + 1 + 999, 20000);
    QCOMPARE(flag(id)->status, FlagStatus::Reviewed);
    QTRY_VERIFY_WITH_TIMEOUT(p->noticeText().contains(QStringLiteral("burst.user")), 5000);
    QTest::qWait(1000); // anything still queued would show now
    qInfo("after 999 real changes more: %lld reloads, %lld refreshes", static_cast<long long>(reloads.size()),
          static_cast<long long>(refreshes.size()));
    QCOMPARE(reloads.size(), 0);
    QVERIFY2(refreshes.size() <= 4, qPrintable(QString::number(refreshes.size())));
}

void TestAnomaliesWorkspace::conflictIsShownInWords()
{
    AnomaliesPage *p = page();
    const qint64 id = p->model()->flagAt(2)->flagId;
    select(id);
    QCOMPARE(flag(id)->status, FlagStatus::New);
    const int version = flag(id)->version;

    // Another steward gets there first; the console has not heard yet when
    // its user acts on what it shows (no event is processed in between).
    QSignalSpy heard(p->liveFeed(), &widgets::LiveFlagFeed::verified);
    auto other = m_db->connect();
    QVERIFY(triageFrom(*other, id, version, FlagStatus::Reviewed, QStringLiteral("sam.elsewhere"), {}).ok());
    p->noteEdit()->setText(QStringLiteral("looks like a typo"));
    QVERIFY(p->triageAction(FlagStatus::FalsePositive)->isEnabled());
    p->triageAction(FlagStatus::FalsePositive)->trigger();

    // Two answers race: the triage's conflict and the listener's notice of
    // sam's change. Wait for both, whichever comes first, then check the
    // words: the conflict already names sam's change, so its notification
    // must not replace them.
    const auto heardSam = [&] {
        for (const QList<QVariant> &signal : std::as_const(heard))
            for (const anomalies::AnomalyChange &change : signal.at(0).value<anomalies::VerifiedChanges>().triage)
                if (change.flagIds.contains(id) && change.consoleUser == QStringLiteral("sam.elsewhere"))
                    return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(p->noticeText().contains(QStringLiteral("Someone else changed flag")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(heardSam(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(flag(id)->status, FlagStatus::Reviewed, 10000);
    const QString notice = p->noticeText();
    QVERIFY2(notice.contains(QStringLiteral("Someone else changed flag")), qPrintable(notice));
    QVERIFY2(notice.contains(QStringLiteral("sam.elsewhere")), qPrintable(notice));
    QVERIFY2(notice.contains(QStringLiteral("Reviewed")), qPrintable(notice));
    QVERIFY2(notice.contains(QStringLiteral("not applied")), qPrintable(notice));
    // The view shows their change; the user's note is kept for another try.
    QCOMPARE(p->noteEdit()->text(), QStringLiteral("looks like a typo"));
    auto c = m_db->connect();
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_event WHERE flag_id = " + std::to_string(id)), 1);
    QVERIFY(test::saveScreenshot(m_window.get(), QStringLiteral("anomalies-conflict")));
}

void TestAnomaliesWorkspace::keyboardShortcutTriagesASelection()
{
    AnomaliesPage *p = page();
    QList<qint64> ids;
    for (int r = 0; r < p->model()->rowCount() && ids.size() < 3; ++r)
        if (p->model()->flagAt(r)->status == FlagStatus::New)
            ids.append(p->model()->flagAt(r)->flagId);
    QCOMPARE(ids.size(), 3);
    select(ids[0]);
    for (qint64 id : ids.mid(1))
        p->table()->selectionModel()->select(p->model()->index(p->model()->rowOfFlag(id), 0),
                                             QItemSelectionModel::Select | QItemSelectionModel::Rows);
    p->table()->setFocus();
    p->noteEdit()->setText(QStringLiteral("batch review"));
    QTest::keyClick(p->table(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    for (qint64 id : ids)
        QTRY_COMPARE_WITH_TIMEOUT(flag(id)->status, FlagStatus::Reviewed, 10000);
    auto c = m_db->connect();
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_event WHERE note = 'batch review'"), qint64(3));
}

void TestAnomaliesWorkspace::exportsTheFilteredList()
{
    AnomaliesPage *p = page();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("flags.csv"));
    p->exportCsv(path);
    QTRY_VERIFY_WITH_TIMEOUT(p->noticeText().contains(QStringLiteral("exported")), 20000);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QVERIFY(lines.first().startsWith("flag_id,order_id"));
    // The default filter: New and Reviewed, as the database has them now.
    auto c = m_db->connect();
    QCOMPARE(qint64(lines.size() - 1),
             test::number(*c, "SELECT count(*) FROM ops.anomaly_flag WHERE status IN ('NEW', 'REVIEWED')"));
}

void TestAnomaliesWorkspace::filtersNarrowTheListAndPersist()
{
    AnomaliesPage *p = page();
    const QString product = p->model()->flagAt(0)->productId;
    auto c = m_db->connect();
    const qint64 expected = test::number(
        *c, "SELECT count(*) FROM ops.anomaly_flag WHERE status IN ('NEW', 'REVIEWED') AND product_id = '" +
                product.toStdString() + "'");
    p->filterBar()->setProduct(product);
    QTRY_VERIFY_WITH_TIMEOUT(!p->model()->isLoading() && p->model()->totalCount() == expected, 10000);
    for (int r = 0; r < p->model()->rowCount(); ++r)
        QCOMPARE(p->model()->flagAt(r)->productId, product);
    p->filterBar()->setMinZ(1000);
    QTRY_VERIFY_WITH_TIMEOUT(!p->model()->isLoading() && p->model()->rowCount() == 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(p->noticeText().contains(QStringLiteral("No flag matches")), 5000);
    {
        QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("anomalies/filter/product")).toString(), product);
    }
    p->filterBar()->setMinZ(0);
    p->filterBar()->setProduct(QString());
    QTRY_VERIFY_WITH_TIMEOUT(
        !p->model()->isLoading() && p->model()->rowCount() > 0 && p->model()->flagAt(0)->productId != QString(), 10000);
}

void TestAnomaliesWorkspace::roleThatMayNotTriageSeesWhy()
{
    const std::string role = m_db->name().toStdString() + "_reader";
    {
        auto c = m_db->connect();
        pqxx::nontransaction tx{*c};
        tx.exec0("CREATE ROLE " + tx.quote_name(role) + " NOLOGIN IN ROLE ecomops_analyst");
    }
    // A superuser session acting as the role from its start, like a login as it would.
    db::ConnectionProfile profile;
    profile.mode = db::ConnectionProfile::Mode::Server;
    const QString base = m_db->conninfo();
    const QString roleName = QString::fromStdString(role);
    profile.conninfo = base.startsWith(QLatin1String("postgres"))
                           ? base + (base.contains(QLatin1Char('?')) ? QStringLiteral("&") : QStringLiteral("?")) +
                                 QStringLiteral("options=-c%20role%3D") + roleName
                           : base + QStringLiteral(" options='-c role=") + roleName + QStringLiteral("'");
    widgets::ConnectionController controller;
    controller.setProfile(profile);
    AnomaliesPage page(&controller);
    page.resize(1200, 700);
    page.show();
    controller.connectToDatabase();
    QTRY_VERIFY_WITH_TIMEOUT(controller.isConnected(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(
        page.triageAction(FlagStatus::Reviewed)->toolTip().contains(QStringLiteral("ecomops_steward")), 10000);
    QVERIFY(!page.canTriage());
    QVERIFY(!page.triageAction(FlagStatus::Reviewed)->isEnabled());
    // An analyst reads marts, not the flags: told in words, not an empty table.
    QTRY_VERIFY_WITH_TIMEOUT(!page.noticeText().isEmpty(), 20000);
    qInfo("an analyst sees: %s", qPrintable(page.noticeText()));
    QVERIFY(test::saveScreenshot(&page, QStringLiteral("anomalies-readonly")));
    auto c = m_db->connect();
    pqxx::nontransaction tx{*c};
    tx.exec0("DROP OWNED BY " + tx.quote_name(role));
    tx.exec0("DROP ROLE " + tx.quote_name(role));
}

void TestAnomaliesWorkspace::darkPaletteKeepsStatusesReadable()
{
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
    const QPalette light = m_window->palette();
    m_window->setPalette(dark);
    // A flag of its own: an empty list earlier cleared the detail pane.
    select(page()->model()->flagAt(0)->flagId);
    page()->detailPanel()->reload(); // the chart takes its colours from the palette when drawn
    QTRY_VERIFY_WITH_TIMEOUT(page()->detailPanel()->chart()->pointCount() > 1, 10000);
    QTest::qWait(200);
    QVERIFY(test::saveScreenshot(m_window.get(), QStringLiteral("anomalies-dark")));
    m_window->setPalette(light);
}

void TestAnomaliesWorkspace::triageAdvancesToTheNextFlag()
{
    AnomaliesPage *p = page();
    int first = -1;
    for (int r = 0; r + 2 < p->model()->rowCount() && first < 0; ++r)
        if (p->model()->flagAt(r)->status == FlagStatus::New && p->model()->flagAt(r + 1)->status == FlagStatus::New)
            first = r;
    QVERIFY(first >= 0);
    const qint64 a = p->model()->flagAt(first)->flagId;
    const qint64 b = p->model()->flagAt(first + 1)->flagId;
    select(a);
    // Key after key: each shortcut acts on the current flag and moves on.
    QTest::keyClick(p->table(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(p->table()->currentIndex().row(), first + 1);
    QCOMPARE(p->table()->selectionModel()->selectedRows().size(), 1);
    QTest::keyClick(p->table(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(p->table()->currentIndex().row(), first + 2);
    QTRY_COMPARE_WITH_TIMEOUT(flag(a)->status, FlagStatus::Reviewed, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(flag(b)->status, FlagStatus::Reviewed, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(p->detailPanel()->detail().flag.flagId, p->model()->flagAt(first + 2)->flagId, 10000);
}

void TestAnomaliesWorkspace::shortcutsShowOnButtonsAndInAMenu()
{
    AnomaliesPage *p = page();
    const QList<QAction *> inMenu = p->triageMenu()->actions();
    for (FlagStatus status : {FlagStatus::Reviewed, FlagStatus::Resolved, FlagStatus::FalsePositive, FlagStatus::New}) {
        QAction *action = p->triageAction(status);
        const QString keys = action->shortcut().toString(QKeySequence::NativeText);
        QVERIFY(!keys.isEmpty());
        // Enabled or not, the button's tooltip names its keys.
        QToolButton *button = p->triageBar()->button(status);
        QVERIFY(button && button->defaultAction() == action);
        QVERIFY2(button->toolTip().contains(keys), qPrintable(button->toolTip()));
        QVERIFY(inMenu.contains(action));
    }
    QVERIFY(inMenu.contains(p->triageBar()->wholeProductAction()));
    auto *menuButton = p->findChild<QToolButton *>(QStringLiteral("triageMenuButton"));
    QVERIFY(menuButton && menuButton->menu() == p->triageMenu() && menuButton->isVisible());
}

void TestAnomaliesWorkspace::statusColumnsVisibleAt1280x720()
{
    const QSize before = m_window->size();
    m_window->resize(1280, 720);
    QTRY_COMPARE(m_window->size(), QSize(1280, 720));
    QTableView *table = page()->table();
    for (int column : {int(FlagTableModel::Status), int(FlagTableModel::ChangedBy)}) {
        const int left = table->columnViewportPosition(column);
        const int right = left + table->columnWidth(column);
        qInfo("column %s spans %d..%d of a %d-pixel viewport",
              qPrintable(page()->model()->headerData(column, Qt::Horizontal).toString()), left, right,
              table->viewport()->width());
        QVERIFY(!table->isColumnHidden(column));
        QVERIFY(left >= 0);
        QVERIFY(right <= table->viewport()->width());
    }
    QVERIFY(test::saveScreenshot(m_window.get(), QStringLiteral("anomalies-1280x720")));
    m_window->resize(before);
}

void TestAnomaliesWorkspace::detailClearsWhenTheListIsEmpty()
{
    AnomaliesPage *p = page();
    select(p->model()->flagAt(0)->flagId);
    QVERIFY(p->detailPanel()->detail().flag.flagId != 0);
    p->filterBar()->setMinZ(1e6);
    QTRY_VERIFY_WITH_TIMEOUT(!p->model()->isLoading() && p->model()->rowCount() == 0, 10000);
    QCOMPARE(p->detailPanel()->flagId(), qint64(0));
    QCOMPARE(p->detailPanel()->detail().flag.flagId, qint64(0));
    QCOMPARE(p->detailPanel()->auditModel()->rowCount(), 0);
    p->filterBar()->setMinZ(0);
    QTRY_VERIFY_WITH_TIMEOUT(!p->model()->isLoading() && p->model()->rowCount() > 0, 10000);
    select(p->model()->flagAt(0)->flagId);
}

void TestAnomaliesWorkspace::wholeProductChangesEveryNewFlagOfIt()
{
    AnomaliesPage *p = page();
    auto c = m_db->connect();
    // A product with New flags in the list and at least two New flags in all.
    QString product;
    qint64 id = 0;
    for (int r = 0; r < p->model()->rowCount() && product.isEmpty(); ++r) {
        const anomalies::FlagRow *f = p->model()->flagAt(r);
        if (f->status == FlagStatus::New &&
            test::number(*c, "SELECT count(*) FROM ops.anomaly_flag WHERE status = 'NEW' AND product_id = '" +
                                 f->productId.toStdString() + "'") >= 2) {
            product = f->productId;
            id = f->flagId;
        }
    }
    QVERIFY(!product.isEmpty());
    const std::string where = "product_id = '" + product.toStdString() + "'";
    const qint64 newFlags = test::number(*c, "SELECT count(*) FROM ops.anomaly_flag WHERE status = 'NEW' AND " + where);
    const qint64 eventsBefore = test::number(
        *c, "SELECT count(*) FROM ops.anomaly_event e JOIN ops.anomaly_flag f USING (flag_id) WHERE f." + where);
    select(id);
    p->triageBar()->wholeProductAction()->setChecked(true);
    p->noteEdit()->setText(QStringLiteral("the whole product at once"));
    QVERIFY(p->triageAction(FlagStatus::FalsePositive)->isEnabled());
    p->triageAction(FlagStatus::FalsePositive)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(p->noticeText().contains(QStringLiteral("flags are now False positive")), 10000);
    p->triageBar()->wholeProductAction()->setChecked(false);
    // Every New flag of it, with its own audit row carrying the note.
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_flag WHERE status = 'NEW' AND " + where), qint64(0));
    QCOMPARE(
        test::number(*c, "SELECT count(*) FROM ops.anomaly_event e JOIN ops.anomaly_flag f USING (flag_id) WHERE f." +
                             where + " AND e.note = 'the whole product at once'"),
        newFlags);
    QCOMPARE(
        test::number(*c, "SELECT count(*) FROM ops.anomaly_event e JOIN ops.anomaly_flag f USING (flag_id) WHERE f." +
                             where),
        eventsBefore + newFlags);
    QTRY_COMPARE_WITH_TIMEOUT(flag(id)->status, FlagStatus::FalsePositive, 10000);
}

ECOMOPS_GUI_TEST_MAIN(TestAnomaliesWorkspace, "tst_anomalies_ws")
#include "tst_anomalies_ws.moc"

// Triage through ops.triage_anomaly: optimistic concurrency between two
// connections (one winner, a conflict naming it, one audit event), notes
// stored exactly, bulk changes all or none, the workflow's rules, and the
// read API the console's Anomalies workspace pages through.
#include "AnomalyTestSupport.h"
#include "TestDatabase.h"
#include "anomalies/FlagQueries.h"
#include "anomalies/Triage.h"

#include <QtTest>

#include <pqxx/pqxx>

#include <future>
#include <thread>

using namespace ecomops;
using anomalies::FlagStatus;
using anomalies::TriageRequest;
using anomalies::TriageResult;

namespace {

// Five products, each 200 ordinary lines of 2 or 3 and six outsized ones
// (41–96, above the default detector's threshold of about 33): 30 flags.
void loadFlags(pqxx::connection &c)
{
    std::vector<test::FactLine> all;
    for (int p = 1; p <= 5; ++p) {
        const std::string product = "P" + std::to_string(p);
        auto lines = test::productLines(product, product + "-", 206, {2, 3});
        for (int i = 0; i < 6; ++i)
            lines[static_cast<std::size_t>(20 + 31 * i)].quantity = 40 + 10 * i + p;
        all.insert(all.end(), lines.begin(), lines.end());
    }
    test::insertLines(c, all);
    const auto report = test::detectNow(c);
    QCOMPARE(report.newFlags, qint64(30));
}

TriageRequest request(QList<anomalies::FlagVersion> flags, FlagStatus to, const QString &note, const QString &user)
{
    TriageRequest r;
    r.flags = std::move(flags);
    r.newStatus = to;
    r.note = note;
    r.consoleUser = user;
    return r;
}

std::string inList(const QList<qint64> &ids)
{
    QStringList parts;
    for (qint64 id : ids)
        parts.append(QString::number(id));
    return "(" + parts.join(QLatin1Char(',')).toStdString() + ")";
}

} // namespace

class TestAnomalyTriage : public QObject
{
    Q_OBJECT
    std::unique_ptr<test::TestDatabase> m_notesDb;

private slots:
    void sameVersionFromTwoConnections();
    void racingConnectionsOneWinner();
    void waitingWriterSeesTheWinner();
    void notesRoundTripExactly_data();
    void notesRoundTripExactly();
    void bulkChangeIsAllOrNone();
    void workflowRulesAndReopening();
    void consoleQueries();
};

void TestAnomalyTriage::sameVersionFromTwoConnections()
{
    test::TestDatabase db;
    ECOMOPS_REQUIRE_DB(db);
    auto alice = db.connect();
    auto bob = db.connect();
    loadFlags(*alice);
    const qint64 flag = test::number(*alice, "SELECT min(flag_id) FROM ops.anomaly_flag");

    // Both saw version 1.
    const TriageResult first = anomalies::triage(
        *alice, request({{flag, 1}}, FlagStatus::Reviewed, QStringLiteral("looks odd"), QStringLiteral("alice")));
    const TriageResult second = anomalies::triage(
        *bob, request({{flag, 1}}, FlagStatus::FalsePositive, QStringLiteral("fine"), QStringLiteral("bob")));
    QVERIFY2(first.ok(), qPrintable(first.message));
    QCOMPARE(first.changed.size(), 1);
    QCOMPARE(first.changed[0].version, 2);
    QCOMPARE(first.changed[0].from, FlagStatus::New);
    QCOMPARE(second.kind, TriageResult::Kind::Conflict);
    qInfo("the loser is told: %s", qPrintable(second.message));
    QCOMPARE(second.conflict.flagId, flag);
    QCOMPARE(second.conflict.consoleUser, QStringLiteral("alice"));
    QCOMPARE(second.conflict.changedBy, test::scalar(*alice, "SELECT current_user"));
    QCOMPARE(second.conflict.status, FlagStatus::Reviewed);
    QCOMPARE(second.conflict.version, 2);
    QCOMPARE(second.conflict.expectedVersion, 1);
    QVERIFY(second.conflict.at.isValid());
    QVERIFY(second.message.contains(QStringLiteral("alice")) && second.message.contains(QStringLiteral("REVIEWED")));
    QVERIFY(second.detail.contains(QStringLiteral("EA409")) || second.detail.contains(QStringLiteral("changed by")));

    // Exactly one audit event, the winner's.
    const auto events = anomalies::FlagQueries(*bob).auditTrail(flag);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].consoleUser, QStringLiteral("alice"));
    QCOMPARE(events[0].to, FlagStatus::Reviewed);
    QCOMPARE(events[0].note, std::optional<QString>(QStringLiteral("looks odd")));
    QCOMPARE(test::scalar(*bob, "SELECT status FROM ops.anomaly_flag WHERE flag_id = " + std::to_string(flag)),
             QStringLiteral("REVIEWED"));
}

void TestAnomalyTriage::racingConnectionsOneWinner()
{
    test::TestDatabase db;
    ECOMOPS_REQUIRE_DB(db);
    auto setup = db.connect();
    loadFlags(*setup);
    const QList<qint64> flags = [&] {
        QList<qint64> ids;
        pqxx::nontransaction tx{*setup};
        for (const auto &r : tx.exec("SELECT flag_id FROM ops.anomaly_flag ORDER BY flag_id LIMIT 10"))
            ids.append(r[0].as<qint64>());
        return ids;
    }();
    auto a = db.connect();
    auto b = db.connect();
    for (qint64 flag : flags) {
        std::promise<void> go;
        std::shared_future<void> start = go.get_future().share();
        auto change = [&](pqxx::connection &c, FlagStatus to, const char *user) {
            return std::async(std::launch::async, [&c, to, user, start, flag] {
                start.wait();
                return anomalies::triage(c,
                                         request({{flag, 1}}, to, QStringLiteral("race"), QString::fromLatin1(user)));
            });
        };
        auto fa = change(*a, FlagStatus::Reviewed, "a");
        auto fb = change(*b, FlagStatus::FalsePositive, "b");
        go.set_value();
        const TriageResult ra = fa.get();
        const TriageResult rb = fb.get();
        QVERIFY2(ra.ok() != rb.ok(), qPrintable(ra.message + QLatin1Char('|') + rb.message));
        const TriageResult &loser = ra.ok() ? rb : ra;
        QCOMPARE(loser.kind, TriageResult::Kind::Conflict);
        QCOMPARE(loser.conflict.consoleUser, QLatin1String(ra.ok() ? "a" : "b"));
        QCOMPARE(loser.conflict.status, ra.ok() ? FlagStatus::Reviewed : FlagStatus::FalsePositive);
        QCOMPARE(test::number(*setup, "SELECT count(*) FROM ops.anomaly_event WHERE flag_id = " + std::to_string(flag)),
                 1LL);
        QCOMPARE(test::number(*setup, "SELECT version FROM ops.anomaly_flag WHERE flag_id = " + std::to_string(flag)),
                 2LL);
    }
}

void TestAnomalyTriage::waitingWriterSeesTheWinner()
{
    // The first writer holds its transaction open; the second call waits on
    // the row lock, then sees the committed version and reports a conflict.
    test::TestDatabase db;
    ECOMOPS_REQUIRE_DB(db);
    auto first = db.connect();
    auto second = db.connect();
    auto observer = db.connect();
    loadFlags(*first);
    const qint64 flag = test::number(*first, "SELECT min(flag_id) FROM ops.anomaly_flag");
    const int secondPid = second->backendpid();

    pqxx::work open{*first};
    open.exec_params("SELECT * FROM ops.triage_anomaly(ARRAY[$1]::bigint[], ARRAY[1], 'REVIEWED', 'first', 'carol')",
                     flag);
    auto waiting = std::async(std::launch::async, [&] {
        return anomalies::triage(
            *second, request({{flag, 1}}, FlagStatus::FalsePositive, QStringLiteral("second"), QStringLiteral("dave")));
    });
    QTRY_VERIFY_WITH_TIMEOUT(
        test::number(*observer, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + std::to_string(secondPid) +
                                    " AND wait_event_type = 'Lock'") == 1,
        5000);
    open.commit();
    const TriageResult r = waiting.get();
    QCOMPARE(r.kind, TriageResult::Kind::Conflict);
    QCOMPARE(r.conflict.consoleUser, QStringLiteral("carol"));
    QCOMPARE(r.conflict.status, FlagStatus::Reviewed);
    QCOMPARE(test::number(*observer, "SELECT count(*) FROM ops.anomaly_event"), 1LL);
}

void TestAnomalyTriage::notesRoundTripExactly_data()
{
    QTest::addColumn<QString>("note");
    QTest::newRow("quotes") << QStringLiteral("it's \"odd\" — O'Brien said ''twice''");
    QTest::newRow("semicolons and SQL") << QStringLiteral(
        "x'); DELETE FROM ops.anomaly_flag; DROP TABLE ops.anomaly_event; --");
    QTest::newRow("dollar quoting") << QStringLiteral("$$ $fn$ E'\\x00' \\\\ %s %1 :name $1");
    QTest::newRow("emoji") << QString::fromUtf8(
        "🚩 genuine fraud 👍🏽 — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, עברית, 中文");
    QTest::newRow("lines and tabs") << QStringLiteral("line one\nline two\r\n\tindented\n\n");
    QTest::newRow("blank edges") << QStringLiteral("   spaces around   ");
    QTest::newRow("empty") << QString();
    QTest::newRow("long") << QString(20000, QLatin1Char('x')) + QStringLiteral("end");
}

void TestAnomalyTriage::notesRoundTripExactly()
{
    QFETCH(QString, note);
    if (!m_notesDb)
        m_notesDb = std::make_unique<test::TestDatabase>();
    ECOMOPS_REQUIRE_DB(*m_notesDb);
    auto c = m_notesDb->connect();
    if (test::number(*c, "SELECT count(*) FROM ops.anomaly_flag") == 0)
        loadFlags(*c);
    const qint64 flag = test::number(*c, "SELECT min(flag_id) FROM ops.anomaly_flag WHERE status = 'NEW'");
    const QString user = QString::fromUtf8("Zoë \"the steward\"; DROP ROLE x; 🙂");
    const TriageResult r = anomalies::triage(*c, request({{flag, 1}}, FlagStatus::Reviewed, note, user));
    QVERIFY2(r.ok(), qPrintable(r.message));
    const auto events = anomalies::FlagQueries(*c).auditTrail(flag);
    QCOMPARE(events.size(), 1);
    QVERIFY(events[0].note.has_value());
    QCOMPARE(*events[0].note, note);
    QCOMPARE(events[0].note->size(), note.size());
    QCOMPARE(events[0].consoleUser, user);
    // The tables are all still there.
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_flag"), 30LL);
    // A NUL cannot be stored; it is refused rather than cut short.
    const TriageResult nul = anomalies::triage(
        *c, request({{flag, 2}}, FlagStatus::Resolved, note + QChar(0) + QStringLiteral("rest"), user));
    QCOMPARE(nul.kind, TriageResult::Kind::Invalid);
}

void TestAnomalyTriage::bulkChangeIsAllOrNone()
{
    test::TestDatabase db;
    ECOMOPS_REQUIRE_DB(db);
    auto c = db.connect();
    loadFlags(*c);
    QList<qint64> ids;
    QList<anomalies::FlagVersion> flags;
    {
        pqxx::nontransaction tx{*c};
        for (const auto &r : tx.exec("SELECT flag_id FROM ops.anomaly_flag ORDER BY flag_id LIMIT 12")) {
            ids.append(r[0].as<qint64>());
            flags.append({ids.back(), 1});
        }
    }
    const std::string state =
        "SELECT string_agg(status || version, ',' ORDER BY flag_id) FROM ops.anomaly_flag WHERE flag_id IN " +
        inList(ids);
    const QString before = test::scalar(*c, state);

    // One stale version among twelve: nothing changes.
    auto stale = flags;
    stale[7].expectedVersion = 3;
    TriageResult r =
        anomalies::triage(*c, request(stale, FlagStatus::Reviewed, QStringLiteral("bulk"), QStringLiteral("eve")));
    QCOMPARE(r.kind, TriageResult::Kind::Conflict);
    QCOMPARE(r.conflict.flagId, ids[7]);
    QVERIFY(r.message.contains(QString::number(ids[7])));
    // One flag that does not exist.
    auto missing = flags;
    missing.append({999999, 1});
    r = anomalies::triage(*c, request(missing, FlagStatus::Reviewed, QStringLiteral("bulk"), QStringLiteral("eve")));
    QCOMPARE(r.kind, TriageResult::Kind::NotFound);
    QCOMPARE(r.flagId, qint64(999999));
    // One flag whose status does not allow the move.
    QVERIFY(anomalies::triage(*c, request({flags[3]}, FlagStatus::FalsePositive, {}, QStringLiteral("eve"))).ok());
    r = anomalies::triage(*c, request(flags.mid(0, 3) + QList<anomalies::FlagVersion>{{ids[3], 2}},
                                      FlagStatus::FalsePositive, QStringLiteral("bulk"), QStringLiteral("eve")));
    QCOMPARE(r.kind, TriageResult::Kind::InvalidTransition);
    QCOMPARE(r.flagId, ids[3]);
    // A flag listed twice.
    r = anomalies::triage(*c, request({flags[0], flags[0]}, FlagStatus::Reviewed, {}, QStringLiteral("eve")));
    QCOMPARE(r.kind, TriageResult::Kind::Invalid);
    r = anomalies::triage(*c, request({}, FlagStatus::Reviewed, {}, QStringLiteral("eve")));
    QCOMPARE(r.kind, TriageResult::Kind::Invalid);

    QStringList expected = before.split(QLatin1Char(','));
    expected[3] = QStringLiteral("FALSE_POSITIVE2"); // the one single change that went through
    QCOMPARE(test::scalar(*c, state), expected.join(QLatin1Char(',')));
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_event"), 1LL);

    // All twelve at their current versions: every one changes, one event each.
    flags[3].expectedVersion = 2;
    flags.removeAt(3);
    r = anomalies::triage(*c, request(flags, FlagStatus::Reviewed, QStringLiteral("bulk ok"), QStringLiteral("eve")));
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(r.changed.size(), 11);
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_event WHERE note = 'bulk ok'"), 11LL);
    QCOMPARE(test::number(*c, "SELECT count(DISTINCT at) FROM ops.anomaly_event WHERE note = 'bulk ok'"), 1LL);
}

void TestAnomalyTriage::workflowRulesAndReopening()
{
    test::TestDatabase db;
    ECOMOPS_REQUIRE_DB(db);
    auto c = db.connect();
    // The C++ copy of the workflow matches the database's rule, pair by pair.
    for (FlagStatus from : anomalies::allFlagStatuses()) {
        for (FlagStatus to : anomalies::allFlagStatuses()) {
            const QString db =
                test::scalar(*c, "SELECT ops.anomaly_transition_allowed('" + statusName(from).toStdString() + "', '" +
                                     statusName(to).toStdString() + "')");
            QCOMPARE(db == QLatin1String("t"), anomalies::transitionAllowed(from, to));
        }
    }
    loadFlags(*c);
    const qint64 flag = test::number(*c, "SELECT min(flag_id) FROM ops.anomaly_flag");
    TriageResult r = anomalies::triage(*c, request({{flag, 1}}, FlagStatus::Resolved, {}, QStringLiteral("fay")));
    QCOMPARE(r.kind, TriageResult::Kind::InvalidTransition);
    qInfo("NEW → RESOLVED: %s", qPrintable(r.message));
    QVERIFY(r.message.contains(QStringLiteral("NEW")));
    const QList<FlagStatus> path = {FlagStatus::Reviewed,      FlagStatus::Resolved, FlagStatus::New,
                                    FlagStatus::FalsePositive, FlagStatus::Reviewed, FlagStatus::Resolved};
    int version = 1;
    for (FlagStatus to : path) {
        r = anomalies::triage(*c, request({{flag, version}}, to, statusName(to), QStringLiteral("fay")));
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.changed[0].version, ++version);
    }
    const auto trail = anomalies::FlagQueries(*c).auditTrail(flag);
    QCOMPARE(trail.size(), path.size());
    QStringList shown;
    for (const auto &e : trail)
        shown.append(statusName(e.from) + QStringLiteral("→") + statusName(e.to) +
                     (e.reopen ? QStringLiteral(" (reopen)") : QString()));
    QCOMPARE(shown.join(QStringLiteral(", ")),
             QStringLiteral("NEW→REVIEWED, REVIEWED→RESOLVED, RESOLVED→NEW (reopen), NEW→FALSE_POSITIVE, "
                            "FALSE_POSITIVE→REVIEWED (reopen), REVIEWED→RESOLVED"));
    QCOMPARE(trail.last().version, version);
    QCOMPARE(trail.last().dbRole, test::scalar(*c, "SELECT current_user"));
}

void TestAnomalyTriage::consoleQueries()
{
    test::TestDatabase db;
    ECOMOPS_REQUIRE_DB(db);
    auto c = db.connect();
    loadFlags(*c);
    const anomalies::FlagQueries q(*c);
    const anomalies::FlagFilter all;
    QCOMPARE(q.count(all), qint64(30));

    // Paging in any sort gives every flag once, in order.
    for (anomalies::FlagColumn column :
         {anomalies::FlagColumn::ZScore, anomalies::FlagColumn::OrderDate, anomalies::FlagColumn::Product,
          anomalies::FlagColumn::Quantity, anomalies::FlagColumn::Status}) {
        for (bool descending : {true, false}) {
            const anomalies::FlagSort sort{column, descending};
            QList<anomalies::FlagRow> paged;
            for (qint64 offset = 0; offset < 30; offset += 7)
                paged += q.page(all, sort, offset, 7);
            const QList<anomalies::FlagRow> whole = q.page(all, sort, 0, 100);
            QCOMPARE(paged.size(), 30);
            for (int i = 0; i < 30; ++i)
                QCOMPARE(paged[i].flagId, whole[i].flagId);
            if (column == anomalies::FlagColumn::ZScore) {
                for (int i = 1; i < 30; ++i)
                    QVERIFY(descending ? whole[i - 1].zScore >= whole[i].zScore
                                       : whole[i - 1].zScore <= whole[i].zScore);
            }
        }
    }

    // Filters: status, product (id or name), dates, z-score, flag ids.
    const auto top = q.page(all, {}, 0, 3);
    QVERIFY(anomalies::triage(
                *c, request({{top[0].flagId, 1}, {top[1].flagId, 1}}, FlagStatus::Reviewed, {}, QStringLiteral("gus")))
                .ok());
    anomalies::FlagFilter reviewed;
    reviewed.statuses = {FlagStatus::Reviewed};
    QCOMPARE(q.count(reviewed), qint64(2));
    const auto counts = q.countByStatus(reviewed); // ignores its own status part
    QCOMPARE(counts.value(FlagStatus::New), qint64(28));
    QCOMPARE(counts.value(FlagStatus::Reviewed), qint64(2));
    QCOMPARE(counts.value(FlagStatus::Resolved), qint64(0));
    anomalies::FlagFilter product;
    product.product = QStringLiteral("p3");
    QCOMPARE(q.count(product), qint64(6));
    product.product = QStringLiteral("%"); // a wildcard character is matched literally
    QCOMPARE(q.count(product), qint64(0));
    anomalies::FlagFilter dates;
    dates.from = QDate(2025, 2, 1);
    dates.to = QDate(2025, 3, 31);
    QCOMPARE(q.count(dates),
             test::number(
                 *c, "SELECT count(*) FROM ops.anomaly_flag WHERE order_date BETWEEN '2025-02-01' AND '2025-03-31'"));
    QVERIFY(q.count(dates) > 0 && q.count(dates) < 30);
    anomalies::FlagFilter strong;
    strong.minZ = top[2].zScore;
    QCOMPARE(q.count(strong), qint64(3));
    anomalies::FlagFilter some;
    some.flagIds = {top[0].flagId, top[2].flagId};
    QCOMPARE(q.count(some), qint64(2));

    // A row carries what the list shows.
    const auto row = q.flag(top[0].flagId);
    QVERIFY(row.has_value());
    QCOMPARE(row->status, FlagStatus::Reviewed);
    QCOMPARE(row->version, 2);
    QCOMPARE(row->statusChangedUser, QStringLiteral("gus"));
    QVERIFY(row->quantity > row->threshold);
    QCOMPARE(row->method, QStringLiteral("log_mad")); // the default detector
    QCOMPARE(row->orderTs.time(), QTime(12, 0));
    QCOMPARE(row->orderTs.date(), row->orderDate);

    // The detail: the line, the product's history with its flagged points, the baseline, the trail.
    const auto detail = q.detail(top[0].flagId);
    QVERIFY(detail.has_value());
    QVERIFY(detail->line.found);
    QCOMPARE(detail->line.status, QStringLiteral("Completed"));
    QCOMPARE(detail->history.size(), 206);
    int flaggedPoints = 0;
    for (const auto &p : detail->history)
        flaggedPoints += p.flagId != 0;
    QCOMPARE(flaggedPoints, 6);
    QVERIFY(std::is_sorted(detail->history.begin(), detail->history.end(),
                           [](const auto &a, const auto &b) { return a.orderTs < b.orderTs; }));
    QVERIFY(detail->baseline.has_value());
    QCOMPARE(detail->baseline->lines, qint64(206));
    QCOMPARE(detail->events.size(), 1);
    QCOMPARE(q.detail(top[0].flagId, 10)->history.size(), 10);
    QVERIFY(!q.detail(123456789).has_value());
}

QTEST_GUILESS_MAIN(TestAnomalyTriage)
#include "tst_anomaly_triage.moc"

// Live changes: a listener on one connection hears a triage made on another
// within a second, hears a run's new flags, stays silent for a rolled-back
// change, gathers a burst into one set of claims, believes only what the
// database backs (forged and replayed payloads verify to nothing), and comes
// back after its backend is terminated.
#include "AnomalyTestSupport.h"
#include "TestDatabase.h"
#include "anomalies/AnomalyListener.h"
#include "anomalies/ChangeVerification.h"
#include "anomalies/Triage.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

#include <pqxx/pqxx>

using namespace ecomops;
using anomalies::AnomalyChange;
using anomalies::AnomalyClaims;
using anomalies::AnomalyListener;
using anomalies::FlagStatus;

namespace {

anomalies::TriageResult review(pqxx::connection &c, qint64 flagId, int version, const QString &user)
{
    anomalies::TriageRequest r;
    r.flags = {{flagId, version}};
    r.newStatus = version == 1 ? FlagStatus::Reviewed : FlagStatus::Resolved;
    r.consoleUser = user;
    return anomalies::triage(c, r);
}

void seed(pqxx::connection &c)
{
    auto lines = test::productLines("P-LIVE", "L", 40, {1, 2, 3});
    lines[3].quantity = 60;
    lines[9].quantity = 70;
    test::insertLines(c, lines);
}

AnomalyClaims claimsAt(const QSignalSpy &spy, int i)
{
    return spy.at(i).at(0).value<AnomalyClaims>();
}

// One burst of a thousand notifications nobody's function sent, in one
// transaction (so they arrive together): triage of real flags to versions
// they never had, runs that do not exist, a replay of a real run, junk.
void forge(pqxx::connection &c, qint64 realFlag, qint64 realRun)
{
    pqxx::work tx{c};
    for (int i = 0; i < 1000; ++i) {
        std::string payload;
        switch (i % 4) {
        case 0:
            payload = "{\"kind\":\"triage\",\"flag_ids\":[" + std::to_string(realFlag) + "],\"versions\":[" +
                      std::to_string(100 + i) + "],\"status\":\"RESOLVED\",\"db_role\":\"ecomops_steward\"}";
            break;
        case 1:
            payload = "{\"kind\":\"detected\",\"run_id\":" + std::to_string(900000 + i) + ",\"new_flags\":5}";
            break;
        case 2:
            payload = "{\"kind\":\"detected\",\"run_id\":" + std::to_string(realRun) +
                      ",\"new_flags\":" + std::to_string(i) + "}";
            break;
        default:
            payload = "reload now " + std::to_string(i);
        }
        tx.exec_params("SELECT pg_notify('ecomops_anomaly', $1)", payload);
    }
    tx.commit();
}

} // namespace

class TestAnomalyListener : public QObject
{
    Q_OBJECT

private slots:
    void hearsAnotherConnectionWithinASecond()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto writer = db.connect();
        seed(*writer);

        AnomalyListener listener(db.conninfo());
        QSignalSpy changes(&listener, &AnomalyListener::claimsReady);
        QVERIFY2(listener.start(), qPrintable(listener.error()));
        QVERIFY(listener.isListening());

        // A run raising flags is announced at its commit, and verifies.
        const qint64 runId = test::createRun(*writer);
        QCOMPARE(test::detectNow(*writer, {}, runId).newFlags, qint64(2));
        QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 1, 2000);
        const AnomalyClaims detected = claimsAt(changes, 0);
        changes.clear();
        QVERIFY(detected.detection);
        const auto runChanges = anomalies::verifyClaims(*writer, detected, 0);
        QCOMPARE(runChanges.detectedFlags, qint64(2));
        // The same announcement once its flags have been seen is not news.
        QVERIFY(anomalies::verifyClaims(*writer, detected, runChanges.newestFlagId).isEmpty());

        // A steward's change on another connection arrives within a second
        // (and the quarter second the listener gathers a burst).
        const qint64 flag = test::number(*writer, "SELECT min(flag_id) FROM ops.anomaly_flag");
        QElapsedTimer sinceCommit;
        QVERIFY(review(*writer, flag, 1, QStringLiteral("hana")).ok());
        sinceCommit.start();
        QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 1, 2000);
        qInfo("claims arrived %lld ms after the commit", static_cast<long long>(sinceCommit.elapsed()));
        const AnomalyClaims claims = claimsAt(changes, 0);
        changes.clear();
        QCOMPARE(claims.flagIds, QList<qint64>{flag});
        QCOMPARE(claims.versions, QList<int>{2});
        const auto verified = anomalies::verifyClaims(*writer, claims, runChanges.newestFlagId);
        QCOMPARE(verified.triage.size(), 1);
        const AnomalyChange change = verified.triage.first();
        QCOMPARE(change.kind, AnomalyChange::Kind::Triage);
        QCOMPARE(change.flagIds, QList<qint64>{flag});
        QCOMPARE(change.versions, QList<int>{2});
        QCOMPARE(change.status, QStringLiteral("REVIEWED"));
        QCOMPARE(change.consoleUser, QStringLiteral("hana"));
        QCOMPARE(change.dbRole, test::scalar(*writer, "SELECT current_user"));
        QVERIFY(change.at.isValid());

        // A change that rolls back is never announced.
        {
            pqxx::work tx{*writer};
            tx.exec_params("SELECT * FROM ops.triage_anomaly(ARRAY[$1]::bigint[], ARRAY[2], 'RESOLVED', '', 'x')",
                           flag);
            tx.abort();
        }
        QTest::qWait(600);
        QCOMPARE(changes.size(), 0);

        // A thousand forged notifications: one burst, whose claims the
        // database does not back.
        forge(*writer, flag, runId);
        QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 1, 2000);
        QTest::qWait(600);
        QCOMPARE(changes.size(), 1);
        const AnomalyClaims forged = claimsAt(changes, 0);
        QCOMPARE(forged.flagIds.size(), 250);
        QVERIFY(forged.detection);
        QVERIFY(!forged.overflow);
        const auto believed = anomalies::verifyClaims(*writer, forged, runChanges.newestFlagId);
        QVERIFY(believed.isEmpty());
        QVERIFY(!believed.overflow);
    }

    void bulkChangesArriveInChunks()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto writer = db.connect();
        // 900 products with one outlier each: a bulk change of 900 flags.
        std::vector<test::FactLine> lines;
        for (int p = 0; p < 900; ++p) {
            auto product = test::productLines("B" + std::to_string(p), "B" + std::to_string(p) + "-", 20, {1, 2});
            product[5].quantity = 40;
            lines.insert(lines.end(), product.begin(), product.end());
        }
        test::insertLines(*writer, lines);
        QCOMPARE(test::detectNow(*writer).newFlags, qint64(900));
        AnomalyListener listener(db.conninfo());
        QSignalSpy changes(&listener, &AnomalyListener::claimsReady);
        QVERIFY(listener.start());
        anomalies::TriageRequest r;
        {
            pqxx::nontransaction tx{*writer};
            for (const auto &row : tx.exec("SELECT flag_id FROM ops.anomaly_flag"))
                r.flags.append({row[0].as<qint64>(), 1});
        }
        r.newStatus = FlagStatus::FalsePositive;
        r.consoleUser = QStringLiteral("ivan");
        const auto result = anomalies::triage(*writer, r);
        QVERIFY2(result.ok(), qPrintable(result.message));
        // Three notifications (400 + 400 + 100 flags), gathered into one burst.
        QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 1, 2000);
        const AnomalyClaims claims = claimsAt(changes, 0);
        QCOMPARE(claims.flagIds.size(), claims.versions.size());
        const QSet<qint64> heard(claims.flagIds.begin(), claims.flagIds.end());
        QCOMPARE(heard.size(), 900);
        const auto verified = anomalies::verifyClaims(*writer, claims, 0);
        qsizetype changed = 0;
        for (const AnomalyChange &c : verified.triage) {
            QCOMPARE(c.consoleUser, QStringLiteral("ivan"));
            changed += c.flagIds.size();
        }
        QCOMPARE(changed, qsizetype(900));
    }

    void reconnectsAfterTheBackendIsTerminated()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto writer = db.connect();
        seed(*writer);
        test::detectNow(*writer);
        const qint64 flag = test::number(*writer, "SELECT min(flag_id) FROM ops.anomaly_flag");

        AnomalyListener listener(db.conninfo());
        QSignalSpy changes(&listener, &AnomalyListener::claimsReady);
        QSignalSpy lost(&listener, &AnomalyListener::connectionLost);
        QSignalSpy back(&listener, &AnomalyListener::reconnected);
        QVERIFY(listener.start());
        const int oldPid = listener.backendPid();
        QVERIFY(oldPid > 0);
        QCOMPARE(test::number(*writer, "SELECT count(pg_terminate_backend(" + std::to_string(oldPid) + "))"), 1LL);
        QTRY_COMPARE_WITH_TIMEOUT(lost.size(), 1, 3000);
        qInfo("lost: %s", qPrintable(lost.at(0).at(0).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(back.size(), 1, 5000);
        QVERIFY(listener.isListening());
        QVERIFY(listener.backendPid() != oldPid);

        QVERIFY(review(*writer, flag, 1, QStringLiteral("jo")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 1, 2000);
        QCOMPARE(claimsAt(changes, 0).flagIds, QList<qint64>{flag});

        listener.stop();
        QVERIFY(!listener.isListening());
        QVERIFY(review(*writer, flag, 2, QStringLiteral("jo")).ok());
        QTest::qWait(600);
        QCOMPARE(changes.size(), 1);
    }

    void unreachableServerKeepsRetrying()
    {
        AnomalyListener listener(
            QStringLiteral("postgresql:///nowhere?host=/nonexistent-socket-dir&connect_timeout=1"));
        QVERIFY(!listener.start());
        QVERIFY(!listener.error().isEmpty());
        QVERIFY(!listener.isListening());
        QTest::qWait(100);
        listener.stop();
    }
};

QTEST_GUILESS_MAIN(TestAnomalyListener)
#include "tst_anomaly_listener.moc"

// Live changes: a listener on one connection hears a triage made on another
// within a second, hears a run's new flags, stays silent for a rolled-back
// change, and comes back after its backend is terminated.
#include "AnomalyTestSupport.h"
#include "TestDatabase.h"
#include "anomalies/AnomalyListener.h"
#include "anomalies/Triage.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

#include <pqxx/pqxx>

using namespace ecomops;
using anomalies::AnomalyChange;
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
        QSignalSpy changes(&listener, &AnomalyListener::changed);
        QVERIFY2(listener.start(), qPrintable(listener.error()));
        QVERIFY(listener.isListening());

        // A run raising flags is announced at its commit.
        const qint64 runId = test::createRun(*writer);
        QCOMPARE(test::detectNow(*writer, {}, runId).newFlags, qint64(2));
        QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 1, 1000);
        const auto detected = changes.takeFirst().at(0).value<AnomalyChange>();
        QCOMPARE(detected.kind, AnomalyChange::Kind::Detected);
        QCOMPARE(detected.runId, runId);
        QCOMPARE(detected.newFlags, qint64(2));
        QCOMPARE(detected.senderPid, writer->backendpid());

        // A steward's change on another connection arrives within a second.
        const qint64 flag = test::count(*writer, "SELECT min(flag_id) FROM ops.anomaly_flag");
        QElapsedTimer sinceCommit;
        QVERIFY(review(*writer, flag, 1, QStringLiteral("hana")).ok());
        sinceCommit.start();
        QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 1, 1000);
        qInfo("notification arrived %lld ms after the commit", static_cast<long long>(sinceCommit.elapsed()));
        const auto change = changes.takeFirst().at(0).value<AnomalyChange>();
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
        QTest::qWait(300);
        QCOMPARE(changes.size(), 0);
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
        QSignalSpy changes(&listener, &AnomalyListener::changed);
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
        QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 3, 2000); // 400 + 400 + 100
        QSet<qint64> heard;
        for (const auto &signal : changes) {
            const auto c = signal.at(0).value<AnomalyChange>();
            QCOMPARE(c.flagIds.size(), c.versions.size());
            for (qint64 id : c.flagIds)
                heard.insert(id);
        }
        QCOMPARE(heard.size(), 900);
    }

    void reconnectsAfterTheBackendIsTerminated()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto writer = db.connect();
        seed(*writer);
        test::detectNow(*writer);
        const qint64 flag = test::count(*writer, "SELECT min(flag_id) FROM ops.anomaly_flag");

        AnomalyListener listener(db.conninfo());
        QSignalSpy changes(&listener, &AnomalyListener::changed);
        QSignalSpy lost(&listener, &AnomalyListener::connectionLost);
        QSignalSpy back(&listener, &AnomalyListener::reconnected);
        QVERIFY(listener.start());
        const int oldPid = listener.backendPid();
        QVERIFY(oldPid > 0);
        QCOMPARE(test::count(*writer, "SELECT count(pg_terminate_backend(" + std::to_string(oldPid) + "))"), 1LL);
        QTRY_COMPARE_WITH_TIMEOUT(lost.size(), 1, 3000);
        qInfo("lost: %s", qPrintable(lost.at(0).at(0).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(back.size(), 1, 5000);
        QVERIFY(listener.isListening());
        QVERIFY(listener.backendPid() != oldPid);

        QVERIFY(review(*writer, flag, 1, QStringLiteral("jo")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 1, 1000);
        QCOMPARE(changes.at(0).at(0).value<AnomalyChange>().flagIds, QList<qint64>{flag});

        listener.stop();
        QVERIFY(!listener.isListening());
        QVERIFY(review(*writer, flag, 2, QStringLiteral("jo")).ok());
        QTest::qWait(300);
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

// Commits whose answer is lost: the connection is cut right after a COMMIT
// went through (FaultInjection.h), as when the server restarts at that
// moment, so the client cannot know whether it committed. The run record's
// writes are made again (each is idempotent) and the publish asks PostgreSQL
// what became of its transaction: the run succeeds, recorded once, and the
// warehouse is as after the same runs without the fault.
#include "FaultInjection.h"
#include "FaultSupport.h"
#include "RunHarness.h"
#include "TestDatabase.h"

#include <QtTest>
#include <pqxx/pqxx>

using namespace ecomops;

namespace {

constexpr double kScale = 0.005;

} // namespace

class TestFaultLostCommit : public QObject
{
    Q_OBJECT
    QTemporaryDir m_staging;
    std::unique_ptr<test::TestDatabase> m_db;
    runner::RunSpec m_spec; // shop B's snapshot, run again and again

private slots:
    void initTestCase()
    {
        m_db = std::make_unique<test::TestDatabase>();
        ECOMOPS_REQUIRE_DB(*m_db);
        const auto a = test::runOnce(m_db->conninfo(), test::smallRun(m_staging.path(), kScale, 61));
        QVERIFY2(a.status == runner::RunStatus::Succeeded, qPrintable(a.error));
        test::TestDatabase scratch; // shop B's snapshot, generated apart
        ECOMOPS_REQUIRE_DB(scratch);
        const auto b = test::runOnce(scratch.conninfo(), test::smallRun(m_staging.path(), kScale, 62));
        QVERIFY2(b.status == runner::RunStatus::Succeeded, qPrintable(b.error));
        m_spec = test::snapshotRun(m_staging.path(), b.snapshotPath);
        m_spec.loadParallelism = 1; // one statement order: the k-th commit is the same one each time
    }

    // The run record's own writes, each with its COMMIT's answer lost (the
    // server restarting at that moment): the write is made again on a new
    // connection, so the run succeeds and its record is whole, once.
    void lostRecordCommitsAreRiddenOut()
    {
        // Counted on a repeat of the snapshot, as every run below is (the
        // first publish of it writes more log lines).
        for (int run = 0; run < 2; ++run) {
            test::faults::armLostRecordCommit(0);
            const auto clean = test::runOnce(m_db->conninfo(), m_spec);
            test::faults::disarm();
            QVERIFY2(clean.status == runner::RunStatus::Succeeded, qPrintable(clean.error));
        }
        const long commits = test::faults::recordCommits();
        QVERIFY2(commits > 20, qPrintable(QString::number(commits)));
        // The run's creation, its first steps, then spread over the run up to
        // its last write (the end of the run).
        std::vector<long> ks = {1, 2, 3, 4};
        for (long k = 8; k < commits; k += commits / 8)
            ks.push_back(k);
        ks.push_back(commits);
        auto c = m_db->connect();
        for (const long k : ks) {
            test::faults::armLostRecordCommit(k);
            QString log;
            const auto r = test::runOnce(m_db->conninfo(), m_spec, &log);
            test::faults::disarm();
            QVERIFY2(test::faults::injected(), qPrintable(QStringLiteral("k=%1 was never reached").arg(k)));
            const std::string id = std::to_string(r.runId);
            const QString status = test::scalar(*c, "SELECT status FROM ops.pipeline_run WHERE run_id = " + id);
            const QString lines =
                test::scalar(*c, "SELECT count(*) || ' of ' || max(seq) FROM ops.run_log WHERE run_id = " + id);
            const QString runs = test::scalar(*c, "SELECT count(*) FROM ops.pipeline_run WHERE run_id >= " + id);
            qInfo("k=%ld of %ld record commits lost their answer → run %lld %s (recorded %s), %s log lines, %s run "
                  "row(s)",
                  k, commits, static_cast<long long>(r.runId), qPrintable(runner::toString(r.status)),
                  qPrintable(status), qPrintable(lines), qPrintable(runs));
            QVERIFY2(r.status == runner::RunStatus::Succeeded, qPrintable(QStringLiteral("k=%1: %2").arg(k).arg(log)));
            QCOMPARE(status, QStringLiteral("succeeded"));
            QCOMPARE(runs, QStringLiteral("1"));
            QCOMPARE(test::openStageRows(*c, r.runId), qint64(0));
            const QStringList seen = lines.split(QStringLiteral(" of "));
            QCOMPARE(seen.value(0), seen.value(1)); // every line once, none lost
        }
    }

    // The publish commit goes through but its answer is lost: the retry asks
    // PostgreSQL what became of the transaction instead of publishing again,
    // and the warehouse ends exactly as after the same runs without the fault.
    void lostPublishCommitIsRiddenOut()
    {
        test::TestDatabase control, faulted;
        ECOMOPS_REQUIRE_DB(control);
        ECOMOPS_REQUIRE_DB(faulted);
        runner::RunResult b[2];
        for (int i = 0; i < 2; ++i) {
            const test::TestDatabase &db = i == 0 ? control : faulted;
            const auto a = test::runOnce(db.conninfo(), test::smallRun(m_staging.path(), kScale, 61));
            QVERIFY2(a.status == runner::RunStatus::Succeeded, qPrintable(a.error));
            if (i == 1)
                test::faults::armLostCommitAfter("UPDATE mart.settings SET refreshed_at");
            QString log;
            b[i] = test::runOnce(db.conninfo(), m_spec, &log);
            test::faults::disarm();
            QVERIFY2(b[i].status == runner::RunStatus::Succeeded, qPrintable(log));
            QVERIFY(b[i].published);
            if (i == 1) {
                QVERIFY(test::faults::injected());
                QVERIFY2(log.contains(QStringLiteral("which went through")), qPrintable(log));
            }
        }
        auto c = faulted.connect();
        auto k = control.connect();
        const std::string flagsOfRun =
            "SELECT count(*) FROM ops.anomaly_flag WHERE run_id = " + std::to_string(b[1].runId);
        qInfo("publish commit lost: run %lld succeeded with %lld new flags (%s recorded); control run %lld: %lld",
              static_cast<long long>(b[1].runId), static_cast<long long>(b[1].newAnomalies),
              qPrintable(test::scalar(*c, flagsOfRun)), static_cast<long long>(b[0].runId),
              static_cast<long long>(b[0].newAnomalies));
        QCOMPARE(b[1].newAnomalies, b[0].newAnomalies);
        QCOMPARE(test::scalar(*c, flagsOfRun), QString::number(b[1].newAnomalies));
        QCOMPARE(b[1].rowsLoaded, b[0].rowsLoaded);
        QCOMPARE(test::openStageRows(*c, b[1].runId), qint64(0));
        // Row counts, relation by relation: the contents differ in their
        // timestamps (each database ran at its own time).
        const auto rowCounts = [](pqxx::connection &db) {
            test::Checksums counts = test::warehouseChecksums(db);
            for (auto &[relation, sum] : counts)
                sum = sum.substr(0, sum.find(':'));
            return counts;
        };
        const QString diff = test::differences(rowCounts(*k), rowCounts(*c));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void cleanupTestCase() { m_db.reset(); }
};

QTEST_GUILESS_MAIN(TestFaultLostCommit)
#include "tst_fault_lost_commit.moc"

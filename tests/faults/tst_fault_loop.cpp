// The fault loop: the engine's k-th SQL statement fails, for k over a run
// (FaultInjection.h says which statements count). Every such run must end
// failed with a message, its record closed, its staging gone, and every
// warehouse relation exactly as before. By default k covers every statement
// of the publish stage up to its commit and every 4th statement before it
// (to keep the suite to a few minutes); ECOMOPS_FAULT_EVERY_K=1 tries every k.
#include "FaultInjection.h"
#include "FaultSupport.h"
#include "RunHarness.h"
#include "TestDatabase.h"

#include <QtTest>
#include <pqxx/pqxx>

using namespace ecomops;

namespace {

constexpr double kScale = 0.005;

runner::RunResult runOnce(const QString &conninfo, const runner::RunSpec &spec, QString *log = nullptr)
{
    test::RecordingEvents events;
    CancelToken cancel;
    const runner::RunResult r = runner::RunExecution(conninfo, spec, events).execute(cancel);
    if (log)
        *log = events.allLog();
    return r;
}

} // namespace

class TestFaultLoop : public QObject
{
    Q_OBJECT
    QTemporaryDir m_staging;

private slots:
    void everyStatementFailureLeavesTheWarehouseAsItWas()
    {
        // Two databases in the same state: one committed run of shop A. The
        // first measures which statements a run of shop B sends; the second
        // fails them one by one.
        test::TestDatabase counting;
        test::TestDatabase faulted;
        ECOMOPS_REQUIRE_DB(counting);
        ECOMOPS_REQUIRE_DB(faulted);
        QString shopB;
        for (const test::TestDatabase *db : {&counting, &faulted}) {
            const auto a = runOnce(db->conninfo(), test::smallRun(m_staging.path(), kScale, 61));
            QVERIFY2(a.status == runner::RunStatus::Succeeded, qPrintable(a.error));
        }
        {
            // Shop B's snapshot, generated in a throw-away database.
            test::TestDatabase scratch;
            ECOMOPS_REQUIRE_DB(scratch);
            const auto b = runOnce(scratch.conninfo(), test::smallRun(m_staging.path(), kScale, 62));
            QVERIFY2(b.status == runner::RunStatus::Succeeded, qPrintable(b.error));
            shopB = b.snapshotPath;
        }
        runner::RunSpec spec = test::snapshotRun(m_staging.path(), shopB);
        spec.loadParallelism = 1; // one statement order, the same in both databases

        test::faults::arm(0);
        const auto clean = runOnce(counting.conninfo(), spec);
        test::faults::disarm();
        QVERIFY2(clean.status == runner::RunStatus::Succeeded, qPrintable(clean.error));
        const std::vector<std::string> sent = test::faults::statements();
        // The publish stage: from its BEGIN to the COMMIT after
        // the marts' last statement; after that commit the run is published.
        long publishFirst = 0;
        long commit = 0;
        for (std::size_t i = 0; i < sent.size(); ++i) {
            // The transform's first statement; the BEGIN before it opens the stage.
            if (publishFirst == 0 && sent[i].rfind("SELECT 1 FROM ops.pipeline_run WHERE run_id", 0) == 0)
                publishFirst = long(i);
            if (sent[i].find("UPDATE mart.settings SET refreshed_at") != std::string::npos) {
                for (std::size_t j = i + 1; j < sent.size() && commit == 0; ++j) {
                    if (sent[j].rfind("COMMIT", 0) == 0)
                        commit = long(j) + 1;
                }
            }
        }
        qInfo("a clean run sends %zu counted statements; publish is %ld..%ld", sent.size(), publishFirst, commit);
        QVERIFY(publishFirst > 0 && commit > publishFirst);

        const bool everyK = qEnvironmentVariableIntValue("ECOMOPS_FAULT_EVERY_K") == 1;
        std::vector<long> ks;
        for (long k = 1; k <= commit; ++k) {
            if (everyK || k >= publishFirst || k % 4 == 1)
                ks.push_back(k);
        }
        auto c = faulted.connect();
        const test::Checksums before = test::warehouseChecksums(*c);
        int failedInWords = 0;
        for (const long k : ks) {
            test::faults::arm(k);
            QString log;
            const auto r = runOnce(faulted.conninfo(), spec, &log);
            test::faults::disarm();
            const std::vector<std::string> seen = test::faults::statements();
            const QString statement =
                QString::fromStdString(seen.size() >= std::size_t(k) ? seen[std::size_t(k) - 1] : "?");
            const test::Checksums after = test::warehouseChecksums(*c);
            const QString diff = test::differences(before, after);
            qInfo("k=%ld injected into: %s → run %lld %s: %s; checksum %s → %s", k, qPrintable(statement.left(70)),
                  static_cast<long long>(r.runId), qPrintable(runner::toString(r.status)), qPrintable(r.error.left(70)),
                  qPrintable(test::combined(before).left(12)), qPrintable(test::combined(after).left(12)));
            QVERIFY2(test::faults::injected(), qPrintable(QStringLiteral("k=%1 was never reached").arg(k)));
            QVERIFY2(r.status == runner::RunStatus::Failed, qPrintable(QStringLiteral("k=%1: %2").arg(k).arg(log)));
            QVERIFY2(!r.error.isEmpty(), qPrintable(QStringLiteral("k=%1").arg(k)));
            QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("k=%1: %2").arg(k).arg(diff)));
            if (r.runId > 0) {
                const std::string id = std::to_string(r.runId);
                QCOMPARE(test::text(*c, "SELECT status FROM ops.pipeline_run WHERE run_id = " + id),
                         QStringLiteral("failed"));
                QCOMPARE(test::openStageRows(*c, r.runId), qint64(0));
            }
            ++failedInWords;
        }
        qInfo("%d injected faults (of %ld statements up to the publish commit%s): every run failed with a message "
              "and left the checksum %s",
              failedInWords, commit, everyK ? "" : "; every publish statement, every 4th before it",
              qPrintable(test::combined(before)));
    }
};

QTEST_GUILESS_MAIN(TestFaultLoop)
#include "tst_fault_loop.moc"

// The fault loop: the engine's k-th SQL statement fails, for k over a run
// (FaultInjection.h says which statements count). Every such run must end
// failed with a message, its record closed, its staging gone, and every
// warehouse relation exactly as before. By default k covers every statement
// of the publish stage up to its commit and every 12th statement before it
// (to keep the suite to a few minutes); ECOMOPS_FAULT_EVERY_K=1 tries every k
// (with QTEST_FUNCTION_TIMEOUT raised: that takes longer than five minutes).
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

class TestFaultLoop : public QObject
{
    Q_OBJECT
    QTemporaryDir m_staging;
    std::unique_ptr<test::TestDatabase> m_faulted;
    runner::RunSpec m_spec;
    long m_publishFirst = 0;
    long m_commit = 0;

    // Fails each k in turn; every run must fail in words and change nothing.
    void failEach(const std::vector<long> &ks)
    {
        auto c = m_faulted->connect();
        const test::Checksums before = test::warehouseChecksums(*c);
        for (const long k : ks) {
            test::faults::arm(k);
            QString log;
            const auto r = test::runOnce(m_faulted->conninfo(), m_spec, &log);
            test::faults::disarm();
            const std::vector<std::string> seen = test::faults::statements();
            const QString statement =
                QString::fromStdString(seen.size() >= std::size_t(k) ? seen[std::size_t(k) - 1] : "?");
            const test::Checksums after = test::warehouseChecksums(*c);
            const QString diff = test::differences(before, after);
            qInfo("k=%ld injected into: %s → run %lld %s: %s; checksum %s → %s", k, qPrintable(statement.left(70)),
                  static_cast<long long>(r.runId), qPrintable(runner::toString(r.status)),
                  qPrintable(r.error.simplified().left(70)), qPrintable(test::combined(before).left(12)),
                  qPrintable(test::combined(after).left(12)));
            QVERIFY2(test::faults::injected(), qPrintable(QStringLiteral("k=%1 was never reached").arg(k)));
            QVERIFY2(r.status == runner::RunStatus::Failed, qPrintable(QStringLiteral("k=%1: %2").arg(k).arg(log)));
            QVERIFY2(!r.error.isEmpty(), qPrintable(QStringLiteral("k=%1").arg(k)));
            QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("k=%1: %2").arg(k).arg(diff)));
            if (r.runId > 0) {
                const std::string id = std::to_string(r.runId);
                QCOMPARE(test::scalar(*c, "SELECT status FROM ops.pipeline_run WHERE run_id = " + id),
                         QStringLiteral("failed"));
                QCOMPARE(test::openStageRows(*c, r.runId), qint64(0));
            }
        }
        qInfo("%zu injected faults: every run failed with a message and left the checksum %s", ks.size(),
              qPrintable(test::combined(before)));
    }

private slots:
    void initTestCase()
    {
        // Two databases in the same state: one committed run of shop A. The
        // first measures which statements a run of shop B sends; the second
        // fails them one by one.
        test::TestDatabase counting;
        m_faulted = std::make_unique<test::TestDatabase>();
        ECOMOPS_REQUIRE_DB(counting);
        ECOMOPS_REQUIRE_DB(*m_faulted);
        for (const test::TestDatabase *db : {&counting, m_faulted.get()}) {
            const auto a = test::runOnce(db->conninfo(), test::smallRun(m_staging.path(), kScale, 61));
            QVERIFY2(a.status == runner::RunStatus::Succeeded, qPrintable(a.error));
        }
        QString shopB;
        {
            // Shop B's snapshot, generated in a throw-away database.
            test::TestDatabase scratch;
            ECOMOPS_REQUIRE_DB(scratch);
            const auto b = test::runOnce(scratch.conninfo(), test::smallRun(m_staging.path(), kScale, 62));
            QVERIFY2(b.status == runner::RunStatus::Succeeded, qPrintable(b.error));
            shopB = b.snapshotPath;
        }
        m_spec = test::snapshotRun(m_staging.path(), shopB);
        m_spec.loadParallelism = 1; // one statement order, the same in both databases

        test::faults::arm(0);
        const auto clean = test::runOnce(counting.conninfo(), m_spec);
        test::faults::disarm();
        QVERIFY2(clean.status == runner::RunStatus::Succeeded, qPrintable(clean.error));
        const std::vector<std::string> sent = test::faults::statements();
        // The publish stage: from the transform's first statement to the
        // COMMIT after the marts' last one; after that commit the run is published.
        for (std::size_t i = 0; i < sent.size(); ++i) {
            if (m_publishFirst == 0 && sent[i].rfind("SELECT 1 FROM ops.pipeline_run WHERE run_id", 0) == 0)
                m_publishFirst = long(i) + 1;
            if (sent[i].find("UPDATE mart.settings SET refreshed_at") != std::string::npos) {
                for (std::size_t j = i + 1; j < sent.size() && m_commit == 0; ++j) {
                    if (sent[j].rfind("COMMIT", 0) == 0)
                        m_commit = long(j) + 1;
                }
            }
        }
        qInfo("a clean run sends %zu counted statements; the publish stage is %ld..%ld", sent.size(), m_publishFirst,
              m_commit);
        QVERIFY(m_publishFirst > 0 && m_commit > m_publishFirst);
    }

    void everyPublishStatement()
    {
        std::vector<long> ks;
        for (long k = m_publishFirst; k <= m_commit; ++k)
            ks.push_back(k);
        failEach(ks);
    }

    void statementsBeforePublish()
    {
        const long stride = qEnvironmentVariableIntValue("ECOMOPS_FAULT_EVERY_K") == 1 ? 1 : 12;
        std::vector<long> ks;
        for (long k = 1; k < m_publishFirst; k += stride)
            ks.push_back(k);
        qInfo("every %ld. statement of the %ld before the publish stage", stride, m_publishFirst - 1);
        failEach(ks);
    }

    void cleanupTestCase() { m_faulted.reset(); }
};

QTEST_GUILESS_MAIN(TestFaultLoop)
#include "tst_fault_loop.moc"

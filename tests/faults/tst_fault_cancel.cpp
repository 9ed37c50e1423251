// Cancel at 20 random moments of a run: every cancelled run leaves every
// warehouse relation as it was, its record cancelled and its stage rows
// ended; the latency from the request to the run's own "cancelled" report is
// printed (not asserted: that would measure the machine). And loading is
// idempotent: the same snapshot twice, and A, B, A, give no duplicate natural
// key and the counts of one load.
#include "FaultSupport.h"
#include "RunHarness.h"
#include "TestDatabase.h"
#include "TestSupport.h"

#include <QRandomGenerator>
#include <QtTest>
#include <pqxx/pqxx>

#include <atomic>
#include <thread>

using namespace ecomops;

namespace {

// Rows per dw table, and how many natural keys appear more than once.
std::map<std::string, qint64> counts(pqxx::connection &c)
{
    std::map<std::string, qint64> out;
    for (const char *t : {"dim_country", "dim_category", "dim_product", "dim_customer", "fact_order", "fact_order_line",
                          "fact_payment", "fact_invoice", "fact_event"})
        out[t] = test::number(c, std::string("SELECT count(*) FROM dw.") + t);
    out["anomaly_flag"] = test::number(c, "SELECT count(*) FROM ops.anomaly_flag");
    return out;
}

qint64 duplicateKeys(pqxx::connection &c)
{
    qint64 total = 0;
    for (const char *q :
         {"SELECT order_id FROM dw.fact_order GROUP BY 1",
          "SELECT order_id, line_no FROM dw.fact_order_line GROUP BY 1, 2",
          "SELECT payment_id FROM dw.fact_payment GROUP BY 1", "SELECT invoice_id FROM dw.fact_invoice GROUP BY 1",
          "SELECT event_id FROM dw.fact_event GROUP BY 1",
          "SELECT customer_id FROM dw.dim_customer WHERE is_current GROUP BY 1",
          "SELECT product_id FROM dw.dim_product WHERE is_current GROUP BY 1",
          "SELECT customer_id, valid_from FROM dw.dim_customer GROUP BY 1, 2",
          "SELECT product_id, valid_from FROM dw.dim_product GROUP BY 1, 2"})
        total += test::number(c, std::string("SELECT count(*) FROM (") + q + " HAVING count(*) > 1) d");
    return total;
}

QString describe(const std::map<std::string, qint64> &m)
{
    QStringList parts;
    for (const auto &[k, v] : m)
        parts << QStringLiteral("%1 %2").arg(QString::fromStdString(k)).arg(v);
    return parts.join(QStringLiteral(", "));
}

} // namespace

class TestFaultCancel : public QObject
{
    Q_OBJECT
    QTemporaryDir m_staging;

private slots:
    void cancelAtTwentyRandomPoints()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        // A committed run first, so "unchanged" means something; its
        // snapshot's clean run gives the span the cancels are drawn from.
        test::RecordingEvents first;
        CancelToken none;
        const auto base =
            runner::RunExecution(db.conninfo(), test::smallRun(m_staging.path(), 0.02, 81), first).execute(none);
        QVERIFY2(base.status == runner::RunStatus::Succeeded, qPrintable(base.error));
        const runner::RunSpec spec = test::snapshotRun(m_staging.path(), base.snapshotPath);
        const quint32 seed = QRandomGenerator::global()->generate();
        QRandomGenerator random(seed);
        // How long a run of that snapshot takes, uncancelled (it changes nothing: idempotent).
        test::RecordingEvents timing;
        const auto timed = runner::RunExecution(db.conninfo(), spec, timing).execute(none);
        QVERIFY2(timed.status == runner::RunStatus::Succeeded, qPrintable(timed.error));
        const qint64 spanMs = qint64(timed.seconds * 1000);
        qInfo("random seed %u; a run takes about %lld ms", seed, static_cast<long long>(spanMs));

        int cancelled = 0;
        for (int i = 0; i < 20; ++i) {
            const test::Checksums before = test::warehouseChecksums(*c);
            const qint64 delayMs = random.bounded(qint64(0), std::max<qint64>(1, spanMs * 8 / 10));
            test::RecordingEvents events;
            // Every progress event comes before the publish commits (the
            // last is the marts'); the engine checks the token once more
            // after it, just before the commit.
            std::atomic<qint64> lastProgressMs{0};
            events.onProgress = [&](const ProgressEvent &) { lastProgressMs = QDateTime::currentMSecsSinceEpoch(); };
            CancelToken cancel;
            QDateTime requestedAt;
            std::thread canceller([&] {
                std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
                requestedAt = QDateTime::currentDateTime();
                cancel.cancel();
            });
            const auto r = runner::RunExecution(db.conninfo(), spec, events).execute(cancel);
            const QDateTime returnedAt = QDateTime::currentDateTime();
            canceller.join();
            const test::Checksums after = test::warehouseChecksums(*c);
            // The run's own report of the moment it stopped: its "cancelled" log line.
            QDateTime reportedAt;
            QString stage;
            for (const LogLine &l : events.logLines) {
                if (l.message.startsWith(QLatin1String("run cancelled"))) {
                    reportedAt = l.at;
                    stage = l.stage;
                }
            }
            QString lastStage;
            for (const ProgressEvent &e : events.progressEvents)
                lastStage = e.stage;
            qInfo("injected: cancel %lld ms into run %lld (during %s) → %s; reported %lld ms after the request, "
                  "returned after %lld ms; checksum %s → %s",
                  static_cast<long long>(delayMs), static_cast<long long>(r.runId), qPrintable(lastStage),
                  qPrintable(runner::toString(r.status)),
                  static_cast<long long>(reportedAt.isValid() ? requestedAt.msecsTo(reportedAt) : -1),
                  static_cast<long long>(requestedAt.msecsTo(returnedAt)), qPrintable(test::combined(before).left(12)),
                  qPrintable(test::combined(after).left(12)));
            // A request after the run's last progress event may meet a commit
            // already under way (or done): the run is then published, as it
            // says. Any earlier request must cancel it.
            if (r.status == runner::RunStatus::Succeeded && requestedAt.toMSecsSinceEpoch() >= lastProgressMs)
                continue;
            QVERIFY2(r.status == runner::RunStatus::Cancelled, qPrintable(r.error + events.allLog()));
            QVERIFY(reportedAt.isValid());
            QVERIFY2(test::differences(before, after).isEmpty(), qPrintable(test::differences(before, after)));
            QCOMPARE(test::scalar(*c, "SELECT status FROM ops.pipeline_run WHERE run_id = " + std::to_string(r.runId)),
                     QStringLiteral("cancelled"));
            QCOMPARE(test::openStageRows(*c, r.runId), qint64(0));
            ++cancelled;
        }
        qInfo("%d of 20 runs were cancelled (the others met a commit already under way or done)", cancelled);
        QVERIFY(cancelled >= 12);
    }

    void sameSnapshotTwiceAndABA()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        CancelToken none;
        auto run = [&](const runner::RunSpec &spec) {
            test::RecordingEvents events;
            const auto r = runner::RunExecution(db.conninfo(), spec, events).execute(none);
            if (r.status != runner::RunStatus::Succeeded)
                qWarning("%s", qPrintable(r.error + events.allLog()));
            return r;
        };
        const auto a = run(test::smallRun(m_staging.path(), 0.02, 91));
        QVERIFY(a.status == runner::RunStatus::Succeeded);
        const auto afterA = counts(*c);
        const auto again = run(test::snapshotRun(m_staging.path(), a.snapshotPath));
        QVERIFY(again.status == runner::RunStatus::Succeeded);
        qInfo("A: %s", qPrintable(describe(afterA)));
        QCOMPARE(counts(*c), afterA);
        QCOMPARE(duplicateKeys(*c), qint64(0));

        // B: another shop whose keys do not overlap A's (the Olist sample).
        runner::RunSpec shopB = test::smallRun(m_staging.path(), 0, 0);
        shopB.sourceKind = QStringLiteral("olist");
        shopB.sourceOptions = {
            {"path", QString(test::sharedDatasetsDir() + QStringLiteral("/olist-sample")).toStdString()}};
        const auto b = run(shopB);
        QVERIFY(b.status == runner::RunStatus::Succeeded);
        const auto afterAB = counts(*c);
        QVERIFY(afterAB.at("fact_order") > afterA.at("fact_order"));
        const auto aAgain = run(test::snapshotRun(m_staging.path(), a.snapshotPath));
        QVERIFY(aAgain.status == runner::RunStatus::Succeeded);
        qInfo("A, B: %s; A, B, A: %s", qPrintable(describe(afterAB)), qPrintable(describe(counts(*c))));
        QCOMPARE(counts(*c), afterAB);
        QCOMPARE(duplicateKeys(*c), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestFaultCancel)
#include "tst_fault_cancel.moc"

// A run end to end on a real PostgreSQL: synthetic source → snapshot → load →
// validate → publish, recorded in ops; same seed ⇒ same bytes; cancel
// mid-COPY or mid-publish leaves nothing; a backend killed mid-run is
// retried; a bad snapshot fails in words; a failing gate fails the run (or
// only warns) and keeps its scores.
#include "RunHarness.h"
#include "SyntheticRun.h"
#include "TestDatabase.h"
#include "TestSupport.h"
#include "load/TableLoader.h"
#include "sources/synthetic/GeneratorOptions.h"
#include "staging/Catalog.h"

#include <QtTest>
#include <pqxx/pqxx>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>

using namespace ecomops;

namespace {

runner::RunSpec syntheticSpec(const QString &stagingDir, double scale, quint64 seed, double defectRate = 0)
{
    runner::RunSpec spec = test::syntheticRunSpec(stagingDir, scale, seed, QStringLiteral("tst_run_pipeline"));
    auto options = synthetic::GeneratorOptions::fromJson(spec.sourceOptions);
    const double r = defectRate;
    options.defects = {r, r, r, r, r, r, r};
    spec.sourceOptions = options.toJson();
    // Planted orphan keys fail the default integrity gate (100): these runs
    // test the engine, so the gates only warn; gatesFailOrWarn tests them.
    if (defectRate > 0)
        spec.gates = {{"mode", "warn"}};
    return spec;
}

// The tables a snapshot holds, from its _metadata.json.
std::set<std::string> snapshotTables(const QString &snapshotPath)
{
    QFile meta(snapshotPath + QStringLiteral("/_metadata.json"));
    if (!meta.open(QIODevice::ReadOnly))
        return {};
    std::set<std::string> tables;
    const nlohmann::json metadata = nlohmann::json::parse(meta.readAll().toStdString());
    for (const auto &f : metadata.at("files"))
        tables.insert(f.at("table").get<std::string>());
    return tables;
}

// Rows in every dw table: what a run that did not finish must leave unchanged.
qint64 warehouseRows(pqxx::connection &c)
{
    qint64 total = 0;
    for (const char *t : {"dim_country", "dim_category", "dim_product", "dim_customer", "fact_order", "fact_order_line",
                          "fact_payment", "fact_invoice", "fact_event"})
        total += test::number(c, std::string("SELECT count(*) FROM dw.") + t);
    return total + test::number(c, "SELECT count(*) FROM ops.anomaly_flag");
}

// Rows of this run anywhere in staging or quarantine, and its staging tables.
qint64 leftovers(pqxx::connection &c, qint64 runId)
{
    qint64 total =
        test::number(c, "SELECT count(*) FROM quarantine.rejected_row WHERE run_id = " + std::to_string(runId));
    for (const auto &t : staging::catalog())
        total += test::number(c, "SELECT count(*) FROM staging." + t.name + " WHERE run_id = " + std::to_string(runId));
    total += test::number(c, "SELECT count(*) FROM pg_class WHERE relname LIKE '%\\_r" + std::to_string(runId) + "'");
    return total;
}

} // namespace

class TestRunPipeline : public QObject
{
    Q_OBJECT
    QTemporaryDir m_staging;

private slots:
    void syntheticRunSucceedsAndReconciles()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        test::RecordingEvents events;
        runner::RunExecution run(db.conninfo(), syntheticSpec(m_staging.path(), 0.02, 7, 0.01), events);
        CancelToken cancel;
        const runner::RunResult r = run.execute(cancel);
        QVERIFY2(r.status == runner::RunStatus::Succeeded, qPrintable(r.error + events.allLog()));
        QVERIFY(r.reconciles());
        QVERIFY(r.rowsRead > 10000);
        // Every table the generator wrote, and only those.
        const std::set<std::string> tables = snapshotTables(r.snapshotPath);
        QCOMPARE(tables.size(), std::size_t(11));
        QCOMPARE(r.tables.size(), tables.size());
        for (const TableCounts &t : r.tables)
            QVERIFY2(t.reconciles() && tables.count(t.table.toStdString()) == 1, qPrintable(t.table));

        auto c = db.connect();
        const std::string id = std::to_string(r.runId);
        pqxx::read_transaction tx{*c};
        const auto run_ = tx.exec1("SELECT status, trigger, started_by, rows_read, rows_loaded, rows_quarantined, "
                                   "spec->'source'->>'kind', snapshot_path, rows_rejected, rows_skipped "
                                   "FROM ops.pipeline_run WHERE run_id = " +
                                   id);
        QCOMPARE(run_[0].as<std::string>(), std::string("succeeded"));
        QCOMPARE(run_[1].as<std::string>(), std::string("test"));
        QCOMPARE(run_[3].as<qint64>(), r.rowsRead);
        QCOMPARE(run_[3].as<qint64>(),
                 run_[4].as<qint64>() + run_[5].as<qint64>() + run_[8].as<qint64>() + run_[9].as<qint64>());
        QCOMPARE(run_[6].as<std::string>(), std::string("synthetic"));
        // Per table: the load's stage result matches what is in staging and
        // what the load quarantined; the run's counts add every stage's
        // quarantine, and the rows loaded are those that reached dw.
        for (const TableCounts &t : r.tables) {
            const std::string name = t.table.toStdString();
            const auto sr =
                tx.exec1("SELECT rows_read, rows_loaded, rows_quarantined FROM ops.stage_result WHERE run_id = " + id +
                         " AND stage = 'load' AND table_name = '" + name + "'");
            const qint64 staged =
                tx.exec1("SELECT count(*) FROM staging." + name + " WHERE run_id = " + id)[0].as<qint64>();
            const qint64 quarantinedAtLoad =
                tx.exec1("SELECT count(*) FROM quarantine.rejected_row WHERE run_id = " + id +
                         " AND stage = 'load' AND table_name = '" + name + "'")[0]
                    .as<qint64>();
            const qint64 quarantined = tx.exec1("SELECT count(*) FROM quarantine.rejected_row WHERE run_id = " + id +
                                                " AND table_name = '" + name + "'")[0]
                                           .as<qint64>();
            QCOMPARE(sr[1].as<qint64>(), staged);
            QCOMPARE(sr[2].as<qint64>(), quarantinedAtLoad);
            QCOMPARE(sr[0].as<qint64>(), staged + quarantinedAtLoad);
            QCOMPARE(t.read, sr[0].as<qint64>());
            QCOMPARE(t.quarantined + t.rejected, quarantined);
        }
        // The defects reached the quarantine through every stage, and the
        // clean rows reached the warehouse and the marts.
        QVERIFY(
            tx.exec1("SELECT count(*) FROM quarantine.rejected_row WHERE run_id = " + id + " AND stage = 'validate'")[0]
                .as<qint64>() > 0);
        const qint64 orderLines = tx.exec1("SELECT count(*) FROM dw.fact_order_line")[0].as<qint64>();
        const auto lines = std::find_if(r.tables.begin(), r.tables.end(),
                                        [](const TableCounts &t) { return t.table == QLatin1String("order_lines"); });
        QVERIFY(lines != r.tables.end());
        QCOMPARE(orderLines, lines->loaded);
        QVERIFY(tx.exec1("SELECT count(*) FROM mart.revenue_daily")[0].as<qint64>() > 0);
        QCOMPARE(QString::fromStdString(
                     tx.exec1("SELECT gate_status FROM ops.pipeline_run WHERE run_id = " + id)[0].as<std::string>()),
                 r.gateStatus);
        QVERIFY(r.qualityOverall > 0 && r.qualityOverall < 100);
        for (const char *stage : {"validate", "transform", "detect", "publish"})
            QVERIFY2(tx.exec1("SELECT count(*) FROM ops.stage_result WHERE run_id = " + id + " AND stage = '" + stage +
                              "'")[0]
                             .as<qint64>() > 0,
                     stage);
        QVERIFY(tx.exec1("SELECT count(*) FROM ops.run_log WHERE run_id = " + id)[0].as<int>() > 5);
        // Stages report progress in batches (the Runner throttles further), not per row.
        QVERIFY(events.progressEvents.size() < std::size_t(r.rowsRead / 100));
        // The snapshot is complete and carries the manifest of planted rows.
        QVERIFY(QFileInfo::exists(r.snapshotPath + QStringLiteral("/_SUCCESS")));
        QVERIFY(QFileInfo::exists(r.snapshotPath + QStringLiteral("/_planted.csv")));
    }

    void sameSeedGivesByteIdenticalSnapshots()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto checksums = [&](quint64 seed) {
            test::RecordingEvents events;
            runner::RunExecution run(db.conninfo(), syntheticSpec(m_staging.path(), 0.01, seed, 0.02), events);
            CancelToken cancel;
            const auto r = run.execute(cancel);
            if (r.status != runner::RunStatus::Succeeded)
                qWarning("run failed: %s\n%s", qPrintable(r.error), qPrintable(events.allLog()));
            QFile meta(r.snapshotPath + QStringLiteral("/_metadata.json"));
            meta.open(QIODevice::ReadOnly);
            std::map<std::string, std::string> sums;
            const nlohmann::json metadata = nlohmann::json::parse(meta.readAll().toStdString());
            for (const auto &f : metadata.at("files"))
                sums[f.at("file").get<std::string>()] = f.at("sha256").get<std::string>();
            QFile manifest(r.snapshotPath + QStringLiteral("/_planted.csv"));
            manifest.open(QIODevice::ReadOnly);
            sums["_planted.csv"] =
                QCryptographicHash::hash(manifest.readAll(), QCryptographicHash::Sha256).toHex().toStdString();
            return sums;
        };
        const auto a = checksums(11);
        const auto b = checksums(11);
        const auto c = checksums(12);
        QCOMPARE(a.size(), std::size_t(11 + 1)); // the generator's tables and its manifest
        QVERIFY(a == b);
        QVERIFY(a != c);
    }

    void cancelMidCopyLeavesNothing()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        test::RecordingEvents events;
        CancelToken cancel;
        QElapsedTimer sinceCancel;
        std::atomic<bool> fired{false};
        std::mutex mutex;
        QString cancelledTable;
        qint64 rowsAtCancel = 0;
        qint64 rowsAfterCancel = 0; // the furthest the cancelled table got after the request
        events.onProgress = [&](const ProgressEvent &e) {
            if (e.stage != QLatin1String("load"))
                return;
            std::lock_guard<std::mutex> lock(mutex);
            // The loader reports every 16k rows: this is inside a COPY.
            if (e.rowsDone > 0 && e.rowsDone < e.rowsExpected && !fired.exchange(true)) {
                cancelledTable = e.table;
                rowsAtCancel = rowsAfterCancel = e.rowsDone;
                sinceCancel.start();
                cancel.cancel();
            } else if (fired && e.table == cancelledTable) {
                rowsAfterCancel = std::max(rowsAfterCancel, e.rowsDone);
            }
        };
        runner::RunExecution run(db.conninfo(), syntheticSpec(m_staging.path(), 0.2, 3), events);
        const auto r = run.execute(cancel);
        QVERIFY2(fired, "the load never reported progress mid-table");
        // Printed, not asserted: the wall clock measures the machine. What the
        // code controls is how far the COPY goes on after the request: the
        // loader checks the token after every batch it sends, so it may finish
        // the batch in hand (256 KiB, a few thousand rows) and no more.
        qInfo("cancel took effect in %lld ms; %s had %lld rows read at the request and %lld at most after it",
              static_cast<long long>(sinceCancel.elapsed()), qPrintable(cancelledTable),
              static_cast<long long>(rowsAtCancel), static_cast<long long>(rowsAfterCancel));
        QVERIFY(r.status == runner::RunStatus::Cancelled);
        QVERIFY2(rowsAfterCancel <= rowsAtCancel + 2 * 16384,
                 "the loader went on reading more than two progress steps after the cancel request");
        auto c = db.connect();
        QCOMPARE(leftovers(*c, r.runId), qint64(0));
        QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.pipeline_run WHERE status = 'cancelled' AND run_id = " +
                                      std::to_string(r.runId)),
                 qint64(1));
        QCOMPARE(r.rowsLoaded, qint64(0));
    }

    void killedBackendIsRetried()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        test::RecordingEvents events;
        std::atomic<int> killed{0};
        std::mutex mutex;
        QStringList attempts; // what each try saw, reported if none succeeds
        const std::string conninfo = db.conninfo().toStdString();
        events.onProgress = [&](const ProgressEvent &e) {
            if (e.stage != QLatin1String("load") || e.rowsDone <= 0 || e.rowsDone >= e.rowsExpected ||
                killed.load() > 0)
                return;
            // The loader thread waits in this callback, so its COPY is still
            // open while we look for it. Any failure here is recorded, never
            // thrown into the loader (that would fail the load for another reason).
            std::lock_guard<std::mutex> lock(mutex);
            if (killed.load() > 0)
                return;
            try {
                pqxx::connection admin{conninfo};
                pqxx::nontransaction tx{admin};
                const auto seen = tx.exec("SELECT pid, state, left(query, 60) FROM pg_stat_activity "
                                          "WHERE datname = current_database() AND pid <> pg_backend_pid()");
                QStringList queries;
                for (const auto &row : seen)
                    queries << QString::fromStdString(row[1].c_str() + std::string(": ") + row[2].c_str());
                const int n = tx.exec1("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                       "WHERE datname = current_database() AND query LIKE 'COPY staging.%' "
                                       "AND pid <> pg_backend_pid()")[0]
                                  .as<int>();
                attempts << QStringLiteral("%1 at %2 rows: terminated %3; backends: %4")
                                .arg(e.table)
                                .arg(e.rowsDone)
                                .arg(n)
                                .arg(queries.join(QStringLiteral(" | ")));
                killed = n;
            } catch (const std::exception &ex) {
                attempts << QStringLiteral("%1 at %2 rows: %3")
                                .arg(e.table)
                                .arg(e.rowsDone)
                                .arg(QString::fromUtf8(ex.what()));
            }
        };
        runner::RunExecution run(db.conninfo(), syntheticSpec(m_staging.path(), 0.2, 5), events);
        CancelToken cancel;
        const auto r = run.execute(cancel);
        QVERIFY2(killed.load() > 0, qPrintable(QStringLiteral("no COPY backend was found to terminate; tries:\n") +
                                               attempts.join(QLatin1Char('\n'))));
        QVERIFY2(r.status == runner::RunStatus::Succeeded, qPrintable(r.error + events.allLog()));
        QVERIFY(r.reconciles());
        QVERIFY2(events.allLog().contains(QStringLiteral("retrying")), qPrintable(events.allLog()));
        auto c = db.connect();
        QVERIFY(test::number(*c, "SELECT max(attempts) FROM ops.stage_result WHERE run_id = " +
                                     std::to_string(r.runId)) >= 2);
        // No table holds a row twice after the retry.
        for (const auto &t : staging::catalog())
            QCOMPARE(test::number(*c, "SELECT count(*) - count(DISTINCT source_line) FROM staging." + t.name +
                                          " WHERE run_id = " + std::to_string(r.runId)),
                     qint64(0));
    }

    void cancelMidPublishLeavesTheWarehouseAsItWas()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        {
            // A first run fills the warehouse; the second is cancelled inside
            // its publish transaction and must leave it exactly so.
            test::RecordingEvents events;
            CancelToken cancel;
            runner::RunExecution first(db.conninfo(), syntheticSpec(m_staging.path(), 0.05, 21), events);
            QVERIFY2(first.execute(cancel).status == runner::RunStatus::Succeeded, qPrintable(events.allLog()));
        }
        const qint64 before = warehouseRows(*c);
        QVERIFY(before > 0);
        test::RecordingEvents events;
        CancelToken cancel;
        std::atomic<bool> fired{false};
        events.onProgress = [&](const ProgressEvent &e) {
            if (e.stage == QLatin1String("transform") && e.table == QLatin1String("order_lines") &&
                !fired.exchange(true))
                cancel.cancel();
        };
        runner::RunExecution second(db.conninfo(), syntheticSpec(m_staging.path(), 0.05, 22), events);
        const auto r = second.execute(cancel);
        QVERIFY2(fired, "the transform never reported the order lines");
        QVERIFY(r.status == runner::RunStatus::Cancelled);
        QCOMPARE(warehouseRows(*c), before);
        QCOMPARE(leftovers(*c, r.runId), qint64(0));
        QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.quality_score WHERE run_id = " + std::to_string(r.runId)),
                 qint64(0));
    }

    void gatesFailOrWarn()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        // An overall gate no table can reach: in fail mode the run fails
        // with the gate's status, nothing reaches dw, the scores stay.
        runner::RunSpec spec = syntheticSpec(m_staging.path(), 0.02, 31, 0.01);
        spec.gates = {{"mode", "fail"}, {"overall", 100}};
        test::RecordingEvents failing;
        CancelToken cancel;
        const auto failed = runner::RunExecution(db.conninfo(), spec, failing).execute(cancel);
        QVERIFY(failed.status == runner::RunStatus::Failed);
        QCOMPARE(failed.gateStatus, QStringLiteral("failed"));
        QVERIFY2(failed.error.contains(QStringLiteral("gate")), qPrintable(failed.error));
        QVERIFY(!failed.gateMessages.isEmpty());
        QVERIFY(failed.reconciles());
        const std::string failedId = std::to_string(failed.runId);
        QCOMPARE(test::number(*c, "SELECT count(*) FROM dw.fact_order"), qint64(0));
        QVERIFY(test::number(*c, "SELECT count(*) FROM ops.quality_score WHERE run_id = " + failedId) > 0);
        QVERIFY(test::number(*c, "SELECT count(*) FROM quarantine.rejected_row WHERE run_id = " + failedId) > 0);
        QCOMPARE(test::number(*c, "SELECT count(*) FROM pg_class WHERE relname LIKE '%\\_r" + failedId + "'"),
                 qint64(0));
        QCOMPARE(
            test::number(*c, "SELECT count(*) FROM ops.pipeline_run WHERE gate_status = 'failed' AND status = 'failed' "
                             "AND run_id = " +
                                 failedId),
            qint64(1));

        // The same gate as a warning: the run succeeds and says so.
        spec.gates = {{"mode", "warn"}, {"overall", 100}};
        test::RecordingEvents warning;
        const auto warned = runner::RunExecution(db.conninfo(), spec, warning).execute(cancel);
        QVERIFY2(warned.status == runner::RunStatus::Succeeded, qPrintable(warned.error + warning.allLog()));
        QCOMPARE(warned.gateStatus, QStringLiteral("warned"));
        QVERIFY(warning.allLog().contains(QStringLiteral("quality gates warned")));
        QVERIFY(test::number(*c, "SELECT count(*) FROM dw.fact_order") > 0);
    }

    void incompleteSnapshotFailsInWords()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        QTemporaryDir dir;
        runner::RunSpec spec;
        spec.sourceKind = QStringLiteral("snapshot");
        spec.sourceOptions = {{"path", dir.path().toStdString()}};
        spec.startedBy = QStringLiteral("test");
        test::RecordingEvents events;
        runner::RunExecution run(db.conninfo(), spec, events);
        CancelToken cancel;
        const auto r = run.execute(cancel);
        QVERIFY(r.status == runner::RunStatus::Failed);
        QVERIFY2(r.error.contains(QStringLiteral("_SUCCESS")), qPrintable(r.error));
        auto c = db.connect();
        pqxx::read_transaction tx{*c};
        const auto row =
            tx.exec1("SELECT status, error_text FROM ops.pipeline_run WHERE run_id = " + std::to_string(r.runId));
        QCOMPARE(row[0].as<std::string>(), std::string("failed"));
        QVERIFY(QString::fromStdString(row[1].as<std::string>()).contains(QStringLiteral("incomplete")));
    }
};

QTEST_GUILESS_MAIN(TestRunPipeline)
#include "tst_run_pipeline.moc"

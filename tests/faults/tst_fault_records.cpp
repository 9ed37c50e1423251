// The run record never lies: a run whose process is gone is found and closed
// (failed with the sentence, stage rows ended, staging and quarantine
// removed, snapshot kept), a live run is never touched, several reconcilers
// at once close each dead run once, and every stage row of a finished run —
// succeeded, failed, cancelled, gate-failed — ends with a real start and end.
#include "FaultSupport.h"
#include "RunHarness.h"
#include "TestDatabase.h"
#include "runner/DeadRuns.h"
#include "runner/RunRecorder.h"
#include "sources/synthetic/GeneratorOptions.h"
#include "warehouse/Warehouse.h"

#include <QtTest>
#include <pqxx/pqxx>

#include <condition_variable>
#include <thread>

using namespace ecomops;

namespace {

// A run as a killed process leaves it: recorded running, a stage row open,
// its staging partitions and a quarantine row in place — and its recorder
// (the lock holder) gone with the process, or still alive when `live`.
qint64 fakeRun(const QString &conninfo, std::unique_ptr<runner::RunRecorder> *live = nullptr)
{
    auto recorder = std::make_unique<runner::RunRecorder>(conninfo);
    runner::RunSpec spec;
    spec.trigger = runner::Trigger::Test;
    spec.startedBy = QStringLiteral("fault suite");
    const qint64 runId = recorder->createRun(spec);
    recorder->markRunning(runId);
    recorder->stageStarted(runId, QStringLiteral("load"), QStringLiteral("orders"));
    pqxx::connection c{conninfo.toStdString()};
    pqxx::work tx{c};
    warehouse::createRunPartitions(tx, runId);
    tx.exec_params0("INSERT INTO quarantine.rejected_row (run_id, table_name, source_line, stage, raw_record, reasons, "
                    "rule_ids) VALUES ($1, 'orders', 2, 'load', 'x', ARRAY['bad'], ARRAY['csv.malformed'])",
                    runId);
    tx.commit();
    if (live)
        *live = std::move(recorder);
    return runId;
}

// A closed session's backend lets go of its locks a moment after the client
// disconnects; the reconciler is right to call the run alive until then.
bool lockReleased(pqxx::connection &c, qint64 runId)
{
    for (int i = 0; i < 500; ++i) {
        if (test::number(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM "
                            "pg_database WHERE datname = current_database()) AND classid = " +
                                std::to_string(runner::kRunLockClass) +
                                " AND objid = " + std::to_string(runner::runLockKey(runId))) == 0)
            return true;
        QThread::msleep(10);
    }
    return false;
}

qint64 quarantined(pqxx::connection &c, qint64 runId)
{
    return test::number(c, "SELECT count(*) FROM quarantine.rejected_row WHERE run_id = " + std::to_string(runId));
}

} // namespace

class TestFaultRecords : public QObject
{
    Q_OBJECT
    QTemporaryDir m_staging;

    // Every stage row of the run ended, with end ≥ start, in a final status.
    void verifyStageRowsEnded(pqxx::connection &c, qint64 runId)
    {
        const std::string id = std::to_string(runId);
        QCOMPARE(test::openStageRows(c, runId), qint64(0));
        QCOMPARE(test::number(c, "SELECT count(*) FROM ops.stage_result WHERE run_id = " + id +
                                     " AND (ended_at < started_at OR status NOT IN "
                                     "('succeeded', 'failed', 'cancelled', 'skipped'))"),
                 qint64(0));
        qInfo("run %s: %s", id.c_str(),
              qPrintable(test::scalar(c, "SELECT string_agg(stage || '/' || table_name || '=' || status, ', ' ORDER BY "
                                         "started_at) FROM ops.stage_result WHERE run_id = " +
                                             id)));
    }

private slots:
    void deadRunIsClosedAndALiveOneIsNot()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        std::unique_ptr<runner::RunRecorder> liveRecorder;
        const qint64 dead = fakeRun(db.conninfo());
        const qint64 live = fakeRun(db.conninfo(), &liveRecorder);
        QVERIFY(test::stagingPartitions(*c, dead) > 0);
        QVERIFY(lockReleased(*c, dead));

        const runner::DeadRunReport report = runner::reconcileDeadRuns(db.conninfo());
        qInfo("injected: a run whose recorder is gone (%lld) and one whose recorder lives (%lld); closed %zu",
              static_cast<long long>(dead), static_cast<long long>(live), report.closed.size());
        QCOMPARE(report.closed, std::vector<qint64>{dead});
        const std::string deadId = std::to_string(dead);
        QCOMPARE(test::scalar(*c, "SELECT status FROM ops.pipeline_run WHERE run_id = " + deadId),
                 QStringLiteral("failed"));
        QCOMPARE(test::scalar(*c, "SELECT error_text FROM ops.pipeline_run WHERE run_id = " + deadId),
                 runner::deadRunMessage());
        QCOMPARE(test::scalar(*c, "SELECT status FROM ops.stage_result WHERE run_id = " + deadId),
                 QStringLiteral("failed"));
        verifyStageRowsEnded(*c, dead);
        QCOMPARE(test::stagingPartitions(*c, dead), qint64(0));
        QCOMPARE(quarantined(*c, dead), qint64(0));

        // The live one: untouched.
        const std::string liveId = std::to_string(live);
        QCOMPARE(test::scalar(*c, "SELECT status FROM ops.pipeline_run WHERE run_id = " + liveId),
                 QStringLiteral("running"));
        QVERIFY(test::stagingPartitions(*c, live) > 0);
        QCOMPARE(quarantined(*c, live), qint64(1));
        QCOMPARE(test::openStageRows(*c, live), qint64(1));

        // Its process ends: the next look closes it.
        liveRecorder.reset();
        QVERIFY(lockReleased(*c, live));
        QCOMPARE(runner::reconcileDeadRuns(db.conninfo()).closed, std::vector<qint64>{live});
        QCOMPARE(runner::reconcileDeadRuns(db.conninfo()).closed, std::vector<qint64>{});
    }

    void severalReconcilersCloseEachDeadRunOnce()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        std::vector<qint64> dead;
        auto c = db.connect();
        for (int i = 0; i < 6; ++i) {
            dead.push_back(fakeRun(db.conninfo()));
            QVERIFY(lockReleased(*c, dead.back()));
        }
        std::vector<runner::DeadRunReport> reports(3);
        std::vector<std::thread> threads;
        for (auto &report : reports)
            threads.emplace_back([&report, &db] { report = runner::reconcileDeadRuns(db.conninfo()); });
        for (auto &t : threads)
            t.join();
        std::vector<qint64> closed;
        for (const auto &r : reports)
            closed.insert(closed.end(), r.closed.begin(), r.closed.end());
        std::sort(closed.begin(), closed.end());
        QCOMPARE(closed, dead); // each exactly once
        QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.run_log WHERE message LIKE '%killed or crashed%'"),
                 qint64(6));
    }

    void liveRunInAnotherThreadIsNeverTouched()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        // The run pauses in the middle of its load until the reconciler has looked.
        std::mutex mutex;
        std::condition_variable changed;
        bool paused = false;
        bool release = false;
        test::RecordingEvents events;
        events.onProgress = [&](const ProgressEvent &e) {
            if (e.stage != QLatin1String("load") || e.rowsDone == 0)
                return;
            std::unique_lock lock(mutex);
            if (release || paused)
                return;
            paused = true;
            changed.notify_all();
            changed.wait(lock, [&] { return release; });
        };
        runner::RunResult result;
        std::thread runThread([&] {
            CancelToken cancel;
            result =
                runner::RunExecution(db.conninfo(), test::smallRun(m_staging.path(), 0.02, 5), events).execute(cancel);
        });
        {
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] { return paused; });
        }
        const qint64 runId = events.runId;
        const runner::DeadRunReport report = runner::reconcileDeadRuns(db.conninfo());
        const QString status =
            test::scalar(*c, "SELECT status FROM ops.pipeline_run WHERE run_id = " + std::to_string(runId));
        const qint64 partitions = test::stagingPartitions(*c, runId);
        {
            std::lock_guard lock(mutex);
            release = true;
        }
        changed.notify_all();
        runThread.join();
        qInfo("reconciled while run %lld was loading: closed %zu, its status %s, %lld staging partitions",
              static_cast<long long>(runId), report.closed.size(), qPrintable(status),
              static_cast<long long>(partitions));
        QVERIFY(std::find(report.closed.begin(), report.closed.end(), runId) == report.closed.end());
        QCOMPARE(status, QStringLiteral("running"));
        QVERIFY(partitions > 0);
        QVERIFY2(result.status == runner::RunStatus::Succeeded, qPrintable(result.error + events.allLog()));
    }

    void stageRowsOfEveryFinishedRunEnd()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        CancelToken none;

        // Succeeded.
        test::RecordingEvents okEvents;
        const auto ok =
            runner::RunExecution(db.conninfo(), test::smallRun(m_staging.path(), 0.02, 3), okEvents).execute(none);
        QVERIFY2(ok.status == runner::RunStatus::Succeeded, qPrintable(ok.error));
        verifyStageRowsEnded(*c, ok.runId);
        const std::string okId = std::to_string(ok.runId);
        QCOMPARE(
            test::scalar(
                *c, "SELECT status FROM ops.stage_result WHERE stage = 'validate' AND table_name = '' AND run_id = " +
                        okId),
            QStringLiteral("succeeded"));
        // Per table, the transform and validate work is timed, not copied.
        for (const char *stage : {"transform", "validate"}) {
            const qint64 worked =
                test::number(*c, "SELECT count(*) FROM ops.stage_result WHERE run_id = " + okId + " AND stage = '" +
                                     stage + "' AND table_name <> '' AND rows_read > 0");
            const qint64 timed =
                test::number(*c, "SELECT count(*) FROM ops.stage_result WHERE run_id = " + okId + " AND stage = '" +
                                     stage + "' AND table_name <> '' AND rows_read > 0 AND ended_at > started_at");
            qInfo("%s: %lld of %lld tables with rows have a duration > 0; %s", stage, static_cast<long long>(timed),
                  static_cast<long long>(worked),
                  qPrintable(
                      test::scalar(*c, "SELECT string_agg(table_name || ' ' || round(extract(epoch FROM ended_at - "
                                       "started_at) * 1000, 1) || ' ms', ', ') FROM ops.stage_result WHERE run_id = " +
                                           okId + " AND stage = '" + stage + "' AND table_name <> ''")));
            QVERIFY(worked >= 8);
            QCOMPARE(timed, worked);
        }

        // Failed in the source stage (a snapshot that does not exist).
        test::RecordingEvents failEvents;
        const auto failed =
            runner::RunExecution(db.conninfo(),
                                 test::snapshotRun(m_staging.path(), m_staging.filePath(QStringLiteral("none"))),
                                 failEvents)
                .execute(none);
        QVERIFY(failed.status == runner::RunStatus::Failed);
        verifyStageRowsEnded(*c, failed.runId);
        QCOMPARE(test::scalar(*c, "SELECT status FROM ops.stage_result WHERE stage = 'source' AND run_id = " +
                                      std::to_string(failed.runId)),
                 QStringLiteral("failed"));

        // Cancelled in the middle of the transform.
        test::RecordingEvents cancelEvents;
        CancelToken cancel;
        cancelEvents.onProgress = [&](const ProgressEvent &e) {
            if (e.stage == QLatin1String("transform"))
                cancel.cancel();
        };
        const auto cancelled =
            runner::RunExecution(db.conninfo(), test::smallRun(m_staging.path(), 0.02, 4), cancelEvents)
                .execute(cancel);
        QVERIFY(cancelled.status == runner::RunStatus::Cancelled);
        verifyStageRowsEnded(*c, cancelled.runId);
        QCOMPARE(test::scalar(*c, "SELECT status FROM ops.stage_result WHERE stage = 'publish' AND run_id = " +
                                      std::to_string(cancelled.runId)),
                 QStringLiteral("cancelled"));

        // Stopped by a failing gate.
        runner::RunSpec gated = test::smallRun(m_staging.path(), 0.02, 6);
        synthetic::GeneratorOptions defective;
        defective.scale = 0.02;
        defective.seed = 6;
        defective.defects = {0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01};
        gated.sourceOptions = defective.toJson();
        gated.gates = {{"mode", "fail"}, {"overall", 100}};
        test::RecordingEvents gateEvents;
        const auto gateFailed = runner::RunExecution(db.conninfo(), gated, gateEvents).execute(none);
        QVERIFY(gateFailed.status == runner::RunStatus::Failed);
        QCOMPARE(gateFailed.gateStatus, QStringLiteral("failed"));
        verifyStageRowsEnded(*c, gateFailed.runId);
        QCOMPARE(
            test::scalar(
                *c, "SELECT status FROM ops.stage_result WHERE stage = 'validate' AND table_name = '' AND run_id = " +
                        std::to_string(gateFailed.runId)),
            QStringLiteral("failed"));
    }
};

QTEST_GUILESS_MAIN(TestFaultRecords)
#include "tst_fault_records.moc"

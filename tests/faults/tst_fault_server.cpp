// The server stopped with `pg_ctl stop -m immediate` in the middle of the
// transform, on a private cluster (the shared test server must not go away
// under other suites). Restarted within the run's recovery wait, the run
// waits, resumes and succeeds, and says so. Restarted after it, the run
// fails in words, the committed warehouse is unchanged, the dead record is
// closed by the next look, and the next run succeeds.
#include "FaultSupport.h"
#include "RunHarness.h"
#include "runner/DeadRuns.h"

#include <QtTest>
#include <pqxx/pqxx>

#include <thread>

using namespace ecomops;

namespace {

struct Crash {
    runner::RunResult result;
    QString log;
};

// Runs `spec`, crashes the server at the transform's first progress event and
// starts it again `downMs` later.
Crash crashDuringTransform(test::PrivateCluster &cluster, const runner::RunSpec &spec, int downMs)
{
    std::thread restarter;
    bool crashed = false;
    test::RecordingEvents events;
    events.onProgress = [&](const ProgressEvent &e) {
        if (crashed || e.stage != QLatin1String("transform"))
            return;
        crashed = true;
        cluster.stopImmediate();
        restarter = std::thread([&cluster, downMs] {
            std::this_thread::sleep_for(std::chrono::milliseconds(downMs));
            cluster.start();
        });
    };
    CancelToken cancel;
    Crash crash;
    crash.result = runner::RunExecution(cluster.conninfo(), spec, events).execute(cancel);
    if (restarter.joinable())
        restarter.join();
    crash.log = events.allLog();
    return crash;
}

QString line(const QString &log, const QString &words)
{
    const qsizetype at = log.indexOf(words);
    return at < 0 ? QStringLiteral("(not in the log)") : log.mid(at, log.indexOf(QLatin1Char('\n'), at) - at);
}

} // namespace

class TestFaultServer : public QObject
{
    Q_OBJECT
    QTemporaryDir m_staging;

private slots:
    void restartWithinTheWaitIsRiddenOut()
    {
        test::PrivateCluster cluster;
        QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
        const Crash crash = crashDuringTransform(cluster, test::smallRun(m_staging.path(), 0.03, 41), 2000);
        qInfo("injected: pg_ctl stop -m immediate during the transform, started again 2 s later; run %s; %s",
              qPrintable(runner::toString(crash.result.status)),
              qPrintable(line(crash.log, QStringLiteral("the server restarted"))));
        if (crash.result.status != runner::RunStatus::Succeeded)
            qWarning("%s", qPrintable(crash.log.right(3000)));
        QVERIFY2(crash.result.status == runner::RunStatus::Succeeded, qPrintable(crash.result.error));
        QVERIFY(crash.log.contains(QStringLiteral("the server restarted; resumed after")));
        pqxx::connection c{cluster.conninfo().toStdString()};
        QCOMPARE(
            test::scalar(c, "SELECT status FROM ops.pipeline_run WHERE run_id = " + std::to_string(crash.result.runId)),
            QStringLiteral("succeeded"));
        QCOMPARE(test::openStageRows(c, crash.result.runId), qint64(0));
    }

    void restartAfterTheWaitFailsTheRunAndChangesNothing()
    {
        test::PrivateCluster cluster;
        QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
        {
            test::RecordingEvents events;
            CancelToken cancel;
            const auto committed =
                runner::RunExecution(cluster.conninfo(), test::smallRun(m_staging.path(), 0.03, 42), events)
                    .execute(cancel);
            QVERIFY2(committed.status == runner::RunStatus::Succeeded, qPrintable(committed.error));
        }
        test::Checksums before;
        {
            pqxx::connection c{cluster.conninfo().toStdString()};
            before = test::warehouseChecksums(c);
        }
        runner::RunSpec spec = test::smallRun(m_staging.path(), 0.03, 43);
        spec.recoveryWaitSeconds = 1;
        const Crash crash = crashDuringTransform(cluster, spec, 4000);
        QVERIFY(crash.result.status == runner::RunStatus::Failed);
        QVERIFY2(crash.result.error.contains(QStringLiteral("the server did not come back within 1 s")),
                 qPrintable(crash.result.error));

        // Either the run wrote its own end once the server was back (its
        // record waits for it), or it could not, and the next look (after its
        // recovery wait and the margin) closes it as dead. Which one depends
        // on how fast the server came back; both must end failed and clean.
        const std::string id = std::to_string(crash.result.runId);
        QElapsedTimer waited;
        waited.start();
        bool closedAsDead = false;
        bool ended = false;
        while (!ended && waited.elapsed() < 30000) {
            const runner::DeadRunReport report = runner::reconcileDeadRuns(cluster.conninfo());
            closedAsDead =
                std::find(report.closed.begin(), report.closed.end(), crash.result.runId) != report.closed.end();
            pqxx::connection look{cluster.conninfo().toStdString()};
            ended = test::scalar(look, "SELECT status FROM ops.pipeline_run WHERE run_id = " + id) !=
                    QLatin1String("running");
            if (!ended)
                QThread::msleep(500);
        }
        QVERIFY2(ended, "the run was neither ended by itself nor closed as dead within 30 s of the crash");
        qInfo("the run was ended %s",
              closedAsDead ? "by the next look, as dead" : "by itself, once the server was back");
        pqxx::connection c{cluster.conninfo().toStdString()};
        const test::Checksums after = test::warehouseChecksums(c);
        qInfo("injected: pg_ctl stop -m immediate during the transform, started again 4 s later (wait 1 s); run %s %s: "
              "%s; closed after %.1f s; checksum before %s, after %s",
              id.c_str(), qPrintable(test::scalar(c, "SELECT status FROM ops.pipeline_run WHERE run_id = " + id)),
              qPrintable(test::scalar(c, "SELECT error_text FROM ops.pipeline_run WHERE run_id = " + id)),
              double(waited.elapsed()) / 1000.0, qPrintable(test::combined(before)), qPrintable(test::combined(after)));
        QCOMPARE(test::scalar(c, "SELECT status FROM ops.pipeline_run WHERE run_id = " + id), QStringLiteral("failed"));
        QCOMPARE(test::openStageRows(c, crash.result.runId), qint64(0));
        QCOMPARE(test::stagingPartitions(c, crash.result.runId), qint64(0));
        QVERIFY2(test::differences(before, after).isEmpty(), qPrintable(test::differences(before, after)));

        // And the next run succeeds.
        test::RecordingEvents events;
        CancelToken cancel;
        const auto next = runner::RunExecution(cluster.conninfo(), test::smallRun(m_staging.path(), 0.03, 44), events)
                              .execute(cancel);
        QVERIFY2(next.status == runner::RunStatus::Succeeded, qPrintable(next.error));
    }
};

QTEST_GUILESS_MAIN(TestFaultServer)
#include "tst_fault_server.moc"

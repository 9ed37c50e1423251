// The real `ecomops` binary killed with SIGKILL in the middle of a load and
// in the middle of the publish stage: the next `ecomops runs list` shows the
// run failed with the sentence, no staging partition of it remains, every
// warehouse relation is as it was before, and a rerun of its snapshot succeeds.
#include "FaultSupport.h"
#include "TestDatabase.h"
#include "TestSupport.h"
#include "runner/DeadRuns.h"

#include <QProcess>
#include <QtTest>
#include <pqxx/pqxx>

#include <csignal>

using namespace ecomops;

namespace {

struct Finished {
    int exitCode = -1;
    QString out;
};

Finished runCli(const QStringList &arguments)
{
    QProcess p;
    p.start(test::ecomopsBinary(), arguments);
    p.waitForFinished(240000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError())};
}

} // namespace

class TestFaultCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_staging;

private slots:
    void killedCliRunIsClosed_data()
    {
        QTest::addColumn<QString>("moment");
        QTest::addColumn<QString>("when"); // SQL that is true at that moment
        // Mid-load: a COPY in flight, or some tables loaded and validate not begun.
        QTest::newRow("mid-load") << QStringLiteral("load")
                                  << QStringLiteral(
                                         "SELECT (SELECT count(*) FROM pg_stat_progress_copy WHERE datname = "
                                         "current_database()) + (SELECT count(*) FROM ops.stage_result WHERE "
                                         "stage = 'load' AND status = 'succeeded' AND NOT EXISTS (SELECT 1 FROM "
                                         "ops.stage_result WHERE stage = 'validate'))");
        // Mid-publish: its stage row is open and a transform statement is running.
        QTest::newRow("mid-publish") << QStringLiteral("publish")
                                     << QStringLiteral(
                                            "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                            "current_database() AND state = 'active' AND pid <> pg_backend_pid() "
                                            "AND query ~ 'dw\\.\"?transform_' AND EXISTS (SELECT 1 FROM "
                                            "ops.stage_result WHERE stage = 'publish' AND status = 'running')");
    }
    void killedCliRunIsClosed()
    {
        QFETCH(QString, moment);
        QFETCH(QString, when);
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        const test::Checksums before = test::warehouseChecksums(*c);

        QProcess cli;
        cli.start(test::ecomopsBinary(),
                  {QStringLiteral("run"), QStringLiteral("--conninfo"), db.conninfo(), QStringLiteral("--scale"),
                   QStringLiteral("0.05"), QStringLiteral("--seed"), QStringLiteral("8"), QStringLiteral("--staging"),
                   m_staging.path(), QStringLiteral("--gate-mode"), QStringLiteral("warn")});
        QVERIFY(cli.waitForStarted());
        bool hit = false;
        for (int i = 0; i < 12000 && !hit && cli.state() == QProcess::Running; ++i) {
            hit = test::number(*c, when.toStdString()) > 0;
            if (!hit)
                QThread::msleep(5);
        }
        QVERIFY2(hit, qPrintable(QStringLiteral("the run ended before the %1 stage was seen: ").arg(moment) +
                                 QString::fromUtf8(cli.readAll())));
        const qint64 pid = cli.processId();
        ::kill(pid_t(pid), SIGKILL);
        QVERIFY(cli.waitForFinished(10000));
        const qint64 runId = test::number(*c, "SELECT max(run_id) FROM ops.pipeline_run");
        const std::string id = std::to_string(runId);
        const QString statusBefore = test::scalar(*c, "SELECT status FROM ops.pipeline_run WHERE run_id = " + id);

        const Finished list =
            runCli({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--conninfo"), db.conninfo()});
        const test::Checksums after = test::warehouseChecksums(*c);
        qInfo("injected: SIGKILL of `ecomops run` (pid %lld) mid-%s; run %s was '%s'; checksum before %s, after runs "
              "list %s",
              static_cast<long long>(pid), qPrintable(moment), id.c_str(), qPrintable(statusBefore),
              qPrintable(test::combined(before)), qPrintable(test::combined(after)));
        QCOMPARE(statusBefore, QStringLiteral("running"));
        QCOMPARE(list.exitCode, 0);
        const QString line = list.out.split(QLatin1Char('\n'))
                                 .filter(QRegularExpression(QStringLiteral("^\\s*%1 ").arg(runId)))
                                 .value(0);
        qInfo("runs list: %s", qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral(" failed ")) && line.contains(runner::deadRunMessage()),
                 qPrintable(list.out));
        QCOMPARE(test::stagingPartitions(*c, runId), qint64(0));
        QCOMPARE(test::openStageRows(*c, runId), qint64(0));
        QVERIFY2(test::differences(before, after).isEmpty(), qPrintable(test::differences(before, after)));

        // Its snapshot stayed: run it again.
        const QString snapshot = test::scalar(*c, "SELECT snapshot_path FROM ops.pipeline_run WHERE run_id = " + id);
        QVERIFY(QFileInfo::exists(snapshot + QStringLiteral("/_SUCCESS")));
        const Finished rerun = runCli({QStringLiteral("run"), QStringLiteral("--conninfo"), db.conninfo(),
                                       QStringLiteral("--source"), QStringLiteral("snapshot"), QStringLiteral("--path"),
                                       snapshot, QStringLiteral("--gate-mode"), QStringLiteral("warn")});
        QVERIFY2(rerun.exitCode == 0, qPrintable(rerun.out));
        QCOMPARE(
            test::scalar(
                *c, "SELECT status FROM ops.pipeline_run WHERE run_id = (SELECT max(run_id) FROM ops.pipeline_run)"),
            QStringLiteral("succeeded"));
    }
};

QTEST_GUILESS_MAIN(TestFaultCli)
#include "tst_fault_cli.moc"

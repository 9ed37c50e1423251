// A pipeline run as an operator, not as the owner: every connection of the
// engine acts as a LOGIN role that is a member of ecomops_operator only
// (libpq's options=-c role=…; the test cluster has peer authentication, so
// a test cannot log in under another name). A scale-0.05 synthetic run
// succeeds end to end (staging partitions, transform, detection, marts), a
// gate-failed run is undone as far as the operator may (its staging
// dropped, its evidence kept), and the same role is refused forging a flag
// or deleting run history with the database's own 42501.
#include "AnomalyTestSupport.h"
#include "RunHarness.h"
#include "TestDatabase.h"
#include "anomalies/AnomalyError.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

#include <pqxx/pqxx>

using namespace ecomops;

namespace {

// `conninfo` (a URI) whose sessions act as `role` from their start.
QString actingAs(const QString &conninfo, const std::string &role)
{
    const QString option = QStringLiteral("-c role=") + QString::fromStdString(role);
    return conninfo + (conninfo.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
           QStringLiteral("options=") + QString::fromUtf8(QUrl::toPercentEncoding(option));
}

runner::RunSpec spec(const QString &stagingDir, double defectRate)
{
    synthetic::GeneratorOptions generator;
    generator.scale = 0.05;
    generator.seed = 14;
    generator.anomalies.rate = 0.03;
    generator.anomalies.productShare = 0.2;
    generator.defects.badEmail = defectRate;
    runner::RunSpec s;
    s.sourceOptions = generator.toJson();
    s.stagingDir = stagingDir;
    s.trigger = runner::Trigger::Test;
    s.startedBy = QStringLiteral("tst_operator_run");
    return s;
}

} // namespace

class TestOperatorRun : public QObject
{
    Q_OBJECT

private slots:
    void operatorRunsThePipeline()
    {
        QTemporaryDir staging;
        QVERIFY(staging.isValid());
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        test::LoginRole op(db.name(), "op", "ecomops_operator");
        const QString conninfo = actingAs(db.conninfo(), op.name());
        {
            pqxx::connection c{conninfo.toStdString()};
            QCOMPARE(test::scalar(c, "SELECT current_user"), QString::fromStdString(op.name()));
            QCOMPARE(test::scalar(c, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"),
                     QStringLiteral("f"));
        }

        test::RecordingEvents events;
        runner::RunExecution execution(conninfo, spec(staging.path(), 0), events);
        CancelToken cancel;
        const runner::RunResult result = execution.execute(cancel);
        QVERIFY2(result.status == runner::RunStatus::Succeeded,
                 qPrintable(result.error + QLatin1Char('\n') + events.allLog()));
        qInfo("run %lld as %s: %lld rows read, %lld loaded, %lld new flags", static_cast<long long>(result.runId),
              op.name().c_str(), static_cast<long long>(result.rowsRead), static_cast<long long>(result.rowsLoaded),
              static_cast<long long>(result.newAnomalies));
        QVERIFY(result.rowsLoaded > 0);

        auto admin = db.connect();
        const std::string run = std::to_string(result.runId);
        QCOMPARE(test::scalar(*admin, "SELECT db_role FROM ops.pipeline_run WHERE run_id = " + run),
                 QString::fromStdString(op.name()));
        QVERIFY(test::number(*admin, "SELECT count(*) FROM dw.fact_order_line") > 0);
        QVERIFY(test::number(*admin, "SELECT count(*) FROM mart.revenue_daily") > 0);
        QCOMPARE(test::number(*admin, "SELECT count(*) FROM ops.anomaly_flag WHERE run_id = " + run),
                 result.newAnomalies);
        QVERIFY(result.newAnomalies > 0);
        // The run's staging partitions are attached and belong to the owner, not the operator.
        QVERIFY(test::number(*admin, "SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                                     "WHERE c.relname = 'orders_r" +
                                         run + "'") == 1);
        QCOMPARE(test::number(*admin, "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                                      "WHERE r.rolname = '" +
                                          op.name() + "'"),
                 0LL);

        // A run whose gate fails: undone through the owner's functions.
        test::RecordingEvents failedEvents;
        runner::RunSpec failing = spec(staging.path(), 0.2);
        failing.gates = {{"overall", 100}};
        runner::RunExecution failedRun(conninfo, failing, failedEvents);
        const runner::RunResult failed = failedRun.execute(cancel);
        QVERIFY2(failed.status == runner::RunStatus::Failed, qPrintable(failedEvents.allLog()));
        QVERIFY2(!failedEvents.allLog().contains(QStringLiteral("could not remove")),
                 qPrintable(failedEvents.allLog()));
        const std::string failedId = std::to_string(failed.runId);
        QCOMPARE(test::number(*admin, "SELECT count(*) FROM pg_class WHERE relname LIKE '%\\_r" + failedId + "'"), 0LL);
        QVERIFY(test::number(*admin, "SELECT count(*) FROM ops.quality_score WHERE run_id = " + failedId) > 0);

        // What the operator may not do, as the same login role.
        pqxx::connection c{conninfo.toStdString()};
        QCOMPARE(test::sqlStateOf(
                     c, "INSERT INTO ops.anomaly_flag (order_id, line_no, order_date, order_ts, product_id, quantity, "
                        "baseline_median, baseline_sigma, threshold, z_score, method, k, min_history, min_sigma, "
                        "baseline_lines, status, version, status_changed_by) VALUES ('O-X', 1, '2025-01-01', "
                        "'2025-01-01', 'P', 99, 1, 1, 3, 98, 'stddev', 2, 5, 0, 30, 'RESOLVED', 7, 'ecomops_steward')"),
                 std::string("42501"));
        QCOMPARE(test::sqlStateOf(c, "DELETE FROM ops.pipeline_run"), std::string("42501"));
        QCOMPARE(test::sqlStateOf(c, "DELETE FROM ops.pipeline_run WHERE run_id = " + run), std::string("42501"));
        QCOMPARE(test::sqlStateOf(c, "UPDATE ops.pipeline_run SET status = 'failed' WHERE run_id = " + run),
                 std::string("42501"));
        QCOMPARE(test::sqlStateOf(c, "DELETE FROM ops.quality_score"), std::string("42501"));
        QCOMPARE(test::number(*admin, "SELECT count(*) FROM ops.pipeline_run"), 2LL);
    }
};

QTEST_GUILESS_MAIN(TestOperatorRun)
#include "tst_operator_run.moc"

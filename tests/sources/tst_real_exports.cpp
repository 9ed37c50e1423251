// Real exports tell the truth (issue 12), end to end on a test database:
// guest checkouts reach revenue to the cent, cancellations are kept, and a
// table that loses rows in the transform cannot score or pass as if it had
// not.
#include "SourceRunSupport.h"
#include "SourceTestSupport.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace ecomops;

namespace {

const QByteArray kLogHeader = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\r\n";

// Two known customers and guests, each with a cancellation. The revenue of
// the non-cancelled lines, by hand: 15.30 + 27.12 + 10.20 + 7.95 + 10.08 +
// 12.75 + 5.00 = 88.40 (of which guests 10.20 + 7.95 + 10.08 + 12.75 = 40.98).
const QByteArray kGuestLog =
    kLogHeader + "536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\r\n"
                 "536365,71053,WHITE METAL LANTERN,8,2010-12-01 08:26:00,3.39,17850,United Kingdom\r\n"
                 "536366,22633,HAND WARMER UNION JACK,12,2010-12-01 08:28:00,0.85,,United Kingdom\r\n"
                 "536366,22632,HAND WARMER RED POLKA DOT,1,2010-12-01 08:28:00,7.95,,United Kingdom\r\n"
                 "536366,84879,ASSORTED COLOUR BIRD ORNAMENT,24,2010-12-01 08:28:00,0.42,,United Kingdom\r\n"
                 "C536379,85123A,WHITE HANGING HEART,-2,2010-12-01 09:41:00,2.55,17850,United Kingdom\r\n"
                 "C536383,22632,HAND WARMER RED POLKA DOT,-1,2010-12-01 09:49:00,7.95,,United Kingdom\r\n"
                 "536370,22728,ALARM CLOCK BAKELIKE PINK,3,2010-12-01 08:45:00,4.25,,France\r\n"
                 "536371,21754,HOME BUILDING BLOCK WORD,4,2010-12-02 10:03:00,1.25,13047,United Kingdom\r\n"
                 "536372,21755,LOVE BUILDING BLOCK WORD,,2010-12-02 10:05:00,,,United Kingdom\r\n";

std::string runFilter(qint64 runId)
{
    return " WHERE created_run_id = " + std::to_string(runId);
}

} // namespace

class TestRealExports : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    test::SourceRun runLog(const test::TestDatabase &db, const QByteArray &bytes, const QString &name,
                           const nlohmann::json &gates)
    {
        const QString path = m_dir.filePath(name);
        test::writeBytes(path, bytes);
        runner::RunSpec spec =
            test::sourceSpec(QStringLiteral("txnlog"), {{"path", path.toStdString()}, {"date_order", "month_first"}},
                             m_dir.filePath(QStringLiteral("staging")));
        spec.gates = gates;
        return test::runSource(db, spec);
    }

private slots:
    void guestCheckoutsReachRevenueToTheCent()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        const auto run = runLog(db, kGuestLog, QStringLiteral("guests.csv"), {{"mode", "warn"}});
        QVERIFY2(run.result.status == runner::RunStatus::Succeeded, qPrintable(run.result.error + run.log));
        QVERIFY(run.result.reconciles());
        auto c = db.connect();
        qInfo("quarantine:\n%s", test::quarantineSummary(*c, run.result.runId).c_str());

        // Every line but the one without quantity and price reaches the
        // facts, guests and cancellations included.
        QCOMPARE(test::number(*c, "SELECT count(*) FROM dw.fact_order_line" + runFilter(run.result.runId)), qint64(9));
        QCOMPARE(test::number(*c, "SELECT count(*) FROM dw.fact_order WHERE status = 'Cancelled'"), qint64(2));
        QCOMPARE(test::number(*c, "SELECT count(*) FROM dw.fact_order WHERE customer_id IS NULL AND customer_sk = "
                                  "dw.unknown_customer_sk()"),
                 qint64(3));
        QCOMPARE(
            test::number(*c, "SELECT count(*) FROM dw.fact_order_line WHERE order_id = 'C536383' AND quantity = -1"),
            qint64(1));

        // Revenue: every non-cancelled line, to the cent.
        QCOMPARE(test::text(*c, "SELECT sum(revenue)::numeric(14,2) FROM mart.revenue_daily"), std::string("88.40|\n"));
        QCOMPARE(test::text(*c, "SELECT sum(revenue)::numeric(14,2) FROM mart.revenue_monthly"),
                 std::string("88.40|\n"));
        QCOMPARE(test::text(*c, "SELECT day, revenue::numeric(14,2), orders FROM mart.revenue_daily WHERE orders > 0 "
                                "ORDER BY day"),
                 std::string("2010-12-01|83.40|3|\n2010-12-02|5.00|1|\n"));
        // Customers are people: guests are not counted as one.
        QCOMPARE(test::number(*c, "SELECT max(customers) FROM mart.revenue_daily WHERE day = '2010-12-01'"), qint64(1));
        QCOMPARE(test::number(*c, "SELECT count(*) FROM dw.dim_customer WHERE customer_sk <> dw.unknown_customer_sk()"),
                 qint64(2));
        QCOMPARE(test::number(*c, "SELECT sum(new_customers) FROM mart.revenue_daily"), qint64(2));
        QCOMPARE(test::number(*c, "SELECT sum(cohort_size) FROM mart.cohort_retention WHERE months_since_first = 0"),
                 qint64(2));
        QCOMPARE(test::number(*c, "SELECT count(*) FROM mart.customer_lifetime_value"), qint64(2));
        QCOMPARE(test::number(*c, "SELECT customers FROM mart.churn_summary"), qint64(2));
        // What guests bring is said, not hidden: 40.98 of 88.40.
        QCOMPARE(test::text(*c, "SELECT guest_orders, guest_revenue::numeric(14,2), guest_revenue_share FROM "
                                "mart.guest_share_between('-infinity', 'infinity')"),
                 std::string("2|40.98|0.4636|\n"));
        QCOMPARE(
            test::text(*c, "SELECT revenue::numeric(14,2), customers FROM mart.segment_mix WHERE segment = 'Guest'"),
            std::string("40.98|0|\n"));

        // The line without quantity or price is the only one set aside, and
        // the counts say where every row went.
        QCOMPARE(test::number(*c, "SELECT count(*) FROM quarantine.rejected_row WHERE run_id = " +
                                      std::to_string(run.result.runId) + " AND table_name = 'order_lines'"),
                 qint64(1));
        for (const TableCounts &t : run.result.tables)
            QVERIFY2(t.reconciles(), qPrintable(t.table));
    }

    void transformRejectsLowerTheScoreAndFailTheGate()
    {
        // Four invoices dated in the future are quarantined at load (orders'
        // gate only warns); their eight lines then cannot resolve their order
        // and the transform rejects them: 8 of 14 lines never reach the
        // warehouse, so order_lines cannot score integrity above 6/14.
        QByteArray log = kLogHeader;
        for (int i = 0; i < 6; ++i)
            log +=
                QStringLiteral("5400%1,85123A,WHITE HANGING HEART,2,2011-01-0%2 10:00:00,2.55,17850,United Kingdom\r\n")
                    .arg(i)
                    .arg(i + 1)
                    .toUtf8();
        for (int i = 0; i < 4; ++i) {
            for (int line = 0; line < 2; ++line)
                log += QStringLiteral(
                           "5500%1,7105%2,WHITE METAL LANTERN,1,2035-01-0%3 10:00:00,3.39,17850,United Kingdom\r\n")
                           .arg(i)
                           .arg(line)
                           .arg(i + 1)
                           .toUtf8();
        }
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        const auto run = runLog(db, log, QStringLiteral("future.csv"), {{"tables", {{"orders", {{"mode", "warn"}}}}}});
        qInfo("%s", qPrintable(run.log));
        QVERIFY(run.result.status == runner::RunStatus::Failed);
        QCOMPARE(run.result.gateStatus, QStringLiteral("failed"));
        QVERIFY2(run.result.error.contains(QStringLiteral("order_lines")), qPrintable(run.result.error));
        QVERIFY(!run.result.published);
        auto c = db.connect();
        const std::string id = std::to_string(run.result.runId);

        // Nothing reached the warehouse; the rejects stay as evidence.
        QCOMPARE(test::number(*c, "SELECT count(*) FROM dw.fact_order_line"), qint64(0));
        QCOMPARE(test::number(*c, "SELECT count(*) FROM quarantine.rejected_row WHERE run_id = " + id +
                                      " AND table_name = 'order_lines' AND stage = 'transform' "
                                      "AND 'transform.reference' = ANY (rule_ids)"),
                 qint64(8));
        const double integrity =
            std::stod(test::text(*c, "SELECT score FROM ops.quality_score WHERE run_id = " + id +
                                         " AND table_name = 'order_lines' AND dimension = 'integrity'"));
        QVERIFY2(integrity <= 100.0 * 6.0 / 14.0, qPrintable(QString::number(integrity)));
        QCOMPARE(test::number(*c, "SELECT failed_count FROM ops.quality_failure WHERE run_id = " + id +
                                      " AND table_name = 'order_lines' AND rule_id = 'transform.reference'"),
                 qint64(8));

        // The summary lists, per table, where its rows went.
        const auto lines = std::find_if(run.result.tables.begin(), run.result.tables.end(),
                                        [](const TableCounts &t) { return t.table == QLatin1String("order_lines"); });
        QVERIFY(lines != run.result.tables.end());
        QCOMPARE(lines->read, qint64(14));
        QCOMPARE(lines->rejected, qint64(8));
        QCOMPARE(lines->loaded, qint64(6));
        QVERIFY(lines->reconciles());
        QCOMPARE(test::number(*c, "SELECT (summary->'tables'->i->>'rejected')::bigint FROM ops.pipeline_run, "
                                  "generate_series(0, jsonb_array_length(summary->'tables') - 1) i WHERE run_id = " +
                                      id + " AND summary->'tables'->i->>'table' = 'order_lines'"),
                 qint64(8));
    }
};

QTEST_GUILESS_MAIN(TestRealExports)
#include "tst_real_exports.moc"

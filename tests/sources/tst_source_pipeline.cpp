// Real data end to end on a test database through runner::RunExecution:
// both shared samples load and reconcile, their orphans are quarantined with
// reasons, a transaction log loaded twice changes nothing and a second log
// adds only its rows.
#include "OlistFixture.h"
#include "SourceRunSupport.h"
#include "SourceTestSupport.h"
#include "TestSupport.h"
#include "staging/Catalog.h"

#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace ecomops;

namespace {

// Every table of the run: read = loaded + quarantined, read = the rows the
// source staged, quarantined = what the quarantine holds for it.
void verifyReconciles(pqxx::connection &c, const runner::RunResult &r)
{
    qInfo("quarantine of run %lld:\n%s", r.runId, test::quarantineSummary(c, r.runId).c_str());
    QVERIFY(r.reconciles());
    QFile meta(r.snapshotPath + QStringLiteral("/_metadata.json"));
    QVERIFY(meta.open(QIODevice::ReadOnly));
    const nlohmann::json metadata = nlohmann::json::parse(meta.readAll().toStdString());
    std::map<std::string, qint64> staged;
    for (const auto &f : metadata.at("files"))
        staged[f.at("table").get<std::string>()] = f.at("rows").get<qint64>();
    QCOMPARE(r.tables.size(), staged.size());
    for (const TableCounts &t : r.tables) {
        const std::string table = t.table.toStdString();
        QVERIFY2(t.reconciles(), qPrintable(t.table));
        QCOMPARE(t.read, staged.at(table));
        QCOMPARE(t.quarantined + t.rejected,
                 test::number(c, "SELECT count(*) FROM quarantine.rejected_row WHERE run_id = " +
                                     std::to_string(r.runId) + " AND table_name = '" + table + "'"));
    }
    QVERIFY(metadata.at("report").contains("files") || metadata.at("report").contains("tables"));
}

const QByteArray kLogHeader = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

} // namespace

class TestSourcePipeline : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void catalogMatchesTheStagingTables()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        for (const staging::TableSpec &t : staging::catalog()) {
            pqxx::read_transaction tx{*c};
            std::set<std::string> columns;
            for (const auto &row :
                 tx.exec_params("SELECT column_name FROM information_schema.columns WHERE table_schema = "
                                "'staging' AND table_name = $1 AND column_name NOT IN ('run_id', 'source_line')",
                                t.name))
                columns.insert(row[0].as<std::string>());
            const auto names = t.columnNames();
            QCOMPARE(columns, std::set<std::string>(names.begin(), names.end()));
        }
    }

    void olistSampleLoadsAndQuarantinesItsOrphans()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        const QString sample = test::sharedDatasetsDir() + QStringLiteral("/olist-sample");
        const auto run = test::runSource(db, test::sourceSpec(QStringLiteral("olist"), {{"path", sample.toStdString()}},
                                                              m_dir.filePath(QStringLiteral("staging"))));
        QVERIFY2(run.result.status == runner::RunStatus::Succeeded, qPrintable(run.result.error + run.log));
        auto c = db.connect();
        verifyReconciles(*c, run.result);
        std::map<QString, qint64> read;
        for (const TableCounts &t : run.result.tables)
            read[t.table] = t.read;
        QCOMPARE(read[QStringLiteral("orders")], qint64(4071));
        QCOMPARE(read[QStringLiteral("order_lines")], qint64(5154));
        QCOMPARE(read[QStringLiteral("payments")], qint64(4733));
        QCOMPARE(read[QStringLiteral("reviews")], qint64(6123));
        QCOMPARE(read[QStringLiteral("customers")], qint64(200));
        const std::string id = std::to_string(run.result.runId);
        // Orphans are quarantined, with the reason in words.
        QVERIFY(
            test::number(
                *c, "SELECT count(*) FROM quarantine.rejected_row WHERE run_id = " + id +
                        " AND table_name = 'orders' AND array_to_string(reasons, ' ') LIKE '%is not in customers%'") >
            4000);
        QVERIFY(test::number(*c, "SELECT count(*) FROM dw.fact_order") > 0);
        // Customers are people, with their state (0041), down to the marts.
        QCOMPARE(
            test::number(*c, "SELECT count(*) FROM dw.dim_customer WHERE state ~ '^[A-Z]{2}$' AND country_code = 'BR'"),
            qint64(200));
        QCOMPARE(test::number(*c, "SELECT count(*) FROM mart.order_summary WHERE state IS NULL"), qint64(0));
        // The scorecard shows it: integrity of the orders is far from 100.
        const qint64 integrity =
            test::number(*c, "SELECT floor(score)::bigint FROM ops.quality_score WHERE run_id = " + id +
                                 " AND table_name = 'orders' AND dimension = 'integrity'");
        QVERIFY2(integrity < 50, qPrintable(QString::number(integrity)));
        QVERIFY(run.log.contains(QStringLiteral("what the import understood")));
    }

    // What only Olist carries reaches the warehouse: sellers, postcodes with
    // coordinates, reviews with their text exactly as written, the order's
    // milestones and each line's seller, shipping limit and freight; a
    // second run of the same export writes nothing.
    void olistDetailReachesTheWarehouse()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        const QString in = m_dir.filePath(QStringLiteral("olist-detail"));
        test::writeOlist(in);
        test::writeBytes(
            in + QStringLiteral("/olist_geolocation_dataset.csv"),
            "geolocation_zip_code_prefix,geolocation_lat,geolocation_lng,geolocation_city,geolocation_state\n"
            "13023,-22.90,-47.06,campinas,SP\n"
            "13023,-22.92,-47.08,campinas,SP\n"
            "01001,-23.55,-46.63,sao paulo,SP\n");
        const auto spec = test::sourceSpec(QStringLiteral("olist"), {{"path", in.toStdString()}},
                                           m_dir.filePath(QStringLiteral("staging")));
        const auto run = test::runSource(db, spec);
        QVERIFY2(run.result.status == runner::RunStatus::Succeeded, qPrintable(run.result.error + run.log));
        auto c = db.connect();
        verifyReconciles(*c, run.result);

        QCOMPARE(test::text(*c, "SELECT seller_id, zip_code, city, state FROM dw.dim_seller"),
                 std::string("s1|13023|campinas|SP|\n"));
        QCOMPARE(test::text(*c, "SELECT zip_code, city, latitude::numeric(8,3), longitude::numeric(8,3), points "
                                "FROM dw.dim_zip_code ORDER BY 1"),
                 std::string("01001|sao paulo|-23.550|-46.630|1|\n13023|campinas|-22.910|-47.070|2|\n"));
        QCOMPARE(test::text(*c, "SELECT review_id, order_id, score, coalesce(comment_title, '-'), "
                                "replace(coalesce(comment_message, '-'), chr(13), '\\r'), created_ts, answered_ts "
                                "FROM dw.fact_review ORDER BY 1"),
                 std::string("r1|o1|5|-|Muito bom,\\r\nrecomendo \"demais\"|2017-10-11 00:00:00|2017-10-12 03:43:48|\n"
                             "r2|o2|1|Ruim|-|2017-11-21 00:00:00|2017-11-22 10:00:00|\n"));
        QCOMPARE(test::text(*c, "SELECT order_id, approved_ts, delivered_carrier_ts, delivered_customer_ts, "
                                "estimated_delivery_ts FROM dw.fact_order ORDER BY 1"),
                 std::string("o1|2017-10-02 11:07:00|2017-10-04 19:55:00|2017-10-10 21:25:00|2017-10-18 00:00:00|\n"
                             "o2|NULL|NULL|NULL|2017-11-30 00:00:00|\n"));
        QCOMPARE(test::text(*c, "SELECT order_id, line_no, seller_id, shipping_limit_ts, freight_value "
                                "FROM dw.fact_order_line ORDER BY 1, 2"),
                 std::string("o1|1|s1|2017-10-06 11:07:15|13.2900|\n"
                             "o1|2|s1|2017-10-06 11:07:15|5.0000|\n"
                             "o2|1|s1|2017-11-20 09:00:00|13.2900|\n"));

        // By hand: only o1 (delivered) is a revenue order; o2 is shipped.
        // o1: 58.90 + 10.00, freight 13.29 + 5.00, delivered 2017-10-10 21:25
        // against 2017-10-18 (on time), 8 d 10 h 29 min after purchase; r1 scored 5.
        QCOMPARE(
            test::text(*c,
                       "SELECT seller_id, city, state, orders, items, revenue, freight, delivered_orders, "
                       "late_orders, late_share, days_to_deliver, reviews, review_score FROM mart.seller_performance"),
            std::string("s1|campinas|SP|1|2|68.9000|18.2900|1|0|0.0000|8.4|1|5.00|\n"));

        const auto before = test::warehouseChecksums(*c);
        QVERIFY(before.count("fact_review") == 1 && before.count("dim_seller") == 1 &&
                before.count("dim_zip_code") == 1);
        const auto again = test::runSource(db, spec);
        QVERIFY2(again.result.status == runner::RunStatus::Succeeded, qPrintable(again.result.error + again.log));
        QCOMPARE(test::warehouseChecksums(*c), before);
    }

    void txnlogSampleNeedsItsDateOrderAndLoads()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        const QString sample =
            test::sharedDatasetsDir() + QStringLiteral("/transaction-log-sample/online_retail_sample.csv");
        const QString staging = m_dir.filePath(QStringLiteral("staging"));
        // Every date of the sample ("12/1/10 8:26") reads both ways.
        const auto refused =
            test::runSource(db, test::sourceSpec(QStringLiteral("txnlog"), {{"path", sample.toStdString()}}, staging));
        QVERIFY(refused.result.status == runner::RunStatus::Failed);
        QVERIFY2(refused.result.error.contains(QStringLiteral("online_retail_sample.csv")) &&
                     refused.result.error.contains(QStringLiteral("ambiguous")),
                 qPrintable(refused.result.error));

        const auto run = test::runSource(
            db, test::sourceSpec(QStringLiteral("txnlog"),
                                 {{"path", sample.toStdString()}, {"date_order", "month_first"}}, staging));
        QVERIFY2(run.result.status == runner::RunStatus::Succeeded, qPrintable(run.result.error + run.log));
        auto c = db.connect();
        verifyReconciles(*c, run.result);
        QCOMPARE(test::text(*c, "SELECT min(order_ts)::text, max(order_ts)::text FROM dw.fact_order"),
                 std::string("2010-12-01 08:26:00|2010-12-01 09:59:00|\n"));
        const std::string revenue = test::text(*c, "SELECT sum(revenue) FROM mart.revenue_monthly");
        QCOMPARE(revenue, test::text(*c, "SELECT sum(line_total) FROM dw.fact_order_line WHERE status = 'Completed'"));
        QVERIFY(test::number(*c, "SELECT count(*) FROM dw.fact_order_line WHERE status = 'Completed'") > 100);
        QCOMPARE(test::text(*c, "SELECT country_code, country_name FROM dw.dim_country ORDER BY 1"),
                 std::string("FR|France|\nGB|United Kingdom|\n"));
        // Four lines of the sample lost the comma before their quantity: they
        // are quarantined with the source file's own line and reason.
        QCOMPARE(test::text(*c, "SELECT array_to_string(reasons, '; ') FROM quarantine.rejected_row WHERE run_id = " +
                                    std::to_string(run.result.runId) + " AND stage = 'load' ORDER BY source_line"),
                 std::string("online_retail_sample.csv:121: field count 7, expected 8|\n"
                             "online_retail_sample.csv:172: field count 7, expected 8|\n"
                             "online_retail_sample.csv:175: field count 7, expected 8|\n"
                             "online_retail_sample.csv:179: field count 7, expected 8|\n"));
    }

    void txnlogTwiceChangesNothingAndASecondFileAddsOnlyItsRows()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        const QString first = m_dir.filePath(QStringLiteral("log/2010-12-01.csv"));
        const QString second = m_dir.filePath(QStringLiteral("log2/2010-12-02.csv"));
        test::writeBytes(
            first,
            kLogHeader +
                "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER ,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"
                "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom\n"
                "536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,13047,United Kingdom\n"
                "C536379,85123A,WHITE HANGING HEART T-LIGHT HOLDER,-2,2010-12-01 09:41:00,2.55,17850,United Kingdom\n"
                "536370,22728,ALARM CLOCK BAKELIKE PINK,24,2010-12-01 08:45:00,3.75,12583,France\n");
        test::writeBytes(
            second,
            kLogHeader +
                "536400,85123A,WHITE HANGING HEART T-LIGHT HOLDER,12,2010-12-02 10:00:00,2.95,17850,United Kingdom\n"
                "536400,22633,HAND WARMER UNION JACK,1,2010-12-02 10:00:00,1.85,17850,United Kingdom\n"
                "536401,22728,ALARM CLOCK BAKELIKE PINK,2,2010-12-02 11:00:00,3.75,14000,Germany\n");
        const QString staging = m_dir.filePath(QStringLiteral("staging"));
        auto c = db.connect();
        auto load = [&](const QString &path) {
            const auto run = test::runSource(
                db, test::sourceSpec(QStringLiteral("txnlog"), {{"path", path.toStdString()}}, staging));
            if (run.result.status != runner::RunStatus::Succeeded)
                qWarning("%s\n%s", qPrintable(run.result.error), qPrintable(run.log));
            return run.result;
        };
        const runner::RunResult a = load(first);
        QVERIFY(a.status == runner::RunStatus::Succeeded);
        verifyReconciles(*c, a);
        const auto afterFirst = test::warehouseChecksums(*c);
        QCOMPARE(afterFirst.at("fact_order_line").substr(0, 2), std::string("5:"));

        const runner::RunResult again = load(first);
        QVERIFY(again.status == runner::RunStatus::Succeeded);
        QCOMPARE(test::warehouseChecksums(*c), afterFirst);

        const std::string firstRunRows =
            "SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) FROM dw.fact_order_line x "
            "WHERE created_run_id = " +
            std::to_string(a.runId);
        const std::string before = test::text(*c, firstRunRows);
        const runner::RunResult b = load(second);
        QVERIFY(b.status == runner::RunStatus::Succeeded);
        QCOMPARE(test::number(*c, "SELECT count(*) FROM dw.fact_order_line"), qint64(5 + 3));
        QCOMPARE(test::number(*c, "SELECT count(*) FROM dw.fact_order"), qint64(4 + 2));
        QCOMPARE(test::number(*c, "SELECT count(*) FROM dw.fact_order_line WHERE created_run_id = " +
                                      std::to_string(b.runId)),
                 qint64(3));
        QCOMPARE(test::text(*c, firstRunRows), before);
        // The new price of 85123A is a new version; lines point at the version of their time.
        QCOMPARE(test::text(*c, "SELECT l.order_id, p.unit_price FROM dw.fact_order_line l JOIN dw.dim_product p "
                                "ON p.product_sk = l.product_sk WHERE l.product_id = '85123A' ORDER BY 1"),
                 std::string("536365|2.5500|\n536400|2.9500|\nC536379|2.5500|\n"));
        QCOMPARE(test::number(*c, "SELECT count(*) FROM dw.dim_country"), qint64(3));
    }
};

QTEST_GUILESS_MAIN(TestSourcePipeline)
#include "tst_source_pipeline.moc"

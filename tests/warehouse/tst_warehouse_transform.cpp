// The transform stage: SCD2 products and customers, the as-of join, SCD0
// countries with their conflict log, split-stream quarantine with reasons and
// reconciled counts, duplicates, defensive casts, idempotence (checksums of
// every dw table), monthly partitions with pruning, and cancel.
#include "ShopFixture.h"
#include "TestDatabase.h"
#include "WarehouseTestSupport.h"

#include "core/Cancellation.h"

#include <QElapsedTimer>
#include <QThread>
#include <QtTest>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <functional>
#include <set>
#include <thread>

using namespace ecomops;
using namespace ecomops::test;

namespace {

// One country, category, product (10.00 from 2025-01-01), customer (New
// from 2024-12-01) and one order with one line whose price is left to the
// as-of join.
Snapshot baseSnapshot()
{
    return {
        {"countries", "country_code,country_name,region\nDE,Germany,Europe\n"},
        {"categories", "category_id,category_name,parent_category_id\n1,Books,\n"},
        {"products", "product_id,product_name,category_id,created_at\nP1,Novel,1,2024-12-01 00:00:00\n"},
        {"product_prices", "product_id,valid_from,unit_price\nP1,2025-01-01 00:00:00,10.00\n"},
        {"customers", "customer_id,email,first_name,last_name,phone,country_code,city,signup_date\n"
                      "C1,c1@example.com,Anna,Berg,+4930111,DE,Berlin,2024-12-01\n"},
        {"customer_segments", "customer_id,valid_from,segment\nC1,2024-12-01 00:00:00,New\n"},
        {"orders", "order_id,customer_id,order_ts,channel,status,payment_method,country_code,items_subtotal,"
                   "discount_total,shipping_fee,order_total\n"
                   "O1,C1,2025-01-10 10:00:00,Website,Completed,Credit Card,DE,20.00,0,0,20.00\n"},
        {"order_lines", "order_id,line_no,product_id,quantity,unit_price,discount,line_total\nO1,1,P1,2,,,\n"},
    };
}

const char *const kOrdersHeader =
    "order_id,customer_id,order_ts,channel,status,payment_method,country_code,items_subtotal,"
    "discount_total,shipping_fee,order_total\n";
const char *const kLinesHeader = "order_id,line_no,product_id,quantity,unit_price,discount,line_total\n";

QStringList quarantined(pqxx::connection &c, qint64 runId)
{
    return rows(
        c, "SELECT table_name, source_line, stage, array_to_string(reasons, '; '), array_to_string(rule_ids, '; ') "
           "FROM quarantine.rejected_row WHERE run_id = " +
               std::to_string(runId) + " ORDER BY table_name COLLATE \"C\", source_line");
}

TableCounts countsOf(const warehouse::TransformReport &report, const QString &table)
{
    for (const TableCounts &t : report.tables) {
        if (t.table == table)
            return t;
    }
    return {};
}

QString countsText(const warehouse::TransformReport &report, const QString &table)
{
    const TableCounts t = countsOf(report, table);
    return QStringLiteral("%1/%2/%3").arg(t.read).arg(t.loaded).arg(t.rejected);
}

void collectRelations(const nlohmann::json &node, std::set<std::string> &out)
{
    if (node.is_object()) {
        if (const auto it = node.find("Relation Name"); it != node.end())
            out.insert(it->get<std::string>());
        for (const auto &item : node.items())
            collectRelations(item.value(), out);
    } else if (node.is_array()) {
        for (const auto &item : node)
            collectRelations(item, out);
    }
}

} // namespace

class TestWarehouseTransform : public QObject
{
    Q_OBJECT

private slots:
    // The engine runs what dw.transform_steps() lists; a transform function
    // missing from that list would never run, so the two must agree.
    void everyTransformFunctionIsAListedStep()
    {
        TestDatabase database;
        ECOMOPS_REQUIRE_DB(database);
        auto c = database.connect();
        const QStringList functions =
            rows(*c, "SELECT substr(p.proname, length('transform_') + 1) FROM pg_proc p "
                     "WHERE p.pronamespace = 'dw'::regnamespace AND p.proname LIKE 'transform\\_%' "
                     "AND p.prorettype = 'dw.transform_count'::regtype ORDER BY 1");
        const QStringList listed = rows(*c, "SELECT step FROM dw.transform_steps() ORDER BY step");
        QCOMPARE(listed, functions);
        QCOMPARE(listed.size(), 13);
        pqxx::read_transaction tx{*c};
        QCOMPARE(warehouse::transformSteps(tx).first(), QStringLiteral("countries"));
        QCOMPARE(warehouse::transformSteps(tx).last(), QStringLiteral("events"));
    }

    void productPriceChangeOpensAVersionAndOldFactsKeepTheirs()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        load(*c, baseSnapshot(), "2026-01-01 00:00:00");
        const QString firstSk = scalar(*c, "SELECT product_sk FROM dw.dim_product WHERE product_id = 'P1'");
        QCOMPARE(rows(*c, "SELECT product_sk, unit_price, price_source FROM dw.fact_order_line"),
                 QStringList(firstSk + QStringLiteral("|10.0000|as_of")));

        // A later snapshot: the price history gains 12.00 from 2025-02-15
        // 12:00:00, and three orders land around that instant.
        Snapshot later = baseSnapshot();
        later["product_prices"] += "P1,2025-02-15 12:00:00,12.00\n";
        later["orders"] += "O2,C1,2025-02-15 11:59:59,Website,Completed,Credit Card,DE,10.00,0,0,10.00\n"
                           "O3,C1,2025-02-15 12:00:00,Website,Completed,Credit Card,DE,12.00,0,0,12.00\n"
                           "O4,C1,2025-02-15 12:00:01,Website,Completed,Credit Card,DE,12.00,0,0,12.00\n";
        later["order_lines"] += "O2,1,P1,1,,,\nO3,1,P1,1,,,\nO4,1,P1,1,,,\n";
        const LoadResult second = load(*c, later, "2026-02-01 00:00:00");
        QCOMPARE(second.transform.productVersionsCreated, qint64(1));

        const QStringList versions =
            rows(*c, "SELECT product_sk, valid_from, valid_to, is_current, unit_price, change_kind "
                     "FROM dw.dim_product WHERE product_id = 'P1' ORDER BY valid_from");
        QCOMPARE(versions.size(), 2);
        QCOMPARE(versions[0], firstSk + QStringLiteral("|2025-01-01 00:00:00|2025-02-15 12:00:00|f|10.0000|price"));
        const QString newSk = versions[1].section(QLatin1Char('|'), 0, 0);
        QVERIFY(newSk != firstSk);
        QCOMPARE(versions[1], newSk + QStringLiteral("|2025-02-15 12:00:00||t|12.0000|price"));

        // O1 keeps its version (and was not even rewritten); one second before
        // the change gets the old price, at and after it the new one.
        QCOMPARE(rows(*c, "SELECT order_id, product_sk, unit_price, line_total, price_source, updated_run_id "
                          "FROM dw.fact_order_line ORDER BY order_id"),
                 QStringList({QStringLiteral("O1|%1|10.0000|20.0000|as_of|1").arg(firstSk),
                              QStringLiteral("O2|%1|10.0000|10.0000|as_of|%2").arg(firstSk).arg(second.runId),
                              QStringLiteral("O3|%1|12.0000|12.0000|as_of|%2").arg(newSk).arg(second.runId),
                              QStringLiteral("O4|%1|12.0000|12.0000|as_of|%2").arg(newSk).arg(second.runId)}));

        // The same history again: no new version, keys unchanged.
        const auto before = dwChecksums(*c);
        const LoadResult third = load(*c, later, "2026-03-01 00:00:00");
        QCOMPARE(third.transform.productVersionsCreated, qint64(0));
        QCOMPARE(dwChecksums(*c), before);
    }

    void asOfJoinNeverUsesAFuturePrice()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        Snapshot s = baseSnapshot();
        s["product_prices"] += "P1,2025-02-15 12:00:00,12.00\n";
        s["orders"] = std::string(kOrdersHeader) +
                      "O1,C1,2025-02-15 11:59:59,Website,Completed,Credit Card,DE,10.00,0,0,10.00\n"
                      "O2,C1,2025-02-15 12:00:00,Website,Completed,Credit Card,DE,12.00,0,0,12.00\n"
                      "O3,C1,2024-12-31 23:59:59,Website,Completed,Credit Card,DE,9.00,0,0,9.00\n";
        s["order_lines"] = std::string(kLinesHeader) +
                           "O1,1,P1,1,,,\n"          // as-of: the old price
                           "O2,1,P1,2,11.50,1.00,\n" // its own price wins; the total is computed
                           "O3,1,P1,1,9.00,0,9.00\n" // older than any version: first version, own price
                           "O3,2,P1,1,,,\n";         // no price then, none given: quarantined
        const LoadResult r = load(*c, s);
        const QString oldSk = scalar(*c, "SELECT product_sk FROM dw.dim_product WHERE valid_from = '2025-01-01'");
        const QString newSk =
            scalar(*c, "SELECT product_sk FROM dw.dim_product WHERE valid_from = '2025-02-15 12:00:00'");
        QCOMPARE(rows(*c, "SELECT order_id, line_no, product_sk, unit_price, discount, line_total, price_source "
                          "FROM dw.fact_order_line ORDER BY order_id, line_no"),
                 QStringList({QStringLiteral("O1|1|%1|10.0000|0.0000|10.0000|as_of").arg(oldSk),
                              QStringLiteral("O2|1|%1|11.5000|1.0000|22.0000|source").arg(newSk),
                              QStringLiteral("O3|1|%1|9.0000|0.0000|9.0000|source").arg(oldSk)}));
        QCOMPARE(
            quarantined(*c, r.runId),
            QStringList(QStringLiteral("order_lines|5|transform|line 2 of order O3 has no unit price and product P1 "
                                       "had no price in effect at 2024-12-31 23:59:59|transform.price")));
        QCOMPARE(countsText(r.transform, QStringLiteral("order_lines")), QStringLiteral("4/3/1"));
    }

    void categoryChangeOpensAVersionAtTheRunsTime()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        load(*c, baseSnapshot(), "2026-01-01 00:00:00");
        Snapshot moved = baseSnapshot();
        moved["categories"] += "2,Classics,\n";
        moved["products"] = "product_id,product_name,category_id,created_at\nP1,Novel,2,2024-12-01 00:00:00\n";
        moved["orders"] += "O2,C1,2026-02-05 10:00:00,Website,Completed,Credit Card,DE,10.00,0,0,10.00\n";
        moved["order_lines"] += "O2,1,P1,1,,,\n";
        load(*c, moved, "2026-02-01 00:00:00");
        // The price carries over; the sale before the change keeps its category.
        QCOMPARE(rows(*c, "SELECT valid_from, valid_to, change_kind, unit_price, category_id FROM dw.dim_product "
                          "ORDER BY valid_from"),
                 QStringList({QStringLiteral("2025-01-01 00:00:00|2026-02-01 00:00:00|price|10.0000|1"),
                              QStringLiteral("2026-02-01 00:00:00||attributes|10.0000|2")}));
        QCOMPARE(rows(*c, "SELECT l.order_id, v.category_id FROM dw.fact_order_line l "
                          "JOIN dw.dim_product v USING (product_sk) ORDER BY l.order_id"),
                 QStringList({QStringLiteral("O1|1"), QStringLiteral("O2|2")}));
        QCOMPARE(rows(*c, "SELECT category_name, revenue FROM mart.top_categories ORDER BY category_name"),
                 QStringList({QStringLiteral("Books|20.0000"), QStringLiteral("Classics|10.0000")}));
    }

    void orderChangesCarryTheirLinesAlong()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        Snapshot s = baseSnapshot();
        s["orders"] = std::string(kOrdersHeader) +
                      "O1,C1,2025-01-31 23:00:00,Website,Processing,Credit Card,DE,20.00,0,0,20.00\n";
        s["payments"] = "payment_id,order_id,paid_ts,method,amount\nPAY1,O1,2025-01-31 23:01:00,Credit Card,20.00\n";
        load(*c, s);
        QCOMPARE(scalar(*c, "SELECT tableoid::regclass::text FROM dw.fact_order_line"),
                 QStringLiteral("dw.fact_order_line_p2025_01"));
        // A later, incremental snapshot: only the order's header, now
        // delivered and (corrected) placed two hours later, in February.
        Snapshot later = {
            {"orders", std::string(kOrdersHeader) +
                           "O1,C1,2025-02-01 01:00:00,Website,Delivered,Credit Card,DE,20.00,0,0,20.00\n"}};
        const LoadResult r = load(*c, later, "2026-02-01 00:00:00");
        QCOMPARE(rows(*c, "SELECT tableoid::regclass::text, order_date, order_ts, status, updated_run_id FROM "
                          "dw.fact_order_line"),
                 QStringList(QStringLiteral("dw.fact_order_line_p2025_02|2025-02-01|2025-02-01 01:00:00|Delivered|%1")
                                 .arg(r.runId)));
        QCOMPARE(rows(*c, "SELECT tableoid::regclass::text, order_date FROM dw.fact_payment"),
                 QStringList(QStringLiteral("dw.fact_payment_p2025_02|2025-02-01")));
        QCOMPARE(rows(*c, "SELECT day, revenue FROM mart.revenue_daily"),
                 QStringList(QStringLiteral("2025-02-01|20.0000")));
    }

    void customerVersionsFollowSegmentHistoryAndAddressChanges()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        Snapshot s = baseSnapshot();
        s["countries"] += "FR,France,Europe\n";
        s["customer_segments"] += "C1,2025-02-01 00:00:00,Regular\n";
        s["orders"] += "O2,C1,2025-02-10 10:00:00,Store,Completed,Credit Card,DE,10.00,0,0,10.00\n";
        s["order_lines"] += "O2,1,P1,1,,,\n";
        load(*c, s, "2026-01-01 00:00:00");
        QCOMPARE(rows(*c, "SELECT valid_from, valid_to, is_current, change_kind, segment, country_code, city "
                          "FROM dw.dim_customer WHERE customer_sk <> dw.unknown_customer_sk() ORDER BY valid_from"),
                 QStringList({QStringLiteral("2024-12-01 00:00:00|2025-02-01 00:00:00|f|segment|New|DE|Berlin"),
                              QStringLiteral("2025-02-01 00:00:00||t|segment|Regular|DE|Berlin")}));
        const QStringList skBefore = rows(*c, "SELECT order_id, customer_sk FROM dw.fact_order ORDER BY order_id");

        // C1 moves to Paris (found by the run of 2026-03-01) and fixes her email.
        Snapshot moved = s;
        moved["customers"] = "customer_id,email,first_name,last_name,phone,country_code,city,signup_date\n"
                             "C1,anna@example.com,Anna,Berg,+4930111,FR,Paris,2024-12-01\n";
        moved["orders"] += "O3,C1,2026-03-05 10:00:00,Website,Completed,Credit Card,FR,10.00,0,0,10.00\n";
        moved["order_lines"] += "O3,1,P1,1,,,\n";
        const LoadResult r = load(*c, moved, "2026-03-01 00:00:00");
        QCOMPARE(r.transform.customerVersionsCreated, qint64(1));
        QCOMPARE(
            rows(*c, "SELECT valid_from, valid_to, is_current, change_kind, segment, country_code, city, email "
                     "FROM dw.dim_customer WHERE customer_sk <> dw.unknown_customer_sk() ORDER BY valid_from"),
            QStringList(
                {QStringLiteral("2024-12-01 00:00:00|2025-02-01 00:00:00|f|segment|New|DE|Berlin|anna@example.com"),
                 QStringLiteral("2025-02-01 00:00:00|2026-03-01 00:00:00|f|segment|Regular|DE|Berlin|anna@example.com"),
                 QStringLiteral("2026-03-01 00:00:00||t|address|Regular|FR|Paris|anna@example.com")}));
        // Old orders keep the versions they were placed under; the new one
        // gets the new address.
        QCOMPARE(
            rows(*c,
                 "SELECT order_id, customer_sk FROM dw.fact_order WHERE order_id IN ('O1', 'O2') ORDER BY order_id"),
            skBefore);
        QCOMPARE(scalar(*c, "SELECT d.city FROM dw.fact_order o JOIN dw.dim_customer d USING (customer_sk) "
                            "WHERE o.order_id = 'O3'"),
                 QStringLiteral("Paris"));
        QCOMPARE(
            scalar(*c,
                   "SELECT d.segment || ' ' || d.city FROM dw.fact_order o JOIN dw.dim_customer d USING (customer_sk) "
                   "WHERE o.order_id = 'O1'"),
            QStringLiteral("New Berlin"));

        // The same snapshot again, by a later run: nothing new.
        const auto sums = dwChecksums(*c);
        QCOMPARE(load(*c, moved, "2026-04-01 00:00:00").transform.customerVersionsCreated, qint64(0));
        QCOMPARE(dwChecksums(*c), sums);
    }

    void countriesNeverChangeAndConflictsAreRecorded()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        load(*c, baseSnapshot());
        Snapshot s = baseSnapshot();
        s["countries"] = "country_code,country_name,region\nDE,Deutschland,Europe\nFR,France,Europe\n";
        const LoadResult second = load(*c, s, "2026-02-01 00:00:00");
        QCOMPARE(second.transform.countryConflictsRecorded, qint64(1));
        QCOMPARE(countsText(second.transform, QStringLiteral("countries")), QStringLiteral("2/2/0"));
        QCOMPARE(rows(*c, "SELECT country_code, country_name, region, created_run_id FROM dw.dim_country ORDER BY 1"),
                 QStringList(
                     {QStringLiteral("DE|Germany|Europe|1"), QStringLiteral("FR|France|Europe|%1").arg(second.runId)}));
        const QStringList conflicts = {QStringLiteral("DE|country_name|Germany|Deutschland|%1|2").arg(second.runId)};
        QCOMPARE(rows(*c, "SELECT * FROM dw.dim_country_conflict"), conflicts);
        // Recorded once: the same conflicting snapshot again adds nothing.
        QCOMPARE(load(*c, s, "2026-03-01 00:00:00").transform.countryConflictsRecorded, qint64(0));
        QCOMPARE(rows(*c, "SELECT * FROM dw.dim_country_conflict"), conflicts);
    }

    void unresolvableRowsAreQuarantinedWithReasons()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        load(*c, baseSnapshot());
        // The second snapshot refers to C1, P1 and O1 without carrying them:
        // they resolve against the warehouse. Everything unknown is rejected.
        const Snapshot s = {
            {"customers", "customer_id,email,first_name,last_name,phone,country_code,city,signup_date\n"
                          "C2,c2@example.com,Bo,Ek,1,XX,Nowhere,2025-01-01\n"},
            {"customer_segments", "customer_id,valid_from,segment\n"
                                  "C9,2025-01-01 00:00:00,VIP\n"
                                  "C1,2025-03-01 00:00:00,VIP\n"},
            {"products", "product_id,product_name,category_id,created_at\nP2,Lamp,9,\n"},
            {"product_prices", "product_id,valid_from,unit_price\nP2,2025-01-01 00:00:00,5.00\n"},
            {"orders", std::string(kOrdersHeader) +
                           "O2,C1,2025-03-02 10:00:00,Website,Completed,Credit Card,DE,10.00,0,0,10.00\n"
                           "O3,C404,2025-03-02 11:00:00,Website,Completed,Credit Card,DE,10.00,0,0,10.00\n"
                           "O4,C1,2025-03-02 12:00:00,Website,Completed,Credit Card,ZZ,10.00,0,0,10.00\n"},
            {"order_lines", std::string(kLinesHeader) + "O2,1,P1,1,,,\n"
                                                        "O1,2,P1,1,10.00,0,10.00\n"
                                                        "O404,1,P1,1,10.00,0,10.00\n"
                                                        "O2,2,P404,1,10.00,0,10.00\n"
                                                        "O3,1,P1,1,10.00,0,10.00\n"},
            {"payments", "payment_id,order_id,paid_ts,method,amount\n"
                         "PAY2,O2,2025-03-02 10:01:00,Credit Card,10.00\n"
                         "PAY404,O404,2025-03-02 10:01:00,Credit Card,10.00\n"},
            {"invoices", "invoice_id,order_id,invoice_ts,amount\nINV404,O404,2025-03-03 09:00:00,10.00\n"},
            {"events", "event_id,session_id,customer_id,event_ts,event_type,product_id\n"
                       "E1,S1,C404,2025-03-02 09:00:00,page_view,P1\n"
                       "E2,S1,C1,2025-03-02 09:01:00,page_view,P404\n"
                       "E3,S2,,2025-03-02 09:02:00,search,\n"},
        };
        const LoadResult r = load(*c, s, "2026-02-01 00:00:00");
        QCOMPARE(
            quarantined(*c, r.runId),
            QStringList({
                QStringLiteral("customer_segments|2|transform|segment from 2025-01-01 00:00:00 references unknown "
                               "customer C9|transform.reference"),
                QStringLiteral("customers|2|transform|customer C2 references unknown country XX|transform.reference"),
                QStringLiteral("events|2|transform|event E1 references unknown customer C404|transform.reference"),
                QStringLiteral("events|3|transform|event E2 references unknown product P404|transform.reference"),
                QStringLiteral("invoices|2|transform|invoice INV404 references unknown order O404|transform.reference"),
                QStringLiteral(
                    "order_lines|4|transform|line 1 of order O404 references unknown order O404|transform.reference"),
                QStringLiteral(
                    "order_lines|5|transform|line 2 of order O2 references unknown product P404|transform.reference"),
                QStringLiteral(
                    "order_lines|6|transform|line 1 of order O3 references unknown order O3|transform.reference"),
                QStringLiteral("orders|3|transform|order O3 references unknown customer C404|transform.reference"),
                QStringLiteral("orders|4|transform|order O4 references unknown country ZZ|transform.reference"),
                QStringLiteral("payments|3|transform|payment PAY404 references unknown order O404|transform.reference"),
                QStringLiteral("product_prices|2|transform|price from 2025-01-01 00:00:00 references unknown product "
                               "P2|transform.reference"),
                QStringLiteral("products|2|transform|product P2 references unknown category 9|transform.reference"),
            }));
        QCOMPARE(
            scalar(*c, "SELECT raw_record FROM quarantine.rejected_row WHERE table_name = 'orders' AND source_line = 3 "
                       "AND run_id = " +
                           std::to_string(r.runId)),
            QStringLiteral("O3,C404,2025-03-02 11:00:00,Website,Completed,Credit Card,DE,10.00,0,0,10.00"));

        // read = loaded + quarantined for every table, and what is loaded is in dw.
        const QStringList expected = {QStringLiteral("countries 0/0/0"), QStringLiteral("categories 0/0/0"),
                                      QStringLiteral("products 1/0/1"),  QStringLiteral("product_prices 1/0/1"),
                                      QStringLiteral("customers 1/0/1"), QStringLiteral("customer_segments 2/1/1"),
                                      QStringLiteral("orders 3/1/2"),    QStringLiteral("order_lines 5/2/3"),
                                      QStringLiteral("payments 2/1/1"),  QStringLiteral("invoices 1/0/1"),
                                      QStringLiteral("events 3/1/2")};
        QStringList actual;
        qint64 quarantinedTotal = 0;
        for (const TableCounts &t : r.transform.tables) {
            QVERIFY(t.reconciles());
            QCOMPARE(t.stage, QStringLiteral("transform"));
            actual << t.table + QLatin1Char(' ') + countsText(r.transform, t.table);
            quarantinedTotal += t.rejected;
        }
        QCOMPARE(actual, expected);
        QCOMPARE(scalar(*c, "SELECT count(*) FROM quarantine.rejected_row WHERE run_id = " + std::to_string(r.runId))
                     .toLongLong(),
                 quarantinedTotal);
        QCOMPARE(rows(*c, "SELECT order_id || '/' || line_no FROM dw.fact_order_line ORDER BY 1"),
                 QStringList({QStringLiteral("O1/1"), QStringLiteral("O1/2"), QStringLiteral("O2/1")}));
        QCOMPARE(
            rows(*c, "SELECT segment, valid_from FROM dw.dim_customer WHERE customer_id = 'C1' ORDER BY valid_from"),
            QStringList({QStringLiteral("New|2024-12-01 00:00:00"), QStringLiteral("VIP|2025-03-01 00:00:00")}));
        QCOMPARE(scalar(*c, "SELECT string_agg(payment_id || ':' || order_date, ',') FROM dw.fact_payment"),
                 QStringLiteral("PAY2:2025-03-02"));
    }

    void duplicatesAreQuarantinedNotDoubled()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        Snapshot s = baseSnapshot();
        s["orders"] += "O1,C1,2025-01-10 10:00:00,Website,Completed,Credit Card,DE,20.00,0,0,20.00\n"
                       "O1,C1,2025-01-10 10:00:00,Website,Cancelled,Credit Card,DE,20.00,0,0,20.00\n";
        s["order_lines"] += "O1,1,P1,2,,,\n";
        const LoadResult r = load(*c, s);
        QCOMPARE(
            quarantined(*c, r.runId),
            QStringList({QStringLiteral("order_lines|3|transform|duplicate of line 2|transform.duplicate"),
                         QStringLiteral("orders|3|transform|duplicate of line 2|transform.duplicate"),
                         QStringLiteral(
                             "orders|4|transform|same order_id as line 2 with different values|transform.duplicate")}));
        QCOMPARE(rows(*c, "SELECT order_id, status FROM dw.fact_order"), QStringList(QStringLiteral("O1|Completed")));
        QCOMPARE(scalar(*c, "SELECT sum(quantity) FROM dw.fact_order_line"), QStringLiteral("2"));
        QCOMPARE(countsText(r.transform, QStringLiteral("orders")), QStringLiteral("3/1/2"));
    }

    void valuesThatDoNotParseAreQuarantinedNotFatal()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        Snapshot s = baseSnapshot();
        s["orders"] += "O2,C1,2025-02-30 10:00:00,Website,Completed,Credit Card,DE,1,0,0,1\n"
                       "O3,C1,2025-03-01 10:00:00,Website,Completed,Credit Card,DE,1,0,0,1O.00\n"
                       "O4,C1,,Website,Completed,Credit Card,DE,1,0,0,1\n";
        s["order_lines"] += "O1,2,P1,two,,,\n"
                            "O1,3,P1,1,1e3,,\n"
                            "O1,4,P1,1,0.00001,,\n"
                            "O1,x,P1,1,1.00,,1.00\n";
        const LoadResult r = load(*c, s);
        QCOMPARE(
            quarantined(*c, r.runId),
            QStringList(
                {QStringLiteral("order_lines|3|transform|quantity 'two' is not an integer|transform.type"),
                 QStringLiteral("order_lines|4|transform|unit_price '1e3' is not an amount|transform.type"),
                 QStringLiteral("order_lines|5|transform|unit_price '0.00001' is not an amount|transform.type"),
                 QStringLiteral("order_lines|6|transform|line_no 'x' is not an integer|transform.type"),
                 QStringLiteral("orders|3|transform|order_ts '2025-02-30 10:00:00' is not a timestamp|transform.type"),
                 QStringLiteral("orders|4|transform|order_total '1O.00' is not an amount|transform.type"),
                 QStringLiteral("orders|5|transform|order_ts is empty|transform.required")}));
        QCOMPARE(countsText(r.transform, QStringLiteral("orders")), QStringLiteral("4/1/3"));
        QCOMPARE(countsText(r.transform, QStringLiteral("order_lines")), QStringLiteral("5/1/4"));
    }

    void rowsQuarantinedByEarlierStagesAreNotRead()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        Snapshot s = baseSnapshot();
        s["orders"] += "O2,C1,2025-01-11 10:00:00,Website,Completed,Credit Card,DE,-5.00,0,0,-5.00\n";
        s["order_lines"] += "O2,1,P1,1,-5.00,0,-5.00\n";
        const qint64 runId = createRun(*c);
        stage(*c, runId, s);
        {
            pqxx::work tx{*c};
            tx.exec_params0(
                "INSERT INTO quarantine.rejected_row (run_id, table_name, source_line, stage, raw_record, reasons) "
                "VALUES ($1, 'orders', 3, 'validate', 'O2,…', '{\"order_total is negative\"}'), "
                "       ($1, 'order_lines', 3, 'validate', 'O2,1,…', '{\"unit_price is negative\"}')",
                runId);
            tx.commit();
        }
        RecordingObserver observer;
        pqxx::work tx{*c};
        const auto report = warehouse::transform(tx, runId, {}, observer);
        tx.commit();
        QCOMPARE(countsText(report, QStringLiteral("orders")), QStringLiteral("1/1/0"));
        QCOMPARE(countsText(report, QStringLiteral("order_lines")), QStringLiteral("1/1/0"));
        QCOMPARE(rows(*c, "SELECT stage, table_name FROM quarantine.rejected_row ORDER BY table_name COLLATE \"C\""),
                 QStringList({QStringLiteral("validate|order_lines"), QStringLiteral("validate|orders")}));
        QCOMPARE(scalar(*c, "SELECT string_agg(order_id, ',') FROM dw.fact_order"), QStringLiteral("O1"));
        QCOMPARE(observer.finished.size(), 11);
    }

    void sameSnapshotTwiceLeavesIdenticalChecksums()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        const LoadResult first = load(*c, shopSnapshot(), "2026-01-01 00:00:00");
        const auto sums = dwChecksums(*c);
        const auto counts = dwRowCounts(*c);
        QCOMPARE(counts.at("fact_order_line"), 11LL);
        QCOMPARE(counts.at("fact_order"), 9LL);
        QCOMPARE(counts.at("dim_product"), 4LL);
        QCOMPARE(counts.at("dim_customer"), 5LL);
        QVERIFY(counts.at("dim_date") > 0);
        QCOMPARE(sums.size(), std::size_t(14)); // the star, and dim_seller, dim_zip_code, fact_review (0042)

        const LoadResult second = load(*c, shopSnapshot(), "2026-02-01 00:00:00");
        for (const auto &[table, sum] : dwChecksums(*c))
            QVERIFY2(sums.at(table) == sum, table.c_str());
        QCOMPARE(dwRowCounts(*c), counts);
        QCOMPARE(second.transform.rowsRead(), first.transform.rowsRead());
        QCOMPARE(second.transform.rowsLoaded(), first.transform.rowsRead());
        QCOMPARE(second.transform.rowsRejected(), qint64(0));
    }

    void factsArePartitionedByMonthAndOneMonthIsOnePartition()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        load(*c, shopSnapshot());
        QCOMPARE(
            rows(*c, "SELECT c.relname || ' ' || pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
                     "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'dw.fact_order_line'::regclass "
                     "ORDER BY c.relname"),
            QStringList({QStringLiteral("fact_order_line_p2025_01 FOR VALUES FROM ('2025-01-01') TO ('2025-02-01')"),
                         QStringLiteral("fact_order_line_p2025_02 FOR VALUES FROM ('2025-02-01') TO ('2025-03-01')"),
                         QStringLiteral("fact_order_line_p2025_03 FOR VALUES FROM ('2025-03-01') TO ('2025-04-01')"),
                         QStringLiteral("fact_order_line_p2025_04 FOR VALUES FROM ('2025-04-01') TO ('2025-05-01')")}));
        QCOMPARE(rows(*c, "SELECT tableoid::regclass::text, count(*) FROM dw.fact_order GROUP BY 1 ORDER BY 1"),
                 QStringList({QStringLiteral("dw.fact_order_p2025_01|2"), QStringLiteral("dw.fact_order_p2025_02|3"),
                              QStringLiteral("dw.fact_order_p2025_03|3"), QStringLiteral("dw.fact_order_p2025_04|1")}));
        // No DEFAULT partition on any fact.
        QCOMPARE(scalar(*c,
                        "SELECT count(*) FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid "
                        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'dw' AND p.partdefid <> 0"),
                 QStringLiteral("0"));

        const QString plan = scalar(*c, "EXPLAIN (FORMAT JSON) SELECT sum(line_total) FROM dw.fact_order_line "
                                        "WHERE order_date >= DATE '2025-02-01' AND order_date < DATE '2025-03-01'");
        std::set<std::string> relations;
        collectRelations(nlohmann::json::parse(plan.toStdString()), relations);
        QCOMPARE(relations, std::set<std::string>{"fact_order_line_p2025_02"});
        QCOMPARE(scalar(*c, "SELECT sum(line_total) FROM dw.fact_order_line "
                            "WHERE order_date >= DATE '2025-02-01' AND order_date < DATE '2025-03-01' "
                            "AND status IN ('Completed', 'Delivered')"),
                 QStringLiteral("46.0000"));
    }

    void cancelBetweenStepsLeavesNothing()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        const qint64 runId = createRun(*c);
        stage(*c, runId, shopSnapshot());
        RecordingObserver observer;
        observer.cancelAfterChecks = 4; // countries, categories, products and customers run
        {
            pqxx::work tx{*c};
            QVERIFY_THROWS_EXCEPTION(CancelledError, warehouse::transform(tx, runId, {}, observer));
        }
        QCOMPARE(observer.finished.size(), 6);
        for (const auto &[table, count] : dwRowCounts(*c))
            QVERIFY2(count == 0, table.c_str());
    }

    void cancelInterruptsTheStatementInFlight()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        auto locker = db.connect();
        auto watcher = db.connect();
        const qint64 runId = createRun(*c);
        stage(*c, runId, shopSnapshot());
        // Another session holds the countries dimension, so the first step
        // waits inside the server until the cancel request arrives.
        pqxx::work hold{*locker};
        hold.exec0("LOCK TABLE dw.dim_country IN ACCESS EXCLUSIVE MODE");

        RecordingObserver observer;
        QString outcome;
        std::thread worker([&] {
            try {
                pqxx::work tx{*c};
                warehouse::transform(tx, runId, {}, observer);
                outcome = QStringLiteral("finished");
            } catch (const CancelledError &) {
                outcome = QStringLiteral("cancelled");
            } catch (const std::exception &e) {
                outcome = QString::fromUtf8(e.what());
            }
        });
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 10000) {
            pqxx::nontransaction probe{*watcher};
            if (probe.exec1("SELECT count(*) FROM pg_locks WHERE NOT granted")[0].as<int>() > 0)
                break;
            QThread::msleep(20);
        }
        observer.cancel = true;
        c->cancel_query();
        worker.join();
        hold.abort();
        QCOMPARE(outcome, QStringLiteral("cancelled"));
        QCOMPARE(dwRowCounts(*c).at("dim_country"), 0LL);
    }
};

QTEST_GUILESS_MAIN(TestWarehouseTransform)
#include "tst_warehouse_transform.moc"

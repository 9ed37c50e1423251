// The Olist and transaction-log adapters on files written here, with the
// mess real exports have: BOM, CRLF, blank-line runs, quoted and unquoted
// fields, review comments with line breaks and quotes, both timestamp
// styles, day-first and month-first logs, ambiguous ones, cancellations,
// customer ids that are empty or "17850.0", extra columns, missing files.
#include "OlistFixture.h"
#include "SourceTestSupport.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace ecomops;
using test::findRow;
using test::readStaged;
using test::writeBytes;
using test::writeOlist;

namespace {

const QByteArray kLogHeader = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

std::string message(const std::function<void()> &body)
{
    try {
        body();
    } catch (const sources::SourceError &e) {
        return e.what();
    }
    return std::string();
}

} // namespace

class TestSourceFiles : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void olistMessyExportMapsOntoTheStagedTables()
    {
        const QString in = path(QStringLiteral("olist-in")), out = path(QStringLiteral("olist-out"));
        writeOlist(in);
        test::RecordingObserver observer;
        const auto result = test::produce(QStringLiteral("olist"), {{"path", in.toStdString()}}, out, observer);

        const std::map<std::string, qint64> expected = {
            {"countries", 1},   {"categories", 2}, {"products", 2}, {"customers", 2}, {"orders", 3},
            {"order_lines", 4}, {"payments", 3},   {"reviews", 2},  {"sellers", 1},   {"product_prices", 3}};
        QCOMPARE(result.rows, expected);

        // Customers: the person, merged.
        const auto customers = readStaged(out, "customers");
        QCOMPARE(customers.size(), std::size_t(2));
        QCOMPARE(customers[0].at("customer_id"), std::string("p1"));
        QCOMPARE(customers[0].at("zip_code"), std::string("01001"));
        QCOMPARE(customers[0].at("state"), std::string("SP"));
        QCOMPARE(customers[0].at("country_code"), std::string("BR"));

        // Orders: US timestamps made ISO, the person as customer, amounts from the items.
        const auto orders = readStaged(out, "orders");
        const auto *o1 = findRow(orders, "order_id", "o1");
        QVERIFY(o1);
        QCOMPARE(o1->at("customer_id"), std::string("p1"));
        QCOMPARE(o1->at("order_ts"), std::string("2017-10-02 10:56:00"));
        QCOMPARE(o1->at("estimated_delivery_at"), std::string("2017-10-18 00:00:00"));
        QCOMPARE(o1->at("items_subtotal"), std::string("68.90"));
        QCOMPARE(o1->at("shipping_fee"), std::string("18.29"));
        QCOMPARE(o1->at("order_total"), std::string("87.19"));
        QCOMPARE(o1->at("payment_method"), std::string("credit_card"));
        QCOMPARE(o1->at("channel"), std::string("Marketplace"));
        QCOMPARE(o1->at("status"), std::string("delivered"));
        const auto *o2 = findRow(orders, "order_id", "o2");
        QCOMPARE(o2->at("customer_id"), std::string("p1"));
        QCOMPARE(o2->at("order_ts"), std::string("2017-11-13 09:00:00"));
        QCOMPARE(o2->at("approved_at"), std::string());
        const auto *o3 = findRow(orders, "order_id", "o3");
        QCOMPARE(o3->at("customer_id"), std::string("cX")); // not in the customers file: an orphan downstream
        QCOMPARE(o3->at("items_subtotal"), std::string("0.00"));

        // Lines, prices, payments.
        const auto lines = readStaged(out, "order_lines");
        QCOMPARE(lines[1].at("line_no"), std::string("2"));
        QCOMPARE(lines[1].at("quantity"), std::string("1"));
        QCOMPARE(lines[1].at("line_total"), std::string("10.00"));
        QCOMPARE(lines[1].at("freight_value"), std::string("5.00"));
        QCOMPARE(lines[1].at("shipping_limit_at"), std::string("2017-10-06 11:07:15"));
        const auto prices = readStaged(out, "product_prices");
        QCOMPARE(prices.size(), std::size_t(3));
        QCOMPARE(prices[0].at("product_id") + " " + prices[0].at("valid_from") + " " + prices[0].at("unit_price"),
                 std::string("pA 2017-10-02 10:56:00 58.90"));
        QCOMPARE(prices[1].at("valid_from") + " " + prices[1].at("unit_price"),
                 std::string("2017-11-13 09:00:00 60.00"));
        const auto payments = readStaged(out, "payments");
        QCOMPARE(payments[0].at("payment_id"), std::string("o1-1"));
        QCOMPARE(payments[0].at("paid_ts"), std::string("2017-10-02 11:07:00"));
        QCOMPARE(payments[0].at("installments"), std::string("8"));
        QCOMPARE(payments[2].at("paid_ts"), std::string()); // its order is not in the export

        // Categories: translated where possible, the uncategorised product kept.
        const auto categories = readStaged(out, "categories");
        QCOMPARE(findRow(categories, "category_id", "beleza_saude")->at("category_name"), std::string("health_beauty"));
        QVERIFY(findRow(categories, "category_id", "uncategorised"));
        QCOMPARE(findRow(readStaged(out, "products"), "product_id", "pB")->at("category_id"),
                 std::string("uncategorised"));

        // A review comment keeps its line break and quotes.
        const auto reviews = readStaged(out, "reviews");
        QCOMPARE(reviews[0].at("comment_message"), std::string("Muito bom,\r\nrecomendo \"demais\""));
        QCOMPARE(reviews[0].at("answered_at"), std::string("2017-10-12 03:43:48"));

        // The report says what was understood.
        const nlohmann::json &r = result.report;
        QCOMPARE(r["layout"]["found"]["olist_orders_dataset.csv"].get<std::string>(), std::string("Olist-Orders.csv"));
        QCOMPARE(r["layout"]["found"]["olist_order_items_dataset.csv"].get<std::string>(),
                 std::string("ORDER_ITEMS.CSV"));
        QCOMPARE(r["layout"]["ignored_files"], nlohmann::json::array({"notes.txt"}));
        QCOMPARE(r["layout"]["missing_optional"], nlohmann::json::array({"olist_geolocation_dataset.csv"}));
        nlohmann::json ordersFile, customersFile, productsFile, reviewsFile;
        for (const auto &f : r["files"]) {
            if (f["table"] == "orders")
                ordersFile = f;
            if (f["table"] == "customers")
                customersFile = f;
            if (f["table"] == "products")
                productsFile = f;
            if (f["table"] == "reviews")
                reviewsFile = f;
        }
        QCOMPARE(ordersFile["blank_lines_skipped"].get<int>(), 200002);
        QCOMPARE(ordersFile["columns"]["order_purchase_timestamp"].get<std::string>(), std::string("orders.order_ts"));
        const auto purchase = ordersFile["timestamps"]["order_purchase_timestamp"];
        QCOMPARE(purchase["format"].get<std::string>(), std::string("M/D/YYYY H:MM (month first)"));
        QVERIFY2(purchase["why"].get<std::string>().find("11/13/2017 9:00") != std::string::npos,
                 purchase.dump().c_str());
        QCOMPARE(reviewsFile["timestamps"]["review_answer_timestamp"]["format"].get<std::string>(),
                 std::string("YYYY-MM-DD HH:MM:SS (ISO)"));
        QCOMPARE(reviewsFile["comments_with_line_breaks"].get<int>(), 1);
        QCOMPARE(customersFile["byte_order_mark"].get<bool>(), true);
        QCOMPARE(customersFile["line_endings"].get<std::string>(), std::string("CRLF"));
        QCOMPARE(customersFile["records_merged_into_their_person"].get<int>(), 1);
        QVERIFY(productsFile["ignored_columns"].dump().find("product_weight_g") != std::string::npos);
        QVERIFY(observer.logs.join(QLatin1Char('\n')).contains(QStringLiteral("Olist-Orders.csv → orders")));
    }

    void olistMissingRequiredFileFailsBeforeWriting()
    {
        const QString in = path(QStringLiteral("olist-missing")), out = path(QStringLiteral("olist-missing-out"));
        writeOlist(in);
        QFile::remove(in + QStringLiteral("/ORDER_ITEMS.CSV"));
        QFile::remove(in + QStringLiteral("/products_dataset.csv"));
        test::RecordingObserver observer;
        const std::string m = message([&] {
            test::produce(QStringLiteral("olist"), {{"path", in.toStdString()}}, out, observer);
        });
        QVERIFY2(m.find("olist_order_items_dataset.csv") != std::string::npos &&
                     m.find("olist_products_dataset.csv") != std::string::npos,
                 m.c_str());
        QVERIFY(test::folderIsEmpty(out));
        // A folder that is not there says so.
        QVERIFY(message([&] {
                    test::produce(QStringLiteral("olist"), {{"path", "/nonexistent/olist"}}, out, observer);
                }).find("does not exist") != std::string::npos);
    }

    void olistAmbiguousDatesNeedAStatement()
    {
        const QString in = path(QStringLiteral("olist-ambiguous")), out = path(QStringLiteral("olist-ambiguous-out"));
        writeOlist(in);
        // Every US date of this export also reads day-first.
        QByteArray orders = "order_id,customer_id,order_status,order_purchase_timestamp\n"
                            "o1,c1,delivered,10/2/2017 10:56\no2,c3,delivered,11/12/2017 09:00\n";
        writeBytes(in + QStringLiteral("/Olist-Orders.csv"), orders);
        test::RecordingObserver observer;
        const std::string m = message([&] {
            test::produce(QStringLiteral("olist"), {{"path", in.toStdString()}}, out, observer);
        });
        QVERIFY2(m.find("Olist-Orders.csv") != std::string::npos && m.find("ambiguous") != std::string::npos,
                 m.c_str());
        QVERIFY(test::folderIsEmpty(out));
        test::produce(QStringLiteral("olist"), {{"path", in.toStdString()}, {"date_order", "month_first"}}, out,
                      observer);
        QCOMPARE(findRow(readStaged(out, "orders"), "order_id", "o2")->at("order_ts"),
                 std::string("2017-11-12 09:00:00"));
    }

    void txnlogMonthFirstWithCancellationsAndMessyIds()
    {
        const QString file = path(QStringLiteral("log/online_retail.csv")), out = path(QStringLiteral("log-out"));
        writeBytes(
            file,
            kLogHeader +
                ",Notes\r\n"
                "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER   ,6,12/1/10 8:26,2.55,17850.0,United Kingdom,x\r\n"
                "536365,71053,WHITE METAL LANTERN,6,12/1/10 8:26,3.39,17850.0,United Kingdom,\r\n"
                "536366,22633,HAND WARMER UNION JACK,6,12/13/10 8:28,1.85,,France,\r\n"
                "C536379,D,Discount,-1,12/13/10 9:41,27.50,14527,United Kingdom,\r\n"
                "536370,22728,ALARM CLOCK BAKELIKE PINK,24,12/13/10 8:45,0.425,12583,EIRE,\r\n"
                "536371,22728,ALARM CLOCK BAKELIKE PINK,24,12/14/10 8:45,0,12583,EIRE,\r\n"
                "536371,22728,ALARM CLOCK BAKELIKE PINK,2,12/14/10 8:45,0.5,12583,EIRE,\r\n"
                "536372,99999,MYSTERY,1,12/14/10 9:00,1.00,12583,Unspecified,\r\n");
        test::RecordingObserver observer;
        const auto result = test::produce(QStringLiteral("txnlog"), {{"path", file.toStdString()}}, out, observer);
        const std::map<std::string, qint64> expected = {{"order_lines", 8},   {"orders", 6},     {"customers", 3},
                                                        {"products", 6},      {"categories", 1}, {"countries", 4},
                                                        {"product_prices", 6}};
        QCOMPARE(result.rows, expected);

        const auto lines = readStaged(out, "order_lines");
        QCOMPARE(lines[0].at("description"), std::string("WHITE HANGING HEART T-LIGHT HOLDER"));
        QCOMPARE(lines[0].at("line_total"), std::string("15.30"));
        QCOMPARE(lines[1].at("line_no"), std::string("2"));
        QCOMPARE(lines[4].at("line_total"), std::string("10.20")); // 24 × 0.425 = 10.20 exactly
        QCOMPARE(lines[6].at("line_no"), std::string("2"));
        const auto orders = readStaged(out, "orders");
        const auto *first = findRow(orders, "order_id", "536365");
        QCOMPARE(first->at("customer_id"), std::string("17850"));
        QCOMPARE(first->at("order_ts"), std::string("2010-12-01 08:26:00"));
        QCOMPARE(first->at("order_total"), std::string("35.64"));
        QCOMPARE(first->at("status"), std::string("Completed"));
        QCOMPARE(first->at("country_code"), std::string("GB"));
        QCOMPARE(findRow(orders, "order_id", "536366")->at("customer_id"), std::string()); // quarantined downstream
        const auto *cancelled = findRow(orders, "order_id", "C536379");
        QCOMPARE(cancelled->at("status"), std::string("Cancelled"));
        QCOMPARE(cancelled->at("items_subtotal"), std::string("-27.50"));
        QCOMPARE(findRow(orders, "order_id", "536370")->at("country_code"), std::string("IE"));
        QCOMPARE(findRow(orders, "order_id", "536372")->at("country_code"), std::string("Unspecified"));

        // Price history: sales with a price only, a point per change.
        const auto prices = readStaged(out, "product_prices");
        std::vector<std::string> points;
        for (const auto &p : prices)
            points.push_back(p.at("product_id") + "@" + p.at("valid_from") + "=" + p.at("unit_price"));
        const std::vector<std::string> expectedPoints = {
            "85123A@2010-12-01 08:26:00=2.55",  "71053@2010-12-01 08:26:00=3.39", "22633@2010-12-13 08:28:00=1.85",
            "22728@2010-12-13 08:45:00=0.4250", "22728@2010-12-14 08:45:00=0.50", "99999@2010-12-14 09:00:00=1.00"};
        QCOMPARE(points, expectedPoints);
        const auto countries = readStaged(out, "countries");
        QCOMPARE(findRow(countries, "country_code", "IE")->at("country_name"), std::string("Ireland"));

        const nlohmann::json &r = result.report;
        QCOMPARE(r["files"][0]["ignored_columns"], nlohmann::json::array({"Notes"}));
        QCOMPARE(r["files"][0]["timestamps"]["InvoiceDate"]["format"].get<std::string>(),
                 std::string("M/D/YY H:MM (month first)"));
        QCOMPARE(r["decisions"]["customer_ids_with_trailing_zero_decimals"].get<int>(), 2);
        QCOMPARE(r["decisions"]["lines_without_customer"].get<int>(), 1);
        QCOMPARE(r["decisions"]["invoices"]["cancellations"].get<int>(), 1);
        QCOMPARE(r["decisions"]["countries"]["EIRE"].get<std::string>(), std::string("IE"));
    }

    void txnlogDayFirstIsDetected()
    {
        const QString file = path(QStringLiteral("dayfirst.csv")), out = path(QStringLiteral("dayfirst-out"));
        writeBytes(file, kLogHeader + "\n536365,85123A,HEART,6,1/12/2010 8:26,2.55,17850,United Kingdom\n"
                                      "536400,85123A,HEART,6,13/12/2010 9:00,2.55,17850,United Kingdom\n");
        test::RecordingObserver observer;
        const auto result = test::produce(QStringLiteral("txnlog"), {{"path", file.toStdString()}}, out, observer);
        const auto orders = readStaged(out, "orders");
        QCOMPARE(orders[0].at("order_ts"), std::string("2010-12-01 08:26:00"));
        QCOMPARE(orders[1].at("order_ts"), std::string("2010-12-13 09:00:00"));
        QCOMPARE(result.report["files"][0]["timestamps"]["InvoiceDate"]["format"].get<std::string>(),
                 std::string("D/M/YYYY H:MM (day first)"));
    }

    void txnlogAmbiguousIsRefusedAndStatementsAreHonoured()
    {
        const QString file = path(QStringLiteral("ambiguous/log.csv")), out = path(QStringLiteral("ambiguous-out"));
        writeBytes(file, kLogHeader + "\n536365,85123A,HEART,6,12/1/10 8:26,2.55,17850,United Kingdom\n");
        test::RecordingObserver observer;
        const std::string m = message([&] {
            test::produce(QStringLiteral("txnlog"), {{"path", file.toStdString()}}, out, observer);
        });
        QVERIFY2(m.find("log.csv") != std::string::npos && m.find("ambiguous") != std::string::npos, m.c_str());
        QVERIFY(test::folderIsEmpty(out));
        test::produce(QStringLiteral("txnlog"), {{"path", file.toStdString()}, {"date_order", "month_first"}}, out,
                      observer);
        QCOMPARE(readStaged(out, "orders")[0].at("order_ts"), std::string("2010-12-01 08:26:00"));
        test::produce(QStringLiteral("txnlog"), {{"path", file.toStdString()}, {"date_order", "day_first"}}, out,
                      observer);
        QCOMPARE(readStaged(out, "orders")[0].at("order_ts"), std::string("2010-01-12 08:26:00"));
        // A statement the data contradicts is refused too.
        writeBytes(file, kLogHeader + "\n536365,85123A,HEART,6,12/13/10 8:26,2.55,17850,United Kingdom\n");
        QVERIFY(message([&] {
                    test::produce(QStringLiteral("txnlog"), {{"path", file.toStdString()}, {"date_order", "day_first"}},
                                  out, observer);
                }).find("date_order=day_first was stated") != std::string::npos);
    }

    void txnlogFolderAndMissingColumn()
    {
        const QString dir = path(QStringLiteral("folder")), out = path(QStringLiteral("folder-out"));
        writeBytes(dir + QStringLiteral("/2010-12-02.csv"),
                   kLogHeader + "\n536500,85123A,HEART,6,2010-12-02 08:26:00,2.55,17850,United Kingdom\n");
        writeBytes(dir + QStringLiteral("/2010-12-01.csv"),
                   kLogHeader + "\n536365,85123A,HEART,6,2010-12-01 08:26:00,2.40,17850,United Kingdom\n");
        test::RecordingObserver observer;
        const auto result = test::produce(QStringLiteral("txnlog"), {{"path", dir.toStdString()}}, out, observer);
        QCOMPARE(result.report["files"].size(), std::size_t(2));
        QCOMPARE(result.report["files"][0]["file"].get<std::string>(), std::string("2010-12-01.csv"));
        QCOMPARE(readStaged(out, "product_prices").size(), std::size_t(2));
        QCOMPARE(readStaged(out, "customers").size(), std::size_t(1));

        writeBytes(dir + QStringLiteral("/2010-12-03.csv"),
                   "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID\n");
        const std::string m = message([&] {
            test::produce(QStringLiteral("txnlog"), {{"path", dir.toStdString()}}, out, observer);
        });
        QVERIFY2(m.find("2010-12-03.csv") != std::string::npos && m.find("Country") != std::string::npos, m.c_str());
        QVERIFY(test::folderIsEmpty(out));
    }

    void anonymousCustomerOption()
    {
        const QString file = path(QStringLiteral("anon.csv")), out = path(QStringLiteral("anon-out"));
        writeBytes(file, kLogHeader + "\n536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,,France\n");
        test::RecordingObserver observer;
        test::produce(QStringLiteral("txnlog"), {{"path", file.toStdString()}, {"anonymous_customer", "GUEST"}}, out,
                      observer);
        QCOMPARE(readStaged(out, "orders")[0].at("customer_id"), std::string("GUEST"));
        QCOMPARE(readStaged(out, "customers")[0].at("country_code"), std::string("FR"));
    }

    void cancelStopsAnImport()
    {
        const QString in = path(QStringLiteral("olist-cancel")), out = path(QStringLiteral("olist-cancel-out"));
        writeOlist(in);
        test::RecordingObserver observer;
        observer.cancel = true;
        QVERIFY_THROWS_EXCEPTION(CancelledError,
                                 test::produce(QStringLiteral("olist"), {{"path", in.toStdString()}}, out, observer));
        const QString log = path(QStringLiteral("cancel.csv"));
        writeBytes(log, kLogHeader + "\n536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n");
        QVERIFY_THROWS_EXCEPTION(CancelledError,
                                 test::produce(QStringLiteral("txnlog"), {{"path", log.toStdString()}}, out, observer));
    }

    void unreadableRecordsArePassedOnForTheQuarantine()
    {
        const QString file = path(QStringLiteral("broken.csv")), out = path(QStringLiteral("broken-out"));
        writeBytes(file, kLogHeader + "\n536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n"
                                      "536366,too,few,fields\n");
        test::RecordingObserver observer;
        const auto result = test::produce(QStringLiteral("txnlog"), {{"path", file.toStdString()}}, out, observer);
        QCOMPARE(result.rows.at("order_lines"), qint64(2));
        csv::Reader reader(QFile::encodeName(out + QStringLiteral("/order_lines.csv")).toStdString());
        QCOMPARE(reader.next(), csv::Outcome::Record);
        QCOMPARE(reader.next(), csv::Outcome::Malformed); // the loader quarantines it with this text
        QVERIFY(std::string(reader.malformed().raw).find("broken.csv:3") != std::string::npos);
        QVERIFY(std::string(reader.malformed().raw).find("536366,too,few,fields") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestSourceFiles)
#include "tst_source_files.moc"

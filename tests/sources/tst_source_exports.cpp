// Exports as real users bring them: Olist folders re-saved from a
// spreadsheet (renamed files, thousands of empty padding records), a
// transaction log with values that do not fit their columns, a header that
// is not UTF-8, a folder missing a file under any name.
#include "ExportFixture.h"
#include "OlistFixture.h"
#include "SourceTestSupport.h"
#include "core/Decimal.h"
#include "core/ErrorText.h"
#include "sources/olist/OlistFiles.h"

#include <QTemporaryDir>
#include <QtTest>

#include <limits>

using namespace ecomops;
using test::findRow;
using test::readStaged;
using test::writeBytes;

namespace {

std::string message(const std::function<void()> &body)
{
    try {
        body();
    } catch (const sources::SourceError &e) {
        return e.what();
    }
    return std::string("(no error)");
}

nlohmann::json fileReport(const nlohmann::json &report, const std::string &table)
{
    for (const auto &f : report["files"]) {
        if (f["table"] == table)
            return f;
    }
    return {};
}

// The staged records of `table` that carry a source's unreadable record: "where" and raw bytes.
std::vector<std::pair<std::string, std::string>> unreadable(const QString &directory, const std::string &table)
{
    csv::Reader reader(
        QFile::encodeName(QDir(directory).filePath(QString::fromStdString(table + ".csv"))).toStdString());
    std::vector<std::pair<std::string, std::string>> out;
    for (csv::Outcome o; (o = reader.next()) != csv::Outcome::End;) {
        if (o != csv::Outcome::Malformed)
            continue;
        const csv::ParsedRecord p = csv::parseRecord(reader.malformed().raw);
        out.emplace_back(p.fields.at(0), p.fields.at(1));
    }
    return out;
}

} // namespace

class TestSourceExports : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void fileNamesAreCompared()
    {
        using sources::olist::compactFileName;
        QCOMPARE(compactFileName(QStringLiteral("olist_customers_dataset.csv")), std::string("customers"));
        QCOMPARE(compactFileName(QStringLiteral("olistcustomerdataset.csv")), std::string("customer"));
        QCOMPARE(compactFileName(QStringLiteral("Olist Orders.CSV")), std::string("orders"));
        QCOMPARE(compactFileName(QStringLiteral("OLIST-Order_Items-Dataset.csv")), std::string("orderitems"));
        QCOMPARE(compactFileName(QStringLiteral("product_category_name_translation.csv")),
                 std::string("productcategorynametranslation"));
        QCOMPARE(sources::olist::editDistance("custmers", "customers"), std::size_t(1));
        QCOMPARE(sources::olist::editDistance("", "abc"), std::size_t(3));
        QCOMPARE(sources::olist::editDistance("kitten", "sitting"), std::size_t(3));
    }

    // Renamed files are found; padding is skipped and counted, per file and
    // per table, never staged and never quarantined.
    void olistRenamedAndPaddedFolderLoads()
    {
        const QString in = path(QStringLiteral("padded")), out = path(QStringLiteral("padded-out"));
        const int pad = 5000;
        test::writeRenamedPaddedOlist(in, pad);
        test::RecordingObserver observer;
        const auto result = test::produce(QStringLiteral("olist"), {{"path", in.toStdString()}}, out, observer);

        const nlohmann::json &found = result.report["layout"]["found"];
        QCOMPARE(found["olist_customers_dataset.csv"].get<std::string>(), std::string("olistcustomerdataset.csv"));
        QCOMPARE(found["olist_orders_dataset.csv"].get<std::string>(), std::string("Olist_Orders.CSV"));
        QCOMPARE(found["olist_order_items_dataset.csv"].get<std::string>(), std::string("order-item.csv"));
        QCOMPARE(found["olist_products_dataset.csv"].get<std::string>(), std::string("Olist Products Dataset.csv"));
        QCOMPARE(found["olist_order_payments_dataset.csv"].get<std::string>(),
                 std::string("olist_order_payment_dataset.csv"));

        QCOMPARE(result.rows.at("customers"), qint64(2));
        QCOMPARE(result.rows.at("orders"), qint64(2));
        QCOMPARE(result.rows.at("order_lines"), qint64(2));
        QCOMPARE(result.rows.at("products"), qint64(2));
        QCOMPARE(result.rows.at("payments"), qint64(1));
        QCOMPARE(result.rows.at("sellers"), qint64(1));
        for (const char *table : {"customers", "orders", "order_lines", "products", "payments", "sellers"}) {
            QCOMPARE(result.skipped.at(table), qint64(pad));
            const nlohmann::json f = fileReport(result.report, table);
            QCOMPARE(f["empty_records_skipped"].get<qint64>(), qint64(pad));
            QCOMPARE(f["unreadable_records"].get<qint64>(), qint64(0));
            QCOMPARE(f["records"].get<qint64>(), result.rows.at(table));
            QCOMPARE(readStaged(out, table).size(), std::size_t(result.rows.at(table)));
            QVERIFY(unreadable(out, table).empty());
        }
        QCOMPARE(findRow(readStaged(out, "orders"), "order_id", "o1")->at("order_total"), std::string("72.19"));
        QVERIFY2(observer.logs.join(QLatin1Char('\n'))
                     .contains(QStringLiteral("olistcustomerdataset.csv → customers: 2 records, "
                                              "5000 empty records skipped")),
                 qPrintable(observer.logs.join(QLatin1Char('\n'))));
    }

    void olistMissingFileNamesTheFolderAndTheClosestName()
    {
        const QString in = path(QStringLiteral("missing")), out = path(QStringLiteral("missing-out"));
        test::writeRenamedPaddedOlist(in, 0);
        QVERIFY(QFile::rename(in + QStringLiteral("/olistcustomerdataset.csv"),
                              in + QStringLiteral("/olist_custmers.csv")));
        test::RecordingObserver observer;
        const std::string m = message([&] {
            test::produce(QStringLiteral("olist"), {{"path", in.toStdString()}}, out, observer);
        });
        QCOMPARE(
            m,
            "the Olist folder " + in.toStdString() +
                " has no customers file (looked for olist_customers_dataset.csv and similar names). CSV files there: "
                "Olist Products Dataset.csv, Olist_Orders.CSV, Sellers.csv, olist_custmers.csv, "
                "olist_order_payment_dataset.csv, order-item.csv. Closest: olist_custmers.csv — map it with --option "
                "file.customers=olist_custmers.csv");
        QVERIFY(test::folderIsEmpty(out));

        // The option the message proposes maps it.
        const auto result =
            test::produce(QStringLiteral("olist"),
                          {{"path", in.toStdString()}, {"file.customers", "olist_custmers.csv"}}, out, observer);
        QCOMPARE(result.rows.at("customers"), qint64(2));
        QCOMPARE(result.report["layout"]["found"]["olist_customers_dataset.csv"].get<std::string>(),
                 std::string("olist_custmers.csv (option file.customers)"));

        // Nothing close: the message says so.
        QVERIFY(QFile::rename(in + QStringLiteral("/olist_custmers.csv"), in + QStringLiteral("/people.csv")));
        const std::string far = message([&] {
            test::produce(QStringLiteral("olist"), {{"path", in.toStdString()}}, out, observer);
        });
        QVERIFY2(far.find("No file name there is close to it.") != std::string::npos, far.c_str());
    }

    void olistFileOptionsMapAndRefuse()
    {
        const QString in = path(QStringLiteral("options")), out = path(QStringLiteral("options-out"));
        test::writeRenamedPaddedOlist(in, 0);
        QVERIFY(QFile::rename(in + QStringLiteral("/order-item.csv"), in + QStringLiteral("/lines 2017.csv")));
        test::RecordingObserver observer;
        // Any spelling of the kind works: order_items, items, OrderItem.
        const auto result = test::produce(
            QStringLiteral("olist"), {{"path", in.toStdString()}, {"file.OrderItem", "lines 2017.csv"}}, out, observer);
        QCOMPARE(result.rows.at("order_lines"), qint64(2));
        // An absolute path works too.
        test::produce(
            QStringLiteral("olist"),
            {{"path", in.toStdString()}, {"file.items", QString(in + QStringLiteral("/lines 2017.csv")).toStdString()}},
            out, observer);

        const std::string unknown = message([&] {
            test::produce(QStringLiteral("olist"), {{"path", in.toStdString()}, {"file.clients", "x.csv"}}, out,
                          observer);
        });
        QVERIFY2(unknown.find("file.clients names no Olist file kind; the kinds are customers, orders, order_items") !=
                     std::string::npos,
                 unknown.c_str());
        const std::string absent = message([&] {
            test::produce(QStringLiteral("olist"), {{"path", in.toStdString()}, {"file.order_items", "nope.csv"}}, out,
                          observer);
        });
        QVERIFY2(absent.find("--option file.order_items=nope.csv: there is no such file") != std::string::npos,
                 absent.c_str());

        // Two files of one kind: refused, naming both.
        writeBytes(in + QStringLiteral("/olist_orders_dataset.csv"),
                   "order_id,customer_id,order_status,order_purchase_timestamp\n");
        writeBytes(in + QStringLiteral("/order-item.csv"), "x\n");
        const std::string twice = message([&] {
            test::produce(QStringLiteral("olist"), {{"path", in.toStdString()}, {"file.order_items", "order-item.csv"}},
                          out, observer);
        });
        QVERIFY2(twice.find("two files in " + in.toStdString() +
                            " are the Olist orders file: Olist_Orders.CSV and "
                            "olist_orders_dataset.csv") != std::string::npos,
                 twice.c_str());
        QVERIFY(twice.find("--option file.orders=NAME") != std::string::npos);
    }

    // Each bad value costs its line, with file, line and reason, and feeds
    // no invoice, customer, product or country; the report stays valid JSON.
    void txnlogValuesThatDoNotFitAreQuarantined()
    {
        const QString file = path(QStringLiteral("bad/online_retail.csv")), out = path(QStringLiteral("bad-out"));
        writeBytes(file, test::badValuesLog());
        test::RecordingObserver observer;
        const auto result = test::produce(QStringLiteral("txnlog"), {{"path", file.toStdString()}}, out, observer);
        QCOMPARE(result.rows.at("order_lines"), qint64(7));
        const auto bad = unreadable(out, "order_lines");
        std::vector<std::string> where;
        for (const auto &[w, raw] : bad)
            where.push_back(w);
        const std::string prefix = "unreadable in the source: online_retail.csv:";
        const std::vector<std::string> expected = {
            prefix + "3: Quantity \"1000000000000000\" is out of range (at most 2147483647)",
            prefix + "4: Country holds bytes that are not UTF-8 text (0xE9 at byte 5)",
            prefix + "5: Description holds a NUL byte (at byte 9)",
            prefix + "6: UnitPrice \"123456789012.50\" is out of range (at most 10 digits before the decimal point)",
            prefix +
                "7: the line total 2000000000 × 1000000 is out of range (at most 10 digits before the decimal point)"};
        QCOMPARE(where, expected);
        // The raw record is the source line as it was, bytes and all.
        QCOMPARE(bad[1].second, std::string("536367,22728,ALARM CLOCK,2,2010-12-01 08:30:00,3.75,12583,Cura\xE9\x61o"));

        // Only the good lines fed the derived tables.
        std::vector<std::string> orders, customers, countries, products;
        for (const auto &r : readStaged(out, "orders"))
            orders.push_back(r.at("order_id") + "=" + r.at("order_total"));
        for (const auto &r : readStaged(out, "customers"))
            customers.push_back(r.at("customer_id"));
        for (const auto &r : readStaged(out, "countries"))
            countries.push_back(r.at("country_code"));
        for (const auto &r : readStaged(out, "products"))
            products.push_back(r.at("product_id"));
        QCOMPARE(orders, (std::vector<std::string>{"536365=15.30", "536371=3.70"}));
        QCOMPARE(customers, std::vector<std::string>{"17850"});
        QCOMPARE(countries, std::vector<std::string>{"GB"});
        QCOMPARE(products, (std::vector<std::string>{"85123A", "22633"}));

        const nlohmann::json f = result.report["files"][0];
        QCOMPARE(f["unreadable_records"].get<int>(), 4); // the line total is judged after reading
        QCOMPARE(f["records_with_values_that_do_not_fit"]["count"].get<int>(), 4);
        QVERIFY(!result.report.dump().empty()); // plain dump: throws on bytes that are not UTF-8
        QCOMPARE(result.report["decisions"]["anonymous_customer"].get<std::string>().substr(0, 55),
                 std::string("lines without CustomerID are guest checkouts: kept, cou"));
    }

    void headerThatIsNotUtf8IsRefused()
    {
        const QString file = path(QStringLiteral("header/online_retail.csv")), out = path(QStringLiteral("header-out"));
        writeBytes(file, "InvoiceNo,StockCode,Descripci\xF3n,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                         "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n");
        test::RecordingObserver observer;
        QCOMPARE(
            message([&] {
                test::produce(QStringLiteral("txnlog"), {{"path", file.toStdString()}}, out, observer);
            }),
            std::string("online_retail.csv: the name of column 3 in the header is not UTF-8 text; save the file as "
                        "UTF-8 (CSV UTF-8 in Excel)"));
        writeBytes(file, QByteArray("I\0n\0v\0", 6) + "\n1\n");
        QVERIFY(message([&] {
                    test::produce(QStringLiteral("txnlog"), {{"path", file.toStdString()}}, out, observer);
                }).find("the name of column 1 in the header holds a NUL byte") != std::string::npos);
        QVERIFY(test::folderIsEmpty(out));
    }

    // Failures inside a library never reach a user with their internal text.
    void internalErrorsAreSentences()
    {
        const auto described = [](const std::function<void()> &body) {
            try {
                body();
            } catch (const std::exception &e) {
                return describeException(e, "importing the file");
            }
            return std::string("(no error)");
        };
        const std::string json = described([] { (void)nlohmann::json(std::string("Cura\xE9\x61o")).dump(); });
        QCOMPARE(
            json,
            std::string(
                "an internal error occurred while importing the file: text that is not UTF-8 could not be written"));
        const std::string decimal =
            described([] { (void)Decimal::fromInteger(std::numeric_limits<std::int64_t>::max()); });
        QCOMPARE(decimal,
                 std::string("an internal error occurred while importing the file: a number was too large for exact "
                             "decimal arithmetic"));
        const std::string stoll = described([] { (void)std::stoll("x"); });
        QVERIFY2(stoll.rfind("an internal error occurred while importing the file: ", 0) == 0 &&
                     stoll.find("stoll") == std::string::npos,
                 stoll.c_str());
        QCOMPARE(described([] { throw sources::SourceError("log.csv:3: a sentence"); }),
                 std::string("log.csv:3: a sentence"));
    }

    // Padding in a transaction log counts for order_lines; a log of padding
    // only gives no rows.
    void txnlogPaddingIsSkipped()
    {
        const QString file = path(QStringLiteral("padlog.csv")), out = path(QStringLiteral("padlog-out"));
        writeBytes(file, test::kTxnLogHeader + "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n" +
                             test::padding(8, 3000));
        test::RecordingObserver observer;
        const auto result = test::produce(QStringLiteral("txnlog"), {{"path", file.toStdString()}}, out, observer);
        QCOMPARE(result.rows.at("order_lines"), qint64(1));
        QCOMPARE(result.skipped.at("order_lines"), qint64(3000));
        QCOMPARE(result.report["files"][0]["empty_records_skipped"].get<int>(), 3000);
    }
};

QTEST_GUILESS_MAIN(TestSourceExports)
#include "tst_source_exports.moc"

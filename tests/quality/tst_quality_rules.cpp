// The quality stage without a database: the field checks, each table's row
// rules on good and bad records, the catalogue, the options' JSON, scores
// and gates.
#include "quality/FieldChecks.h"
#include "quality/QualityOptions.h"
#include "quality/RowRules.h"
#include "quality/RuleCatalog.h"
#include "quality/Scoring.h"
#include "staging/Catalog.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <set>

using namespace ecomops;
using namespace ecomops::quality;

namespace {

// The run's clock for every row-rule test: 2026-06-15 12:00 local.
QDateTime runTime()
{
    return QDateTime(QDate(2026, 6, 15), QTime(12, 0));
}

struct Checked {
    QStringList failed; // rule ids that failed, sorted, each once
    bool rejected = false;
    QStringList reasons; // of rejecting failures
};

// A record as the loader hands it to a RowChecker; views into `parsed` and `line`.
csv::Record recordOf(const csv::ParsedRecord &parsed, std::string_view line, std::uint64_t lineNo = 2)
{
    csv::Record record;
    for (std::size_t i = 0; i < parsed.fields.size(); ++i) {
        record.fields.emplace_back(parsed.fields[i]);
        record.quoted.push_back(parsed.quoted[i]);
    }
    record.line = lineNo;
    record.raw = line;
    return record;
}

Checked checkLine(const std::string &table, const std::string &line, const QualityOptions &options = {})
{
    const staging::TableSpec *spec = staging::findTable(table);
    if (!spec)
        qFatal("unknown table %s", table.c_str());
    const csv::ParsedRecord parsed = csv::parseRecord(line);
    if (!parsed.ok)
        qFatal("test line is not CSV: %s", line.c_str());
    const csv::Record record = recordOf(parsed, line);
    RowRules rules(*spec, options, runTime());
    std::vector<load::RowFailure> failures;
    rules.check(record, failures);
    Checked out;
    std::set<QString> ids;
    for (const RuleResult &r : rules.results()) {
        if (r.failed > 0)
            ids.insert(QString::fromStdString(r.ruleId));
        if (r.checked < r.failed)
            qFatal("rule %s failed more than it checked", r.ruleId.c_str());
    }
    out.failed = QStringList(ids.begin(), ids.end());
    for (const load::RowFailure &f : failures) {
        out.rejected = out.rejected || f.rejects;
        if (f.rejects)
            out.reasons << QString::fromStdString(f.reason);
    }
    return out;
}

RuleResult result(const std::string &table, const std::string &rule, Dimension d, qint64 checked, qint64 failed,
                  Severity severity = Severity::Reject)
{
    RuleResult r;
    r.table = table;
    r.ruleId = rule;
    r.dimension = d;
    r.checked = checked;
    r.failed = failed;
    r.severity = severity;
    return r;
}

} // namespace

class TestQualityRules : public QObject
{
    Q_OBJECT

private slots:
    void integers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("value");
        QTest::newRow("plain") << "42" << true << qint64(42);
        QTest::newRow("signed") << "-7" << true << qint64(-7);
        QTest::newRow("plus") << "+3" << true << qint64(3);
        QTest::newRow("18 digits") << "999999999999999999" << true << qint64(999999999999999999LL);
        QTest::newRow("19 digits") << "1000000000000000000" << false << qint64(0);
        QTest::newRow("decimal") << "1.0" << false << qint64(0);
        QTest::newRow("txn-log id") << "17850.0" << false << qint64(0);
        QTest::newRow("letters") << "12a" << false << qint64(0);
        QTest::newRow("sign only") << "-" << false << qint64(0);
        QTest::newRow("empty") << "" << false << qint64(0);
    }
    void integers()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(qint64, value);
        const auto parsed = parseInteger(text.toStdString());
        QCOMPARE(parsed.has_value(), ok);
        if (ok)
            QCOMPARE(*parsed, value);
    }

    void amounts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("cents");
        QTest::newRow("cents") << "19.99" << true << true;
        QTest::newRow("negative") << "-0.01" << true << true;
        QTest::newRow("no integer part") << ".5" << true << true;
        QTest::newRow("trailing point") << "7." << true << true;
        QTest::newRow("sub-cent price") << "0.425" << true << false;
        QTest::newRow("four decimals") << "1.2345" << true << false;
        QTest::newRow("padded zeros") << "1.230000" << true << true;
        QTest::newRow("five decimals") << "0.00001" << false << false;
        QTest::newRow("ten integer digits") << "9999999999.99" << true << true;
        QTest::newRow("eleven integer digits") << "10000000000" << false << false;
        QTest::newRow("exponent") << "1e3" << false << false;
        QTest::newRow("comma") << "1,5" << false << false;
        QTest::newRow("currency") << "$5" << false << false;
    }
    void amounts()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(bool, cents);
        const auto parsed = parseAmount(text.toStdString());
        QCOMPARE(parsed.has_value(), ok);
        if (ok)
            QCOMPARE(parsed->isExactAt(2), cents);
    }

    void timestamps_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("utc"); // the same wall clock as ISO, for comparison
        QTest::newRow("date") << "2025-03-01" << true << "2025-03-01T00:00:00";
        QTest::newRow("minutes") << "2025-03-01 10:56" << true << "2025-03-01T10:56:00";
        QTest::newRow("seconds") << "2017-10-02 10:56:33" << true << "2017-10-02T10:56:33";
        QTest::newRow("T separator") << "2017-10-02T10:56:33" << true << "2017-10-02T10:56:33";
        QTest::newRow("fraction") << "2017-10-02 10:56:33.123456" << true << "2017-10-02T10:56:33";
        QTest::newRow("leap day") << "2024-02-29" << true << "2024-02-29T00:00:00";
        QTest::newRow("not a leap year") << "2025-02-29" << false << "";
        QTest::newRow("April 31") << "2025-04-31" << false << "";
        QTest::newRow("month 13") << "2025-13-01" << false << "";
        QTest::newRow("hour 24") << "2025-01-01 24:00" << false << "";
        QTest::newRow("US style") << "10/2/2017 10:56" << false << "";
        QTest::newRow("year 0999") << "0999-01-01" << false << "";
        QTest::newRow("seven fraction digits") << "2017-10-02 10:56:33.1234567" << false << "";
        QTest::newRow("time zone") << "2017-10-02 10:56:33+02" << false << "";
        QTest::newRow("no seconds digits") << "2017-10-02 10:56:" << false << "";
    }
    void timestamps()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QString, utc);
        const auto parsed = parseTimestamp(text.toStdString());
        QCOMPARE(parsed.has_value(), ok);
        if (ok)
            QCOMPARE(*parsed, QDateTime::fromString(utc + QLatin1Char('Z'), Qt::ISODate).toSecsSinceEpoch());
    }

    void emails_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::newRow("synthetic") << "e.smith12@example.com" << true;
        QTest::newRow("subdomain") << "anna.nowak7@mail.example.com" << true;
        QTest::newRow("plus tag") << "a+tag@example.org" << true;
        QTest::newRow("apostrophe") << "o'brien@example.ie" << true;
        QTest::newRow("unicode") << "zoë@exämple.de" << true;
        QTest::newRow("punycode tld") << "a@example.xn--p1ai" << true;
        QTest::newRow("no at") << "e.smith12example.com" << false;
        QTest::newRow("double at") << "e.smith12@@example.com" << false;
        QTest::newRow("space") << "e smith12@example.com" << false;
        QTest::newRow("no domain") << "e.smith12@" << false;
        QTest::newRow("no tld") << "e.smith12@example" << false;
        QTest::newRow("no local part") << "@example.com" << false;
        QTest::newRow("double dot") << "e..smith@example.com" << false;
        QTest::newRow("leading dot") << ".e@example.com" << false;
        QTest::newRow("label starts with -") << "e@-example.com" << false;
        QTest::newRow("empty label") << "e@example..com" << false;
        QTest::newRow("numeric tld") << "e@example.123" << false;
        QTest::newRow("one-letter tld") << "e@example.c" << false;
        QTest::newRow("comma") << "e,f@example.com" << false;
    }
    void emails()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QCOMPARE(isEmail(text.toStdString()), ok);
    }

    void formats_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::newRow("iso2 US") << "iso2"
                                 << "US" << true;
        QTest::newRow("iso2 lower") << "iso2"
                                    << "us" << false;
        QTest::newRow("iso2 three") << "iso2"
                                    << "USA" << false;
        QTest::newRow("iso3166 BR") << "iso3166"
                                    << "BR" << true;
        QTest::newRow("iso3166 ZW") << "iso3166"
                                    << "ZW" << true;
        QTest::newRow("iso3166 XX") << "iso3166"
                                    << "XX" << false;
        QTest::newRow("iso3166 UK") << "iso3166"
                                    << "UK" << false;
        QTest::newRow("phone synthetic") << "phone"
                                         << "+1 234 5678901" << true;
        QTest::newRow("phone dashes") << "phone"
                                      << "(030) 123-4567" << true;
        QTest::newRow("phone short") << "phone"
                                     << "12345" << false;
        QTest::newRow("phone long") << "phone"
                                    << "+49 1234 5678 9012 3456" << false;
        QTest::newRow("phone letters") << "phone"
                                       << "+1 CALL NOW" << false;
        QTest::newRow("phone inner plus") << "phone"
                                          << "1+2345678" << false;
        QTest::newRow("sku synthetic") << "sku"
                                       << "SKU-000123" << true;
        QTest::newRow("sku olist hash") << "sku"
                                        << "4244733e06e7ecb4970a6e2683c13e61" << true;
        QTest::newRow("sku stock code") << "sku"
                                        << "85123A" << true;
        QTest::newRow("sku space") << "sku"
                                   << "BANK CHARGES" << false;
        QTest::newRow("sku too long") << "sku" << QString(65, QLatin1Char('A')) << false;
    }
    void formats()
    {
        QFETCH(QString, kind);
        QFETCH(QString, text);
        QFETCH(bool, ok);
        const std::string t = text.toStdString();
        if (kind == QLatin1String("iso2"))
            QCOMPARE(isCountryFormat(t), ok);
        else if (kind == QLatin1String("iso3166"))
            QCOMPARE(isIsoCountry(t), ok);
        else if (kind == QLatin1String("phone"))
            QCOMPARE(isPhone(t), ok);
        else
            QCOMPARE(isProductCode(t), ok);
    }

    void rows_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("failed"); // rule ids, comma-separated, sorted
        QTest::addColumn<bool>("rejected");
        // Good rows as the synthetic shop writes them.
        QTest::newRow("countries good") << "countries"
                                        << "US,United States,North America"
                                        << "" << false;
        QTest::newRow("categories good") << "categories"
                                         << "7,Laptops,2"
                                         << "" << false;
        QTest::newRow("products good") << "products"
                                       << "SKU-000001,Smart Lamp B12,7,2023-05-01 10:00:00"
                                       << "" << false;
        QTest::newRow("prices good") << "product_prices"
                                     << "SKU-000001,2023-05-01 10:00:00,19.99"
                                     << "" << false;
        QTest::newRow("customers good") << "customers"
                                        << "1,e.smith1@example.com,Emma,Smith,+1 555 1234567,US,New York,2024-02-01"
                                        << "" << false;
        QTest::newRow("customers optional empty") << "customers"
                                                  << "2,,,,,GB,,"
                                                  << "" << false;
        QTest::newRow("segments good") << "customer_segments"
                                       << "1,2024-02-01 09:00:00,VIP"
                                       << "" << false;
        QTest::newRow("orders good")
            << "orders"
            << "1,7,2025-03-01 10:00:00,Website,Completed,Credit Card,US,100.00,10.00,4.99,94.99"
            << "" << false;
        QTest::newRow("orders olist status") << "orders"
                                             << "1,7,2025-03-01 10:00:00,Store,delivered,credit_card,BR,10.00,0,0,10.00"
                                             << "" << false;
        QTest::newRow("lines good") << "order_lines"
                                    << "1,1,SKU-000001,3,19.99,5.99,53.98"
                                    << "" << false;
        QTest::newRow("lines no discount") << "order_lines"
                                           << "1,2,SKU-000002,2,5.00,,10.00"
                                           << "" << false;
        QTest::newRow("lines no total") << "order_lines"
                                        << "1,3,SKU-000002,2,5.00,,"
                                        << "" << false;
        QTest::newRow("payments good") << "payments"
                                       << "1,1,2025-03-01 10:05:00,E-Wallet,94.99"
                                       << "" << false;
        QTest::newRow("invoices good") << "invoices"
                                       << "INV-2025-000001,1,2025-03-01 12:00:00,94.99"
                                       << "" << false;
        QTest::newRow("events anonymous search") << "events"
                                                 << "1,10,,2025-03-01 10:00:00,search,"
                                                 << "" << false;
        QTest::newRow("events good") << "events"
                                     << "2,10,7,2025-03-01 10:00:05,add_to_cart,SKU-000001"
                                     << "" << false;

        // Completeness and validity of types.
        QTest::newRow("missing required") << "orders"
                                          << "1,C1,,Website,Completed,,US,1,0,0,1"
                                          << "orders.order_ts.present" << true;
        // An empty customer is a guest checkout, not a missing value.
        QTest::newRow("guest checkout") << "orders"
                                        << "1,,2025-03-01 10:00:00,Website,Completed,,US,1,0,0,1"
                                        << "" << false;
        QTest::newRow("blank is missing") << "products"
                                          << "SKU-1,Name,  ,"
                                          << "products.category_id.present" << true;
        QTest::newRow("integer does not parse") << "events"
                                                << "12x,10,,2025-03-01 10:00:00,search,"
                                                << "events.event_id.parses" << true;
        QTest::newRow("timestamp does not parse") << "orders"
                                                  << "1,7,2025-02-30 10:00:00,Website,Completed,,US,1,0,0,1"
                                                  << "orders.order_ts.parses" << true;
        QTest::newRow("amount is text") << "payments"
                                        << "1,1,2025-03-01 10:05:00,E-Wallet,twelve"
                                        << "payments.amount.parses" << true;
        QTest::newRow("date does not parse") << "customers"
                                             << "3,a@b.co,,,,US,,01/02/2024"
                                             << "customers.signup_date.parses" << true;

        // Validity of values.
        QTest::newRow("bad email") << "customers"
                                   << "4,e.smith4@example,,,,US,,"
                                   << "customers.email.well_formed" << true;
        QTest::newRow("status not in set") << "orders"
                                           << "1,7,2025-03-01 10:00:00,Website,Lost,,US,1,0,0,1"
                                           << "orders.status.in_set" << false;
        QTest::newRow("channel not in set") << "orders"
                                            << "1,7,2025-03-01 10:00:00,Fax,Completed,,US,1,0,0,1"
                                            << "orders.channel.in_set" << false;
        QTest::newRow("method not in set") << "payments"
                                           << "1,1,2025-03-01 10:05:00,Cash,1.00"
                                           << "payments.method.in_set" << false;
        QTest::newRow("segment not in set") << "customer_segments"
                                            << "1,2024-02-01 09:00:00,Gold"
                                            << "customer_segments.segment.in_set" << false;
        QTest::newRow("event type not in set") << "events"
                                               << "3,10,7,2025-03-01 10:00:05,click,SKU-1"
                                               << "events.event_type.in_set" << false;
        QTest::newRow("negative price") << "order_lines"
                                        << "1,1,SKU-000001,3,-19.99,0,59.97"
                                        << "order_lines.unit_price.not_negative" << true;
        QTest::newRow("zero price") << "order_lines"
                                    << "1,1,SKU-000001,3,0,0,0"
                                    << "order_lines.unit_price.not_zero" << false;
        QTest::newRow("negative list price") << "product_prices"
                                             << "SKU-1,2023-05-01 10:00:00,-5"
                                             << "product_prices.unit_price.not_negative" << true;
        QTest::newRow("zero quantity") << "order_lines"
                                       << "1,1,SKU-000001,0,19.99,0,0"
                                       << "order_lines.quantity.sign" << true;
        QTest::newRow("negative quantity") << "order_lines"
                                           << "1,1,SKU-000001,-2,19.99,0,-39.98"
                                           << "order_lines.quantity.sign" << true;
        QTest::newRow("cancellation may be negative") << "order_lines"
                                                      << "C536379,1,85123A,-2,2.10,,-4.20"
                                                      << "" << false;
        QTest::newRow("negative order amounts") << "orders"
                                                << "1,7,2025-03-01 10:00:00,Website,Refunded,,US,-10.00,0,0,-10.00"
                                                << "orders.amounts.not_negative" << false;
        QTest::newRow("negative discount") << "order_lines"
                                           << "1,1,SKU-000001,1,10.00,-1.00,11.00"
                                           << "order_lines.discount.not_negative" << false;

        // Consistency within a row.
        QTest::newRow("order total off by a cent")
            << "orders"
            << "1,7,2025-03-01 10:00:00,Website,Completed,,US,100.00,10.00,4.99,95.00"
            << "orders.order_total.adds_up" << true;
        QTest::newRow("line total off") << "order_lines"
                                        << "1,1,SKU-000001,3,19.99,0,59.96"
                                        << "order_lines.line_total.adds_up" << true;
        QTest::newRow("line total of a sub-cent price") << "order_lines"
                                                        << "1,1,SKU-1,3,0.425,,1.28"
                                                        << "" << false; // 1.275 → 1.28 half to even
        QTest::newRow("negative price is not also inconsistent") << "order_lines"
                                                                 << "1,1,SKU-000001,3,-19.99,0,59.97"
                                                                 << "order_lines.unit_price.not_negative" << true;

        // Timeliness (the run started 2026-06-15 12:00).
        QTest::newRow("future order") << "orders"
                                      << "1,7,2031-03-01 10:00:00,Website,Completed,,US,1,0,0,1"
                                      << "orders.order_ts.not_future" << true;
        QTest::newRow("within tolerance") << "orders"
                                          << "1,7,2026-06-16 11:00:00,Website,Completed,,US,1,0,0,1"
                                          << "" << false;
        QTest::newRow("future signup counts") << "customers"
                                              << "5,,,,,US,,2027-01-01"
                                              << "customers.signup_date.not_future" << false;
        QTest::newRow("future event") << "events"
                                      << "4,10,,2030-01-01 00:00:00,search,"
                                      << "events.event_ts.not_future" << true;

        // Conformity and accuracy of formats.
        QTest::newRow("lower-case country") << "customers"
                                            << "6,,,,,us,,"
                                            << "customers.country_code.iso2" << false;
        QTest::newRow("unknown iso code") << "countries"
                                          << "XX,Nowhere,"
                                          << "countries.country_code.iso3166" << false;
        QTest::newRow("phone too short") << "customers"
                                         << "7,,,,123,US,,"
                                         << "customers.phone.length" << false;
        QTest::newRow("three decimals of money") << "orders"
                                                 << "1,7,2025-03-01 10:00:00,Website,Completed,,US,10.005,0,0,10.005"
                                                 << "orders.amounts.cents" << false;
        QTest::newRow("product code with a space") << "order_lines"
                                                   << "1,1,BANK CHARGES,1,10.00,,10.00"
                                                   << "order_lines.product_id.code" << false;
        QTest::newRow("several at once") << "orders"
                                         << "1,,2031-03-01 10:00:00,Fax,Completed,,usa,10.00,0,0,10.50"
                                         << "orders.channel.in_set,orders.country_code.iso2,orders.order_total.adds_up,"
                                            "orders.order_ts.not_future"
                                         << true;
    }
    void rows()
    {
        QFETCH(QString, table);
        QFETCH(QString, line);
        QFETCH(QString, failed);
        QFETCH(bool, rejected);
        const Checked c = checkLine(table.toStdString(), line.toStdString());
        QCOMPARE(c.failed.join(QLatin1Char(',')), failed);
        QCOMPARE(c.rejected, rejected);
        for (const QString &reason : c.reasons)
            QVERIFY2(!reason.isEmpty(), "every rejection has a reason in words");
    }

    void reasonsNameColumnAndValue()
    {
        const Checked c = checkLine("customers", "4,e.smith4@example,,,,US,,");
        QCOMPARE(c.reasons.size(), 1);
        QCOMPARE(c.reasons.first(), QStringLiteral("email \"e.smith4@example\" is not a well-formed e-mail address"));
        const Checked t = checkLine("orders", "1,7,2025-03-01 10:00:00,Website,Completed,,US,100.00,10.00,4.99,95.00");
        QCOMPARE(t.reasons.first(), QStringLiteral("order_total 95.00 is not items_subtotal 100.00 - discount_total "
                                                   "10.00 + shipping_fee 4.99 = 94.99"));
        const Checked l = checkLine("order_lines", "1,1,SKU-1,3,0.425,,1.30");
        QCOMPARE(l.reasons.first(),
                 QStringLiteral("line_total 1.30 is not quantity 3 x unit_price 0.425 - discount 0.00 = 1.275"));
    }

    void optionsChangeRules()
    {
        QualityOptions o;
        o.rules.windowDays = 365;
        QCOMPARE(checkLine("orders", "1,7,2024-03-01 10:00:00,Website,Completed,,US,1,0,0,1", o).failed,
                 QStringList{QStringLiteral("orders.order_ts.in_window")});
        o.rules.domains["orders.status.in_set"] = {"Lost"};
        QCOMPARE(checkLine("orders", "1,7,2026-03-01 10:00:00,Website,lost,,US,1,0,0,1", o).failed, QStringList());
        o.rules.disabled.insert("customers.email.well_formed");
        QCOMPARE(checkLine("customers", "4,e.smith4@example,,,,US,,", o).rejected, false);
        o.rules.severities["orders.status.in_set"] = Severity::Reject;
        QCOMPARE(checkLine("orders", "1,7,2026-03-01 10:00:00,Website,Completed,,US,1,0,0,1", o).rejected, true);
        o.rules.futureToleranceHours = 0;
        QCOMPARE(checkLine("orders", "1,7,2026-06-15 12:30:00,Website,lost,,US,1,0,0,1", o).failed,
                 QStringList{QStringLiteral("orders.order_ts.not_future")});
    }

    void countersAndExamples()
    {
        const staging::TableSpec &spec = *staging::findTable("customers");
        RowRules rules(spec, {}, runTime());
        std::vector<load::RowFailure> failures;
        for (int i = 0; i < 8; ++i) {
            const std::string line = std::to_string(i) + ",bad" + std::to_string(i) + "@x,,,,US,,";
            const csv::ParsedRecord p = csv::parseRecord(line);
            rules.check(recordOf(p, line, std::uint64_t(i + 2)), failures);
        }
        QCOMPARE(rules.rowsChecked(), qint64(8));
        QCOMPARE(failures.size(), std::size_t(8));
        bool seen = false;
        for (const RuleResult &r : rules.results()) {
            if (r.ruleId == "customers.email.well_formed") {
                seen = true;
                QCOMPARE(r.checked, qint64(8));
                QCOMPARE(r.failed, qint64(8));
                QCOMPARE(int(r.examples.size()), RowRules::kMaxExamples);
                QCOMPARE(r.examples.front().line, qint64(2));
                QCOMPARE(r.examples.front().value, std::string("bad0@x"));
            }
            if (r.ruleId == "customers.customer_id.present")
                QCOMPARE(r.checked, qint64(8));
            if (r.ruleId == "customers.phone.length")
                QCOMPARE(r.checked, qint64(0)); // nothing given: nothing checked
        }
        QVERIFY(seen);
        QCOMPARE(rules.nullCounts()[1], qint64(0));
        QCOMPARE(rules.nullCounts()[2], qint64(8)); // first_name
        rules.reset();
        QCOMPARE(rules.rowsChecked(), qint64(0));
        for (const RuleResult &r : rules.results())
            QCOMPARE(r.checked, qint64(0));
    }

    void filesMayOrderAndOmitColumns()
    {
        // A file with some of the table's columns, in its own order.
        RowRules rules(*staging::findTable("customers"), {}, runTime());
        rules.setHeader({"country_code", "customer_id", "email"});
        const std::string line = "us,7,bad@x";
        const csv::ParsedRecord p = csv::parseRecord(line);
        std::vector<load::RowFailure> failures;
        rules.check(recordOf(p, line), failures);
        QStringList failed;
        for (const RuleResult &res : rules.results()) {
            if (res.failed)
                failed << QString::fromStdString(res.ruleId);
        }
        failed.sort();
        QCOMPARE(failed, (QStringList{QStringLiteral("customers.country_code.iso2"),
                                      QStringLiteral("customers.email.well_formed")}));
        const auto &spec = *staging::findTable("customers");
        QCOMPARE(rules.nullCounts()[std::size_t(spec.columnIndex("customer_id"))], qint64(0));
        QCOMPARE(rules.nullCounts()[std::size_t(spec.columnIndex("phone"))], qint64(1));
        // Back in the table's order, for the set rules.
        const auto values = rules.columnValues({"us", "7", ""}, {false, false, true});
        QVERIFY(values);
        QCOMPARE(values->size(), spec.columns.size());
        QCOMPARE(*(*values)[std::size_t(spec.columnIndex("customer_id"))], std::string("7"));
        QCOMPARE(*(*values)[std::size_t(spec.columnIndex("country_code"))], std::string("us"));
        QVERIFY(!(*values)[std::size_t(spec.columnIndex("email"))]);
        QVERIFY(!(*values)[std::size_t(spec.columnIndex("phone"))]);
        QVERIFY(!rules.columnValues({"us", "7"}, {false, false}));
        // Without a header, fewer fields are the leading columns.
        rules.setHeader({});
        const auto leading = rules.columnValues({"7", "a@b.co"}, {false, false});
        QVERIFY(leading);
        QCOMPARE(*(*leading)[1], std::string("a@b.co"));
        QVERIFY(!(*leading)[2]);
    }

    void catalogueIsConsistent()
    {
        std::set<std::string> ids;
        std::set<Dimension> dimensions;
        for (const Rule &r : ruleCatalog()) {
            QVERIFY2(ids.insert(r.id).second, r.id.c_str());
            QVERIFY2(!r.description.empty(), r.id.c_str());
            dimensions.insert(r.dimension);
            if (r.table == "*") {
                QVERIFY(r.kind() == RuleKind::Load || r.kind() == RuleKind::Snapshot ||
                        r.kind() == RuleKind::Transform);
                continue;
            }
            const staging::TableSpec *t = staging::findTable(r.table);
            QVERIFY2(t, r.id.c_str());
            QVERIFY2(r.id.rfind(r.table + ".", 0) == 0, r.id.c_str());
            for (const std::string &c : r.columns)
                QVERIFY2(t->columnIndex(c) >= 0, (r.id + ": " + c).c_str());
            if (!r.refTable.empty()) {
                const staging::TableSpec *ref = staging::findTable(r.refTable);
                QVERIFY2(ref && ref->columnIndex(r.refKey) >= 0, r.id.c_str());
            }
            if (r.check == Check::InSet)
                QVERIFY2(!r.values.empty(), r.id.c_str());
        }
        QCOMPARE(dimensions.size(), std::size_t(8));
        // Every staged table: required fields, types, key, snapshot freshness,
        // and every table but the reference lists has an integrity or accuracy check.
        for (const staging::TableSpec &t : staging::catalog()) {
            QVERIFY2(findRule(t.name + ".key.unique"), t.name.c_str());
            std::set<Dimension> own;
            for (const Rule &r : ruleCatalog()) {
                if (r.appliesTo(t.name))
                    own.insert(r.dimension);
            }
            QVERIFY2(own.size() >= 5, t.name.c_str());
        }
        QVERIFY(findRule("orders.customer_id.resolves"));
        QCOMPARE(findRule("orders.customer_id.parent_accepted")->severity, Severity::Info);
        QCOMPARE(findRule("orders.order_ts.not_future")->severity, Severity::Reject);
        QCOMPARE(findRule("orders.order_ts.not_future")->kind(), RuleKind::Row);
        QCOMPARE(findRule("order_lines.order_id.resolves")->kind(), RuleKind::Set);
    }

    void optionsJson()
    {
        const QualityOptions defaults = QualityOptions::fromJson(nlohmann::json::object());
        QCOMPARE(defaults.gates.overall, 80.0);
        QCOMPARE(defaults.gates.thresholdFor("orders", Dimension::Integrity), 100.0);
        QCOMPARE(defaults.gates.thresholdFor("orders", Dimension::Validity), 85.0);
        QCOMPARE(defaults.gates.maxNullPercent, 20.0);
        QCOMPARE(defaults.gates.maxDuplicatePercent, 5.0);
        QVERIFY(defaults.gates.mode == GateMode::Fail);

        const auto spec = nlohmann::json::parse(R"({
            "mode": "warn", "overall": 70, "dimensions": {"integrity": 60},
            "tables": {"events": {"mode": "fail", "dimensions": {"timeliness": 50}, "max_null_percent": 60}},
            "weights": {"conformity": 0},
            "rules": {"window_days": 30, "cancellation_prefix": "X", "disabled": ["customers.phone.length"],
                      "severity": {"orders.status.in_set": "reject"}, "domains": {"orders.channel.in_set": ["Web"]}}
        })");
        const QualityOptions o = QualityOptions::fromJson(spec);
        QVERIFY(o.gates.mode == GateMode::Warn);
        QVERIFY(o.gates.modeFor("events") == GateMode::Fail);
        QVERIFY(o.gates.modeFor("orders") == GateMode::Warn);
        QCOMPARE(o.gates.thresholdFor("events", Dimension::Timeliness), 50.0);
        QCOMPARE(o.gates.thresholdFor("events", Dimension::Integrity), 60.0);
        QCOMPARE(o.gates.maxNullPercentFor("events"), 60.0);
        QCOMPARE(o.gates.maxNullPercentFor("orders"), 20.0);
        QCOMPARE(o.weights[indexOf(Dimension::Conformity)], 0.0);
        QCOMPARE(o.rules.windowDays, 30);
        QCOMPARE(o.rules.cancellationPrefix, std::string("X"));
        QVERIFY(o.rules.disabled.count("customers.phone.length"));
        QVERIFY(o.rules.severities.at("orders.status.in_set") == Severity::Reject);
        // Round trip.
        QCOMPARE(QualityOptions::fromJson(o.toJson()).toJson().dump(), o.toJson().dump());
        QCOMPARE(QualityOptions::fromJson(defaults.toJson()).toJson().dump(), defaults.toJson().dump());
    }

    void optionsErrors_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown key") << R"({"overal": 80})"
                                     << "overal is not a known setting";
        QTest::newRow("above 100") << R"({"overall": 120})"
                                   << "overall must be a number from 0 to 100";
        QTest::newRow("mode") << R"({"mode": "stop"})"
                              << "mode must be \"fail\" or \"warn\"";
        QTest::newRow("dimension") << R"({"dimensions": {"freshness": 5}})"
                                   << "dimensions.freshness is not a known setting";
        QTest::newRow("table") << R"({"tables": {"returns": {}}})"
                               << "tables.returns is not a staged table";
        QTest::newRow("rule") << R"({"rules": {"disabled": ["orders.nope"]}})"
                              << "unknown rule \"orders.nope\"";
        QTest::newRow("domain of a non-set rule") << R"({"rules": {"domains": {"orders.order_ts.not_future": []}}})"
                                                  << "is not a rule that checks a list of values";
        QTest::newRow("severity") << R"({"rules": {"severity": {"orders.status.in_set": "drop"}}})"
                                  << "must be \"reject\", \"count\" or \"info\"";
        QTest::newRow("window") << R"({"rules": {"window_days": -1}})"
                                << "window_days must be a whole number";
    }
    void optionsErrors()
    {
        QFETCH(QString, json);
        QFETCH(QString, message);
        try {
            QualityOptions::fromJson(nlohmann::json::parse(json.toStdString()));
            QFAIL("accepted");
        } catch (const QualityOptionsError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        }
    }

    void scoresAndGates()
    {
        std::vector<RuleResult> results{
            result("orders", "orders.order_id.present", Dimension::Completeness, 1000, 0),
            result("orders", "orders.customer_id.present", Dimension::Completeness, 1000, 0),
            result("orders", "orders.customer_id.resolves", Dimension::Integrity, 1000, 25),
            result("orders", "orders.customer_id.parent_accepted", Dimension::Integrity, 900, 300, Severity::Info),
            result("orders", "orders.key.unique", Dimension::Uniqueness, 1000, 80),
            result("orders", "orders.status.in_set", Dimension::Validity, 1000, 1, Severity::Count),
            result("countries", "countries.key.unique", Dimension::Uniqueness, 10, 0),
        };
        std::vector<TableFacts> facts(2);
        facts[0].table = "orders";
        facts[0].rows = 1000;
        facts[0].checkedRows = 1000;
        facts[0].columns = {
            {"order_id", true, 0},          {"customer_id", true, 0},    {"status", true, 300}, {"channel", false, 999},
            {"payment_method", false, 800}, {"approved_at", false, 1000}}; // never given: the source has no such column

        facts[1].table = "countries";
        facts[1].rows = 10;
        QualityOptions options;
        ScoreCard card = scoreRun(results, facts, options);
        const TableScore *orders = card.table("orders");
        QVERIFY(orders);
        QCOMPARE(*orders->dimensions[indexOf(Dimension::Completeness)].score, 100.0);
        QCOMPARE(*orders->dimensions[indexOf(Dimension::Integrity)].score, 97.5); // info not scored
        QCOMPARE(*orders->dimensions[indexOf(Dimension::Uniqueness)].score, 92.0);
        QCOMPARE(*orders->dimensions[indexOf(Dimension::Validity)].score, 99.9);
        QVERIFY(!orders->dimensions[indexOf(Dimension::Timeliness)].score); // nothing checked: no score
        // Weighted: (2*100 + 2*99.9 + 1.5*92 + 2*97.5) / 7.5
        QCOMPARE(*orders->overall, floorScore((200 + 199.8 + 138 + 195) / 7.5));
        QCOMPARE(orders->duplicateRows, qint64(80));
        QVERIFY(card.status == GateStatus::Failed);
        QStringList messages;
        for (const auto &m : card.messages)
            messages << QString::fromStdString(m);
        QVERIFY2(messages.contains(QStringLiteral("orders: integrity 97.5 is below its gate of 100 (gate: fail)")),
                 qPrintable(messages.join(QLatin1Char('\n'))));
        QVERIFY(messages.contains(QStringLiteral("orders: uniqueness 92 is below its gate of 95 (gate: fail)")));
        QVERIFY(messages.contains(
            QStringLiteral("orders: 41.98 % of its cells are empty, more than the 20 % allowed (gate: fail)")));
        QVERIFY(messages.contains(
            QStringLiteral("orders: 8 % of its rows are duplicates, more than the 5 % allowed (gate: fail)")));
        QCOMPARE(messages.size(), 4);
        // Run overall: rows-weighted mean of the tables.
        QCOMPARE(*card.overall, floorScore((*orders->overall * 1000 + 100.0 * 10) / 1010));

        // As warnings the same run passes, warned.
        options.gates.mode = GateMode::Warn;
        card = scoreRun(results, facts, options);
        QVERIFY(card.status == GateStatus::Warned);
        QCOMPARE(card.messages.size(), std::size_t(4));
        // One table back to "fail": failed again, its messages first.
        options.gates.tables["orders"].mode = GateMode::Fail;
        options.gates.tables["orders"].dimensions[Dimension::Integrity] = 90;
        options.gates.tables["orders"].dimensions[Dimension::Uniqueness] = 90;
        options.gates.tables["orders"].maxNullPercent = 50;
        options.gates.tables["orders"].maxDuplicatePercent = 10;
        card = scoreRun(results, facts, options);
        QVERIFY(card.status == GateStatus::Passed);
        QVERIFY(card.messages.empty());
        // A gate above what is achievable fails.
        options.gates.tables["orders"].overall = 99.99;
        card = scoreRun(results, facts, options);
        QVERIFY(card.status == GateStatus::Failed);
        QCOMPARE(card.messages.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(card.messages.front()).startsWith(QStringLiteral("orders: overall score ")));
    }

    void columnsASourceDoesNotHaveAreNotNulls()
    {
        std::vector<TableFacts> facts(1);
        facts[0].table = "customers";
        facts[0].rows = facts[0].checkedRows = 100;
        // email, first_name and phone are not in this source at all; city often empty.
        facts[0].columns = {{"customer_id", true, 0}, {"email", false, 100},     {"first_name", false, 100},
                            {"phone", false, 100},    {"country_code", true, 0}, {"city", false, 60},
                            {"zip_code", false, 0},   {"state", false, 0}};
        const ScoreCard card = scoreRun({}, facts, {});
        const TableScore &t = *card.table("customers");
        QCOMPARE(t.unprovided, (std::vector<std::string>{"email", "first_name", "phone"}));
        QCOMPARE(t.cells, qint64(500));
        QCOMPARE(t.nullCells, qint64(60));
        QVERIFY(card.status == GateStatus::Passed); // 12 %
        // A required column empty in every row still counts.
        facts[0].columns[0].nulls = 100;
        QCOMPARE(scoreRun({}, facts, {}).table("customers")->nullCells, qint64(160));
    }

    void scoresNeverRoundUpTo100()
    {
        QCOMPARE(floorScore(100.0 * 999999.0 / 1000000.0), 99.999);
        QCOMPARE(floorScore(79.9996), 79.999);
        QCOMPARE(floorScore(100), 100.0);
        std::vector<RuleResult> results{result("events", "events.key.unique", Dimension::Uniqueness, 3000000, 1)};
        std::vector<TableFacts> facts(1);
        facts[0].table = "events";
        facts[0].rows = 3000000;
        const ScoreCard card = scoreRun(results, facts, {});
        QVERIFY(*card.table("events")->dimensions[indexOf(Dimension::Uniqueness)].score < 100);
    }
};

QTEST_GUILESS_MAIN(TestQualityRules)
#include "tst_quality_rules.moc"

// The synthetic shop: determinism, the reference shapes of DESIGN.md, exact
// money, as-of prices, and a manifest that lists exactly the planted rows.
#include "CsvTable.h"
#include "TestSupport.h"

#include "core/Decimal.h"
#include "sources/synthetic/Generator.h"

#include <QCryptographicHash>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>

using ecomops::Decimal;
using ecomops::synthetic::GenerationResult;
using ecomops::synthetic::Generator;
using ecomops::synthetic::GeneratorError;
using ecomops::synthetic::GeneratorOptions;
using ecomops::test::CsvTable;

namespace {

// A shop with every defect and anomalies planted.
GeneratorOptions defectiveOptions(double scale)
{
    GeneratorOptions o;
    o.scale = scale;
    o.seed = 7;
    o.defects.badEmail = 0.01;
    o.defects.orphanCustomer = 0.01;
    o.defects.orphanProduct = 0.01;
    o.defects.negativePrice = 0.01;
    o.defects.duplicateRow = 0.01;
    o.defects.futureDate = 0.01;
    o.defects.totalMismatch = 0.01;
    o.anomalies.rate = 0.02;
    o.anomalies.productShare = 0.10;
    return o;
}

QByteArray sha256(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

std::vector<std::string> allFiles()
{
    std::vector<std::string> files;
    for (const auto &t : Generator::tableNames())
        files.push_back(t + ".csv");
    files.emplace_back(Generator::kManifestFileName);
    return files;
}

Decimal money(std::string_view text)
{
    return Decimal::parse(text);
}

bool validEmail(std::string_view email)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$"));
    return pattern.match(QString::fromUtf8(email.data(), qsizetype(email.size()))).hasMatch();
}

// Median (interpolated, like percentile_cont(0.5)) and sample σ.
struct Baseline {
    double median = 0;
    double sigma = 0;
    double threshold(double k = 2.0) const { return median + k * sigma; }
};

Baseline baselineOf(std::vector<int> values)
{
    Baseline b;
    if (values.empty())
        return b;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    b.median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
    double mean = 0;
    for (int v : values)
        mean += v;
    mean /= double(n);
    double ss = 0;
    for (int v : values)
        ss += (v - mean) * (v - mean);
    b.sigma = n > 1 ? std::sqrt(ss / double(n - 1)) : 0.0;
    return b;
}

// One generated shop, its tables read on demand.
class Shop
{
public:
    Shop() = default;
    Shop(std::string dir, GenerationResult result) : m_dir(std::move(dir)), m_result(std::move(result)) {}
    const std::string &dir() const { return m_dir; }
    const GenerationResult &result() const { return m_result; }
    const CsvTable &table(const std::string &name)
    {
        auto &slot = m_tables[name];
        if (!slot) {
            slot = std::make_unique<CsvTable>();
            const std::string file = name == "_planted" ? std::string(Generator::kManifestFileName) : name + ".csv";
            if (!slot->load(m_dir + "/" + file))
                qFatal("%s: %s", file.c_str(), slot->error().c_str());
        }
        return *slot;
    }

private:
    std::string m_dir;
    GenerationResult m_result;
    std::map<std::string, std::unique_ptr<CsvTable>> m_tables;
};

// Manifest rows by (table, line).
std::multimap<std::pair<std::string, std::uint64_t>, std::string> plantedRows(Shop &shop)
{
    std::multimap<std::pair<std::string, std::uint64_t>, std::string> planted;
    const CsvTable &m = shop.table("_planted");
    for (std::size_t r = 0; r < m.rows(); ++r)
        planted.emplace(std::make_pair(std::string(m.text(r, 0)), std::uint64_t(m.integer(r, 1))),
                        std::string(m.text(r, 3)));
    return planted;
}

bool isPlanted(const std::multimap<std::pair<std::string, std::uint64_t>, std::string> &planted,
               const std::string &table, std::uint64_t line, const char *kind = nullptr)
{
    const auto range = planted.equal_range({table, line});
    for (auto it = range.first; it != range.second; ++it) {
        if (!kind || it->second == kind)
            return true;
    }
    return false;
}

} // namespace

class TestSynthetic : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void optionsRoundTripThroughJson();
    void optionsRejectInvalidJson_data();
    void optionsRejectInvalidJson();
    void sameSeedGivesSameBytes();
    void differentSeedGivesDifferentData();
    void expectedCountsAreKnownUpFront();
    void filesAreValidCsv();
    void tableSizesMatchScale();
    void mixesMatchDesign_data();
    void mixesMatchDesign();
    void segmentAndPriceHistories();
    void seasonWeekdaysAndHours();
    void customersArePareto();
    void paymentsAndInvoices();
    void moneyAddsUpExactly();
    void linesUseAsOfPrice();
    void cleanShopIsClean();
    void normalQuantitiesStayBelowThreshold();
    void plantedRowsAreDefective();
    void unplantedRowsAreClean();
    void anomaliesAreSeparable();
    void defectsDoNotMoveCleanData();
    void reportsProgressAndCancels();
    void customPeriodAndTinyScale();
    void explicitAnomalyProducts();

private:
    std::string subdir(const char *name) const
    {
        return QString(m_root + QLatin1Char('/') + QLatin1String(name)).toStdString();
    }

    QString m_root;
    Shop m_clean;     // scale 1, no defects
    Shop m_defective; // scale 0.2, every defect and anomalies
    GeneratorOptions m_cleanOptions;
};

void TestSynthetic::initTestCase()
{
    m_root = ecomops::test::outputDir() + QStringLiteral("/synthetic");
    QDir(m_root).removeRecursively();
    QVERIFY(QDir().mkpath(m_root));

    m_cleanOptions.scale = 1.0;
    const std::string cleanDir = subdir("clean");
    GenerationResult clean = Generator(m_cleanOptions).generate(cleanDir);
    QCOMPARE(clean.status, GenerationResult::Status::Completed);
    qInfo("generator throughput at scale 1: %llu rows (%.1f MB) in %.3f s = %.0f rows/s",
          static_cast<unsigned long long>(clean.totalRows), double(clean.bytesWritten) / 1e6, clean.elapsedSeconds,
          clean.rowsPerSecond());
    m_clean = Shop(cleanDir, clean);

    const std::string defectiveDir = subdir("defective-a");
    m_defective = Shop(defectiveDir, Generator(defectiveOptions(0.2)).generate(defectiveDir));
}

void TestSynthetic::optionsRoundTripThroughJson()
{
    GeneratorOptions o = defectiveOptions(0.5);
    o.startDate = QDate(2024, 3, 1);
    o.months = 6;
    o.seed = 0xFFFFFFFFFFFFFFFFULL;
    o.shape.channelMix = {1, 2, 3, 4};
    o.anomalies.products = {"SKU-000001", "SKU-000002"};
    const nlohmann::json json = o.toJson();
    const GeneratorOptions back = GeneratorOptions::fromJson(json);
    QCOMPARE(back.toJson().dump(), json.dump());
    QCOMPARE(back.seed, o.seed);
    QCOMPARE(back.startDate, o.startDate);
    QCOMPARE(back.shape.channelMix[3], 4);
    QCOMPARE(back.defects.futureDate, 0.01);

    // Missing keys keep their defaults.
    const GeneratorOptions partial = GeneratorOptions::fromJson(nlohmann::json{{"scale", 0.1}});
    QCOMPARE(partial.scale, 0.1);
    QCOMPARE(partial.seed, std::uint64_t(42));
    QCOMPARE(partial.startDate, QDate(2025, 1, 1));
    QCOMPARE(partial.shape.statusMix[0], 70);
}

void TestSynthetic::optionsRejectInvalidJson_data()
{
    QTest::addColumn<QString>("json");
    QTest::newRow("unknown key") << QStringLiteral(R"({"scael": 1})");
    QTest::newRow("unknown nested key") << QStringLiteral(R"({"defects": {"bad_emails": 0.1}})");
    QTest::newRow("negative scale") << QStringLiteral(R"({"scale": -1})");
    QTest::newRow("zero scale") << QStringLiteral(R"({"scale": 0})");
    QTest::newRow("rate above one") << QStringLiteral(R"({"defects": {"bad_email": 1.5}})");
    QTest::newRow("text rate") << QStringLiteral(R"({"defects": {"bad_email": "0.1"}})");
    QTest::newRow("bad date") << QStringLiteral(R"({"start_date": "2025-02-30"})");
    QTest::newRow("negative seed") << QStringLiteral(R"({"seed": -5})");
    QTest::newRow("zero months") << QStringLiteral(R"({"months": 0})");
    QTest::newRow("empty mix") << QStringLiteral(R"({"shape": {"channel_mix": {"Website": 0, "Mobile App": 0,
        "Marketplace": 0, "Store": 0}}})");
    QTest::newRow("factor order") << QStringLiteral(R"({"anomalies": {"min_factor": 20, "max_factor": 10}})");
    QTest::newRow("not an object") << QStringLiteral(R"([1, 2])");
}

void TestSynthetic::optionsRejectInvalidJson()
{
    QFETCH(QString, json);
    const auto parsed = nlohmann::json::parse(json.toStdString());
    QVERIFY_THROWS_EXCEPTION(GeneratorError, GeneratorOptions::fromJson(parsed));
}

void TestSynthetic::sameSeedGivesSameBytes()
{
    const std::string again = subdir("defective-b");
    const GenerationResult second = Generator(defectiveOptions(0.2)).generate(again);
    QCOMPARE(second.rowCounts, m_defective.result().rowCounts);
    QCOMPARE(second.plantedCounts, m_defective.result().plantedCounts);
    for (const auto &file : allFiles()) {
        const QByteArray a = sha256(QString::fromStdString(m_defective.dir() + "/" + file));
        const QByteArray b = sha256(QString::fromStdString(again + "/" + file));
        QVERIFY2(!a.isEmpty(), file.c_str());
        QVERIFY2(a == b, file.c_str());
    }
}

void TestSynthetic::differentSeedGivesDifferentData()
{
    GeneratorOptions other = defectiveOptions(0.2);
    other.seed += 1;
    const std::string dir = subdir("other-seed");
    Generator(other).generate(dir);
    for (const char *file :
         {"products.csv", "customers.csv", "orders.csv", "order_lines.csv", "events.csv", "_planted.csv"}) {
        QVERIFY2(sha256(QString::fromStdString(m_defective.dir() + "/" + file)) !=
                     sha256(QString::fromStdString(dir + "/" + file)),
                 file);
    }
    // Reference tables do not depend on the seed.
    QCOMPARE(sha256(QString::fromStdString(dir + "/countries.csv")),
             sha256(QString::fromStdString(m_defective.dir() + "/countries.csv")));
}

void TestSynthetic::expectedCountsAreKnownUpFront()
{
    const auto expected = Generator(m_cleanOptions).expectedRowCounts();
    const auto &actual = m_clean.result().rowCounts;
    QCOMPARE(expected.size(), Generator::tableNames().size());
    for (const auto &table : Generator::tableNames()) {
        const double e = double(expected.at(table));
        const double a = double(actual.at(table));
        QVERIFY2(std::abs(a - e) <= 0.03 * e, table.c_str());
    }
    for (const char *exact : {"categories", "countries", "products", "customers", "orders", "events"})
        QCOMPARE(actual.at(exact), expected.at(exact));
}

void TestSynthetic::filesAreValidCsv()
{
    for (const auto &table : Generator::tableNames()) {
        const CsvTable &t = m_clean.table(table);
        QCOMPARE(std::uint64_t(t.rows()), m_clean.result().rowCounts.at(table));
        // One physical line per record: the manifest relies on it.
        if (t.rows() > 0)
            QCOMPARE(t.line(t.rows() - 1), std::uint64_t(t.rows() + 1));
    }
    const CsvTable &manifest = m_clean.table("_planted");
    QCOMPARE(manifest.header(), (std::vector<std::string>{"table", "line", "key", "kind", "detail"}));
    // Names with quotes and commas survive quoting; UTF-8 stays UTF-8.
    const CsvTable &products = m_clean.table("products");
    bool sawQuote = false;
    for (std::size_t r = 0; r < products.rows(); ++r)
        sawQuote = sawQuote || products.text(r, 1).find('"') != std::string_view::npos;
    QVERIFY(sawQuote);
    const CsvTable &customers = m_clean.table("customers");
    bool sawUtf8 = false;
    for (std::size_t r = 0; r < customers.rows() && !sawUtf8; ++r) {
        const std::string_view city = customers.text(r, customers.column("city"));
        sawUtf8 = QString::fromUtf8(city.data(), qsizetype(city.size())).contains(QChar(0x00FC)); // ü
    }
    QVERIFY(sawUtf8);
}

void TestSynthetic::tableSizesMatchScale()
{
    const auto &counts = m_clean.result().rowCounts;
    QCOMPARE(counts.at("categories"), std::uint64_t(20));
    QCOMPARE(counts.at("countries"), std::uint64_t(25));
    QCOMPARE(counts.at("products"), std::uint64_t(1000));
    QCOMPARE(counts.at("customers"), std::uint64_t(10000));
    QCOMPARE(counts.at("orders"), std::uint64_t(100000));
    QVERIFY(counts.at("order_lines") >= 190000 && counts.at("order_lines") <= 215000);
    QVERIFY(counts.at("events") == 300000);
    // Categories: a tree with top-level departments.
    const CsvTable &categories = m_clean.table("categories");
    std::set<std::int64_t> ids;
    int roots = 0;
    for (std::size_t r = 0; r < categories.rows(); ++r) {
        ids.insert(categories.integer(r, 0));
        if (categories.at(r, 2).isNull())
            ++roots;
        else
            QVERIFY(ids.count(categories.integer(r, 2)));
    }
    QVERIFY(roots >= 4 && roots < 20);
    // Small scales keep the minimum catalogue.
    GeneratorOptions tiny;
    tiny.scale = 0.01;
    const auto tinyCounts = Generator(tiny).expectedRowCounts();
    QCOMPARE(tinyCounts.at("categories"), std::uint64_t(20));
    QCOMPARE(tinyCounts.at("orders"), std::uint64_t(1000));
    QCOMPARE(tinyCounts.at("countries"), std::uint64_t(25));
}

void TestSynthetic::mixesMatchDesign_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("column");
    QTest::addColumn<QStringList>("labels");
    QTest::addColumn<QList<double>>("shares");
    QTest::addColumn<double>("tolerance");

    QTest::newRow("segment (first version)") << QStringLiteral("customer_segments") << QStringLiteral("segment")
                                             << QStringList{QStringLiteral("VIP"), QStringLiteral("Regular"),
                                                            QStringLiteral("Occasional"), QStringLiteral("New")}
                                             << QList<double>{0.05, 0.30, 0.45, 0.20} << 0.02;
    QTest::newRow("channel") << QStringLiteral("orders") << QStringLiteral("channel")
                             << QStringList{QStringLiteral("Website"), QStringLiteral("Mobile App"),
                                            QStringLiteral("Marketplace"), QStringLiteral("Store")}
                             << QList<double>{0.45, 0.30, 0.15, 0.10} << 0.01;
    QTest::newRow("payment method") << QStringLiteral("orders") << QStringLiteral("payment_method")
                                    << QStringList{QStringLiteral("Bank Transfer"), QStringLiteral("Credit Card"),
                                                   QStringLiteral("Cash on Delivery"), QStringLiteral("E-Wallet")}
                                    << QList<double>{0.30, 0.25, 0.25, 0.20} << 0.01;
    QTest::newRow("status") << QStringLiteral("orders") << QStringLiteral("status")
                            << QStringList{QStringLiteral("Completed"), QStringLiteral("Delivered"),
                                           QStringLiteral("Shipped"),   QStringLiteral("Processing"),
                                           QStringLiteral("Pending"),   QStringLiteral("Cancelled"),
                                           QStringLiteral("Refunded")}
                            << QList<double>{0.70, 0.10, 0.05, 0.05, 0.03, 0.05, 0.02} << 0.01;
    QTest::newRow("event type") << QStringLiteral("events") << QStringLiteral("event_type")
                                << QStringList{QStringLiteral("page_view"), QStringLiteral("add_to_cart"),
                                               QStringLiteral("search"), QStringLiteral("purchase"),
                                               QStringLiteral("remove_from_cart")}
                                << QList<double>{0.60, 0.15, 0.12, 0.08, 0.05} << 0.01;
}

void TestSynthetic::mixesMatchDesign()
{
    QFETCH(QString, table);
    QFETCH(QString, column);
    QFETCH(QStringList, labels);
    QFETCH(QList<double>, shares);
    QFETCH(double, tolerance);
    const CsvTable &t = m_clean.table(table.toStdString());
    const int c = t.column(column.toStdString());
    QVERIFY(c >= 0);
    const bool firstVersionOnly = table == QStringLiteral("customer_segments");
    std::map<std::string, double> counts;
    double total = 0;
    std::int64_t previousCustomer = -1;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        if (firstVersionOnly) {
            const std::int64_t customer = t.integer(r, 0);
            if (customer == previousCustomer)
                continue;
            previousCustomer = customer;
        }
        counts[std::string(t.text(r, c))] += 1;
        total += 1;
    }
    QCOMPARE(counts.size(), std::size_t(labels.size()));
    for (int i = 0; i < labels.size(); ++i) {
        const double share = counts[labels[i].toStdString()] / total;
        QVERIFY2(std::abs(share - shares[i]) <= tolerance,
                 qPrintable(QStringLiteral("%1: %2 vs %3").arg(labels[i]).arg(share).arg(shares[i])));
    }
}

void TestSynthetic::segmentAndPriceHistories()
{
    const CsvTable &segments = m_clean.table("customer_segments");
    std::map<std::int64_t, int> versions;
    for (std::size_t r = 0; r < segments.rows(); ++r) {
        ++versions[segments.integer(r, 0)];
        if (r > 0 && segments.integer(r, 0) == segments.integer(r - 1, 0)) {
            QVERIFY(segments.text(r, 1) > segments.text(r - 1, 1));  // valid_from ascending
            QVERIFY(segments.text(r, 2) != segments.text(r - 1, 2)); // a real change
        }
    }
    QCOMPARE(versions.size(), std::size_t(10000));
    double changed = 0;
    for (const auto &[customer, count] : versions)
        changed += count > 1;
    QVERIFY2(std::abs(changed / 10000 - 0.30) <= 0.03, qPrintable(QString::number(changed / 10000)));

    const CsvTable &prices = m_clean.table("product_prices");
    std::map<std::string_view, int> priceVersions;
    for (std::size_t r = 0; r < prices.rows(); ++r) {
        const bool first = ++priceVersions[prices.text(r, 0)] == 1;
        if (first)
            QVERIFY(prices.text(r, 1) < "2025-01-01 00:00:00");
        else
            QVERIFY(prices.text(r, 1) >= "2025-01-01 00:00:00" && prices.text(r, 1) < "2026-01-01 00:00:00");
        const Decimal price = money(prices.text(r, 2));
        QVERIFY(price > Decimal());
        QVERIFY(price.isExactAt(2));
    }
    QCOMPARE(priceVersions.size(), std::size_t(1000));
    double repriced = 0;
    for (const auto &[sku, count] : priceVersions)
        repriced += count > 1;
    QVERIFY2(repriced / 1000 >= 0.30 && repriced / 1000 <= 0.40, qPrintable(QString::number(repriced / 1000)));
}

void TestSynthetic::seasonWeekdaysAndHours()
{
    const CsvTable &orders = m_clean.table("orders");
    const int ts = orders.column("order_ts");
    double perMonth[13] = {};
    double perHour[24] = {};
    double perWeekday[8] = {};
    for (std::size_t r = 0; r < orders.rows(); ++r) {
        const std::string_view t = orders.text(r, ts);
        const int year = std::stoi(std::string(t.substr(0, 4)));
        const int month = std::stoi(std::string(t.substr(5, 2)));
        const int day = std::stoi(std::string(t.substr(8, 2)));
        QCOMPARE(year, 2025);
        perMonth[month] += 1;
        perHour[std::stoi(std::string(t.substr(11, 2)))] += 1;
        perWeekday[QDate(year, month, day).dayOfWeek()] += 1;
    }
    // Per day of each month, November and December beat every other month.
    double perDay[13] = {};
    for (int m = 1; m <= 12; ++m)
        perDay[m] = perMonth[m] / QDate(2025, m, 1).daysInMonth();
    for (int m = 1; m <= 10; ++m) {
        QVERIFY2(perDay[11] > 1.2 * perDay[m], qPrintable(QString::number(m)));
        QVERIFY2(perDay[12] > 1.2 * perDay[m], qPrintable(QString::number(m)));
    }
    // Shopping hours: 20–22 are the two busiest, 11 tops the daytime.
    std::vector<int> byVolume(24);
    for (int h = 0; h < 24; ++h)
        byVolume[h] = h;
    std::sort(byVolume.begin(), byVolume.end(), [&](int a, int b) { return perHour[a] > perHour[b]; });
    QCOMPARE(std::set<int>(byVolume.begin(), byVolume.begin() + 2), (std::set<int>{20, 21}));
    for (int h = 0; h < 19; ++h) {
        if (h != 11)
            QVERIFY2(perHour[11] > perHour[h], qPrintable(QString::number(h)));
    }
    QVERIFY(perHour[20] > 2 * perHour[15]);
    // Evenings (18–23) hold more orders than mornings (6–11); weekends busier.
    double evenings = 0;
    double mornings = 0;
    for (int h = 18; h < 24; ++h)
        evenings += perHour[h];
    for (int h = 6; h < 12; ++h)
        mornings += perHour[h];
    QVERIFY(evenings > 1.3 * mornings);
    const double weekend = (perWeekday[6] + perWeekday[7]) / 2;
    const double midweek = (perWeekday[1] + perWeekday[2] + perWeekday[3] + perWeekday[4]) / 4;
    QVERIFY2(weekend > 1.1 * midweek, qPrintable(QStringLiteral("%1 vs %2").arg(weekend).arg(midweek)));
}

void TestSynthetic::customersArePareto()
{
    const CsvTable &orders = m_clean.table("orders");
    std::vector<double> perCustomer(10001, 0);
    for (std::size_t r = 0; r < orders.rows(); ++r)
        perCustomer[std::size_t(orders.integer(r, 1))] += 1;
    std::sort(perCustomer.begin(), perCustomer.end(), std::greater<>());
    double top = 0;
    for (std::size_t i = 0; i < 2000; ++i)
        top += perCustomer[i];
    const double share = top / double(orders.rows());
    qInfo("top 20%% of customers place %.1f%% of orders", 100 * share);
    QVERIFY2(share >= 0.70 && share <= 0.90, qPrintable(QString::number(share)));
}

void TestSynthetic::paymentsAndInvoices()
{
    const CsvTable &orders = m_clean.table("orders");
    const CsvTable &payments = m_clean.table("payments");
    const CsvTable &invoices = m_clean.table("invoices");
    struct Order {
        std::string_view ts;
        std::string_view status;
        std::string_view method;
        Decimal total;
    };
    std::unordered_map<std::int64_t, Order> byId;
    double completed = 0;
    for (std::size_t r = 0; r < orders.rows(); ++r) {
        byId[orders.integer(r, 0)] = {orders.text(r, 2), orders.text(r, 4), orders.text(r, 5),
                                      money(orders.text(r, 10))};
        completed += orders.text(r, 4) == "Completed";
    }
    const double paidShare = double(payments.rows()) / double(orders.rows());
    QVERIFY2(std::abs(paidShare - 0.97) <= 0.005, qPrintable(QString::number(paidShare)));
    std::unordered_set<std::int64_t> paid;
    for (std::size_t r = 0; r < payments.rows(); ++r) {
        const std::int64_t orderId = payments.integer(r, 1);
        QVERIFY(paid.insert(orderId).second); // one payment per order
        const auto it = byId.find(orderId);
        QVERIFY(it != byId.end());
        QVERIFY(payments.text(r, 2) > it->second.ts);
        QCOMPARE(payments.text(r, 3), it->second.method);
        QCOMPARE(money(payments.text(r, 4)), it->second.total);
        QVERIFY(it->second.status != "Pending");
    }
    const double invoicedShare = double(invoices.rows()) / completed;
    QVERIFY2(std::abs(invoicedShare - 0.80) <= 0.01, qPrintable(QString::number(invoicedShare)));
    std::unordered_set<std::string_view> numbers;
    const QRegularExpression number(QStringLiteral("^INV-2025-\\d{6}$"));
    for (std::size_t r = 0; r < invoices.rows(); ++r) {
        QVERIFY(numbers.insert(invoices.text(r, 0)).second);
        QVERIFY(number.match(QString::fromLatin1(invoices.text(r, 0).data(), qsizetype(invoices.text(r, 0).size())))
                    .hasMatch() ||
                invoices.text(r, 2) >= "2026");
        const auto it = byId.find(invoices.integer(r, 1));
        QVERIFY(it != byId.end());
        QCOMPARE(it->second.status, std::string_view("Completed"));
        QCOMPARE(money(invoices.text(r, 3)), it->second.total);
    }
}

void TestSynthetic::moneyAddsUpExactly()
{
    const CsvTable &orders = m_clean.table("orders");
    const CsvTable &lines = m_clean.table("order_lines");
    std::unordered_map<std::int64_t, Decimal> sums;
    std::unordered_map<std::int64_t, int> lineCounts;
    std::int64_t previousOrder = 0;
    int previousLine = 0;
    for (std::size_t r = 0; r < lines.rows(); ++r) {
        const std::int64_t orderId = lines.integer(r, 0);
        const int lineNo = int(lines.integer(r, 1));
        QVERIFY(orderId > previousOrder || (orderId == previousOrder && lineNo == previousLine + 1));
        QVERIFY(orderId != previousOrder || lineNo == previousLine + 1);
        if (orderId != previousOrder)
            QCOMPARE(lineNo, 1);
        previousOrder = orderId;
        previousLine = lineNo;
        const std::int64_t quantity = lines.integer(r, 3);
        const Decimal price = money(lines.text(r, 4));
        const Decimal discount = money(lines.text(r, 5));
        const Decimal total = money(lines.text(r, 6));
        QVERIFY(quantity > 0);
        QVERIFY(discount >= Decimal());
        QCOMPARE(total, price * quantity - discount);
        sums[orderId] += total;
        ++lineCounts[orderId];
    }
    for (std::size_t r = 0; r < orders.rows(); ++r) {
        const std::int64_t id = orders.integer(r, 0);
        const Decimal subtotal = money(orders.text(r, 7));
        const Decimal discount = money(orders.text(r, 8));
        const Decimal shipping = money(orders.text(r, 9));
        const Decimal total = money(orders.text(r, 10));
        QCOMPARE(subtotal, sums[id]);
        QCOMPARE(total, subtotal - discount + shipping);
        QVERIFY(discount >= Decimal() && shipping >= Decimal() && total > Decimal());
        QVERIFY(lineCounts[id] >= 1 && lineCounts[id] <= 5);
    }
    double linesPerOrder = double(lines.rows()) / double(orders.rows());
    QVERIFY(linesPerOrder > 1.9 && linesPerOrder < 2.15);
}

void TestSynthetic::linesUseAsOfPrice()
{
    const CsvTable &prices = m_clean.table("product_prices");
    const CsvTable &orders = m_clean.table("orders");
    const CsvTable &lines = m_clean.table("order_lines");
    std::unordered_map<std::string_view, std::vector<std::pair<std::string_view, Decimal>>> history;
    for (std::size_t r = 0; r < prices.rows(); ++r)
        history[prices.text(r, 0)].emplace_back(prices.text(r, 1), money(prices.text(r, 2)));
    std::unordered_map<std::int64_t, std::string_view> orderTs;
    for (std::size_t r = 0; r < orders.rows(); ++r)
        orderTs[orders.integer(r, 0)] = orders.text(r, 2);
    std::size_t changedPriceLines = 0;
    for (std::size_t r = 0; r < lines.rows(); ++r) {
        const auto &versions = history.at(lines.text(r, 2));
        const std::string_view ts = orderTs.at(lines.integer(r, 0));
        // Timestamps in this fixed format sort as text.
        auto it = std::upper_bound(versions.begin(), versions.end(), ts,
                                   [](std::string_view t, const auto &v) { return t < v.first; });
        QVERIFY(it != versions.begin());
        --it;
        QCOMPARE(money(lines.text(r, 4)), it->second);
        changedPriceLines += it != versions.begin();
    }
    QVERIFY(changedPriceLines > lines.rows() / 20); // the as-of rule matters
}

void TestSynthetic::cleanShopIsClean()
{
    QCOMPARE(m_clean.table("_planted").rows(), std::size_t(0));
    QVERIFY(m_clean.result().plantedCounts.empty());
    const CsvTable &customers = m_clean.table("customers");
    const CsvTable &countries = m_clean.table("countries");
    std::set<std::string_view> countryCodes;
    for (std::size_t r = 0; r < countries.rows(); ++r)
        countryCodes.insert(countries.text(r, 0));
    std::unordered_map<std::int64_t, std::string_view> signup;
    for (std::size_t r = 0; r < customers.rows(); ++r) {
        QCOMPARE(customers.integer(r, 0), std::int64_t(r + 1));
        QVERIFY2(validEmail(customers.text(r, 1)), std::string(customers.text(r, 1)).c_str());
        QVERIFY(countryCodes.count(customers.text(r, 5)));
        signup[customers.integer(r, 0)] = customers.text(r, 7);
    }
    const CsvTable &products = m_clean.table("products");
    std::unordered_set<std::string_view> skus;
    for (std::size_t r = 0; r < products.rows(); ++r)
        QVERIFY(skus.insert(products.text(r, 0)).second);
    const CsvTable &orders = m_clean.table("orders");
    std::string_view previousTs;
    for (std::size_t r = 0; r < orders.rows(); ++r) {
        QCOMPARE(orders.integer(r, 0), std::int64_t(r + 1));
        const auto customer = signup.find(orders.integer(r, 1));
        QVERIFY(customer != signup.end());
        const std::string_view ts = orders.text(r, 2);
        QVERIFY(ts >= "2025-01-01 00:00:00" && ts < "2026-01-01 00:00:00");
        QVERIFY(ts >= previousTs); // time order
        QVERIFY(ts.substr(0, 10) >= customer->second);
        QVERIFY(countryCodes.count(orders.text(r, 6)));
        previousTs = ts;
    }
    const CsvTable &lines = m_clean.table("order_lines");
    for (std::size_t r = 0; r < lines.rows(); ++r) {
        QVERIFY(skus.count(lines.text(r, 2)));
        QVERIFY(money(lines.text(r, 4)) > Decimal());
    }
    const CsvTable &events = m_clean.table("events");
    for (std::size_t r = 0; r < events.rows(); ++r) {
        QCOMPARE(events.integer(r, 0), std::int64_t(r + 1));
        if (!events.at(r, 2).isNull())
            QVERIFY(signup.count(events.integer(r, 2)));
        QCOMPARE(events.at(r, 5).isNull(), events.text(r, 4) == "search");
        if (!events.at(r, 5).isNull())
            QVERIFY(skus.count(events.text(r, 5)));
    }
}

void TestSynthetic::normalQuantitiesStayBelowThreshold()
{
    const CsvTable &lines = m_clean.table("order_lines");
    std::unordered_map<std::string_view, std::vector<int>> byProduct;
    for (std::size_t r = 0; r < lines.rows(); ++r)
        byProduct[lines.text(r, 2)].push_back(int(lines.integer(r, 3)));
    std::size_t over = 0;
    std::size_t smallest = lines.rows();
    for (const auto &[sku, quantities] : byProduct) {
        const Baseline b = baselineOf(quantities);
        smallest = std::min(smallest, quantities.size());
        for (int q : quantities) {
            QVERIFY(q >= 1 && q <= 15);
            over += q > b.threshold();
        }
    }
    qInfo("normal lines above median + 2 sigma: %zu of %zu (fewest lines of a product: %zu)", over, lines.rows(),
          smallest);
    QVERIFY(double(over) <= 0.001 * double(lines.rows()));
}

void TestSynthetic::plantedRowsAreDefective()
{
    Shop &shop = m_defective;
    const CsvTable &manifest = shop.table("_planted");
    const CsvTable &customers = shop.table("customers");
    const CsvTable &products = shop.table("products");
    const CsvTable &lines = shop.table("order_lines");
    std::unordered_set<std::int64_t> customerIds;
    for (std::size_t r = 0; r < customers.rows(); ++r)
        customerIds.insert(customers.integer(r, 0));
    std::unordered_set<std::string_view> skus;
    for (std::size_t r = 0; r < products.rows(); ++r)
        skus.insert(products.text(r, 0));
    const auto planted = plantedRows(shop);
    // Normal quantities per product: lines not planted as anomalies.
    std::unordered_map<std::string_view, std::vector<int>> normal;
    for (std::size_t r = 0; r < lines.rows(); ++r) {
        if (!isPlanted(planted, "order_lines", lines.line(r), "anomaly_quantity"))
            normal[lines.text(r, 2)].push_back(int(lines.integer(r, 3)));
    }

    std::map<std::string, std::uint64_t> kinds;
    for (std::size_t m = 0; m < manifest.rows(); ++m) {
        const std::string table(manifest.text(m, 0));
        const std::uint64_t lineNo = std::uint64_t(manifest.integer(m, 1));
        const std::string_view key = manifest.text(m, 2);
        const std::string kind(manifest.text(m, 3));
        const std::string where = table + ":" + std::to_string(lineNo) + " " + kind;
        ++kinds[kind];
        const CsvTable &t = shop.table(table);
        const long r = t.rowAtLine(lineNo);
        QVERIFY2(r >= 0, where.c_str());
        const std::size_t row = std::size_t(r);
        if (table == "order_lines")
            QCOMPARE(std::string(key), std::string(t.text(row, 0)) + ":" + std::string(t.text(row, 1)));
        else
            QCOMPARE(key, t.text(row, 0));

        if (kind == "bad_email") {
            QCOMPARE(table, std::string("customers"));
            QVERIFY2(!validEmail(t.text(row, 1)), where.c_str());
        } else if (kind == "orphan_customer") {
            QVERIFY2(!customerIds.count(t.integer(row, 1)), where.c_str());
        } else if (kind == "orphan_product") {
            QVERIFY2(!skus.count(t.text(row, 2)), where.c_str());
        } else if (kind == "negative_price") {
            QVERIFY2(money(t.text(row, 4)) < Decimal(), where.c_str());
        } else if (kind == "duplicate_row") {
            QVERIFY(table == "orders" || table == "customers");
            QVERIFY2(row > 0 && t.raw(row) == t.raw(row - 1), where.c_str());
            QVERIFY(manifest.text(m, 4) == "copy of line " + std::to_string(lineNo - 1));
        } else if (kind == "future_date") {
            QVERIFY2(t.text(row, 2) >= "2028-01-01 00:00:00", where.c_str());
        } else if (kind == "total_mismatch") {
            QVERIFY2(money(t.text(row, 10)) != money(t.text(row, 7)) - money(t.text(row, 8)) + money(t.text(row, 9)),
                     where.c_str());
        } else if (kind == "anomaly_quantity") {
            const Baseline b = baselineOf(normal[t.text(row, 2)]);
            QVERIFY2(double(t.integer(row, 3)) > b.threshold(), where.c_str());
        } else {
            QFAIL(("unknown kind " + kind).c_str());
        }
    }
    QCOMPARE(kinds, shop.result().plantedCounts);
    // Every kind is planted at roughly its rate.
    QCOMPARE(kinds.size(), Generator::plantedKinds().size());
    const auto near = [](double actual, double expected) { return actual > 0.5 * expected && actual < 1.6 * expected; };
    QVERIFY(near(double(kinds["bad_email"]), 0.01 * 2000));
    QVERIFY(near(double(kinds["orphan_customer"]), 0.01 * 20000));
    QVERIFY(near(double(kinds["orphan_product"]), 0.01 * double(lines.rows())));
    QVERIFY(near(double(kinds["negative_price"]), 0.01 * double(lines.rows())));
    QVERIFY(near(double(kinds["duplicate_row"]), 0.01 * 22000));
    QVERIFY(near(double(kinds["future_date"]), 0.01 * 20000));
    QVERIFY(near(double(kinds["total_mismatch"]), 0.01 * 20000));
    QVERIFY(kinds["anomaly_quantity"] >= 20);
}

void TestSynthetic::unplantedRowsAreClean()
{
    Shop &shop = m_defective;
    const auto planted = plantedRows(shop);
    const CsvTable &customers = shop.table("customers");
    const CsvTable &products = shop.table("products");
    const CsvTable &orders = shop.table("orders");
    const CsvTable &lines = shop.table("order_lines");
    std::unordered_set<std::int64_t> customerIds;
    for (std::size_t r = 0; r < customers.rows(); ++r) {
        const bool duplicate = isPlanted(planted, "customers", customers.line(r), "duplicate_row");
        QVERIFY(customerIds.insert(customers.integer(r, 0)).second != duplicate);
        if (!isPlanted(planted, "customers", customers.line(r), "bad_email"))
            QVERIFY(validEmail(customers.text(r, 1)));
    }
    std::unordered_set<std::string_view> skus;
    for (std::size_t r = 0; r < products.rows(); ++r)
        skus.insert(products.text(r, 0));
    std::unordered_set<std::int64_t> orderIds;
    for (std::size_t r = 0; r < orders.rows(); ++r) {
        const std::uint64_t line = orders.line(r);
        const bool duplicate = isPlanted(planted, "orders", line, "duplicate_row");
        QVERIFY(orderIds.insert(orders.integer(r, 0)).second != duplicate);
        if (duplicate)
            continue;
        QCOMPARE(customerIds.count(orders.integer(r, 1)) == 0, isPlanted(planted, "orders", line, "orphan_customer"));
        QCOMPARE(orders.text(r, 2) >= "2026-01-01", isPlanted(planted, "orders", line, "future_date"));
        const bool addsUp =
            money(orders.text(r, 10)) == money(orders.text(r, 7)) - money(orders.text(r, 8)) + money(orders.text(r, 9));
        QCOMPARE(!addsUp, isPlanted(planted, "orders", line, "total_mismatch"));
    }
    for (std::size_t r = 0; r < lines.rows(); ++r) {
        const std::uint64_t line = lines.line(r);
        QCOMPARE(skus.count(lines.text(r, 2)) == 0, isPlanted(planted, "order_lines", line, "orphan_product"));
        const Decimal price = money(lines.text(r, 4));
        QCOMPARE(price < Decimal(), isPlanted(planted, "order_lines", line, "negative_price"));
        // line_total keeps the true value: quantity × |unit_price| − discount.
        QCOMPARE(money(lines.text(r, 6)), price.abs() * lines.integer(r, 3) - money(lines.text(r, 5)));
    }
}

void TestSynthetic::anomaliesAreSeparable()
{
    // The anomaly stage's rule, on every line a quality gate would keep:
    // quantity > median + 2σ of the product's lines, anomalies included.
    Shop &shop = m_defective;
    const auto planted = plantedRows(shop);
    const CsvTable &lines = shop.table("order_lines");
    std::unordered_map<std::string_view, std::vector<std::size_t>> byProduct;
    for (std::size_t r = 0; r < lines.rows(); ++r) {
        const std::uint64_t line = lines.line(r);
        if (isPlanted(planted, "order_lines", line, "orphan_product") ||
            isPlanted(planted, "order_lines", line, "negative_price"))
            continue;
        byProduct[lines.text(r, 2)].push_back(r);
    }
    double truePositives = 0;
    double falsePositives = 0;
    double falseNegatives = 0;
    for (const auto &[sku, rows] : byProduct) {
        std::vector<int> quantities;
        for (std::size_t r : rows)
            quantities.push_back(int(lines.integer(r, 3)));
        const Baseline b = baselineOf(quantities);
        for (std::size_t r : rows) {
            const bool flagged = double(lines.integer(r, 3)) > b.threshold();
            const bool anomaly = isPlanted(planted, "order_lines", lines.line(r), "anomaly_quantity");
            truePositives += flagged && anomaly;
            falsePositives += flagged && !anomaly;
            falseNegatives += !flagged && anomaly;
        }
    }
    const double precision = truePositives / (truePositives + falsePositives);
    const double recall = truePositives / (truePositives + falseNegatives);
    qInfo("median + 2 sigma detector against the manifest: precision %.3f, recall %.3f (%g anomalies)", precision,
          recall, truePositives + falseNegatives);
    QVERIFY(precision >= 0.95);
    QVERIFY(recall >= 0.95);
    QCOMPARE(shop.result().anomalyProducts.size(), std::size_t(20));
}

void TestSynthetic::defectsDoNotMoveCleanData()
{
    // Defects and anomalies draw from their own streams: tables they do not
    // touch come out identical to the clean shop's.
    GeneratorOptions clean;
    clean.scale = 0.2;
    clean.seed = defectiveOptions(0.2).seed;
    const std::string dir = subdir("clean-0.2");
    Generator(clean).generate(dir);
    for (const char *file : {"products.csv", "product_prices.csv", "customer_segments.csv", "events.csv"}) {
        QVERIFY2(sha256(QString::fromStdString(dir + "/" + file)) ==
                     sha256(QString::fromStdString(m_defective.dir() + "/" + file)),
                 file);
    }
}

void TestSynthetic::reportsProgressAndCancels()
{
    GeneratorOptions o;
    o.scale = 0.5;
    const std::string dir = subdir("progress");
    std::map<std::string, std::vector<std::pair<std::uint64_t, std::uint64_t>>> reports;
    const GenerationResult result =
        Generator(o).generate(dir, [&](const std::string &table, std::uint64_t done, std::uint64_t expected) {
            reports[table].emplace_back(done, expected);
        });
    QCOMPARE(result.status, GenerationResult::Status::Completed);
    for (const auto &table : Generator::tableNames()) {
        const auto &calls = reports[table];
        QVERIFY2(!calls.empty(), table.c_str());
        QCOMPARE(calls.back().first, result.rowCounts.at(table));
        for (std::size_t i = 1; i + 1 < calls.size(); ++i)
            QVERIFY2(calls[i].first >= calls[i - 1].first + 50000, table.c_str());
    }
    QVERIFY(reports["events"].size() >= 3);

    std::atomic<bool> cancel{false};
    const std::string cancelled = subdir("cancelled");
    const GenerationResult stopped = Generator(o).generate(
        cancelled,
        [&](const std::string &table, std::uint64_t, std::uint64_t) {
            if (table == "orders")
                cancel = true;
        },
        &cancel);
    QCOMPARE(stopped.status, GenerationResult::Status::Cancelled);
    QVERIFY(QDir(QString::fromStdString(cancelled)).entryList(QDir::Files).isEmpty());
}

void TestSynthetic::customPeriodAndTinyScale()
{
    GeneratorOptions o;
    o.scale = 0.01;
    o.startDate = QDate(2024, 11, 15);
    o.months = 2;
    o.defects.duplicateRow = 0.05;
    const std::string dir = subdir("tiny");
    const GenerationResult result = Generator(o).generate(dir);
    QCOMPARE(result.rowCounts.at("products"), std::uint64_t(10));
    Shop shop(dir, result);
    std::map<std::string, std::uint64_t> duplicates;
    const CsvTable &manifest = shop.table("_planted");
    for (std::size_t m = 0; m < manifest.rows(); ++m)
        ++duplicates[std::string(manifest.text(m, 0))];
    QCOMPARE(result.rowCounts.at("customers"), 100 + duplicates["customers"]);
    QCOMPARE(result.rowCounts.at("orders"), 1000 + duplicates["orders"]);
    QVERIFY(duplicates["orders"] > 0);
    const CsvTable &orders = shop.table("orders");
    std::set<std::int64_t> ids;
    for (std::size_t r = 0; r < orders.rows(); ++r) {
        ids.insert(orders.integer(r, 0));
        QVERIFY(orders.text(r, 2) >= "2024-11-15 00:00:00" && orders.text(r, 2) < "2025-01-15 00:00:00");
    }
    QCOMPARE(ids.size(), std::size_t(1000));
    const CsvTable &prices = shop.table("product_prices");
    for (std::size_t r = 0; r < prices.rows(); ++r)
        QVERIFY(prices.text(r, 1) < "2025-01-15 00:00:00");
    QCOMPARE(result.anomalyProducts.size(), std::size_t(1)); // 2 % of 10 products, at least one
}

void TestSynthetic::explicitAnomalyProducts()
{
    GeneratorOptions o;
    o.scale = 0.1;
    o.anomalies.rate = 0.05;
    o.anomalies.products = {"SKU-000007", "SKU-000042"};
    const std::string dir = subdir("chosen-anomalies");
    const GenerationResult result = Generator(o).generate(dir);
    QCOMPARE(result.anomalyProducts, o.anomalies.products);
    QVERIFY(result.plantedCounts.at("anomaly_quantity") > 0);
    Shop shop(dir, result);
    const CsvTable &manifest = shop.table("_planted");
    const CsvTable &lines = shop.table("order_lines");
    for (std::size_t m = 0; m < manifest.rows(); ++m) {
        const long r = lines.rowAtLine(std::uint64_t(manifest.integer(m, 1)));
        QVERIFY(r >= 0);
        const std::string_view sku = lines.text(std::size_t(r), 2);
        QVERIFY(sku == "SKU-000007" || sku == "SKU-000042");
        QVERIFY(lines.integer(std::size_t(r), 3) >= 10);
    }
    o.anomalies.products = {"SKU-999999"};
    QVERIFY_THROWS_EXCEPTION(GeneratorError, Generator(o).generate(subdir("unknown-anomaly-product")));
    QVERIFY(!QFile::exists(QString::fromStdString(subdir("unknown-anomaly-product") + "/products.csv")));
}

QTEST_GUILESS_MAIN(TestSynthetic)
#include "tst_synthetic.moc"

// The synthetic shop in two deliveries (GeneratorOptions::activityDays): a
// run of the window but its last days, then a run of only those days, write
// exactly the rows of one run of the whole window — the second is the delta
// of an incremental load (issue 16's benchmark) — and the master data is the
// same in both, byte for byte.
#include "CsvTable.h"
#include "TestSupport.h"

#include "sources/synthetic/Generator.h"

#include <QDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <string>

using ecomops::synthetic::ActivityDays;
using ecomops::synthetic::GenerationResult;
using ecomops::synthetic::Generator;
using ecomops::synthetic::GeneratorError;
using ecomops::synthetic::GeneratorOptions;
using ecomops::test::CsvTable;

namespace {

constexpr int kWindowDays = 365; // 2025, the default window
constexpr int kDeltaDays = 3;

GeneratorOptions shop(ActivityDays days)
{
    GeneratorOptions o;
    o.scale = 0.05;
    o.seed = 7;
    o.defects.orphanCustomer = 0.01;
    o.defects.orphanProduct = 0.01;
    o.defects.duplicateRow = 0.01;
    o.defects.totalMismatch = 0.01;
    o.anomalies.rate = 0.02;
    o.activityDays = days;
    return o;
}

CsvTable read(const std::string &dir, const std::string &table)
{
    CsvTable t;
    if (!t.load(dir + "/" + table + ".csv"))
        qFatal("%s/%s: %s", dir.c_str(), table.c_str(), t.error().c_str());
    return t;
}

// Planted rows per (table, kind).
std::map<std::string, int> plantedPerTableAndKind(const std::string &dir)
{
    CsvTable manifest;
    if (!manifest.load(dir + "/" + Generator::kManifestFileName))
        qFatal("%s: %s", dir.c_str(), manifest.error().c_str());
    std::map<std::string, int> counts;
    for (std::size_t r = 0; r < manifest.rows(); ++r)
        ++counts[std::string(manifest.text(r, 0)) + "/" + std::string(manifest.text(r, 3))];
    return counts;
}

const std::vector<std::string> kActivity = {"orders", "order_lines", "payments", "invoices", "events"};
const std::vector<std::string> kMasters = {"categories",     "countries", "products",
                                           "product_prices", "customers", "customer_segments"};

} // namespace

class TestSyntheticDelta : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void twoDeliveriesAddUpToTheWhole();
    void theDeltaIsAboutOnePercentOfTheOrders();
    void plantedRowsAreListedOnceWhereTheyWereWritten();
    void optionsRoundTripAndRejectBadRanges();

private:
    std::string m_whole, m_first, m_delta;
};

void TestSyntheticDelta::initTestCase()
{
    const QString root = ecomops::test::outputDir() + QStringLiteral("/synthetic-delta");
    QDir(root).removeRecursively();
    QVERIFY(QDir().mkpath(root));
    m_whole = QString(root + QStringLiteral("/whole")).toStdString();
    m_first = QString(root + QStringLiteral("/first")).toStdString();
    m_delta = QString(root + QStringLiteral("/delta")).toStdString();
    QCOMPARE(Generator(shop({})).generate(m_whole).status, GenerationResult::Status::Completed);
    QCOMPARE(Generator(shop({0, kWindowDays - kDeltaDays})).generate(m_first).status,
             GenerationResult::Status::Completed);
    QCOMPARE(Generator(shop({kWindowDays - kDeltaDays, -1})).generate(m_delta).status,
             GenerationResult::Status::Completed);
}

void TestSyntheticDelta::twoDeliveriesAddUpToTheWhole()
{
    for (const std::string &table : kActivity) {
        const CsvTable whole = read(m_whole, table), first = read(m_first, table), delta = read(m_delta, table);
        QVERIFY2(first.rows() > 0 && delta.rows() > 0, table.c_str());
        QCOMPARE(first.rows() + delta.rows(), whole.rows());
        for (std::size_t r = 0; r < whole.rows(); ++r) {
            const std::string_view expected = whole.raw(r);
            const std::string_view got = r < first.rows() ? first.raw(r) : delta.raw(r - first.rows());
            if (got != expected)
                QFAIL(qPrintable(QStringLiteral("%1: record %2 differs").arg(QString::fromStdString(table)).arg(r)));
        }
    }
    for (const std::string &table : kMasters) {
        const CsvTable whole = read(m_whole, table), first = read(m_first, table), delta = read(m_delta, table);
        QCOMPARE(first.rows(), whole.rows());
        QCOMPARE(delta.rows(), whole.rows());
        for (std::size_t r = 0; r < whole.rows(); ++r) {
            QVERIFY2(first.raw(r) == whole.raw(r) && delta.raw(r) == whole.raw(r), table.c_str());
        }
    }
}

void TestSyntheticDelta::theDeltaIsAboutOnePercentOfTheOrders()
{
    const CsvTable whole = read(m_whole, "orders"), delta = read(m_delta, "orders");
    const double share = double(delta.rows()) / double(whole.rows());
    qInfo("the last %d days hold %zu of %zu orders (%.2f %%)", kDeltaDays, delta.rows(), whole.rows(), 100 * share);
    QVERIFY2(share > 0.005 && share < 0.02, qPrintable(QString::number(share)));
    // They are the last days': every order of the delta is dated on or after
    // the first of them (planted future dates lie later still).
    const int ts = delta.column("order_ts");
    for (std::size_t r = 0; r < delta.rows(); ++r)
        QVERIFY2(delta.text(r, ts) >= std::string_view("2025-12-29"), std::string(delta.text(r, ts)).c_str());
}

void TestSyntheticDelta::plantedRowsAreListedOnceWhereTheyWereWritten()
{
    const auto whole = plantedPerTableAndKind(m_whole), first = plantedPerTableAndKind(m_first),
               delta = plantedPerTableAndKind(m_delta);
    QVERIFY(!whole.empty());
    for (const auto &[key, n] : whole) {
        const std::string table = key.substr(0, key.find('/'));
        const bool activity = std::find(kActivity.begin(), kActivity.end(), table) != kActivity.end();
        const int inFirst = first.count(key) ? first.at(key) : 0, inDelta = delta.count(key) ? delta.at(key) : 0;
        if (activity)
            QVERIFY2(inFirst + inDelta == n, key.c_str());
        else
            QVERIFY2(inFirst == n && inDelta == n, key.c_str()); // master data is written whole each time
    }
    // Each planted line of the delta is a line of the delta's own file.
    CsvTable manifest;
    QVERIFY(manifest.load(m_delta + "/" + Generator::kManifestFileName));
    std::map<std::string, CsvTable> tables;
    for (std::size_t r = 0; r < manifest.rows(); ++r) {
        const std::string table(manifest.text(r, 0));
        if (!tables.count(table))
            tables.emplace(table, read(m_delta, table));
        const std::uint64_t line = std::uint64_t(manifest.integer(r, 1));
        QVERIFY2(tables.at(table).rowAtLine(line) >= 0,
                 qPrintable(QStringLiteral("%1 line %2").arg(QString::fromStdString(table)).arg(line)));
    }
}

void TestSyntheticDelta::optionsRoundTripAndRejectBadRanges()
{
    const GeneratorOptions delta = shop({361, -1});
    const nlohmann::json json = delta.toJson();
    QCOMPARE(json.at("activity_days").at("from").get<int>(), 361);
    const GeneratorOptions back = GeneratorOptions::fromJson(json);
    QCOMPARE(back.activityDays.from, 361);
    QCOMPARE(back.activityDays.to, -1);
    // A whole run's spec reads as it always did.
    QVERIFY(!shop({}).toJson().contains("activity_days"));
    for (const char *bad : {R"({"activity_days": {"from": 5, "to": 3}})", R"({"activity_days": {"from": -1}})",
                            R"({"activity_days": {"form": 3}})"})
        QVERIFY_THROWS_EXCEPTION(GeneratorError, GeneratorOptions::fromJson(nlohmann::json::parse(bad)));
}

QTEST_GUILESS_MAIN(TestSyntheticDelta)
#include "tst_synthetic_delta.moc"

// A source OLTP database: `ecomops source seed` creates the synthetic shop in
// it, the sourcedb adapter snapshots it with COPY … TO STDOUT, and the run's
// staged rows and KPIs equal those of a synthetic run with the same seed.
#include "SourceRunSupport.h"
#include "SourceTestSupport.h"
#include "TestSupport.h"
#include "sources/sourcedb/ShopSeeder.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace ecomops;

namespace {

constexpr double kScale = 0.1;
constexpr quint64 kSeed = 20240917;

// The snapshot's table files, each as its sorted records over `columns`
// (the columns of the other snapshot's file; all columns when empty).
std::map<std::string, std::vector<std::string>>
sortedSnapshot(const QString &directory, const std::map<std::string, std::vector<std::string>> &columns = {})
{
    std::map<std::string, std::vector<std::string>> out;
    for (const QString &name : QDir(directory).entryList({QStringLiteral("*.csv")}, QDir::Files)) {
        if (name.startsWith(QLatin1Char('_')))
            continue;
        const std::string table = name.chopped(4).toStdString();
        csv::Reader reader(QFile::encodeName(QDir(directory).filePath(name)).toStdString());
        const std::vector<std::string> wanted = columns.count(table) ? columns.at(table) : reader.header();
        std::vector<std::string> rows;
        while (reader.next() == csv::Outcome::Record) {
            std::string row;
            for (const std::string &c : wanted) {
                const auto at = std::find(reader.header().begin(), reader.header().end(), c) - reader.header().begin();
                row +=
                    (reader.record().isNull(std::size_t(at)) ? std::string("\\N")
                                                             : std::string(reader.record().fields[std::size_t(at)])) +
                    "|";
            }
            rows.push_back(row);
        }
        std::sort(rows.begin(), rows.end());
        out[table] = rows;
    }
    return out;
}

std::map<std::string, std::vector<std::string>> headers(const QString &directory)
{
    std::map<std::string, std::vector<std::string>> out;
    for (const QString &name : QDir(directory).entryList({QStringLiteral("*.csv")}, QDir::Files)) {
        if (!name.startsWith(QLatin1Char('_')))
            out[name.chopped(4).toStdString()] =
                csv::Reader(QFile::encodeName(QDir(directory).filePath(name)).toStdString()).header();
    }
    return out;
}

// What the console's KPI pages read, each row as text, sorted.
std::string kpis(pqxx::connection &c)
{
    std::string out;
    for (const char *mart :
         {"mart.revenue_monthly", "mart.top_products", "mart.top_categories", "mart.revenue_by_country",
          "mart.status_mix", "mart.channel_mix", "mart.payment_method_mix"})
        out += std::string(mart) + "\n" + test::text(c, std::string("SELECT x::text FROM ") + mart + " x ORDER BY 1");
    return out + test::text(c, "SELECT count(*), sum(revenue), sum(order_total), count(DISTINCT customer_id) "
                               "FROM mart.order_summary");
}

} // namespace

class TestSourceDatabase : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void seededDatabaseGivesTheSyntheticRunsKpis()
    {
        test::TestDatabase source, fromSource, fromGenerator;
        ECOMOPS_REQUIRE_DB(source);
        ECOMOPS_REQUIRE_DB(fromSource);
        ECOMOPS_REQUIRE_DB(fromGenerator);

        // What `ecomops source seed --scale 0.1 --seed S` does.
        synthetic::GeneratorOptions options;
        options.scale = kScale;
        options.seed = kSeed;
        CancelToken cancel;
        const sources::SeedResult seeded = sources::seedShop(
            source.conninfo(), options, "shop", [](const QString &) {}, cancel);
        QVERIFY(seeded.rows.at("orders") > 9000);
        qInfo("seeded %lld orders: generated in %.2f s, loaded with keys in %.2f s", seeded.rows.at("orders"),
              seeded.generateSeconds, seeded.loadSeconds);
        auto src = source.connect();
        QCOMPARE(test::number(*src,
                              "SELECT count(*) FROM information_schema.table_constraints WHERE table_schema = 'shop' "
                              "AND constraint_type = 'FOREIGN KEY'"),
                 qint64(13));

        const QString staging = m_dir.filePath(QStringLiteral("staging"));
        const auto imported =
            test::runSource(fromSource, test::sourceSpec(QStringLiteral("sourcedb"),
                                                         {{"conninfo", source.conninfo().toStdString()}}, staging));
        QVERIFY2(imported.result.status == runner::RunStatus::Succeeded,
                 qPrintable(imported.result.error + imported.log));
        QVERIFY(imported.result.reconciles());

        runner::RunSpec synthetic = test::sourceSpec(QStringLiteral("synthetic"), {}, staging);
        synthetic.sourceOptions = options.toJson();
        const auto generated = test::runSource(fromGenerator, synthetic);
        QVERIFY2(generated.result.status == runner::RunStatus::Succeeded,
                 qPrintable(generated.result.error + generated.log));

        // The same rows were staged (in key order rather than generation order)…
        const auto columns = headers(generated.result.snapshotPath);
        const auto a = sortedSnapshot(imported.result.snapshotPath, columns);
        const auto b = sortedSnapshot(generated.result.snapshotPath);
        QCOMPARE(a.size(), std::size_t(11));
        for (const auto &[table, rows] : b) {
            QVERIFY2(a.count(table), table.c_str());
            QCOMPARE(a.at(table).size(), rows.size());
            QVERIFY2(a.at(table) == rows, table.c_str());
        }
        // …loaded the same way…
        std::map<QString, std::tuple<qint64, qint64, qint64>> countsA, countsB;
        for (const TableCounts &t : imported.result.tables)
            countsA[t.table] = {t.read, t.loaded, t.quarantined};
        for (const TableCounts &t : generated.result.tables)
            countsB[t.table] = {t.read, t.loaded, t.quarantined};
        QVERIFY(countsA == countsB);
        // …and the KPIs are equal.
        auto ca = fromSource.connect();
        auto cb = fromGenerator.connect();
        const std::string kpiA = kpis(*ca);
        QVERIFY(kpiA.size() > 500);
        QCOMPARE(kpiA, kpis(*cb));

        // The report names the connection without a password, and the mapping.
        QFile meta(imported.result.snapshotPath + QStringLiteral("/_metadata.json"));
        QVERIFY(meta.open(QIODevice::ReadOnly));
        const nlohmann::json report = nlohmann::json::parse(meta.readAll().toStdString()).at("report");
        QCOMPARE(report.at("schema").get<std::string>(), std::string("shop"));
        QCOMPARE(report.at("tables").at("orders").at("columns").at("order_ts").get<std::string>(),
                 std::string("orders.order_ts"));
        QVERIFY(report.at("tables").at("customers").at("absent_columns_left_null").get<std::string>().find("state") !=
                std::string::npos);
        qInfo("snapshot of the source database: %.0f rows/s", report.at("rows_per_second").get<double>());
    }

    void missingConnectionOrSchemaIsClear()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        test::RecordingObserver observer;
        const QString out = m_dir.filePath(QStringLiteral("nothing"));
        QVERIFY_THROWS_EXCEPTION(sources::SourceError,
                                 test::produce(QStringLiteral("sourcedb"), nlohmann::json::object(), out, observer));
        try {
            test::produce(QStringLiteral("sourcedb"),
                          {{"conninfo", db.conninfo().toStdString()}, {"schema", "nowhere"}}, out, observer);
            QFAIL("an empty schema was accepted");
        } catch (const sources::SourceError &e) {
            QVERIFY2(std::string(e.what()).find("nowhere") != std::string::npos, e.what());
        }
        QVERIFY(test::folderIsEmpty(out));
    }
};

QTEST_GUILESS_MAIN(TestSourceDatabase)
#include "tst_source_database.moc"

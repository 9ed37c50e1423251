// Detection on a real PostgreSQL: a synthetic run with planted outsized
// quantities, measured against the generator's manifest; re-runs add nothing;
// the other methods and the settings preview on the same data. Baselines,
// triage feedback and a change of detector: tst_anomaly_baselines.
//
// The synthetic run goes through the whole engine (RunExecution): its publish
// stage transforms and detects in one transaction; the suite then measures
// the flags that run raised.
#include "AnomalyTestSupport.h"
#include "SyntheticRun.h"
#include "TestDatabase.h"
#include "anomalies/Detection.h"
#include "anomalies/DetectorQuality.h"
#include "anomalies/FlagQueries.h"
#include "core/Cancellation.h"
#include "runner/RunExecution.h"
#include "sources/synthetic/GeneratorOptions.h"
#include "warehouse/Warehouse.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <pqxx/pqxx>

using namespace ecomops;
using anomalies::AnomalyOptions;

namespace {

struct Score {
    long long planted = 0;  // anomaly_quantity rows in the manifest
    long long eligible = 0; // of those, on lines detection looks at (not cancelled / refunded)
    long long flagged = 0;
    long long truePositives = 0;
    double precision() const { return flagged ? double(truePositives) / double(flagged) : 0.0; }
    double recall() const { return eligible ? double(truePositives) / double(eligible) : 0.0; }
    double recallOfAll() const { return planted ? double(truePositives) / double(planted) : 0.0; }
};

// Compares ops.anomaly_flag with the manifest's anomaly_quantity keys, which
// are loaded into a temporary table "planted(order_id, line_no)".
Score score(pqxx::connection &c, const std::vector<std::string> &excluded)
{
    pqxx::work tx{c};
    Score s;
    s.planted = tx.exec1("SELECT count(*) FROM planted")[0].as<long long>();
    std::string list = "ARRAY[";
    for (std::size_t i = 0; i < excluded.size(); ++i)
        list += (i ? ", " : "") + tx.quote(excluded[i]);
    list += "]::text[]";
    list = "ops.lower_statuses(" + list + ")";
    s.eligible = tx.exec1("SELECT count(*) FROM planted p JOIN dw.fact_order_line l USING (order_id, line_no) "
                          "WHERE ops.anomaly_line_counts(l.status, l.quantity, " +
                          list + ")")[0]
                     .as<long long>();
    s.flagged = tx.exec1("SELECT count(*) FROM ops.anomaly_flag")[0].as<long long>();
    s.truePositives =
        tx.exec1("SELECT count(*) FROM ops.anomaly_flag f JOIN planted p USING (order_id, line_no)")[0].as<long long>();
    return s;
}

void printScore(const char *what, const Score &s)
{
    qInfo("%s: precision %.3f, recall %.3f (%lld of %lld planted anomalies on counted lines; %lld flags, %lld true); "
          "recall over every planted line incl. cancelled/refunded orders %.3f (%lld planted)",
          what, s.precision(), s.recall(), s.truePositives, s.eligible, s.flagged, s.truePositives, s.recallOfAll(),
          s.planted);
}

} // namespace

class TestAnomalyDetection : public QObject
{
    Q_OBJECT
    QTemporaryDir m_staging;
    std::unique_ptr<test::TestDatabase> m_shop; // the synthetic run, shared by the first tests
    qint64 m_runId = 0;
    anomalies::DetectorQuality m_detector;
    anomalies::DetectionReport m_report;

private slots:
    void initTestCase();
    void syntheticRunMeetsPrecisionAndRecall();
    void secondDetectionAddsNoFlag();
    void runSummaryNamesProducts();
    void robustMethodOnTheSameData();
    void previewMatchesWhatTheSettingsRaise();
};

void TestAnomalyDetection::initTestCase()
{
    QVERIFY(m_staging.isValid());
    m_shop = std::make_unique<test::TestDatabase>();
    ECOMOPS_REQUIRE_DB(*m_shop);

    runner::RunSpec spec = test::syntheticRunSpec(m_staging.path(), 0.1, 2024, QStringLiteral("tst_anomaly_detection"));
    auto generator = synthetic::GeneratorOptions::fromJson(spec.sourceOptions);
    generator.anomalies.rate = 0.02;
    generator.anomalies.productShare = 0.10;
    spec.sourceOptions = generator.toJson();
    const test::ShopRun shop = test::runQuietly(m_shop->conninfo(), spec);
    const runner::RunResult &result = shop.result;
    QVERIFY2(result.status == runner::RunStatus::Succeeded, qPrintable(result.error + shop.log));
    m_runId = result.runId;
    // The run measured its detector: a flag rate always, and precision and
    // recall here, where the snapshot says what was planted.
    QVERIFY(result.detector.has_value());
    m_detector = *result.detector;
    qInfo("%s", qPrintable(m_detector.summary()));
    QVERIFY(m_detector.planted);
    QVERIFY(m_detector.lines > 0 && m_detector.flaggedLines > 0);

    auto c = m_shop->connect();
    QVERIFY2(test::number(*c, "SELECT count(*) FROM dw.fact_order_line") > 0,
             "the run's publish stage filled no facts");
    // The run's publish stage detected: its result carries the summary.
    m_report.newFlags = result.newAnomalies;
    {
        pqxx::nontransaction read{*c};
        for (const auto &r : read.exec_params("SELECT product_id, count(*) FROM ops.anomaly_flag WHERE run_id = $1 "
                                              "GROUP BY product_id ORDER BY count(*) DESC, product_id",
                                              m_runId))
            m_report.products.append({QString::fromStdString(r[0].as<std::string>()), r[1].as<qint64>()});
    }
    QStringList fromRun = result.anomalyProducts;
    QStringList fromTable = m_report.productIds();
    fromRun.sort();
    fromTable.sort();
    QCOMPARE(fromRun, fromTable);
    qInfo("the run's publish stage detected: %s",
          qPrintable(shop.log.section(QStringLiteral("detect: "), 1).section(QLatin1Char('\n'), 0, 0)));
    qInfo("detect: %s", qPrintable(m_report.summary()));
    QVERIFY(m_report.newFlags > 0);
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_flag"), static_cast<long long>(m_report.newFlags));

    // The generator's ground truth.
    QFile manifest(result.snapshotPath + QStringLiteral("/_planted.csv"));
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    pqxx::work tx{*c};
    tx.exec0("CREATE TABLE planted (order_id text, line_no integer, PRIMARY KEY (order_id, line_no))");
    pqxx::stream_to out{tx, "planted", std::vector<std::string>{"order_id", "line_no"}};
    int rows = 0;
    while (!manifest.atEnd()) {
        const QString line = QString::fromUtf8(manifest.readLine()).trimmed();
        // table,line,key,kind,detail — the first four fields hold no comma.
        if (line.section(QLatin1Char(','), 3, 3) != QLatin1String("anomaly_quantity"))
            continue;
        const QString key = line.section(QLatin1Char(','), 2, 2);
        out << std::make_tuple(key.section(QLatin1Char(':'), 0, 0).toStdString(),
                               key.section(QLatin1Char(':'), 1, 1).toInt());
        ++rows;
    }
    out.complete();
    tx.commit();
    qInfo("the manifest plants %d outsized quantities", rows);
    QVERIFY(rows >= 20);
}

void TestAnomalyDetection::syntheticRunMeetsPrecisionAndRecall()
{
    auto c = m_shop->connect();
    const Score s = score(*c, AnomalyOptions{}.excludedStatuses);
    printScore("default settings (log_mad, k 4, min sigma 0.5, min history 20)", s);
    // The run's own summary says the same, from the same truth.
    QCOMPARE(m_detector.plantedLines, qint64(s.eligible));
    QCOMPARE(m_detector.plantedFlagged, qint64(s.truePositives));
    QCOMPARE(m_detector.flaggedLines, qint64(s.flagged));
    QVERIFY(m_detector.precision() && *m_detector.precision() >= 0.95);
    QVERIFY(m_detector.recall() && *m_detector.recall() >= 0.95);
    QVERIFY2(s.precision() >= 0.95, "precision below 0.95");
    QVERIFY2(s.recall() >= 0.95, "recall below 0.95");
    // Every flag is NEW, raised by this run, and points at its fact row.
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_flag WHERE status <> 'NEW' OR version <> 1 "
                              "OR run_id IS DISTINCT FROM " +
                                  std::to_string(m_runId)),
             0LL);
    QCOMPARE(test::number(*c,
                          "SELECT count(*) FROM ops.anomaly_flag f JOIN dw.fact_order_line l USING (order_id, line_no) "
                          "WHERE l.quantity = f.quantity AND l.product_id = f.product_id AND f.quantity > f.threshold "
                          "AND f.z_score > f.k"),
             test::number(*c, "SELECT count(*) FROM ops.anomaly_flag"));
}

void TestAnomalyDetection::secondDetectionAddsNoFlag()
{
    auto c = m_shop->connect();
    const long long before = test::number(*c, "SELECT count(*) FROM ops.anomaly_flag");
    const QString checksum =
        test::scalar(*c, "SELECT md5(string_agg(f::text, '|' ORDER BY flag_id)) FROM ops.anomaly_flag f");
    const anomalies::DetectionReport again = test::detectNow(*c, {}, test::createRun(*c));
    QCOMPARE(again.newFlags, qint64(0));
    QVERIFY(again.products.isEmpty());
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_flag"), before);
    QCOMPARE(test::scalar(*c, "SELECT md5(string_agg(f::text, '|' ORDER BY flag_id)) FROM ops.anomaly_flag f"),
             checksum);
    QCOMPARE(again.summary(), QStringLiteral("no new anomaly flags"));
}

void TestAnomalyDetection::runSummaryNamesProducts()
{
    // What the run summary (and the console's notification) says: how many
    // new flags, on which products — matching the table.
    auto c = m_shop->connect();
    const anomalies::DetectionReport &report = m_report;
    qInfo("run summary: %s", qPrintable(report.summary()));
    qint64 total = 0;
    for (const anomalies::ProductFlags &p : report.products) {
        total += p.newFlags;
        QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_flag WHERE product_id = '" +
                                      p.productId.toStdString() + "'"),
                 static_cast<long long>(p.newFlags));
    }
    QCOMPARE(total, report.newFlags);
    QStringList ids = report.productIds();
    ids.sort();
    QCOMPARE(ids.join(QLatin1Char(',')),
             test::scalar(*c, "SELECT string_agg(DISTINCT product_id, ',' ORDER BY product_id) FROM ops.anomaly_flag"));
    QVERIFY(report.summary().startsWith(QStringLiteral("%1 new anomaly flags on %2 products: %3 (")
                                            .arg(report.newFlags)
                                            .arg(report.products.size())
                                            .arg(report.products.value(0).productId)));
    if (report.products.size() > 2)
        QVERIFY(report.summary(2).endsWith(QStringLiteral("and %1 more").arg(report.products.size() - 2)));
}

void TestAnomalyDetection::robustMethodOnTheSameData()
{
    auto c = m_shop->connect();
    {
        pqxx::work tx{*c};
        tx.exec0("CREATE TABLE default_flags AS SELECT * FROM ops.anomaly_flag");
        tx.exec0("DELETE FROM ops.anomaly_flag");
        tx.commit();
    }
    AnomalyOptions robust;
    robust.method = anomalies::Method::Mad;
    const auto report = test::detectNow(*c, robust);
    const Score s = score(*c, robust.excludedStatuses);
    printScore("robust method (median + 2 x 1.4826 MAD)", s);
    QCOMPARE(report.newFlags, qint64(s.flagged));
    QVERIFY(s.recall() >= 0.95); // a robust band never misses what a wider one catches
    QCOMPARE(test::scalar(*c, "SELECT DISTINCT method FROM ops.anomaly_flag"), QStringLiteral("mad"));
    QVERIFY(test::number(*c, "SELECT count(*) FROM ops.anomaly_baseline WHERE method = 'mad' AND mad IS NOT NULL") > 0);
    // Back to the default flags for the rest of the suite.
    pqxx::work tx{*c};
    tx.exec0("DELETE FROM ops.anomaly_flag");
    tx.exec0("INSERT INTO ops.anomaly_flag OVERRIDING SYSTEM VALUE SELECT * FROM default_flags");
    tx.commit();
}

// The settings preview (ops.preview_anomaly_flags) counts exactly the flags
// that detection with the same settings then raises on the same warehouse.
void TestAnomalyDetection::previewMatchesWhatTheSettingsRaise()
{
    auto c = m_shop->connect();
    {
        pqxx::work tx{*c};
        tx.exec0("CREATE TABLE flags_before_preview AS SELECT * FROM ops.anomaly_flag");
        // A third of the flags stay: a run never raises a line flagged before.
        tx.exec0("DELETE FROM ops.anomaly_flag WHERE flag_id % 3 <> 0");
        tx.commit();
    }
    AnomalyOptions logMad;
    logMad.method = anomalies::Method::LogMad;
    logMad.k = 4;
    logMad.minSigma = 0.5;
    const qint64 previewed = test::number(
        *c, "SELECT count(*) FILTER (WHERE NOT already_flagged) FROM ops.preview_anomaly_flags('log_mad', 4, 20, 0.5, "
            "ARRAY['Cancelled', 'Refunded'])");
    const auto report = test::detectNow(*c, logMad);
    qInfo("log_mad k 4, min sigma 0.5: the preview counted %lld new flags, detection raised %lld",
          static_cast<long long>(previewed), static_cast<long long>(report.newFlags));
    QCOMPARE(report.newFlags, previewed);
    QVERIFY(previewed > 0);
    // Back to the default flags for the rest of the suite.
    pqxx::work tx{*c};
    tx.exec0("DELETE FROM ops.anomaly_flag");
    tx.exec0("INSERT INTO ops.anomaly_flag OVERRIDING SYSTEM VALUE SELECT * FROM flags_before_preview");
    tx.exec0("DROP TABLE flags_before_preview");
    tx.commit();
}

QTEST_GUILESS_MAIN(TestAnomalyDetection)
#include "tst_anomaly_detection.moc"

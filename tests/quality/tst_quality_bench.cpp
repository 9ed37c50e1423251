// What the row rules cost the load: a synthetic snapshot (scale 0.2 by
// default, ECOMOPS_QUALITY_BENCH_SCALE to change it) loaded table after table
// on one connection, with and without the quality stage's row checker,
// alternating, and the validate stage's time after each. Prints the figures;
// asserts only that the runs succeed and agree.
#include "QualityHarness.h"
#include "TestDatabase.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace ecomops;
using namespace ecomops::quality;

class TestQualityBench : public QObject
{
    Q_OBJECT

private slots:
    void loadRateWithAndWithoutRowRules()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        QTemporaryDir dir;
        synthetic::GeneratorOptions options;
        const QString scaleText = qEnvironmentVariable("ECOMOPS_QUALITY_BENCH_SCALE", QStringLiteral("0.2"));
        options.scale = scaleText.toDouble();
        options.seed = 5;
        options.defects = {0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001};
        const staging::Snapshot snapshot = test::generateSnapshot(dir.filePath(QStringLiteral("shop")), options);

        std::vector<double> plain, checked, validateStreamed, validateAfter;
        qint64 rows = 0;
        for (int round = 0; round < 2; ++round) {
            for (const bool withRules : {round == 0, round != 0}) {
                const qint64 runId = test::newRun(*c);
                QualityStage stage({}, runId, QDateTime::currentDateTime());
                stage.setSnapshot(snapshot);
                const test::LoadOutcome load =
                    test::loadSnapshot(db.conninfo(), runId, snapshot, withRules ? &stage : nullptr);
                rows = load.rows;
                (withRules ? checked : plain).push_back(double(load.rows) / load.seconds);
                test::CollectingObserver observer;
                const QualityReport report = stage.validate(*c, observer);
                (withRules ? validateStreamed : validateAfter).push_back(report.seconds);
                QVERIFY(report.quarantined >= 0);
            }
        }
        const auto best = [](const std::vector<double> &v) { return *std::max_element(v.begin(), v.end()); };
        const auto fastest = [](const std::vector<double> &v) { return *std::min_element(v.begin(), v.end()); };
        qInfo("scale %s: %lld rows in %zu tables", qPrintable(scaleText), static_cast<long long>(rows),
              snapshot.metadata().files.size());
        qInfo("load without row rules: %.0f rows/s (best of %zu)", best(plain), plain.size());
        qInfo("load with row rules:    %.0f rows/s (best of %zu), %.0f %% of the rate without", best(checked),
              checked.size(), 100.0 * best(checked) / best(plain));
        qInfo("validate after a load with row rules (set rules, scores, persistence): %.2f s",
              fastest(validateStreamed));
        qInfo("validate after a load without them (row rules re-run from staging):    %.2f s", fastest(validateAfter));
    }
};

QTEST_GUILESS_MAIN(TestQualityBench)
#include "tst_quality_bench.moc"

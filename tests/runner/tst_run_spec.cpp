#include "runner/RunSpec.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QtTest>

using namespace ecomops::runner;

class TestRunSpec : public QObject {
    Q_OBJECT
private slots:
    void roundTripsThroughJson()
    {
        RunSpec spec;
        spec.sourceKind = QStringLiteral("synthetic");
        ecomops::synthetic::GeneratorOptions options;
        options.scale = 0.25;
        options.seed = 99;
        options.defects.badEmail = 0.01;
        spec.sourceOptions = options.toJson();
        spec.stagingDir = QStringLiteral("/tmp/stage dir");
        spec.gates = {{"overall", 80}};
        spec.loadParallelism = 3;
        spec.trigger = Trigger::Scheduled;
        spec.startedBy = QStringLiteral("cron ✓");
        const RunSpec back = RunSpec::fromJson(nlohmann::json::parse(spec.toJson().dump()));
        QCOMPARE(back.toJson(), spec.toJson());
        QVERIFY(back.trigger == Trigger::Scheduled);
        QCOMPARE(back.startedBy, spec.startedBy);
        const auto opts = ecomops::synthetic::GeneratorOptions::fromJson(back.sourceOptions);
        QCOMPARE(opts.seed, quint64(99));
        QCOMPARE(opts.scale, 0.25);
    }

    void refusesBadSpecs_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not an object") << QStringLiteral("[1]") << QStringLiteral("object");
        QTest::newRow("unknown source") << QStringLiteral(R"({"source":{"kind":"ftp"}})") << QStringLiteral("ftp");
        QTest::newRow("bad trigger") << QStringLiteral(R"({"trigger":"whenever"})") << QStringLiteral("whenever");
        QTest::newRow("parallelism") << QStringLiteral(R"({"load_parallelism":0})") << QStringLiteral("load_parallelism");
        QTest::newRow("wrong type") << QStringLiteral(R"({"max_attempts":"three"})") << QStringLiteral("max_attempts");
        QTest::newRow("gates not object") << QStringLiteral(R"({"gates":5})") << QStringLiteral("gates");
    }
    void refusesBadSpecs()
    {
        QFETCH(QString, json);
        QFETCH(QString, mentions);
        try {
            RunSpec::fromJson(nlohmann::json::parse(json.toStdString()));
            QFAIL("accepted a bad spec");
        } catch (const SpecError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(mentions), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestRunSpec)
#include "tst_run_spec.moc"

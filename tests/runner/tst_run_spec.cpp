#include "runner/RunSpec.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QtTest>

using namespace ecomops::runner;

class TestRunSpec : public QObject
{
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

    void originRoundTrips()
    {
        RunSpec spec;
        QVERIFY(!spec.toJson().contains("origin")); // a run of its own says nothing
        spec.originRunId = 41;
        spec.originHow = QStringLiteral("retry");
        const RunSpec back = RunSpec::fromJson(nlohmann::json::parse(spec.toJson().dump()));
        QCOMPARE(back.originRunId, qint64(41));
        QCOMPARE(back.originHow, QStringLiteral("retry"));
    }

    void scheduleRoundTrips()
    {
        RunSpec spec;
        QVERIFY(!spec.toJson().contains("schedule")); // not started by a schedule: not written
        spec.schedule = QStringLiteral("sales");
        QCOMPARE(RunSpec::fromJson(nlohmann::json::parse(spec.toJson().dump())).schedule, QStringLiteral("sales"));
    }

    void refusesBadSpecs_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not an object") << QStringLiteral("[1]") << QStringLiteral("object");
        QTest::newRow("unknown source") << QStringLiteral(R"({"source":{"kind":"ftp"}})") << QStringLiteral("ftp");
        QTest::newRow("bad trigger") << QStringLiteral(R"({"trigger":"whenever"})") << QStringLiteral("whenever");
        QTest::newRow("parallelism") << QStringLiteral(R"({"load_parallelism":0})")
                                     << QStringLiteral("load_parallelism");
        QTest::newRow("wrong type") << QStringLiteral(R"({"max_attempts":"three"})") << QStringLiteral("max_attempts");
        QTest::newRow("gates not object") << QStringLiteral(R"({"gates":5})") << QStringLiteral("gates");
        QTest::newRow("unknown key") << QStringLiteral(R"({"source_kind":"olist"})") << QStringLiteral("source_kind");
        QTest::newRow("unknown source key")
            << QStringLiteral(R"({"source":{"kind":"olist","path":"/x"}})") << QStringLiteral("\"path\"");
        QTest::newRow("keep snapshots") << QStringLiteral(R"({"keep_snapshots":-1})")
                                        << QStringLiteral("keep_snapshots");
        QTest::newRow("origin how") << QStringLiteral(R"({"origin":{"run_id":3,"how":"again"}})")
                                    << QStringLiteral("origin");
        QTest::newRow("origin key") << QStringLiteral(R"({"origin":{"run":3}})") << QStringLiteral("\"run\"");
        QTest::newRow("schedule type") << QStringLiteral(R"({"schedule":7})") << QStringLiteral("schedule");
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

    void storedSpecHasNoPassword_data()
    {
        QTest::addColumn<QString>("conninfo");
        QTest::addColumn<QString>("stored");
        QTest::newRow("key=value") << QStringLiteral("host=db dbname=shop user=r password=pw-123")
                                   << QStringLiteral("user='r' dbname='shop' host='db'");
        QTest::newRow("uri") << QStringLiteral("postgresql://r:pw-123@db/shop")
                             << QStringLiteral("user='r' dbname='shop' host='db'");
        QTest::newRow("unparsable") << QStringLiteral("host=db password=pw-123 oops")
                                    << QStringLiteral("host=db password=*** oops");
        QTest::newRow("none") << QStringLiteral("host=db dbname=shop") << QStringLiteral("host=db dbname=shop");
    }
    void storedSpecHasNoPassword()
    {
        QFETCH(QString, conninfo);
        QFETCH(QString, stored);
        RunSpec spec;
        spec.sourceKind = QStringLiteral("sourcedb");
        spec.sourceOptions = {{"conninfo", conninfo.toStdString()}, {"schema", "shop"}};
        spec.sourcePassword = QStringLiteral("from-keyring-456");
        const std::string json = spec.toJson().dump();
        QVERIFY2(json.find("pw-123") == std::string::npos && json.find("from-keyring-456") == std::string::npos,
                 json.c_str());
        QCOMPARE(QString::fromStdString(spec.toJson()["source"]["options"]["conninfo"].get<std::string>()), stored);
        QCOMPARE(spec.sourceOptionsWithoutSecrets()["schema"], nlohmann::json("shop"));
        // The adapter gets the keyring's password back in the string.
        const QString forSource = QString::fromStdString(spec.sourceOptionsForSource()["conninfo"].get<std::string>());
        if (!stored.contains(QStringLiteral("***")))
            QVERIFY2(forSource.contains(QStringLiteral("from-keyring-456")), qPrintable(forSource));
        QCOMPARE(RunSpec::fromJson(spec.toJson()).keepSnapshots, 10);
    }
};

QTEST_GUILESS_MAIN(TestRunSpec)
#include "tst_run_spec.moc"

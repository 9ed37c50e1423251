// The anomaly API without a database: options in a run spec, the triage
// workflow's table, the run summary and notification payloads.
#include "anomalies/AnomalyListener.h"
#include "anomalies/AnomalyOptions.h"
#include "anomalies/Detection.h"
#include "anomalies/Roles.h"
#include "anomalies/Status.h"

#include <QtTest>

#include <nlohmann/json.hpp>

using namespace ecomops::anomalies;

class TestAnomalyOptions : public QObject
{
    Q_OBJECT

private slots:
    void defaultsAndRoundTrip()
    {
        const AnomalyOptions defaults;
        QVERIFY(defaults.enabled);
        // The settings DETECTOR.md chose by measurement.
        QCOMPARE(defaults.method, Method::LogMad);
        QCOMPARE(defaults.k, 4.0);
        QCOMPARE(defaults.minSigma, 0.5);
        QCOMPARE(defaults.minHistory, 20);
        QCOMPARE(defaults.toJson().at("method").get<std::string>(), std::string("log_mad"));
        QCOMPARE(defaults.validationError(), std::string());

        AnomalyOptions o;
        o.method = Method::Mad;
        o.k = 3.5;
        o.minHistory = 50;
        o.minSigma = 0;
        o.excludedStatuses = {"Cancelled", "Returned"};
        o.baselineMaxAgeDays = 31;
        o.enabled = false;
        const nlohmann::json json = o.toJson();
        QCOMPARE(json.at("method").get<std::string>(), std::string("mad"));
        QCOMPARE(AnomalyOptions::fromJson(json).toJson().dump(), json.dump());
        // Missing keys keep their defaults; an empty section is the defaults.
        QCOMPARE(AnomalyOptions::fromJson(nlohmann::json::object()).toJson().dump(), defaults.toJson().dump());
        QCOMPARE(AnomalyOptions::fromJson(nlohmann::json{{"k", 3}}).k, 3.0);
    }

    void rejectsBadOptions_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown key") << QStringLiteral(R"({"treshold": 2})") << QStringLiteral("treshold");
        QTest::newRow("unknown method") << QStringLiteral(R"({"method": "iqr"})") << QStringLiteral("method");
        QTest::newRow("k as text") << QStringLiteral(R"({"k": "2"})") << QStringLiteral("k must be");
        QTest::newRow("k zero") << QStringLiteral(R"({"k": 0})") << QStringLiteral("k must be");
        QTest::newRow("history 1") << QStringLiteral(R"({"min_history": 1})") << QStringLiteral("min_history");
        QTest::newRow("history fraction") << QStringLiteral(R"({"min_history": 2.5})") << QStringLiteral("min_history");
        QTest::newRow("negative sigma") << QStringLiteral(R"({"min_sigma": -1})") << QStringLiteral("min_sigma");
        QTest::newRow("statuses") << QStringLiteral(R"({"excluded_statuses": "Cancelled"})")
                                  << QStringLiteral("excluded_statuses");
        QTest::newRow("not an object") << QStringLiteral("[1]") << QStringLiteral("JSON object");
    }

    void rejectsBadOptions()
    {
        QFETCH(QString, json);
        QFETCH(QString, mentions);
        try {
            AnomalyOptions::fromJson(nlohmann::json::parse(json.toStdString()));
            QFAIL("accepted");
        } catch (const AnomalyError &e) {
            QVERIFY2(e.message().contains(mentions), qPrintable(e.message()));
        }
    }

    void workflow()
    {
        using S = FlagStatus;
        QVERIFY(transitionAllowed(S::New, S::Reviewed));
        QVERIFY(transitionAllowed(S::Reviewed, S::Resolved));
        QVERIFY(transitionAllowed(S::New, S::FalsePositive));
        QVERIFY(transitionAllowed(S::Reviewed, S::FalsePositive));
        QVERIFY(!transitionAllowed(S::New, S::Resolved));
        QVERIFY(!transitionAllowed(S::New, S::New));
        QVERIFY(!transitionAllowed(S::Reviewed, S::New));
        QCOMPARE(allowedTargets(S::Resolved), (QList<S>{S::New, S::Reviewed}));
        QVERIFY(isReopen(S::FalsePositive, S::New));
        QVERIFY(!isReopen(S::New, S::Reviewed));
        for (S s : allFlagStatuses())
            QCOMPARE(flagStatusFromString(statusName(s)), std::optional<S>(s));
        QCOMPARE(flagStatusFromString(QStringLiteral("false_positive")), std::optional<S>(S::FalsePositive));
        QVERIFY(!flagStatusFromString(QStringLiteral("DONE")));
    }

    void summary()
    {
        DetectionReport r;
        QCOMPARE(r.summary(), QStringLiteral("no new anomaly flags"));
        r.newFlags = 4;
        r.products = {{QStringLiteral("SKU-000012"), 3}, {QStringLiteral("SKU-000200"), 1}};
        QCOMPARE(r.summary(), QStringLiteral("4 new anomaly flags on 2 products: SKU-000012 (3), SKU-000200 (1)"));
        QCOMPARE(r.summary(1), QStringLiteral("4 new anomaly flags on 2 products: SKU-000012 (3), and 1 more"));
        QCOMPARE(r.productIds(), (QStringList{QStringLiteral("SKU-000012"), QStringLiteral("SKU-000200")}));
        r.skipped = true;
        QCOMPARE(r.summary(), QStringLiteral("anomaly detection is turned off"));
    }

    void notificationPayloads()
    {
        const AnomalyChange triage = AnomalyChange::fromPayload(
            QStringLiteral(R"({"kind":"triage","flag_ids":[4,9],"versions":[2,3],"status":"REVIEWED",)"
                           R"("db_role":"alice","console_user":"Alice A.","at_ms":1700000000000})"),
            42);
        QCOMPARE(triage.kind, AnomalyChange::Kind::Triage);
        QCOMPARE(triage.flagIds, (QList<qint64>{4, 9}));
        QCOMPARE(triage.versions, (QList<int>{2, 3}));
        QCOMPARE(triage.status, QStringLiteral("REVIEWED"));
        QCOMPARE(triage.dbRole, QStringLiteral("alice"));
        QCOMPARE(triage.consoleUser, QStringLiteral("Alice A."));
        QCOMPARE(triage.at.toMSecsSinceEpoch(), 1700000000000LL);
        QCOMPARE(triage.senderPid, 42);
        const AnomalyChange detected =
            AnomalyChange::fromPayload(QStringLiteral(R"({"kind":"detected","run_id":7,"new_flags":12})"), 1);
        QCOMPARE(detected.kind, AnomalyChange::Kind::Detected);
        QCOMPARE(detected.runId, 7);
        QCOMPARE(detected.newFlags, 12);
        QCOMPARE(AnomalyChange::fromPayload(QStringLiteral("not json"), 1).kind, AnomalyChange::Kind::Unknown);
    }

    void roleExplanations()
    {
        RoleInfo analyst;
        analyst.role = QStringLiteral("ann");
        analyst.isAnalyst = analyst.canReadMarts = true;
        QVERIFY(analyst.whyNot(Capability::ReadMarts).isEmpty());
        const QString why = analyst.whyNot(Capability::Triage);
        QVERIFY2(why.contains(QStringLiteral("\"ann\"")) && why.contains(QStringLiteral("ecomops_steward")) &&
                     why.contains(QStringLiteral("triage")),
                 qPrintable(why));
        QCOMPARE(analyst.groupRoles(), QStringList{QStringLiteral("ecomops_analyst")});
    }
};

QTEST_GUILESS_MAIN(TestAnomalyOptions)
#include "tst_anomaly_options.moc"

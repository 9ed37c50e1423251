// Warehouse options: defaults, JSON round trip, and refusals in words.
#include "warehouse/WarehouseOptions.h"

#include <QtTest>

#include <nlohmann/json.hpp>

using namespace ecomops::warehouse;
using nlohmann::json;

class TestWarehouseOptions : public QObject
{
    Q_OBJECT

private slots:
    void defaultsAreUsable()
    {
        const WarehouseOptions o;
        QCOMPARE(QString::fromStdString(o.validationError()), QString());
        QCOMPARE(o.churnDays, 90);
        QCOMPARE(o.forecastHorizonDays, 30);
        QCOMPARE(o.forecastZ(), 1.96);
        QCOMPARE(o.revenueStatuses, (std::vector<std::string>{"Completed", "Delivered"}));
    }

    void roundTripsThroughJson()
    {
        WarehouseOptions o;
        o.churnDays = 120;
        o.revenueStatuses = {"Completed", "Delivered", "Shipped"};
        o.forecastAlpha = 0.4;
        o.forecastConfidence = 0.8;
        o.concurrentRefresh = false;
        const WarehouseOptions back = WarehouseOptions::fromJson(json::parse(o.toJson().dump()));
        QCOMPARE(back.toJson(), o.toJson());
        QCOMPARE(*back.forecastAlpha, 0.4);
        QVERIFY(!back.forecastGamma);
        QCOMPARE(back.forecastZ(), 1.2816);
    }

    void missingKeysKeepDefaults()
    {
        const WarehouseOptions o = WarehouseOptions::fromJson(json{{"churn_days", 30}});
        QCOMPARE(o.churnDays, 30);
        QCOMPARE(o.forecastHorizonDays, 30);
        QCOMPARE(WarehouseOptions::fromJson(json()).churnDays, 90);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown key") << R"({"churn_dayz": 3})"
                                     << "warehouse.churn_dayz is not a warehouse option";
        QTest::newRow("wrong type") << R"({"churn_days": "90"})"
                                    << "warehouse.churn_days must be an integer";
        QTest::newRow("statuses") << R"({"revenue_statuses": "Completed"})"
                                  << "warehouse.revenue_statuses must be an array of status names";
        QTest::newRow("no statuses") << R"({"revenue_statuses": []})"
                                     << "revenue_statuses must name at least one order status";
        QTest::newRow("churn") << R"({"churn_days": 0})"
                               << "churn_days must be at least 1";
        QTest::newRow("alpha") << R"({"forecast_alpha": 1.5})"
                               << "forecast_alpha must be between 0 and 1";
        QTest::newRow("confidence") << R"({"forecast_confidence": 0.93})"
                                    << "forecast_confidence must be one of";
        QTest::newRow("not an object") << R"([1, 2])"
                                       << "warehouse options must be a JSON object";
    }

    void refusals()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        try {
            WarehouseOptions::fromJson(json::parse(text.toStdString()));
            QFAIL("accepted");
        } catch (const WarehouseError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestWarehouseOptions)
#include "tst_warehouse_options.moc"

// Every mart against figures worked out by hand from ShopFixture.h (exact to
// the cent), the date-range functions, the configurable rules (revenue
// statuses, churn days), the forecast against hand-computed series, and a
// reader who is not blocked while a run refreshes the marts.
//
// The shop's revenue orders (Completed/Delivered) and their revenue
// (sum of line totals):
//   O1 C1 2025-01-10 Website     Credit Card      New         P1 2×10.00 + P3 25.50−0.50 = 45.00
//   O2 C2 2025-01-15 Mobile App  E-Wallet         VIP         P2 300.00−15.00           = 285.00
//   O3 C1 2025-02-15 Store       Cash on Delivery Regular     P1 1× as-of 10.00          = 10.00
//   O4 C3 2025-02-15 Website     Bank Transfer    Occasional  P1 3× as-of 12.00          = 36.00
//   O8 C4 2025-03-12 Website     Bank Transfer    New         P1 12.00 + P2 300.00−30.00 = 282.00
//   O9 C2 2025-04-02 Website     Credit Card      VIP         P3 4×25.50−2.00            = 100.00
//   total 758.00. Not revenue: O5 Cancelled (300.00), O6 Refunded (51.00), O7 Shipped (25.50).
#include "ShopFixture.h"
#include "TestDatabase.h"
#include "WarehouseTestSupport.h"

#include <QRegularExpression>
#include <QtTest>

#include <pqxx/pqxx>

#include <cmath>
#include <thread>

using namespace ecomops;
using namespace ecomops::test;

namespace {

// Numbers as text, exact: trailing zeros beyond the second decimal dropped
// ("330.0000" → "330.00", "0.7322" stays, "10.005" stays "10.005").
QString exact(const QString &field)
{
    static const QRegularExpression number(QStringLiteral("^-?\\d+\\.\\d+$"));
    if (!number.match(field).hasMatch())
        return field;
    QString s = field;
    const int dot = int(s.indexOf(QLatin1Char('.')));
    while (s.size() > dot + 3 && s.endsWith(QLatin1Char('0')))
        s.chop(1);
    while (s.size() < dot + 3)
        s.append(QLatin1Char('0'));
    return s;
}

QStringList exactRows(pqxx::connection &c, const std::string &sql)
{
    QStringList out;
    for (const QString &row : rows(c, sql)) {
        QStringList fields = row.split(QLatin1Char('|'));
        for (QString &f : fields)
            f = exact(f);
        out.append(fields.join(QLatin1Char('|')));
    }
    return out;
}

// One Completed order a day, one line whose total is the day's amount.
Snapshot dailySeries(const QStringList &amounts, const QDate &firstDay)
{
    std::string orders = "order_id,customer_id,order_ts,channel,status,payment_method,country_code,items_subtotal,"
                         "discount_total,shipping_fee,order_total\n";
    std::string lines = "order_id,line_no,product_id,quantity,unit_price,discount,line_total\n";
    for (int i = 0; i < amounts.size(); ++i) {
        const std::string id = "D" + std::to_string(i + 1);
        const std::string amount = amounts[i].toStdString();
        const std::string day = firstDay.addDays(i).toString(Qt::ISODate).toStdString();
        orders +=
            id + ",C1," + day + " 12:00:00,Website,Completed,Credit Card,DE," + amount + ",0," + "0," + amount + "\n";
        lines += id + ",1,P1,1," + amount + ",0," + amount + "\n";
    }
    return {{"countries", "country_code,country_name,region\nDE,Germany,Europe\n"},
            {"categories", "category_id,category_name,parent_category_id\n1,Books,\n"},
            {"products", "product_id,product_name,category_id,created_at\nP1,Book,1,\n"},
            {"product_prices", "product_id,valid_from,unit_price\nP1,2024-01-01 00:00:00,1.00\n"},
            {"customers", "customer_id,email,first_name,last_name,phone,country_code,city,signup_date\n"
                          "C1,c1@example.com,A,B,1,DE,Berlin,2024-01-01\n"},
            {"customer_segments", "customer_id,valid_from,segment\nC1,2024-01-01 00:00:00,Regular\n"},
            {"orders", orders},
            {"order_lines", lines}};
}

} // namespace

class TestWarehouseMarts : public QObject
{
    Q_OBJECT

private:
    TestDatabase m_db;
    std::unique_ptr<pqxx::connection> m_c;
    warehouse::WarehouseOptions m_options;

private slots:
    void initTestCase()
    {
        ECOMOPS_REQUIRE_DB(m_db);
        m_c = m_db.connect();
        m_options.churnDays = 40;
        const LoadResult r = load(*m_c, shopSnapshot(), "2026-01-01 00:00:00", m_options);
        for (const TableCounts &t : r.transform.tables)
            QVERIFY2(t.quarantined == 0, qPrintable(t.table));
        QCOMPARE(r.marts.marts.size(), warehouse::materializedMarts().size());
    }

    void orderSummaryCarriesAttributesAsOfTheOrder()
    {
        // O1 was placed while C1 was New, O3 after C1 turned Regular; O3 and
        // O4 got their prices from the as-of join (10.00 and 12.00).
        QCOMPARE(exactRows(*m_c,
                           "SELECT order_id, segment, country_code, country_name, status, is_revenue, lines, items, "
                           "merchandise_value, revenue FROM mart.order_summary ORDER BY order_id"),
                 QStringList({QStringLiteral("O1|New|DE|Germany|Completed|t|2|3|45.00|45.00"),
                              QStringLiteral("O2|VIP|FR|France|Delivered|t|1|1|285.00|285.00"),
                              QStringLiteral("O3|Regular|DE|Germany|Completed|t|1|1|10.00|10.00"),
                              QStringLiteral("O4|Occasional|US|United States|Completed|t|1|3|36.00|36.00"),
                              QStringLiteral("O5|VIP|FR|France|Cancelled|f|1|1|300.00|0"),
                              QStringLiteral("O6|Occasional|US|United States|Refunded|f|1|2|51.00|0"),
                              QStringLiteral("O7|Regular|DE|Germany|Shipped|f|1|1|25.50|0"),
                              QStringLiteral("O8|New|DE|Germany|Delivered|t|2|2|282.00|282.00"),
                              QStringLiteral("O9|VIP|FR|France|Completed|t|1|4|100.00|100.00")}));
    }

    void revenueMonthly()
    {
        // month | orders | items | revenue | aov | customers | new | placed | cancelled | refunded
        // Jan: O1 45.00 + O2 285.00; items 3 + 1; AOV 330/2; C1, C2 both new.
        // Feb: O3 10.00 + O4 36.00; items 1 + 3; AOV 23.00; C1, C3 (C3 new); O5 cancelled.
        // Mar: O8 282.00; C4 new; O6 refunded, O7 shipped. Apr: O9 100.00 (C2, not new).
        QCOMPARE(exactRows(*m_c, "SELECT month, orders, items, revenue, aov, customers, new_customers, orders_placed, "
                                 "cancelled_orders, refunded_orders FROM mart.revenue_monthly ORDER BY month"),
                 QStringList({QStringLiteral("2025-01-01|2|4|330.00|165.00|2|2|2|0|0"),
                              QStringLiteral("2025-02-01|2|4|46.00|23.00|2|1|3|1|0"),
                              QStringLiteral("2025-03-01|1|2|282.00|282.00|1|1|3|0|1"),
                              QStringLiteral("2025-04-01|1|4|100.00|100.00|1|0|1|0|0")}));
    }

    void revenueDailyIsGapFree()
    {
        // 2025-01-10 … 2025-04-02: 22 + 28 + 31 + 2 = 83 days, quiet days as zeros.
        QCOMPARE(
            exactRows(*m_c, "SELECT count(*), min(day), max(day), sum(revenue), sum(orders) FROM mart.revenue_daily"),
            QStringList(QStringLiteral("83|2025-01-10|2025-04-02|758.00|6")));
        QCOMPARE(exactRows(*m_c, "SELECT day, orders, items, revenue, aov, customers, new_customers, orders_placed, "
                                 "cancelled_orders FROM mart.revenue_daily "
                                 "WHERE day IN ('2025-01-10', '2025-01-11', '2025-02-15', '2025-02-20') ORDER BY day"),
                 QStringList({QStringLiteral("2025-01-10|1|3|45.00|45.00|1|1|1|0"),
                              QStringLiteral("2025-01-11|0|0|0||0|0|0|0"),
                              QStringLiteral("2025-02-15|2|4|46.00|23.00|2|1|2|0"),
                              QStringLiteral("2025-02-20|0|0|0||0|0|1|1")}));
    }

    void topProducts()
    {
        // P2: 285.00 + 270.00 = 555.00 (2 units); P3: 25.00 + 100.00 = 125.00 (5);
        // P1: 20.00 + 10.00 + 36.00 + 12.00 = 78.00 (7). Shares of 758.00.
        QCOMPARE(exactRows(*m_c, "SELECT * FROM mart.top_products"),
                 QStringList({QStringLiteral("P2|Phone|Electronics|2|555.00|2|0.7322|1|3"),
                              QStringLiteral("P3|Cookbook|Books|5|125.00|2|0.1649|2|2"),
                              QStringLiteral("P1|Novel A|Novels|7|78.00|4|0.1029|3|1")}));
        QCOMPARE(
            exactRows(*m_c, "SELECT product_id FROM mart.top_products_between('-infinity', 'infinity', 2, 'units')"),
            QStringList({QStringLiteral("P1"), QStringLiteral("P3")}));
    }

    void topCategories()
    {
        QCOMPARE(exactRows(*m_c, "SELECT * FROM mart.top_categories"),
                 QStringList({QStringLiteral("2|Electronics|2|555.00|2|1|0.7322|1|3"),
                              QStringLiteral("1|Books|5|125.00|2|1|0.1649|2|2"),
                              QStringLiteral("3|Novels|7|78.00|4|1|0.1029|3|1")}));
    }

    void revenueByCountry()
    {
        // FR: O2 + O9 = 385.00 (C2); DE: O1 + O3 + O8 = 337.00 (C1, C4); US: O4 36.00.
        QCOMPARE(exactRows(*m_c, "SELECT * FROM mart.revenue_by_country"),
                 QStringList({QStringLiteral("FR|France|Europe||385.00|2|1|0.5079"),
                              QStringLiteral("DE|Germany|Europe||337.00|3|2|0.4446"),
                              QStringLiteral("US|United States|North America||36.00|1|1|0.0475")}));
    }

    void segmentChannelAndPaymentMix()
    {
        // Segments as of each order: O1 and O8 New, O3 Regular (C1 turned
        // Regular on 2025-02-01), O4 Occasional, O2 and O9 VIP.
        QCOMPARE(exactRows(*m_c, "SELECT * FROM mart.sales_mix"),
                 QStringList({QStringLiteral("channel|Website|4|463.00|4|0.6667|0.6108"),
                              QStringLiteral("channel|Mobile App|1|285.00|1|0.1667|0.376"),
                              QStringLiteral("channel|Store|1|10.00|1|0.1667|0.0132"),
                              QStringLiteral("payment_method|Bank Transfer|2|318.00|2|0.3333|0.4195"),
                              QStringLiteral("payment_method|E-Wallet|1|285.00|1|0.1667|0.376"),
                              QStringLiteral("payment_method|Credit Card|2|145.00|2|0.3333|0.1913"),
                              QStringLiteral("payment_method|Cash on Delivery|1|10.00|1|0.1667|0.0132"),
                              QStringLiteral("segment|VIP|2|385.00|1|0.3333|0.5079"),
                              QStringLiteral("segment|New|2|327.00|2|0.3333|0.4314"),
                              QStringLiteral("segment|Occasional|1|36.00|1|0.1667|0.0475"),
                              QStringLiteral("segment|Regular|1|10.00|1|0.1667|0.0132")}));
        QCOMPARE(exactRows(*m_c, "SELECT * FROM mart.segment_mix"),
                 exactRows(*m_c, "SELECT value, orders, revenue, customers, order_share, revenue_share "
                                 "FROM mart.sales_mix WHERE dimension = 'segment'"));
        QCOMPARE(
            exactRows(*m_c, "SELECT * FROM mart.status_mix"),
            QStringList({QStringLiteral("Completed|t|4|191.00|0.4444"), QStringLiteral("Delivered|t|2|567.00|0.2222"),
                         QStringLiteral("Cancelled|f|1|300.00|0.1111"), QStringLiteral("Refunded|f|1|51.00|0.1111"),
                         QStringLiteral("Shipped|f|1|25.50|0.1111")}));
    }

    void cohortRetention()
    {
        // Cohorts by first revenue order: Jan {C1, C2}, Feb {C3}, Mar {C4}.
        // C1 orders again in Feb (O3); C2 in Apr (O9); C3's March order was
        // refunded and C1's March order only shipped, so neither counts.
        QCOMPARE(
            exactRows(*m_c, "SELECT * FROM mart.cohort_retention ORDER BY cohort_month, months_since_first"),
            QStringList({QStringLiteral("2025-01-01|0|2|2|1.00|330.00"), QStringLiteral("2025-01-01|1|2|1|0.50|10.00"),
                         QStringLiteral("2025-01-01|2|2|0|0.00|0"), QStringLiteral("2025-01-01|3|2|1|0.50|100.00"),
                         QStringLiteral("2025-02-01|0|1|1|1.00|36.00"), QStringLiteral("2025-02-01|1|1|0|0.00|0"),
                         QStringLiteral("2025-02-01|2|1|0|0.00|0"), QStringLiteral("2025-03-01|0|1|1|1.00|282.00"),
                         QStringLiteral("2025-03-01|1|1|0|0.00|0")}));
    }

    void lifetimeValueAndChurn()
    {
        // As of the last order date, 2025-04-02; churned after 40 days here.
        // C1: O1 + O3 = 55.00, last 2025-02-15 (46 days) → churned.
        // C2: O2 + O9 = 385.00, last 2025-04-02. C3: 36.00, 46 days → churned.
        // C4: 282.00, last 2025-03-12 (21 days).
        QCOMPARE(
            exactRows(*m_c, "SELECT * FROM mart.customer_lifetime_value ORDER BY customer_id"),
            QStringList({QStringLiteral("C1|Regular|DE|2025-01-10|2025-02-15|2|4|55.00|27.50|36|46|t|2025-04-02|40"),
                         QStringLiteral("C2|VIP|FR|2025-01-15|2025-04-02|2|5|385.00|192.50|77|0|f|2025-04-02|40"),
                         QStringLiteral("C3|Occasional|US|2025-02-15|2025-02-15|1|3|36.00|36.00|0|46|t|2025-04-02|40"),
                         QStringLiteral("C4|New|DE|2025-03-12|2025-03-12|1|2|282.00|282.00|0|21|f|2025-04-02|40")}));
        // 758.00 / 4 = 189.50; median (lower) of 36, 55, 282, 385 = 55.00; 6 orders / 4.
        QCOMPARE(exactRows(*m_c, "SELECT * FROM mart.churn_summary"),
                 QStringList(QStringLiteral("4|2|0.50|189.50|55.00|1.50|2025-04-02|40")));
    }

    void dateRangeFunctions()
    {
        // February–March: O3 10.00, O4 36.00, O8 282.00 = 328.00 over 3 orders
        // (AOV 109.33), 6 items, customers C1, C3, C4 (C3 and C4 new), 6 placed.
        QCOMPARE(exactRows(*m_c, "SELECT * FROM mart.kpi_summary('2025-02-01', '2025-03-31')"),
                 QStringList(QStringLiteral("328.00|3|6|109.33|3|2|6|1|1")));
        QCOMPARE(exactRows(*m_c, "SELECT * FROM mart.top_products_between('2025-02-01', '2025-03-31')"),
                 QStringList({QStringLiteral("P2|Phone|Electronics|1|270.00|1|0.8232|1|2"),
                              QStringLiteral("P1|Novel A|Novels|5|58.00|3|0.1768|2|1")}));
        QCOMPARE(exactRows(*m_c, "SELECT * FROM mart.revenue_by_country_between('2025-02-01', '2025-03-31')"),
                 QStringList({QStringLiteral("DE|Germany|Europe||292.00|2|2|0.8902"),
                              QStringLiteral("US|United States|North America||36.00|1|1|0.1098")}));
        QCOMPARE(
            exactRows(*m_c,
                      "SELECT sum(revenue) FROM mart.revenue_daily WHERE day BETWEEN '2025-02-01' AND '2025-03-31'"),
            QStringList(QStringLiteral("328.00")));
    }

    void revenueStatusesAreConfigurable()
    {
        warehouse::WarehouseOptions withShipped = m_options;
        withShipped.revenueStatuses = {"Completed", "Delivered", "Shipped"};
        RecordingObserver observer;
        {
            pqxx::work tx{*m_c};
            warehouse::refreshMarts(tx, withShipped, observer);
            tx.commit();
        }
        // O7 (Shipped, 25.50) now counts: March 282.00 + 25.50.
        QCOMPARE(exactRows(*m_c, "SELECT revenue, orders FROM mart.revenue_monthly WHERE month = '2025-03-01'"),
                 QStringList(QStringLiteral("307.50|2")));
        QCOMPARE(exactRows(*m_c, "SELECT sum(revenue) FROM mart.revenue_daily"), QStringList(QStringLiteral("783.50")));
        pqxx::work tx{*m_c};
        warehouse::refreshMarts(tx, m_options, observer);
        tx.commit();
        QCOMPARE(exactRows(*m_c, "SELECT sum(revenue) FROM mart.revenue_daily"), QStringList(QStringLiteral("758.00")));
    }

    void forecastOfConstantRevenueIsFlatWithNoBand()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        QStringList amounts;
        for (int i = 0; i < 21; ++i)
            amounts << QStringLiteral("100.00");
        load(*c, dailySeries(amounts, QDate(2025, 1, 1)));
        QCOMPARE(exactRows(*c, "SELECT count(*) FILTER (WHERE NOT is_forecast), count(*) FILTER (WHERE is_forecast), "
                               "min(day) FILTER (WHERE is_forecast), max(day) FROM mart.revenue_forecast"),
                 QStringList(QStringLiteral("21|30|2025-01-22|2025-02-20")));
        QCOMPARE(exactRows(*c, "SELECT DISTINCT forecast, lower_bound, upper_bound, sigma, method "
                               "FROM mart.revenue_forecast WHERE is_forecast"),
                 QStringList(QStringLiteral("100.00|100.00|100.00|0.00|ETS(A,N,A), season 7 days")));
    }

    void forecastContinuesTheWeeklyPattern()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        // Four weeks from Monday 2025-01-06: 100.00 on weekdays, 300.00 at weekends.
        QStringList amounts;
        for (int i = 0; i < 28; ++i)
            amounts << (i % 7 >= 5 ? QStringLiteral("300.00") : QStringLiteral("100.00"));
        load(*c, dailySeries(amounts, QDate(2025, 1, 6)));
        const QStringList forecast =
            exactRows(*c, "SELECT day, forecast, lower_bound, upper_bound FROM mart.revenue_forecast "
                          "WHERE is_forecast ORDER BY day");
        QCOMPARE(forecast.size(), 30);
        for (int h = 0; h < 30; ++h) {
            const QDate day = QDate(2025, 2, 3).addDays(h);
            const QString v = day.dayOfWeek() >= 6 ? QStringLiteral("300.00") : QStringLiteral("100.00");
            QCOMPARE(forecast[h],
                     day.toString(Qt::ISODate) + QLatin1Char('|') + v + QLatin1Char('|') + v + QLatin1Char('|') + v);
        }
    }

    void forecastBandMatchesHandComputedSmoothing()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        // Ten days alternating 100/200: less than two weeks, so simple
        // exponential smoothing; α fixed at 0.5. By hand:
        //   level 100 → (t=2) 150 → 125 → 162.5 → 131.25 → 165.625 → 132.8125
        //   → 166.40625 → 133.203125 → 166.6015625 (the forecast);
        //   one-step errors t=2…10: 100, −50, 75, −62.5, 68.75, −65.625,
        //   67.1875, −66.40625, 66.796875; SSE = 44450.264892578125; σ² = SSE/9.
        QStringList amounts;
        for (int i = 0; i < 10; ++i)
            amounts << (i % 2 ? QStringLiteral("200.00") : QStringLiteral("100.00"));
        warehouse::WarehouseOptions options;
        options.forecastAlpha = 0.5;
        load(*c, dailySeries(amounts, QDate(2025, 1, 1)), "2026-01-01 00:00:00", options);
        QCOMPARE(
            exactRows(
                *c,
                "SELECT string_agg(fitted::text, ' ' ORDER BY day) FROM mart.revenue_forecast WHERE NOT is_forecast"),
            QStringList(QStringLiteral("100.00 100.00 150.00 125.00 162.50 131.25 165.63 132.81 166.41 133.20")));
        const double sigma = std::sqrt(44450.264892578125 / 9.0);
        const QStringList forecast = rows(*c, "SELECT forecast, lower_bound, upper_bound, sigma, alpha, method "
                                              "FROM mart.revenue_forecast WHERE is_forecast ORDER BY day");
        QCOMPARE(forecast.size(), 30);
        for (int h = 1; h <= 30; ++h) {
            const QStringList f = forecast[h - 1].split(QLatin1Char('|'));
            const double half = 1.96 * sigma * std::sqrt(1.0 + (h - 1) * 0.25);
            QCOMPARE(f[0], QStringLiteral("166.60"));
            QVERIFY2(std::abs(f[1].toDouble() - std::max(166.6015625 - half, 0.0)) < 0.006,
                     qPrintable(forecast[h - 1]));
            QVERIFY2(std::abs(f[2].toDouble() - (166.6015625 + half)) < 0.006, qPrintable(forecast[h - 1]));
            QCOMPARE(f[3], QString::number(sigma, 'f', 2));
            QCOMPARE(f[4].toDouble(), 0.5);
            QCOMPARE(f[5], QStringLiteral("simple exponential smoothing"));
        }
    }

    void readersAreNotBlockedWhileARunRefreshes()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto run = db.connect();
        auto reader = db.connect();
        load(*run, shopSnapshot());
        const qint64 second = createRun(*run, "2026-02-01 00:00:00");
        Snapshot more = shopSnapshot();
        more["orders"] += "O10,C4,2025-04-02 18:00:00,Store,Completed,Cash on Delivery,DE,25.50,0,0,25.50\n";
        more["order_lines"] += "O10,1,P3,1,25.50,0,25.50\n";
        stage(*run, second, more);

        RecordingObserver observer;
        pqxx::work tx{*run};
        warehouse::transform(tx, second, {}, observer);
        warehouse::refreshMarts(tx, {}, observer);
        {
            // The run's transaction is still open: the reader sees the old
            // figures at once instead of waiting for the commit.
            pqxx::work r{*reader};
            r.exec0("SET LOCAL statement_timeout = '3s'");
            QCOMPARE(exact(QString::fromStdString(
                         r.exec1("SELECT sum(revenue) FROM mart.revenue_daily")[0].as<std::string>())),
                     QStringLiteral("758.00"));
            QCOMPARE(r.exec1("SELECT count(*) FROM mart.top_products")[0].as<int>(), 3);
        }
        tx.commit();
        QCOMPARE(exactRows(*reader, "SELECT sum(revenue) FROM mart.revenue_daily"),
                 QStringList(QStringLiteral("783.50")));
    }
};

QTEST_GUILESS_MAIN(TestWarehouseMarts)
#include "tst_warehouse_marts.moc"

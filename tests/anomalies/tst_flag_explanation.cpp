// A flag's detail explains itself (issue 19): the sentence under the flag
// quotes the product's usual range (10th to 90th percentile of its counted
// quantities when the flag was raised), its median, the line's ratio to
// both and its deviations on the detector's scale; the chart draws that
// range as its band, on a log scale for log_mad. Every expected number comes
// from SQL written here over dw.fact_order_line and the baseline — not from
// the columns the console reads — so a wrong column or a wrong percentile in
// the pipeline fails. Offscreen, a real PostgreSQL, the real panel.
#include "AnomalyTestSupport.h"
#include "GuiTest.h"
#include "TestDatabase.h"

#include "anomalies/FlagDetailPanel.h"
#include "anomalies/QuantityHistoryChart.h"

#include <QLabel>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

#include <pqxx/pqxx>

#include <cmath>
#include <vector>

using namespace ecomops;

namespace {

// Whole numbers without decimals, others with one: how a steward reads a
// quantity (the console's rule, restated).
QString quantity(double v)
{
    return QLocale().toString(v, 'f', std::abs(v - std::round(v)) < 0.005 ? 0 : 1);
}

QString ratio(double v)
{
    return QLocale().toString(v, 'f', v >= 10 ? 0 : 1) + QStringLiteral("×");
}

struct Expected {
    double p10, p90, median, z, k;
    int quantity;
    long long lines;
};

// The test's own reading of the warehouse: percentiles over the product's
// counted lines (what the baseline saw), the z-score from the baseline's
// median and σ.
Expected expectedFor(pqxx::connection &c, qint64 flagId)
{
    pqxx::read_transaction tx{c};
    const pqxx::row r = tx.exec_params1(
        "SELECT percentile_cont(0.1) WITHIN GROUP (ORDER BY l.quantity), "
        "       percentile_cont(0.9) WITHIN GROUP (ORDER BY l.quantity), "
        "       exp(percentile_cont(0.5) WITHIN GROUP (ORDER BY ln(l.quantity))), "
        "       (SELECT ln(f.quantity / b.median) / greatest(b.sigma, b.min_sigma) FROM ops.anomaly_baseline b "
        "         WHERE b.product_id = f.product_id), "
        "       f.k, f.quantity, count(*) "
        "FROM ops.anomaly_flag f JOIN dw.fact_order_line l ON l.product_id = f.product_id "
        "WHERE f.flag_id = $1 AND l.quantity > 0 AND lower(l.status) NOT IN ('cancelled', 'refunded') "
        "GROUP BY f.flag_id",
        flagId);
    return {r[0].as<double>(), r[1].as<double>(), r[2].as<double>(),   r[3].as<double>(),
            r[4].as<double>(), r[5].as<int>(),    r[6].as<long long>()};
}

} // namespace

class TestFlagExplanation : public QObject
{
    Q_OBJECT

private slots:
    void explainsTheFlagOnItsScale();
};

void TestFlagExplanation::explainsTheFlagOnItsScale()
{
    test::TestDatabase db;
    ECOMOPS_REQUIRE_DB(db);
    auto c = db.connect();
    // A product sold in packs of 6, now and then 12 or 24, and once 120.
    std::vector<int> packs(20, 6);
    packs[2] = packs[9] = packs[13] = 12;
    packs[19] = 24;
    auto lines = test::productLines("P-MUG", "M", 61, packs);
    lines[60].quantity = 120;
    lines[20].quantity = 3;
    lines[20].status = "Cancelled"; // not counted: not in the range either
    test::insertLines(*c, lines);
    QCOMPARE(test::detectNow(*c).newFlags, qint64(1));
    const qint64 flagId = test::number(*c, "SELECT flag_id FROM ops.anomaly_flag");
    const Expected e = expectedFor(*c, flagId);
    QCOMPARE(e.quantity, 120);
    QCOMPARE(e.lines, 60LL);

    widgets::FlagDetailPanel panel;
    panel.resize(900, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setConninfo(db.conninfo());
    QSignalSpy loaded(&panel, &widgets::FlagDetailPanel::detailLoaded);
    panel.showFlag(flagId);
    QVERIFY(loaded.wait(20000));
    auto *label = panel.findChild<QLabel *>(QStringLiteral("flagExplanation"));
    QVERIFY(label);
    QVERIFY(label->isVisible());
    qInfo("%s", qPrintable(label->text()));
    const QString expected =
        QStringLiteral("This product usually sells %1 to %2 per line (the middle 80 % of its %3 lines when the flag "
                       "was raised; median %4). This line is %5 the median and %6 the top of that range: %7 robust "
                       "deviations above the median on the log scale, where more than %8 raise a flag.")
            .arg(quantity(e.p10), quantity(e.p90), QString::number(e.lines), quantity(e.median),
                 ratio(e.quantity / e.median), ratio(e.quantity / e.p90), QLocale().toString(e.z, 'f', 1),
                 QString::number(e.k));
    QCOMPARE(label->text(), expected);

    // The chart's band is that range, on the log scale the detector used.
    const auto band = panel.chart()->band();
    QVERIFY(band);
    QVERIFY(std::abs(band->first - e.p10) < 1e-9 && std::abs(band->second - e.p90) < 1e-9);
    QVERIFY(panel.chart()->logScale());

    // A flag raised before baselines kept their range says so, and draws no band.
    {
        pqxx::work tx{*c};
        tx.exec_params0("UPDATE ops.anomaly_flag SET baseline_p10 = NULL, baseline_p90 = NULL WHERE flag_id = $1",
                        flagId);
        tx.commit();
    }
    panel.showFlag(flagId);
    QVERIFY(loaded.wait(20000));
    QVERIFY2(label->text().startsWith(QStringLiteral("When the flag was raised, the median of this product's %1 "
                                                     "lines was %2 (its usual range was not kept then). This line is "
                                                     "%3 the median: ")
                                          .arg(e.lines)
                                          .arg(quantity(e.median), ratio(e.quantity / e.median))),
             qPrintable(label->text()));
    QVERIFY(!panel.chart()->band());
}

ECOMOPS_GUI_TEST_MAIN(TestFlagExplanation, "tst_flag_explanation")
#include "tst_flag_explanation.moc"

// Baselines and triage on hand-picked lines on a real PostgreSQL: triage
// feeds back into the baselines (RESOLVED leaves them, FALSE_POSITIVE never
// comes back), minimum history and cancellations, baseline reuse, cancel; and
// a change of detector leaves earlier flags and their triage as they were.
#include "AnomalyTestSupport.h"
#include "RecordingObserver.h"
#include "TestDatabase.h"
#include "anomalies/Detection.h"
#include "anomalies/Triage.h"
#include "core/Cancellation.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>

#include <pqxx/pqxx>

using namespace ecomops;
using anomalies::AnomalyOptions;
using anomalies::FlagStatus;

namespace {

struct Band {
    double median = 0;
    double sigma = 0;
    double threshold = 0;
    long long lines = 0;
    long long resolved = 0;
};

Band band(pqxx::connection &c, const std::string &product)
{
    pqxx::work tx{c};
    const auto r = tx.exec_params1(
        "SELECT median, sigma, threshold, lines, resolved_lines FROM ops.anomaly_baseline WHERE product_id = $1",
        product);
    return {r[0].as<double>(), r[1].as<double>(), r[2].as<double>(), r[3].as<long long>(), r[4].as<long long>()};
}

int versionOf(pqxx::connection &c, qint64 flagId)
{
    return int(test::number(c, "SELECT version FROM ops.anomaly_flag WHERE flag_id = " + std::to_string(flagId)));
}

anomalies::TriageResult mark(pqxx::connection &c, qint64 flagId, FlagStatus to, const QString &note = {})
{
    anomalies::TriageRequest request;
    request.flags = {{flagId, versionOf(c, flagId)}};
    request.newStatus = to;
    request.note = note;
    request.consoleUser = QStringLiteral("tester");
    return anomalies::triage(c, request);
}

// The seed's rule, median + 2σ: the tests of how a band narrows measure σ
// in quantity units.
AnomalyOptions seedRule()
{
    AnomalyOptions o;
    o.method = anomalies::Method::StdDev;
    o.k = 2;
    return o;
}

} // namespace

class TestAnomalyBaselines : public QObject
{
    Q_OBJECT

private slots:
    void resolvedLinesLeaveTheBaseline();
    void falsePositivesNeverRecur();
    void minimumHistoryAndCancellations();
    void reusesFreshBaselines();
    void cancelStopsDetection();
    void detectorChangeLeavesTriageAlone();
    void wholeNumbersDoNotWidenTheBand();
};

void TestAnomalyBaselines::resolvedLinesLeaveTheBaseline()
{
    test::TestDatabase db;
    ECOMOPS_REQUIRE_DB(db);
    auto c = db.connect();
    // 60 ordinary lines of 2..4, and three outsized ones.
    auto lines = test::productLines("P-BAND", "B", 60, {2, 3, 4, 3});
    lines[10].quantity = 40;
    lines[30].quantity = 55;
    lines[50].quantity = 18;
    test::insertLines(*c, lines);
    const auto first = test::detectNow(*c, seedRule());
    const Band before = band(*c, "P-BAND");
    qInfo("band with every line: median %.2f, sigma %.2f, threshold %.2f over %lld lines", before.median, before.sigma,
          before.threshold, before.lines);
    // The wide band catches 40 and 55 but not 18.
    QCOMPARE(first.newFlags, qint64(2));
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_flag WHERE quantity = 18"), 0LL);

    // A steward confirms both as genuine anomalies.
    for (const qint64 id : {test::number(*c, "SELECT flag_id FROM ops.anomaly_flag WHERE quantity = 40"),
                            test::number(*c, "SELECT flag_id FROM ops.anomaly_flag WHERE quantity = 55")}) {
        QVERIFY(mark(*c, id, FlagStatus::Reviewed).ok());
        const auto resolved = mark(*c, id, FlagStatus::Resolved, QStringLiteral("confirmed with the customer"));
        QVERIFY2(resolved.ok(), qPrintable(resolved.message));
    }
    const anomalies::BaselineReport refreshed = anomalies::refreshBaselines(*c, seedRule());
    QCOMPARE(refreshed.resolvedLinesExcluded, qint64(2));
    const Band after = band(*c, "P-BAND");
    qInfo("band without the RESOLVED lines: median %.2f, sigma %.2f, threshold %.2f over %lld lines (%lld left out)",
          after.median, after.sigma, after.threshold, after.lines, after.resolved);
    QCOMPARE(after.lines, before.lines - 2);
    QCOMPARE(after.resolved, 2LL);
    QVERIFY(after.sigma < before.sigma / 2);
    QVERIFY(after.threshold < before.threshold);
    QVERIFY(after.threshold < 18);

    // The narrower band now catches the 18 the wide one let through; the
    // RESOLVED flags keep their status.
    const auto second = test::detectNow(*c, seedRule());
    QCOMPARE(second.newFlags, qint64(1));
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_flag WHERE quantity = 18 AND status = 'NEW'"), 1LL);
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_flag WHERE status = 'RESOLVED'"), 2LL);

    // Reopening puts the line back into the baseline.
    const qint64 reopened = test::number(*c, "SELECT flag_id FROM ops.anomaly_flag WHERE quantity = 55");
    QVERIFY(mark(*c, reopened, FlagStatus::Reviewed, QStringLiteral("not so sure")).ok());
    anomalies::refreshBaselines(*c, seedRule());
    QCOMPARE(band(*c, "P-BAND").resolved, 1LL);
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_event WHERE is_reopen"), 1LL);
}

void TestAnomalyBaselines::falsePositivesNeverRecur()
{
    test::TestDatabase db;
    ECOMOPS_REQUIRE_DB(db);
    auto c = db.connect();
    auto lines = test::productLines("P-FP", "F", 40, {1, 2, 1, 2, 3});
    lines[5].quantity = 30; // a genuine bulk order for a school, say
    test::insertLines(*c, lines);
    QCOMPARE(test::detectNow(*c).newFlags, qint64(1));
    const qint64 flagId = test::number(*c, "SELECT flag_id FROM ops.anomaly_flag");
    QVERIFY(mark(*c, flagId, FlagStatus::FalsePositive, QStringLiteral("school order, expected")).ok());
    const QString flagBefore = test::scalar(*c, "SELECT f::text FROM ops.anomaly_flag f");

    // More ordinary history arrives; the line is still far above the band.
    test::insertLines(*c, test::productLines("P-FP", "G", 40, {1, 2, 1, 2, 3}));
    for (int run = 0; run < 3; ++run)
        QCOMPARE(test::detectNow(*c).newFlags, qint64(0));
    QVERIFY(test::number(
                *c, "SELECT count(*) FROM ops.anomaly_baseline WHERE product_id = 'P-FP' AND threshold < 30") == 1);
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_flag"), 1LL);
    QCOMPARE(test::scalar(*c, "SELECT f::text FROM ops.anomaly_flag f"), flagBefore); // status and version untouched
    // A FALSE_POSITIVE line is ordinary data: it stays in the baseline.
    QCOMPARE(test::number(*c, "SELECT lines FROM ops.anomaly_baseline WHERE product_id = 'P-FP'"), 80LL);
}

void TestAnomalyBaselines::minimumHistoryAndCancellations()
{
    test::TestDatabase db;
    ECOMOPS_REQUIRE_DB(db);
    auto c = db.connect();
    auto young = test::productLines("P-YOUNG", "Y", 12, {1, 2});
    young[3].quantity = 50;
    auto returns = test::productLines("P-RET", "R", 30, {2, 3});
    returns[4].quantity = 80;
    returns[4].status = "Cancelled";
    returns[6].quantity = 70;
    returns[6].status = "refunded"; // compared case-insensitively
    returns[8].quantity = -60;      // a return line (transaction-log style)
    test::insertLines(*c, young);
    test::insertLines(*c, returns);
    const auto report = test::detectNow(*c);
    QCOMPARE(report.newFlags, qint64(0));
    QCOMPARE(test::number(*c, "SELECT enough_history::int FROM ops.anomaly_baseline WHERE product_id = 'P-YOUNG'"),
             0LL);
    QCOMPARE(test::number(*c, "SELECT lines FROM ops.anomaly_baseline WHERE product_id = 'P-RET'"), 27LL);

    // Lowering the minimum history lets the young product's outlier through.
    AnomalyOptions lenient;
    lenient.minHistory = 10;
    const auto second = test::detectNow(*c, lenient);
    QCOMPARE(second.newFlags, qint64(1));
    QCOMPARE(second.products.value(0).productId, QStringLiteral("P-YOUNG"));
    // Counting cancellations as sales would flag them: the exclusion is what stops it.
    AnomalyOptions everything;
    everything.excludedStatuses.clear();
    QCOMPARE(test::detectNow(*c, everything).newFlags, qint64(2));
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_flag WHERE quantity < 0"), 0LL);
}

void TestAnomalyBaselines::reusesFreshBaselines()
{
    test::TestDatabase db;
    ECOMOPS_REQUIRE_DB(db);
    auto c = db.connect();
    test::insertLines(*c, test::productLines("P-OLD", "O", 30, {2, 3, 4}));
    AnomalyOptions monthly;
    monthly.baselineMaxAgeDays = 31;
    QCOMPARE(test::detectNow(*c, monthly).baselines.products, qint64(1));
    const QString computedAt = test::scalar(*c, "SELECT computed_at::text FROM ops.anomaly_baseline");
    // A new product gets its baseline; the fresh one is reused as it stands.
    test::insertLines(*c, test::productLines("P-NEW", "N", 30, {1, 2}));
    const auto report = test::detectNow(*c, monthly);
    QCOMPARE(report.baselines.products, qint64(1));
    QCOMPARE(test::scalar(*c, "SELECT computed_at::text FROM ops.anomaly_baseline WHERE product_id = 'P-OLD'"),
             computedAt);
    // Other parameters make it stale; an on-demand refresh recomputes everything.
    monthly.k = 3;
    QCOMPARE(test::detectNow(*c, monthly).baselines.products, qint64(2));
    QCOMPARE(anomalies::refreshBaselines(*c, monthly).products, qint64(2));
}

void TestAnomalyBaselines::cancelStopsDetection()
{
    test::TestDatabase db;
    ECOMOPS_REQUIRE_DB(db);
    auto c = db.connect();
    auto lines = test::productLines("P-C", "C", 30, {1, 2});
    lines[0].quantity = 90;
    test::insertLines(*c, lines);
    test::RecordingObserver observer;
    observer.cancel = true;
    {
        pqxx::work tx{*c};
        QVERIFY_THROWS_EXCEPTION(CancelledError, anomalies::detect(tx, 0, AnomalyOptions{}, observer));
    }
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_flag"), 0LL);
    // Turned off: nothing computed, nothing flagged, and the summary says so.
    AnomalyOptions off;
    off.enabled = false;
    const auto report = test::detectNow(*c, off);
    QVERIFY(report.skipped);
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_baseline"), 0LL);
}

// Flags triaged under the seed's detector (stddev, k 2) keep their status,
// notes, frozen baseline and audit trail when the detector changes (log_mad,
// first k 3, then the default k 4); a FALSE_POSITIVE line the new detector
// also finds unusual is not raised again.
void TestAnomalyBaselines::detectorChangeLeavesTriageAlone()
{
    test::TestDatabase db;
    ECOMOPS_REQUIRE_DB(db);
    auto c = db.connect();
    auto lines = test::productLines("P-CHG", "H", 80, {2, 3, 4, 3});
    lines[10].quantity = 40; // to be REVIEWED with a note
    lines[30].quantity = 55; // to be RESOLVED
    lines[50].quantity = 60; // to be a FALSE_POSITIVE
    lines[70].quantity = 45; // left NEW
    test::insertLines(*c, lines);
    QCOMPARE(test::detectNow(*c, seedRule()).newFlags, qint64(4));
    const auto idOf = [&c](int quantity) {
        return test::number(*c, "SELECT flag_id FROM ops.anomaly_flag WHERE quantity = " + std::to_string(quantity));
    };
    QVERIFY(mark(*c, idOf(40), FlagStatus::Reviewed, QStringLiteral("asked the warehouse — «pallet» order?")).ok());
    QVERIFY(mark(*c, idOf(55), FlagStatus::Reviewed).ok());
    QVERIFY(mark(*c, idOf(55), FlagStatus::Resolved, QStringLiteral("typo, corrected at source")).ok());
    QVERIFY(mark(*c, idOf(60), FlagStatus::FalsePositive, QStringLiteral("school order, expected")).ok());
    const std::string flags = "SELECT string_agg(f::text, '|' ORDER BY flag_id) FROM ops.anomaly_flag f";
    const std::string events = "SELECT string_agg(e::text, '|' ORDER BY event_id) FROM ops.anomaly_event e";
    const QString flagsBefore = test::scalar(*c, flags);
    const QString eventsBefore = test::scalar(*c, events);
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_event"), 4LL);

    // More history, a new outsized line, and a run with another detector.
    auto more = test::productLines("P-CHG", "J", 40, {2, 3, 4, 3});
    more[20].quantity = 70;
    test::insertLines(*c, more);
    AnomalyOptions logMad;
    logMad.method = anomalies::Method::LogMad;
    logMad.k = 3;
    // The new detector finds the FALSE_POSITIVE line unusual too: only its
    // flag keeps it from being raised again.
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.preview_anomaly_flags('log_mad', 3, 20, 0.5, "
                              "ARRAY['Cancelled', 'Refunded']) WHERE quantity = 60 AND already_flagged"),
             1LL);
    const auto changed = test::detectNow(*c, logMad, test::createRun(*c));
    const auto defaults = test::detectNow(*c, AnomalyOptions{}, test::createRun(*c));
    qInfo("after the change of detector: %s; then with the defaults: %s", qPrintable(changed.summary()),
          qPrintable(defaults.summary()));
    QCOMPARE(changed.newFlags, qint64(1)); // the new 70, nothing else
    QCOMPARE(defaults.newFlags, qint64(0));
    QCOMPARE(test::scalar(*c, "SELECT method || ' ' || k FROM ops.anomaly_flag WHERE quantity = 70"),
             QStringLiteral("log_mad 3"));
    // Every earlier flag, byte for byte (status, version, notes' trail,
    // frozen stddev baseline), and the audit trail, untouched.
    QCOMPARE(test::scalar(*c, "SELECT string_agg(f::text, '|' ORDER BY flag_id) FROM ops.anomaly_flag f "
                              "WHERE quantity <> 70"),
             flagsBefore);
    QCOMPARE(test::scalar(*c, events), eventsBefore);
    QCOMPARE(test::scalar(*c, "SELECT string_agg(status, ',' ORDER BY quantity) FROM ops.anomaly_flag "
                              "WHERE method = 'stddev'"),
             QStringLiteral("REVIEWED,NEW,RESOLVED,FALSE_POSITIVE"));
    QCOMPARE(test::scalar(*c, "SELECT note FROM ops.anomaly_event WHERE to_status = 'REVIEWED' AND note IS NOT NULL"),
             QStringLiteral("asked the warehouse — «pallet» order?"));
    QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.anomaly_flag WHERE quantity = 60"), 1LL);
}

namespace {

// percentile_cont: linear between the two nearest of the sorted values.
double percentileCont(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const double at = p * double(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(at));
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (at - double(lo));
}

} // namespace

// The shape the default missed on a planted shop (DETECTOR.md): a product
// sold as 1, 2 or 3 with the 2s just under half of its lines. Read on whole
// numbers, its MAD of ln q is the whole step ln 1.5 (σ 0.60, a threshold of
// 22 = 11× the median) and a line at 10× (20) passes; with each line spread
// over its whole-number cell σ falls below the minimum 0.5, the band ends at
// 2·e^(4·0.5) = 14.8, above every ordinary 3, and the 20 is flagged.
void TestAnomalyBaselines::wholeNumbersDoNotWidenTheBand()
{
    test::TestDatabase db;
    ECOMOPS_REQUIRE_DB(db);
    auto c = db.connect();
    std::vector<int> pattern(20, 2); // 5 × 1, 9 × 2, 6 × 3
    std::fill(pattern.begin(), pattern.begin() + 5, 1);
    std::fill(pattern.end() - 6, pattern.end(), 3);
    auto lines = test::productLines("P-SMALL", "S", 41, pattern);
    lines[40].quantity = 20;
    test::insertLines(*c, lines);
    const auto report = test::detectNow(*c);
    QCOMPARE(report.newFlags, qint64(1));
    QCOMPARE(test::number(*c, "SELECT quantity FROM ops.anomaly_flag"), 20LL);
    const Band b = band(*c, "P-SMALL");
    QCOMPARE(b.median, 2.0);

    // The same σ worked out here: n lines at q sit at q − ½ + (i − ½)/n.
    std::map<int, int> counts;
    for (const auto &l : lines)
        ++counts[l.quantity];
    std::vector<double> deviations, places, whole;
    for (const auto &[q, n] : counts) {
        for (int i = 1; i <= n; ++i) {
            const double place = std::log(q - 0.5 + (i - 0.5) / n);
            places.push_back(place);
            deviations.push_back(std::abs(place - std::log(2.0)));
            whole.push_back(std::abs(std::log(double(q)) - std::log(2.0)));
        }
    }
    const double sigma =
        std::max(1.4826 * percentileCont(deviations, 0.5), (percentileCont(places, 0.9) - std::log(2.0)) / 1.2816);
    qInfo("sigma %.4f (on whole numbers the MAD alone would give %.4f)", b.sigma, 1.4826 * percentileCont(whole, 0.5));
    QVERIFY2(std::abs(b.sigma - sigma) < 1e-9, qPrintable(QString::number(b.sigma, 'g', 17)));
    QVERIFY(b.sigma < 0.5);
    QVERIFY(1.4826 * percentileCont(whole, 0.5) > 0.6); // the step the cells take out
    QVERIFY2(std::abs(b.threshold - 2 * std::exp(2.0)) < 1e-9, qPrintable(QString::number(b.threshold, 'g', 17)));
}

QTEST_GUILESS_MAIN(TestAnomalyBaselines)
#include "tst_anomaly_baselines.moc"

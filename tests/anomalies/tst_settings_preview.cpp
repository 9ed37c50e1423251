// The detector settings' preview tells the truth: "with these settings the
// last run would have raised N flags (now M)". Two databases get the same
// order lines and the same first run; their second run detects with the
// defaults in one and with other settings in the other. The preview of
// those other settings, taken in the first database, must equal what the
// second database's run raised — for several methods and thresholds — and
// the preview of the defaults must equal what the first database's run
// raised. A flag of the first run, even a false positive, is not counted
// again.
#include "AnomalyTestSupport.h"
#include "TestDatabase.h"
#include "anomalies/AnomalyOptions.h"
#include "anomalies/SettingsPreview.h"
#include "anomalies/Triage.h"

#include <QtTest>

#include <pqxx/pqxx>

using namespace ecomops;
using anomalies::AnomalyOptions;
using anomalies::Method;

namespace {

// Products of several shapes with outsized lines early (first run) and late
// (second run).
std::vector<test::FactLine> firstLines()
{
    std::vector<test::FactLine> lines;
    auto packs = test::productLines("P-PACK", "A", 60, {6, 6, 12, 6, 6, 24, 6, 6, 12, 6});
    packs[7].quantity = 120;
    auto small = test::productLines("P-SMALL", "B", 60, {1, 2, 2, 3, 2, 1, 2, 3});
    small[11].quantity = 9;
    small[30].quantity = 25;
    auto wide = test::productLines("P-WIDE", "C", 40, {1, 2, 4, 8, 3, 5});
    wide[5].quantity = 40;
    auto young = test::productLines("P-YOUNG", "D", 12, {2, 3});
    young[4].quantity = 30;
    for (auto *part : {&packs, &small, &wide, &young})
        lines.insert(lines.end(), part->begin(), part->end());
    return lines;
}

std::vector<test::FactLine> secondLines()
{
    auto packs = test::productLines("P-PACK", "E", 20, {6, 12, 6, 48});
    packs[3].quantity = 60;
    packs[9].quantity = 300;
    auto small = test::productLines("P-SMALL", "F", 20, {2, 1, 3});
    small[2].quantity = 7;
    small[8].quantity = 18;
    auto young = test::productLines("P-YOUNG", "G", 10, {2, 4});
    young[6].quantity = 12;
    std::vector<test::FactLine> lines = packs;
    lines.insert(lines.end(), small.begin(), small.end());
    lines.insert(lines.end(), young.begin(), young.end());
    return lines;
}

void succeed(pqxx::connection &c, qint64 runId)
{
    pqxx::work tx{c};
    tx.exec_params0("UPDATE ops.pipeline_run SET status = 'succeeded', ended_at = now() WHERE run_id = $1", runId);
    tx.commit();
}

// The first run (defaults), a false positive marked on one of its flags,
// the second batch of lines; returns the second run's id (not yet detected).
qint64 prepare(pqxx::connection &c)
{
    test::insertLines(c, firstLines());
    const qint64 first = test::createRun(c);
    test::detectNow(c, AnomalyOptions{}, first);
    succeed(c, first);
    const qint64 flagId = test::number(c, "SELECT min(flag_id) FROM ops.anomaly_flag");
    anomalies::TriageRequest fp;
    fp.flags = {{flagId, 1}};
    fp.newStatus = anomalies::FlagStatus::FalsePositive;
    fp.consoleUser = QStringLiteral("tester");
    if (!anomalies::triage(c, fp).ok())
        qFatal("could not mark a false positive");
    test::insertLines(c, secondLines());
    return test::createRun(c);
}

} // namespace

class TestSettingsPreview : public QObject
{
    Q_OBJECT

private slots:
    void previewMatchesTheRun_data();
    void previewMatchesTheRun();
    void refusesUnusableSettings();
};

void TestSettingsPreview::previewMatchesTheRun_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<double>("k");
    QTest::addColumn<double>("minSigma");
    QTest::addColumn<int>("minHistory");
    QTest::newRow("the defaults") << int(Method::LogMad) << 4.0 << 0.5 << 20;
    QTest::newRow("log_mad k 3, min sigma 0.3, min history 10") << int(Method::LogMad) << 3.0 << 0.3 << 10;
    QTest::newRow("the seed's median + 2 sigma") << int(Method::StdDev) << 2.0 << 0.5 << 20;
    QTest::newRow("mad k 3") << int(Method::Mad) << 3.0 << 0.5 << 20;
}

void TestSettingsPreview::previewMatchesTheRun()
{
    QFETCH(int, method);
    QFETCH(double, k);
    QFETCH(double, minSigma);
    QFETCH(int, minHistory);
    AnomalyOptions other;
    other.method = Method(method);
    other.k = k;
    other.minSigma = minSigma;
    other.minHistory = minHistory;

    test::TestDatabase withDefaults, withOther;
    ECOMOPS_REQUIRE_DB(withDefaults);
    ECOMOPS_REQUIRE_DB(withOther);
    auto a = withDefaults.connect();
    auto b = withOther.connect();
    const qint64 runA = prepare(*a);
    const qint64 runB = prepare(*b);
    QCOMPARE(runA, runB);
    const qint64 raisedA = test::detectNow(*a, AnomalyOptions{}, runA).newFlags;
    succeed(*a, runA);
    const qint64 raisedB = test::detectNow(*b, other, runB).newFlags;

    const anomalies::SettingsPreview preview = anomalies::previewSettings(*a, other);
    const anomalies::SettingsPreview same = anomalies::previewSettings(*a, AnomalyOptions{});
    qInfo("with these settings the last run would have raised %lld flags (now %lld); a run with them raised %lld",
          static_cast<long long>(preview.wouldRaise), static_cast<long long>(preview.raised),
          static_cast<long long>(raisedB));
    QCOMPARE(preview.lastRunId, runA);
    QCOMPARE(preview.raised, raisedA);
    QCOMPARE(preview.wouldRaise, raisedB);
    QCOMPARE(same.wouldRaise, raisedA);
    QVERIFY2(raisedA > 0, "the defaults raised nothing: the case proves little");
}

void TestSettingsPreview::refusesUnusableSettings()
{
    test::TestDatabase db;
    ECOMOPS_REQUIRE_DB(db);
    auto c = db.connect();
    AnomalyOptions bad;
    bad.k = -1;
    QVERIFY_THROWS_EXCEPTION(anomalies::AnomalyError, anomalies::previewSettings(*c, bad));
    // An empty warehouse: no run, nothing to raise.
    const auto empty = anomalies::previewSettings(*c, AnomalyOptions{});
    QCOMPARE(empty.lastRunId, 0);
    QCOMPARE(empty.wouldRaise, 0);
    QCOMPARE(empty.raised, 0);
}

QTEST_GUILESS_MAIN(TestSettingsPreview)
#include "tst_settings_preview.moc"

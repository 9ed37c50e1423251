// `ecomops anomalies rebaseline` (issue 18, "Baselines on demand"). Lines are
// written straight into dw.fact_order_line, baselines computed with the
// stddev method, then lines added to one product: the command, run as a
// steward, must report exactly that product, before → after, with the
// thresholds this test computes itself in SQL (median + k·max(stddev, min σ)
// over the counted lines), and leave the new baseline in the table. An
// analyst is refused in words and changes nothing.
#include "AnomalyTestSupport.h"
#include "TestDatabase.h"
#include "TestSupport.h"

#include "anomalies/Detection.h"

#include <QtTest>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

using namespace ecomops;

namespace {

constexpr double kK = 2.0;

double storedThreshold(pqxx::connection &c, const std::string &productId)
{
    pqxx::read_transaction tx{c};
    return tx.exec_params1("SELECT threshold FROM ops.anomaly_baseline WHERE product_id = $1", productId)[0]
        .as<double>();
}

// The CLI acting as `role` (libpq's PGOPTIONS: the session starts with SET ROLE).
test::ProcessResult rebaselineAs(const test::TestDatabase &db, const std::string &role, bool json = true)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGOPTIONS"), QStringLiteral("-c role=%1").arg(QString::fromStdString(role)));
    QStringList args{QStringLiteral("anomalies"), QStringLiteral("rebaseline"), QStringLiteral("--conninfo"),
                     db.conninfo()};
    if (json)
        args.append(QStringLiteral("--json"));
    return test::runEcomops(args, env);
}

} // namespace

class TestRebaselineCli : public QObject
{
    Q_OBJECT

private slots:
    void stewardSeesTheThresholdThatMoved()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        pqxx::connection c{db.conninfo().toStdString()};
        test::insertLines(c, test::productLines("RB-MOVE", "RBM-", 30, {2, 3, 4, 3, 2}));
        test::insertLines(c, test::productLines("RB-STAY", "RBS-", 30, {5, 6, 5}));
        anomalies::AnomalyOptions options;
        options.method = anomalies::Method::StdDev;
        options.k = kK;
        options.minHistory = 5;
        options.minSigma = 0;
        anomalies::refreshBaselines(c, options);
        const double before = test::stddevThreshold(c, "RB-MOVE", kK);
        QCOMPARE(storedThreshold(c, "RB-MOVE"), before);
        const double stay = test::stddevThreshold(c, "RB-STAY", kK);

        // Ten larger orders of one product: its baseline must move, the other's not.
        test::insertLines(c, test::productLines("RB-MOVE", "RBM-NEW-", 10, {9, 12}));
        const double after = test::stddevThreshold(c, "RB-MOVE", kK);
        QVERIFY2(after > before + 1, qPrintable(QStringLiteral("%1 → %2").arg(before).arg(after)));

        const test::LoginRole steward(db.name(), "rb_steward", "ecomops_steward");
        const test::ProcessResult r = rebaselineAs(db, steward.name());
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const nlohmann::json result = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(result["settings_source"].get<std::string>(), std::string("recorded with the current baselines"));
        QCOMPARE(result["settings"]["method"].get<std::string>(), std::string("stddev"));
        QCOMPARE(result["settings"]["k"].get<double>(), kK);
        QCOMPARE(result["products"].get<qint64>(), qint64(2));
        QCOMPARE(result["lines"].get<qint64>(), qint64(70));
        QCOMPARE(result["changed_count"].get<qint64>(), qint64(1));
        const nlohmann::json &moved = result["changed"][0];
        QCOMPARE(moved["product_id"].get<std::string>(), std::string("RB-MOVE"));
        QVERIFY(qAbs(moved["threshold_before"].get<double>() - before) < 1e-9);
        QVERIFY(qAbs(moved["threshold_after"].get<double>() - after) < 1e-9);
        QCOMPARE(moved["lines_before"].get<qint64>(), qint64(30));
        QCOMPARE(moved["lines_after"].get<qint64>(), qint64(40));
        QVERIFY(qAbs(storedThreshold(c, "RB-MOVE") - after) < 1e-9);
        QVERIFY(qAbs(storedThreshold(c, "RB-STAY") - stay) < 1e-9);

        // Nothing changed since: nothing to report (the text form says so).
        const test::ProcessResult again = rebaselineAs(db, steward.name(), false);
        QVERIFY2(again.exitCode == 0, qPrintable(again.out + again.err));
        QVERIFY2(again.out.contains(QStringLiteral("2 products recomputed")), qPrintable(again.out));
        QVERIFY2(again.out.contains(QStringLiteral("Products whose threshold changed: 0.")), qPrintable(again.out));
        QVERIFY2(again.out.contains(QStringLiteral("Settings (recorded with the current baselines): stddev, k 2")),
                 qPrintable(again.out));
    }

    void analystIsRefusedInWords()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        pqxx::connection c{db.conninfo().toStdString()};
        test::insertLines(c, test::productLines("RB-A", "RBA-", 25, {1, 2, 3}));
        anomalies::refreshBaselines(c, anomalies::AnomalyOptions{});
        pqxx::nontransaction(c).exec0("UPDATE ops.anomaly_baseline SET threshold = 99 WHERE product_id = 'RB-A'");

        const test::LoginRole analyst(db.name(), "rb_analyst", "ecomops_analyst");
        const test::ProcessResult r = rebaselineAs(db, analyst.name());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("may not recompute the anomaly baselines")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("ecomops_steward")), qPrintable(r.err));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
        QCOMPARE(storedThreshold(c, "RB-A"), 99.0); // not recomputed

        // And the operator (a monthly schedule) may.
        const test::LoginRole op(db.name(), "rb_operator", "ecomops_operator");
        const test::ProcessResult ok = rebaselineAs(db, op.name());
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.out + ok.err));
        QVERIFY(storedThreshold(c, "RB-A") != 99.0);
    }

    void usageErrorsExitTwo()
    {
        for (const QStringList &args :
             {QStringList{QStringLiteral("anomalies")}, QStringList{QStringLiteral("anomalies"), QStringLiteral("x")},
              QStringList{QStringLiteral("anomalies"), QStringLiteral("rebaseline"), QStringLiteral("extra")},
              QStringList{QStringLiteral("anomalies"), QStringLiteral("rebaseline"), QStringLiteral("--bogus")}}) {
            const test::ProcessResult r = test::runEcomops(args);
            QVERIFY2(r.exitCode == 2, qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.err));
            QVERIFY2(r.err.contains(QStringLiteral("usage: ecomops anomalies rebaseline")), qPrintable(r.err));
        }
    }
};

QTEST_GUILESS_MAIN(TestRebaselineCli)
#include "tst_rebaseline_cli.moc"

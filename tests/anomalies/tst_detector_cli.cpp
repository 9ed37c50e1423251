// The detector's quality in the CLI's run summary (issue 19). A synthetic run
// with planted anomalies returns (--json) precision and recall against the
// planted truth, which the test recounts itself from the generator's
// manifest and the run's flags in ops.anomaly_flag; a run with nothing
// planted still prints its flags per 1,000 lines, and says nothing was
// planted. The
// detector looks at lines with a positive quantity on orders that are not
// Cancelled or Refunded (the default excluded statuses): planted lines on
// such orders are outside what it judges, and outside both figures.
#include "TestDatabase.h"
#include "TestSupport.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

using namespace ecomops;

namespace {

const char *const kJudged = "WHERE quantity > 0 AND status NOT IN ('Cancelled', 'Refunded')";

// The spec of a small synthetic shop, written to a file for `run --spec`.
QString writeSpec(const QTemporaryDir &dir, const QString &name, double anomalyRate)
{
    nlohmann::json options = {{"scale", 0.1}, {"seed", 5}};
    if (anomalyRate > 0)
        options["anomalies"] = {{"rate", anomalyRate}, {"product_share", 0.1}};
    const nlohmann::json spec = {{"source", {{"kind", "synthetic"}, {"options", options}}},
                                 {"staging_dir", dir.filePath(name).toStdString()},
                                 {"gates", {{"mode", "warn"}}}};
    const QString path = dir.filePath(name + QStringLiteral(".json"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(QByteArray::fromStdString(spec.dump())) < 0)
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// "order_id:line_no" of every anomaly_quantity row of the manifest.
QSet<QString> plantedLines(const QString &snapshot)
{
    QFile manifest(snapshot + QStringLiteral("/_planted.csv"));
    if (!manifest.open(QIODevice::ReadOnly))
        return {};
    QSet<QString> lines;
    for (const QByteArray &row : manifest.readAll().split('\n')) {
        const QList<QByteArray> fields = row.split(',');
        if (fields.size() >= 4 && fields[3] == "anomaly_quantity")
            lines.insert(QString::fromUtf8(fields[2]));
    }
    return lines;
}

} // namespace

class TestDetectorCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void plantedRunReturnsPrecisionAndRecall()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        const test::ProcessResult r = test::runEcomops(
            {QStringLiteral("run"), QStringLiteral("--conninfo"), db.conninfo(), QStringLiteral("--spec"),
             writeSpec(m_dir, QStringLiteral("planted"), 0.02), QStringLiteral("--json")},
            QProcessEnvironment::systemEnvironment(), 300000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const nlohmann::json result = nlohmann::json::parse(r.out.toStdString());
        QVERIFY2(result.contains("detector"), r.out.toUtf8().constData());
        const nlohmann::json &detector = result["detector"];

        // Recounted here: the run's flags against the manifest.
        const QSet<QString> planted = plantedLines(QString::fromStdString(result["snapshot"].get<std::string>()));
        QVERIFY2(planted.size() >= 10, "too few planted lines for the figures to mean anything");
        auto c = db.connect();
        pqxx::read_transaction tx{*c};
        qint64 flagged = 0, plantedFlagged = 0;
        for (const auto &row : tx.exec_params("SELECT order_id || ':' || line_no FROM ops.anomaly_flag "
                                              "WHERE run_id = $1",
                                              result["run_id"].get<qint64>())) {
            ++flagged;
            plantedFlagged += planted.contains(QString::fromStdString(row[0].as<std::string>())) ? 1 : 0;
        }
        qInfo("planted %lld, flagged %lld, planted and flagged %lld; the CLI says precision %s, recall %s",
              static_cast<long long>(planted.size()), static_cast<long long>(flagged),
              static_cast<long long>(plantedFlagged), detector["precision"].dump().c_str(),
              detector["recall"].dump().c_str());
        qint64 judged = 0;
        for (const auto &row :
             tx.exec(std::string("SELECT order_id || ':' || line_no FROM dw.fact_order_line ") + kJudged))
            judged += planted.contains(QString::fromStdString(row[0].as<std::string>())) ? 1 : 0;
        qInfo("%lld of the planted lines are on lines the detector judges", static_cast<long long>(judged));
        QVERIFY(judged >= 10 && judged <= planted.size());
        QCOMPARE(detector["planted_lines"].get<qint64>(), judged);
        QCOMPARE(detector["flagged_lines"].get<qint64>(), flagged);
        QCOMPARE(detector["planted_flagged"].get<qint64>(), plantedFlagged);
        QVERIFY(flagged > 0);
        QCOMPARE(detector["precision"].get<double>(), double(plantedFlagged) / double(flagged));
        QCOMPARE(detector["recall"].get<double>(), double(plantedFlagged) / double(judged));
        const qint64 lines =
            tx.exec1(std::string("SELECT count(*) FROM dw.fact_order_line ") + kJudged)[0].as<qint64>();
        QCOMPARE(detector["lines"].get<qint64>(), lines);
        QCOMPARE(detector["flags_per_1000_lines"].get<double>(), 1000.0 * double(flagged) / double(lines));
    }

    void everyRunPrintsItsFlagRate()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        const test::ProcessResult r =
            test::runEcomops({QStringLiteral("run"), QStringLiteral("--conninfo"), db.conninfo(),
                              QStringLiteral("--spec"), writeSpec(m_dir, QStringLiteral("clean"), 0)},
                             QProcessEnvironment::systemEnvironment(), 300000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        auto c = db.connect();
        pqxx::read_transaction tx{*c};
        const qint64 flagged = tx.exec1("SELECT count(*) FROM ops.anomaly_flag")[0].as<qint64>();
        const qint64 lines =
            tx.exec1(std::string("SELECT count(*) FROM dw.fact_order_line ") + kJudged)[0].as<qint64>();
        const QString expected = QStringLiteral("detector: %1 flags per 1,000 lines (%2 of %3)")
                                     .arg(1000.0 * double(flagged) / double(lines), 0, 'f', 1)
                                     .arg(flagged)
                                     .arg(lines);
        QVERIFY2(r.out.contains(expected), qPrintable(expected + QStringLiteral("\n---\n") + r.out));
        // The synthetic shop's manifest says nothing was planted: every flag,
        // if any, is a false one, and there is no recall to speak of.
        const QString truth = QStringLiteral("against the planted truth: precision %1, recall – (0 of 0 planted lines)")
                                  .arg(flagged > 0 ? QStringLiteral("0.00") : QStringLiteral("–"));
        QVERIFY2(r.out.contains(truth), qPrintable(truth + QStringLiteral("\n---\n") + r.out));
    }
};

QTEST_GUILESS_MAIN(TestDetectorCli)
#include "tst_detector_cli.moc"

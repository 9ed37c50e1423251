// The transform and marts at volume: a clean synthetic shop (scale 0.05 by
// default; ECOMOPS_WAREHOUSE_SCALE=0.1 or 1 for more) is staged with psql
// \copy, transformed and its marts refreshed, then the same snapshot again.
// Prints the timings; checks that nothing of a clean shop is quarantined,
// that every staged row is represented, that mart revenue equals the
// revenue summed straight from the staged text, and that the second load
// leaves every dw table's checksum unchanged. ECOMOPS_WAREHOUSE_KEEP=1 keeps
// the generated snapshot folder for a look afterwards.
#include "TestDatabase.h"
#include "WarehouseTestSupport.h"

#include "sources/synthetic/Generator.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <pqxx/pqxx>

using namespace ecomops;
using namespace ecomops::test;

namespace {

QString psqlBinary()
{
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("psql"));
    return onPath.isEmpty() ? QStringLiteral("/usr/lib/postgresql/15/bin/psql") : onPath;
}

// Stages every CSV of a snapshot folder into the run's partitions, with
// source_line = the physical line (the generator writes no line breaks
// inside fields, so record n is line n + 1).
QString stageFolder(const QString &conninfo, qint64 runId, const QString &dir)
{
    QString script = QStringLiteral("\\set ON_ERROR_STOP 1\n");
    for (const std::string &table : synthetic::Generator::tableNames()) {
        const QString name = QString::fromStdString(table);
        const QString path = dir + QLatin1Char('/') + name + QStringLiteral(".csv");
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return QStringLiteral("cannot open ") + path;
        const QString columns = QString::fromUtf8(file.readLine()).trimmed();
        QStringList typed = columns.split(QLatin1Char(','));
        for (QString &c : typed)
            c += QStringLiteral(" text");
        script +=
            QStringLiteral("CREATE TEMP TABLE l (source_line bigint GENERATED ALWAYS AS IDENTITY (START WITH 2), %1);\n"
                           "\\copy l (%2) FROM '%3' WITH (FORMAT csv, HEADER true)\n"
                           "INSERT INTO staging.%4 (run_id, source_line, %2) SELECT %5, source_line, %2 FROM l;\n"
                           "DROP TABLE l;\n")
                .arg(typed.join(QStringLiteral(", ")), columns, path, name)
                .arg(runId);
    }
    QProcess psql;
    psql.start(psqlBinary(), {QStringLiteral("--quiet"), QStringLiteral("--no-psqlrc"), QStringLiteral("-d"), conninfo,
                              QStringLiteral("-f"), QStringLiteral("-")});
    psql.write(script.toUtf8());
    psql.closeWriteChannel();
    if (!psql.waitForFinished(600000) || psql.exitCode() != 0)
        return QString::fromUtf8(psql.readAllStandardError());
    return {};
}

warehouse::TransformReport transformAndRefresh(pqxx::connection &c, qint64 runId, warehouse::MartReport &marts)
{
    RecordingObserver observer;
    pqxx::work tx{c};
    const auto report = warehouse::transform(tx, runId, {}, observer);
    marts = warehouse::refreshMarts(tx, {}, observer);
    tx.commit();
    return report;
}

QString stepTimes(const QList<warehouse::StepTiming> &steps)
{
    QStringList parts;
    for (const auto &s : steps)
        parts << QStringLiteral("%1 %2 ms").arg(s.step).arg(s.elapsedMs);
    return parts.join(QStringLiteral(", "));
}

} // namespace

class TestWarehouseVolume : public QObject
{
    Q_OBJECT

private slots:
    void syntheticShopTwice()
    {
        TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        synthetic::GeneratorOptions options;
        options.scale = qEnvironmentVariableIsSet("ECOMOPS_WAREHOUSE_SCALE")
                            ? qEnvironmentVariable("ECOMOPS_WAREHOUSE_SCALE").toDouble()
                            : 0.05;
        options.seed = 42;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        if (qEnvironmentVariableIsSet("ECOMOPS_WAREHOUSE_KEEP")) {
            dir.setAutoRemove(false);
            qInfo("snapshot kept in %s", qPrintable(dir.path()));
        }
        const synthetic::GenerationResult shop = synthetic::Generator(options).generate(dir.path().toStdString());

        const qint64 first = createRun(*c, "2026-01-01 00:00:00");
        QElapsedTimer timer;
        timer.start();
        const QString staged = stageFolder(db.conninfo(), first, dir.path());
        QVERIFY2(staged.isEmpty(), qPrintable(staged));
        const qint64 stageMs = timer.elapsed();

        warehouse::MartReport marts;
        const warehouse::TransformReport report = transformAndRefresh(*c, first, marts);
        qInfo("scale %.2f: %llu staged rows (psql \\copy %lld ms); transform %lld ms [%s]; marts %lld ms [%s]",
              options.scale, static_cast<unsigned long long>(shop.totalRows), stageMs, report.elapsedMs,
              qPrintable(stepTimes(report.steps)), marts.elapsedMs, qPrintable(stepTimes(marts.steps)));

        for (const TableCounts &t : report.tables) {
            QVERIFY2(t.reconciles(), qPrintable(t.table));
            QVERIFY2(t.quarantined == 0,
                     qPrintable(QStringLiteral("%1: %2 quarantined").arg(t.table).arg(t.quarantined)));
            QCOMPARE(quint64(t.loaded), shop.rowCounts.at(t.table.toStdString()));
        }
        const auto counts = dwRowCounts(*c);
        QCOMPARE(quint64(counts.at("fact_order_line")), shop.rowCounts.at("order_lines"));
        QCOMPARE(quint64(counts.at("fact_order")), shop.rowCounts.at("orders"));
        QCOMPARE(quint64(counts.at("fact_payment")), shop.rowCounts.at("payments"));
        QCOMPARE(quint64(counts.at("fact_event")), shop.rowCounts.at("events"));
        QCOMPARE(quint64(counts.at("dim_product")), shop.rowCounts.at("product_prices"));
        QVERIFY(quint64(counts.at("dim_customer")) >= shop.rowCounts.at("customers"));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM dw.fact_order_line WHERE price_source = 'source'"),
                 QString::number(counts.at("fact_order_line")));

        // The marts' revenue equals the revenue summed from the staged text.
        const std::string run = std::to_string(first);
        QCOMPARE(scalar(*c, "SELECT sum(revenue) FROM mart.revenue_daily"),
                 scalar(*c, "SELECT sum(l.line_total::numeric(14,4)) FROM staging.order_lines l "
                            "JOIN staging.orders o ON o.order_id = l.order_id AND o.run_id = l.run_id "
                            "WHERE l.run_id = " +
                                run + " AND o.status IN ('Completed', 'Delivered')"));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM mart.revenue_forecast WHERE is_forecast"), QStringLiteral("30"));
        QVERIFY(scalar(*c, "SELECT count(*) FROM mart.cohort_retention").toInt() > 0);

        // The same snapshot again.
        const auto sums = dwChecksums(*c);
        const qint64 second = createRun(*c, "2026-02-01 00:00:00");
        {
            pqxx::work tx{*c};
            for (const std::string &table : synthetic::Generator::tableNames())
                tx.exec0("INSERT INTO staging." + table + " SELECT (jsonb_populate_record(NULL::staging." + table +
                         ", to_jsonb(s) || jsonb_build_object('run_id', " + std::to_string(second) +
                         "))).* FROM staging." + table + " s WHERE run_id = " + run);
            tx.commit();
        }
        const warehouse::TransformReport again = transformAndRefresh(*c, second, marts);
        qInfo("same snapshot again: transform %lld ms [%s]; marts %lld ms", again.elapsedMs,
              qPrintable(stepTimes(again.steps)), marts.elapsedMs);
        for (const auto &[table, sum] : dwChecksums(*c))
            QVERIFY2(sums.at(table) == sum, table.c_str());
        QCOMPARE(again.rowsLoaded(), report.rowsLoaded());
        QCOMPARE(again.productVersionsCreated + again.customerVersionsCreated, qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestWarehouseVolume)
#include "tst_warehouse_volume.moc"

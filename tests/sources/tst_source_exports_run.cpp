// Re-saved exports end to end on a test database: the padding of a renamed
// Olist folder is counted as skipped in _metadata.json (and read back by a
// snapshot re-run), never quarantined; values that do not fit are
// quarantined with file, line and reason; a header that is not UTF-8 stops
// the CLI with a sentence and exit code 1, never an internal text.
#include "ExportFixture.h"
#include "SourceRunSupport.h"
#include "SourceTestSupport.h"
#include "TestSupport.h"
#include "staging/Snapshot.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace ecomops;

namespace {

struct Cli {
    int exitCode = -1;
    QString output; // stdout and stderr
};

Cli runCli(const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(test::ecomopsBinary(), args);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll())};
}

void verifyNoInternalText(const QString &output)
{
    for (const char *internal : {"json.exception", "fromInteger", "stoll", "decimal overflow"})
        QVERIFY2(!output.contains(QLatin1String(internal)), qPrintable(output));
}

} // namespace

class TestSourceExportsRun : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void paddingIsSkippedNotQuarantined()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        const QString in = m_dir.filePath(QStringLiteral("padded"));
        const int pad = 4000;
        test::writeRenamedPaddedOlist(in, pad);
        const auto run = test::runSource(db, test::sourceSpec(QStringLiteral("olist"), {{"path", in.toStdString()}},
                                                              m_dir.filePath(QStringLiteral("staging"))));
        QVERIFY2(run.result.status == runner::RunStatus::Succeeded, qPrintable(run.result.error + run.log));
        auto c = db.connect();
        const std::string id = std::to_string(run.result.runId);
        qInfo("quarantine of run %s:\n%s", id.c_str(), test::quarantineSummary(*c, run.result.runId).c_str());
        QCOMPARE(test::number(*c, "SELECT count(*) FROM quarantine.rejected_row WHERE run_id = " + id +
                                      " AND raw_record ~ '^[ ,\"]*$'"),
                 qint64(0));
        QCOMPARE(test::number(*c, "SELECT count(*) FROM dw.fact_order_line"), qint64(2));

        const staging::Snapshot snapshot = staging::Snapshot::open(run.result.snapshotPath);
        for (const char *table : {"customers", "orders", "order_lines", "products", "payments", "sellers"}) {
            const staging::SnapshotFile *f = snapshot.metadata().file(table);
            QVERIFY2(f, table);
            QCOMPARE(f->skipped, qint64(pad));
        }
        QCOMPARE(snapshot.metadata().file("product_prices")->skipped, qint64(0));
        QVERIFY(run.log.contains(QStringLiteral("4000 empty records skipped")));

        // Nothing is lost: read = loaded + quarantined + rejected + skipped,
        // per table, in the run's summary and in ops.stage_result.
        QVERIFY(run.result.reconciles());
        for (const TableCounts &t : run.result.tables) {
            QVERIFY2(t.reconciles(), qPrintable(t.table));
            const staging::SnapshotFile *f = snapshot.metadata().file(t.table.toStdString());
            QCOMPARE(t.skipped, f ? f->skipped : qint64(0));
        }
        QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.stage_result WHERE run_id = " + id +
                                      " AND stage = 'load' AND rows_skipped = " + std::to_string(pad) +
                                      " AND rows_read = rows_loaded + rows_quarantined + rows_rejected + rows_skipped"),
                 qint64(6));
        QCOMPARE(test::number(*c, "SELECT rows_skipped FROM ops.pipeline_run WHERE run_id = " + id), qint64(6 * pad));

        // A re-run from the snapshot knows the skipped records too.
        const auto again = test::runSource(db, test::sourceSpec(QStringLiteral("snapshot"),
                                                                {{"path", run.result.snapshotPath.toStdString()}},
                                                                m_dir.filePath(QStringLiteral("staging"))));
        QVERIFY2(again.result.status == runner::RunStatus::Succeeded, qPrintable(again.result.error + again.log));
        QCOMPARE(staging::Snapshot::open(again.result.snapshotPath).metadata().file("orders")->skipped, qint64(pad));
    }

    void valuesThatDoNotFitAreQuarantinedWithFileAndLine()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        const QString file = m_dir.filePath(QStringLiteral("bad/online_retail.csv"));
        test::writeBytes(file, test::badValuesLog());
        const auto run = test::runSource(db, test::sourceSpec(QStringLiteral("txnlog"), {{"path", file.toStdString()}},
                                                              m_dir.filePath(QStringLiteral("staging"))));
        QVERIFY2(run.result.status == runner::RunStatus::Succeeded, qPrintable(run.result.error + run.log));
        auto c = db.connect();
        QCOMPARE(
            test::text(*c, "SELECT array_to_string(reasons, '; '), raw_record FROM quarantine.rejected_row "
                           "WHERE run_id = " +
                               std::to_string(run.result.runId) +
                               " AND table_name = 'order_lines' ORDER BY source_line"),
            std::string(
                "online_retail.csv:3: Quantity \"1000000000000000\" is out of range (at most 2147483647)|"
                "536366,22633,HAND WARMER,1000000000000000,2010-12-01 08:28:00,1.85,13047,United Kingdom|\n"
                "online_retail.csv:4: Country holds bytes that are not UTF-8 text (0xE9 at byte 5)|"
                "536367,22728,ALARM CLOCK,2,2010-12-01 08:30:00,3.75,12583,Cura\\xE9ao|\n"
                "online_retail.csv:5: Description holds a NUL byte (at byte 9)|"
                "536368,22729,NUL LAMP\\x00X,2,2010-12-01 08:31:00,3.75,12584,France|\n"
                "online_retail.csv:6: UnitPrice \"123456789012.50\" is out of range (at most 10 digits before "
                "the decimal point)|536369,22730,GOLD,1,2010-12-01 08:32:00,123456789012.50,12585,Germany|\n"
                "online_retail.csv:7: the line total 2000000000 × 1000000 is out of range (at most 10 digits "
                "before the decimal point)|536370,22731,MANY,2000000000,2010-12-01 08:33:00,1000000,12586,Spain|\n"));
        QCOMPARE(test::number(*c, "SELECT count(*) FROM dw.fact_order_line"), qint64(2));
    }

    void cliRefusesAHeaderThatIsNotUtf8WithASentence()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        const QString file = m_dir.filePath(QStringLiteral("header/online_retail.csv"));
        test::writeBytes(file, "InvoiceNo,StockCode,Descripci\xF3n,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                               "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n");
        const QStringList common = {QStringLiteral("run"),
                                    QStringLiteral("--conninfo"),
                                    db.conninfo(),
                                    QStringLiteral("--staging"),
                                    m_dir.filePath(QStringLiteral("cli-staging")),
                                    QStringLiteral("--source"),
                                    QStringLiteral("txnlog")};
        const Cli refused = runCli(common + QStringList{QStringLiteral("--path"), file});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(
            refused.output.contains(QStringLiteral("online_retail.csv: the name of column 3 in the header is not UTF-8 "
                                                   "text; save the file as UTF-8 (CSV UTF-8 in Excel)")),
            qPrintable(refused.output));
        verifyNoInternalText(refused.output);

        // The bad values: the run goes on (exit 0, or 3 when a gate fails), quietly.
        const QString bad = m_dir.filePath(QStringLiteral("cli-bad/online_retail.csv"));
        test::writeBytes(bad, test::badValuesLog());
        const Cli loaded = runCli(common + QStringList{QStringLiteral("--path"), bad, QStringLiteral("--json")});
        QVERIFY2(loaded.exitCode == 0 || loaded.exitCode == 3, qPrintable(loaded.output));
        verifyNoInternalText(loaded.output);
    }
};

QTEST_GUILESS_MAIN(TestSourceExportsRun)
#include "tst_source_exports_run.moc"

// PostgreSQL's own isolationtester drives two sessions through every
// interleaving of a triage of the same flag (triage_isolation.spec): each
// permutation must end with one winner, one EA409 conflict and one event.
#include "TestDatabase.h"

#include <QFile>
#include <QProcess>
#include <QtTest>

namespace {

QString isolationTester()
{
    for (const char *dir : {"/usr/lib/postgresql/15/lib/pgxs/src/test/isolation"}) {
        const QString path = QString::fromLatin1(dir) + QStringLiteral("/isolationtester");
        if (QFile::exists(path))
            return path;
    }
    return {};
}

} // namespace

class TestAnomalyIsolation : public QObject
{
    Q_OBJECT

private slots:
    void everyInterleavingHasOneWinner()
    {
        const QString tester = isolationTester();
        QVERIFY2(!tester.isEmpty(), "isolationtester (package postgresql-client-15) is not installed");
        ecomops::test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        QFile spec(QStringLiteral(ECOMOPS_ANOMALY_SPEC));
        QVERIFY(spec.open(QIODevice::ReadOnly));
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(tester, {db.conninfo()});
        QVERIFY(process.waitForStarted());
        process.write(spec.readAll());
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(120000));
        const QString output = QString::fromUtf8(process.readAll());
        QVERIFY2(process.exitCode() == 0, qPrintable(output));
        const int permutations = int(output.count(QStringLiteral("starting permutation:")));
        // Result rows start a line; the echoed step text quotes the phrase.
        int good = 0;
        int wrong = 0;
        const QStringList lines = output.split(QLatin1Char('\n'));
        for (const QString &line : lines) {
            good += line.startsWith(QStringLiteral("one winner, one conflict, one event"));
            wrong += line.startsWith(QStringLiteral("WRONG")) || line.startsWith(QStringLiteral("ERROR"));
        }
        qInfo("isolationtester: %d permutations, %d with one winner, one conflict and one event", permutations, good);
        QVERIFY2(permutations == 8 && good == permutations, qPrintable(output));
        QVERIFY2(wrong == 0, qPrintable(output));
        // The blocked writer is visible: isolationtester marks a waiting step.
        QVERIFY2(output.contains(QStringLiteral("<waiting ...>")), qPrintable(output));
    }
};

QTEST_GUILESS_MAIN(TestAnomalyIsolation)
#include "tst_anomaly_isolation.moc"

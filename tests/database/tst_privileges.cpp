// The pgTAP privilege suite (privileges.sql) in a fresh migrated database:
// CREATE EXTENSION pgtap, then psql runs the TAP file. Any "not ok", a psql
// error, a plan that does not match the tests run, or a suspiciously small
// number of tests fails this test, and each failing TAP line is printed.
#include "TestDatabase.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>

#include <pqxx/pqxx>

using namespace ecomops;

namespace {

QString psqlBinary()
{
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("psql"));
    return onPath.isEmpty() ? QStringLiteral("/usr/lib/postgresql/15/bin/psql") : onPath;
}

} // namespace

class TestPrivileges : public QObject
{
    Q_OBJECT

private slots:
    void privilegeMatrixHolds()
    {
        const QString file = QStringLiteral(ECOMOPS_PRIVILEGES_TAP);
        QVERIFY2(QFile::exists(file), qPrintable(file));
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        try {
            auto c = db.connect();
            pqxx::nontransaction tx{*c};
            tx.exec0("CREATE EXTENSION pgtap");
        } catch (const std::exception &e) {
            QFAIL(qPrintable(QStringLiteral("CREATE EXTENSION pgtap failed (is postgresql-15-pgtap installed? "
                                            "installer/setup.sh installs it): %1")
                                 .arg(QString::fromUtf8(e.what()))));
        }

        QProcess psql;
        psql.setProcessChannelMode(QProcess::MergedChannels);
        psql.start(psqlBinary(), {QStringLiteral("-X"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                                  QStringLiteral("-d"), db.conninfo(), QStringLiteral("-f"), file});
        QVERIFY2(psql.waitForStarted(), qPrintable(psqlBinary() + QStringLiteral(": ") + psql.errorString()));
        QVERIFY(psql.waitForFinished(240000));
        const QString output = QString::fromUtf8(psql.readAll());
        const QStringList lines = output.split(QLatin1Char('\n'));

        int passed = 0;
        QStringList failures;
        int planned = -1;
        static const QRegularExpression plan(QStringLiteral("^1\\.\\.(\\d+)$"));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QString &line = lines.at(i);
            if (line.startsWith(QLatin1String("ok ")))
                ++passed;
            if (line.startsWith(QLatin1String("not ok"))) {
                QString failure = line;
                for (qsizetype j = i + 1; j < lines.size() && lines.at(j).startsWith(QLatin1Char('#')); ++j)
                    failure += QLatin1Char('\n') + lines.at(j);
                failures << failure;
            }
            if (const auto m = plan.match(line); m.hasMatch())
                planned = m.captured(1).toInt();
        }
        qInfo("pgTAP: %d ok, %lld not ok, plan %d", passed, static_cast<long long>(failures.size()), planned);
        for (const QString &f : failures)
            qWarning("%s", qPrintable(f));
        QVERIFY2(psql.exitStatus() == QProcess::NormalExit && psql.exitCode() == 0, qPrintable(output.right(3000)));
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QCOMPARE(planned, passed);
        // Three roles over ~70 relations and ~60 functions: far more than this.
        QVERIFY2(passed > 300, qPrintable(output.right(3000)));
    }
};

QTEST_GUILESS_MAIN(TestPrivileges)
#include "tst_privileges.moc"

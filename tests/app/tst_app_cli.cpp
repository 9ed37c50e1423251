// The real binary's answer to a mistyped command word: a message naming the
// word and the closest command, exit code 2, and no window (a window would
// never exit, and the run would time out with exit code -1).
#include "TestSupport.h"

#include <QtTest>

using namespace ecomops;

class TestAppCli : public QObject
{
    Q_OBJECT

private slots:
    void mistypedCommandIsRefused_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("suggestion"); // empty: no command is close
        QTest::newRow("schedul") << QStringLiteral("schedul") << QStringLiteral("ecomops schedule");
        QTest::newRow("scheduled") << QStringLiteral("scheduled") << QStringLiteral("ecomops run --trigger scheduled");
        QTest::newRow("statu") << QStringLiteral("statu") << QStringLiteral("ecomops db status");
        QTest::newRow("rnu") << QStringLiteral("rnu") << QStringLiteral("ecomops run");
        QTest::newRow("snapshot") << QStringLiteral("snapshot") << QStringLiteral("ecomops snapshots");
        QTest::newRow("far from all") << QStringLiteral("xylophone") << QString();
    }
    void mistypedCommandIsRefused()
    {
        QFETCH(QString, word);
        QFETCH(QString, suggestion);
        const test::ProcessResult r = test::runEcomops({word}, QProcessEnvironment::systemEnvironment(), 60000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("unknown command \"%1\"").arg(word)), qPrintable(r.err));
        if (suggestion.isEmpty())
            QVERIFY2(!r.err.contains(QStringLiteral("Did you mean")), qPrintable(r.err));
        else
            QVERIFY2(r.err.contains(QStringLiteral("Did you mean \"%1\"?").arg(suggestion)), qPrintable(r.err));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
    }

    void knownWordsStillWork()
    {
        const test::ProcessResult help = test::runEcomops({QStringLiteral("help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(QStringLiteral("Usage: ecomops")));
        const test::ProcessResult version = test::runEcomops({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith(QStringLiteral("ecomops ")));
    }
};

QTEST_GUILESS_MAIN(TestAppCli)
#include "tst_app_cli.moc"

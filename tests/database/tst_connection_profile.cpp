// Passwords never travel further than the string handed to libpq.
#include "database/ConnectionProfile.h"

#include <QtTest>

using namespace ecomops::db;

class TestConnectionProfile : public QObject
{
    Q_OBJECT
private slots:
    void stripPassword_data()
    {
        QTest::addColumn<QString>("conninfo");
        QTest::addColumn<QString>("password");
        QTest::newRow("key=value") << QStringLiteral("host=db user=alice password=s3cret dbname=w")
                                   << QStringLiteral("s3cret");
        QTest::newRow("quoted with spaces")
            << QStringLiteral("host=db password='a b\\'c' user=x") << QStringLiteral("a b'c");
        QTest::newRow("uri") << QStringLiteral("postgresql://alice:p%40ss@db:5433/w") << QStringLiteral("p@ss");
        QTest::newRow("none") << QStringLiteral("service=warehouse") << QString();
    }
    void stripPassword()
    {
        QFETCH(QString, conninfo);
        QFETCH(QString, password);
        QString removed;
        const QString stripped = ecomops::db::stripPassword(conninfo, &removed);
        QCOMPARE(removed, password);
        if (!password.isEmpty()) {
            QVERIFY2(!stripped.contains(password), qPrintable(stripped));
            QVERIFY(!stripped.contains(QStringLiteral("password")));
            QVERIFY(!redacted(conninfo).contains(password));
            // Putting it back gives libpq the same password.
            QString again;
            ecomops::db::stripPassword(withPassword(stripped, password), &again);
            QCOMPARE(again, password);
        } else {
            QCOMPARE(stripped, conninfo);
        }
    }
    void credentialKeyNamesTheServer()
    {
        QCOMPARE(credentialKey(QStringLiteral("host=db.example.com port=6543 user=alice dbname=warehouse")),
                 QStringLiteral("alice@db.example.com:6543/warehouse"));
        QCOMPARE(credentialKey(QStringLiteral("service=warehouse")), QStringLiteral("service:warehouse"));
    }
};

QTEST_GUILESS_MAIN(TestConnectionProfile)
#include "tst_connection_profile.moc"

// `ecomops db init|start|stop|status|uri` on a private cluster of its own
// (not the fixture's), driven through the real command line.
#include "TestSupport.h"
#include "database/EmbeddedCluster.h"
#include "database/Migrator.h"

#include <QtTest>
#include <pqxx/pqxx>

#include <sys/stat.h>

using namespace ecomops;

using test::ProcessResult;
using test::runProgram;

class TestEmbeddedCluster : public QObject
{
    Q_OBJECT
    // Under /tmp and world-traversable: as root the server runs as "postgres".
    QTemporaryDir m_tmp{QStringLiteral("/tmp/ecomops-cluster-XXXXXX")};
    QString m_dataDir;

    ProcessResult db(const QStringList &args)
    {
        return test::runEcomops(QStringList{QStringLiteral("db")} + args +
                                QStringList{QStringLiteral("--data-dir"), m_dataDir});
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        ::chmod(QFile::encodeName(m_tmp.path()).constData(), 0755);
        m_dataDir = m_tmp.filePath(QStringLiteral("pg data")); // a space, on purpose
    }

    void cleanupTestCase() { db({QStringLiteral("stop")}); }

    void statusBeforeInit()
    {
        const ProcessResult r = db({QStringLiteral("status")});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.out.contains(QStringLiteral("not initialized")), qPrintable(r.out));
    }

    void initStartsAndMigrates()
    {
        const ProcessResult r = db({QStringLiteral("init")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QCOMPARE(db({QStringLiteral("status")}).exitCode, 0);
        const QString uri = db({QStringLiteral("uri")}).out;
        QVERIFY(uri.startsWith(QStringLiteral("postgresql://")));
        pqxx::connection c{uri.toStdString()};
        QCOMPARE(db::Migrator::appliedVersion(c), db::Migrator().latestVersion());
        pqxx::read_transaction tx{c};
        QCOMPARE(QString::fromStdString(tx.exec1("SHOW listen_addresses")[0].as<std::string>()), QString());
        // The data directory is private.
        QFileInfo info(m_dataDir);
        QCOMPARE(info.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    }

    void psqlReachesItThroughTheUri()
    {
        const QString uri = db({QStringLiteral("uri")}).out;
        const ProcessResult r =
            runProgram(QStringLiteral("psql"), {uri, QStringLiteral("-XAtc"), QStringLiteral("select 1")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("1"));
    }

    void startWhenRunningIsANoOp()
    {
        const qint64 before =
            QFileInfo(m_dataDir + QStringLiteral("/postmaster.pid")).lastModified().toMSecsSinceEpoch();
        QCOMPARE(db({QStringLiteral("start")}).exitCode, 0);
        QCOMPARE(QFileInfo(m_dataDir + QStringLiteral("/postmaster.pid")).lastModified().toMSecsSinceEpoch(), before);
    }

    void stopThenStatus()
    {
        QCOMPARE(db({QStringLiteral("stop")}).exitCode, 0);
        const ProcessResult r = db({QStringLiteral("status")});
        QCOMPARE(r.exitCode, 5);
        QVERIFY(r.out.contains(QStringLiteral("stopped")));
        QCOMPARE(db({QStringLiteral("stop")}).exitCode, 0); // stopping a stopped cluster is fine
    }

    void recoversFromStalePidFile()
    {
        // After a crash the pid in postmaster.pid may belong to an unrelated
        // live process: ours. Both pg_ctl and the postmaster would refuse.
        QFile pidFile(m_dataDir + QStringLiteral("/postmaster.pid"));
        QVERIFY(pidFile.open(QIODevice::WriteOnly));
        pidFile.write(QByteArray::number(QCoreApplication::applicationPid()) + "\n" + QFile::encodeName(m_dataDir) +
                      "\n");
        pidFile.close();
        QCOMPARE(db({QStringLiteral("status")}).exitCode, 5);
        const ProcessResult r = db({QStringLiteral("start")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QCOMPARE(db({QStringLiteral("status")}).exitCode, 0);
        const ProcessResult q =
            runProgram(QStringLiteral("psql"),
                       {db({QStringLiteral("uri")}).out, QStringLiteral("-XAtc"), QStringLiteral("select 2")});
        QCOMPARE(q.out, QStringLiteral("2"));
    }

    void badArgumentsExitTwo()
    {
        QCOMPARE(db({QStringLiteral("frobnicate")}).exitCode, 2);
        QCOMPARE(test::runEcomops({QStringLiteral("db")}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestEmbeddedCluster)
#include "tst_embedded_cluster.moc"

// Snapshots are private (0700 folders, 0600 files) and do not pile up: the
// rule keeps the last N runs' snapshots, those of runs that failed in the
// last 7 days, of runs in progress and of snapshots another kept run
// re-loaded; `ecomops snapshots prune` removes the rest, never a folder a run
// did not create itself, and a successful run prunes and says so in its log.
#include "RunHarness.h"
#include "SyntheticRun.h"
#include "TestDatabase.h"
#include "TestSupport.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QtTest>

#include <pqxx/pqxx>

#include <sys/stat.h>

using namespace ecomops;

namespace {

test::ProcessResult snapshots(const QStringList &args, const QString &conninfo)
{
    test::ProcessResult r = test::runEcomops(QStringList{QStringLiteral("snapshots")} + args +
                                             QStringList{QStringLiteral("--conninfo"), conninfo});
    r.out += r.err; // messages and listing together
    return r;
}

mode_t modeOf(const QString &path)
{
    struct stat st {
    };
    ::stat(QFile::encodeName(path).constData(), &st);
    return st.st_mode & 07777;
}

} // namespace

class TestSnapshotRetention : public QObject
{
    Q_OBJECT
    test::TestDatabase m_db;
    QTemporaryDir m_tmp;
    QString m_realSnapshot;

    QString staging() const { return m_tmp.filePath(QStringLiteral("staging")); }

    // A run row as another run would have left it; its folder (created by
    // this run when `folder` is empty) with one file in it.
    QString addRun(const char *status, const char *sourceKind, int daysAgo, const QString &folder = {})
    {
        auto c = m_db.connect();
        pqxx::work tx{*c};
        const qint64 id =
            tx.exec_params1(
                  "INSERT INTO ops.pipeline_run (status, trigger, source_kind, started_by, spec, queued_at, "
                  "started_at, ended_at) VALUES ($1, 'test', $2, 'tst_snapshot_retention', '{}', "
                  "now() - make_interval(days => $3), now() - make_interval(days => $3), "
                  "CASE WHEN $1 IN ('running', 'queued') THEN NULL ELSE now() - make_interval(days => $3) END) "
                  "RETURNING run_id",
                  status, sourceKind, daysAgo)[0]
                .as<qint64>();
        QString path = folder;
        if (path.isEmpty()) {
            path =
                QStringLiteral("%1/snapshot_date=2026-0%2-01/run-%3-0badc0de").arg(staging()).arg(id % 9 + 1).arg(id);
            QDir().mkpath(path);
            QFile f(path + QStringLiteral("/orders.csv"));
            f.open(QIODevice::WriteOnly);
            f.write("order_id\n1\n");
        }
        tx.exec_params0("UPDATE ops.pipeline_run SET snapshot_path = $2 WHERE run_id = $1", id, path.toStdString());
        tx.commit();
        return path;
    }

private slots:
    void initTestCase()
    {
        ECOMOPS_REQUIRE_DB(m_db);
        QVERIFY(m_tmp.isValid());
    }

    void runWritesAPrivateSnapshotAndPrunes()
    {
        const runner::RunSpec spec =
            test::syntheticRunSpec(staging(), 0.01, 5, QStringLiteral("tst_snapshot_retention"));
        test::RecordingEvents events;
        CancelToken cancel;
        const runner::RunResult result = runner::RunExecution(m_db.conninfo(), spec, events).execute(cancel);
        QVERIFY2(result.status == runner::RunStatus::Succeeded, qPrintable(result.error + events.allLog()));
        m_realSnapshot = result.snapshotPath;

        // The test process keeps the usual 022 umask: the modes come from the engine.
        QCOMPARE(modeOf(staging()), mode_t(0700));
        QCOMPARE(modeOf(QFileInfo(m_realSnapshot).absolutePath()), mode_t(0700));
        QCOMPARE(modeOf(m_realSnapshot), mode_t(0700));
        int files = 0;
        for (const QFileInfo &f : QDir(m_realSnapshot).entryInfoList(QDir::Files | QDir::Hidden)) {
            QVERIFY2(modeOf(f.absoluteFilePath()) == 0600, qPrintable(f.absoluteFilePath()));
            ++files;
        }
        QVERIFY(files >= 10);
        // It pruned (nothing to remove yet) and said so in its log.
        QVERIFY2(events.allLog().contains(QStringLiteral("retention: keeping the snapshots of the last 10 runs")),
                 qPrintable(events.allLog()));
        auto c = m_db.connect();
        pqxx::read_transaction tx{*c};
        QCOMPARE(tx.exec_params1("SELECT count(*) FROM ops.run_log WHERE run_id = $1 AND message LIKE 'retention:%'",
                                 result.runId)[0]
                     .as<int>(),
                 1);
    }

    void pruneKeepsWhatTheRuleSays()
    {
        QVERIFY(!m_realSnapshot.isEmpty());
        const QString userFolder = m_tmp.filePath(QStringLiteral("my-own-snapshot"));
        QDir().mkpath(userFolder);
        addRun("succeeded", "olist", 30, userFolder);                      // not a folder a run made: never removed
        const QString oldSucceeded = addRun("succeeded", "synthetic", 20); // removed
        const QString oldFailed = addRun("failed", "sourcedb", 10);        // failed, but not lately: removed
        const QString recentFailed = addRun("failed", "olist", 2);         // kept: failed in the last 7 days
        const QString reloaded = addRun("cancelled", "txnlog", 1);         // kept: the next run re-loaded it
        addRun("succeeded", "snapshot", 1, reloaded);                      // one of the last 3
        const QString recent = addRun("succeeded", "synthetic", 0);        // one of the last 3
        const QString running = addRun("running", "synthetic", 0);         // one of the last 3, in progress
        const QStringList kept{userFolder, recentFailed, reloaded, recent, running};
        const QStringList removed{m_realSnapshot, oldSucceeded, oldFailed};

        const test::ProcessResult dry = snapshots(
            {QStringLiteral("prune"), QStringLiteral("--keep"), QStringLiteral("3"), QStringLiteral("--dry-run")},
            m_db.conninfo());
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.out));
        for (const QString &path : removed + kept)
            QVERIFY2(QFileInfo(path).isDir(), qPrintable(path));
        for (const QString &path : removed)
            QVERIFY2(dry.out.contains(QStringLiteral("would remove  ") + path) ||
                         dry.out.contains(QStringLiteral("would remove ") + path),
                     qPrintable(dry.out));

        const test::ProcessResult list =
            snapshots({QStringLiteral("list"), QStringLiteral("--keep"), QStringLiteral("3")}, m_db.conninfo());
        QVERIFY2(list.exitCode == 0, qPrintable(list.out));
        QVERIFY2(list.out.contains(QStringLiteral("failed less than 7 days ago")), qPrintable(list.out));
        QVERIFY2(list.out.contains(QStringLiteral("re-loaded it")), qPrintable(list.out));
        QVERIFY(!list.out.contains(userFolder));

        const test::ProcessResult prune =
            snapshots({QStringLiteral("prune"), QStringLiteral("--keep"), QStringLiteral("3")}, m_db.conninfo());
        QVERIFY2(prune.exitCode == 0, qPrintable(prune.out));
        for (const QString &path : kept)
            QVERIFY2(QFileInfo(path).isDir(), qPrintable(QStringLiteral("removed, should be kept: ") + path));
        for (const QString &path : removed) {
            QVERIFY2(!QFileInfo::exists(path), qPrintable(QStringLiteral("kept, should be removed: ") + path));
            QVERIFY2(prune.out.contains(path), qPrintable(prune.out));
        }
        QVERIFY2(prune.out.contains(QStringLiteral("3 snapshots removed")), qPrintable(prune.out));
        // Pruning again removes nothing more.
        QVERIFY(snapshots({QStringLiteral("prune"), QStringLiteral("--keep"), QStringLiteral("3")}, m_db.conninfo())
                    .out.contains(QStringLiteral("0 snapshots removed")));
    }

    void badKeepIsABadArgument()
    {
        QCOMPARE(snapshots({QStringLiteral("prune"), QStringLiteral("--keep"), QStringLiteral("0")}, m_db.conninfo())
                     .exitCode,
                 2);
        QCOMPARE(snapshots({QStringLiteral("frobnicate")}, m_db.conninfo()).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestSnapshotRetention)
#include "tst_snapshot_retention.moc"

// Acting on past runs from the command line (issue 18): `ecomops runs note`,
// `show`, `rerun` and `retry`, through the real binary against a real
// database. A small synthetic run whose quality gate is set above what its
// planted defects allow fails after staging, so it has a snapshot: the note
// is stored with the login role and the OS user, `show` prints it with the
// stages, a re-run records the same spec and where it came from, a retry
// loads the failed run's own snapshot (no new snapshot folder appears), and
// a retry whose snapshot was removed is refused in words, starting no run.
#include "TestDatabase.h"
#include "TestSupport.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

using namespace ecomops;

namespace {

QStringList snapshotFolders(const QString &staging)
{
    QStringList runs;
    const QDir root(staging);
    for (const QString &date : root.entryList({QStringLiteral("snapshot_date=*")}, QDir::Dirs))
        for (const QString &run : QDir(root.filePath(date)).entryList({QStringLiteral("run-*")}, QDir::Dirs))
            runs << date + QLatin1Char('/') + run;
    return runs;
}

} // namespace

class TestRunsCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();

    test::ProcessResult ecomops(const QString &conninfo, QStringList args, int timeoutMs = 120000)
    {
        args << QStringLiteral("--conninfo") << conninfo;
        return test::runEcomops(args, m_env, timeoutMs);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_env.insert(QStringLiteral("USER"), QStringLiteral("cli-tester"));
    }

    void noteShowRerunRetry()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto admin = db.connect();
        const QString staging = m_dir.filePath(QStringLiteral("staging"));

        // A run that fails its gate after staging: it keeps its snapshot.
        const test::ProcessResult failed = ecomops(
            db.conninfo(), {QStringLiteral("run"), QStringLiteral("--scale"), QStringLiteral("0.01"),
                            QStringLiteral("--defect-rate"), QStringLiteral("0.05"), QStringLiteral("--gate-overall"),
                            QStringLiteral("99.9"), QStringLiteral("--staging"), staging, QStringLiteral("--json")});
        QVERIFY2(failed.exitCode == 3, qPrintable(failed.out + failed.err));
        const nlohmann::json result = nlohmann::json::parse(failed.out.toStdString());
        const qint64 runId = result["run_id"].get<qint64>();
        const QString id = QString::number(runId);
        const std::string snapshot = result["snapshot"].get<std::string>();
        QCOMPARE(snapshotFolders(staging).size(), 1);

        // A note, with who wrote it.
        const test::ProcessResult note =
            ecomops(db.conninfo(), {QStringLiteral("runs"), QStringLiteral("note"), id,
                                    QStringLiteral("customers file had blank e-mails; fixed at the source")});
        QVERIFY2(note.exitCode == 0, qPrintable(note.out + note.err));
        const std::string where = " FROM ops.run_note WHERE run_id = " + id.toStdString();
        QCOMPARE(test::number(*admin, "SELECT count(*)" + where), 1LL);
        QCOMPARE(test::scalar(*admin, "SELECT note" + where),
                 QStringLiteral("customers file had blank e-mails; fixed at the source"));
        QCOMPARE(test::scalar(*admin, "SELECT os_user" + where), QStringLiteral("cli-tester"));
        // The login role of the test's connection string, not the function's owner.
        const QString role = test::scalar(*admin, "SELECT session_user");
        QCOMPARE(test::scalar(*admin, "SELECT author" + where), role);

        const test::ProcessResult empty =
            ecomops(db.conninfo(), {QStringLiteral("runs"), QStringLiteral("note"), id, QStringLiteral("   ")});
        QCOMPARE(empty.exitCode, 2);
        QVERIFY2(empty.err.contains(QStringLiteral("a note needs some text")), qPrintable(empty.err));
        const test::ProcessResult nowhere = ecomops(db.conninfo(), {QStringLiteral("runs"), QStringLiteral("note"),
                                                                    QStringLiteral("987654"), QStringLiteral("x")});
        QCOMPARE(nowhere.exitCode, 1);
        QVERIFY2(nowhere.err.contains(QStringLiteral("there is no run 987654")), qPrintable(nowhere.err));
        QCOMPARE(test::number(*admin, "SELECT count(*) FROM ops.run_note"), 1LL);

        // show: the record, the stages per table, the note, what to do next.
        const test::ProcessResult show = ecomops(db.conninfo(), {QStringLiteral("runs"), QStringLiteral("show"), id});
        QVERIFY2(show.exitCode == 0, qPrintable(show.err));
        for (const QString &expected :
             {QStringLiteral("Run %1 · failed").arg(id), QStringLiteral("quality gate failed"),
              QStringLiteral("Notes (1)"), QStringLiteral("by %1 (OS user cli-tester): customers file").arg(role),
              QStringLiteral("ecomops runs retry %1").arg(id), QString::fromStdString(snapshot)})
            QVERIFY2(show.out.contains(expected), qPrintable(expected + QStringLiteral(" not in:\n") + show.out));
        QVERIFY2(show.out.contains(QRegularExpression(QStringLiteral("\\n  load +orders +succeeded +\\d+"))),
                 qPrintable(show.out));
        const test::ProcessResult list = ecomops(db.conninfo(), {QStringLiteral("runs"), QStringLiteral("list")});
        QVERIFY2(list.out.contains(QStringLiteral("note: customers file had blank e-mails")), qPrintable(list.out));

        // rerun: the same spec, a new snapshot, and where it came from.
        const test::ProcessResult rerun =
            ecomops(db.conninfo(), {QStringLiteral("runs"), QStringLiteral("rerun"), id, QStringLiteral("--json")});
        QCOMPARE(rerun.exitCode, 3); // the same data against the same gate
        const qint64 rerunId = nlohmann::json::parse(rerun.out.toStdString())["run_id"].get<qint64>();
        QVERIFY(rerunId > runId);
        const std::string spec =
            "(SELECT spec - 'origin' - 'trigger' - 'started_by' FROM ops.pipeline_run WHERE run_id = ";
        // Everything but who started it, how, and where it came from: the same spec.
        QCOMPARE(test::number(*admin, "SELECT (" + spec + std::to_string(runId) + ") = " + spec +
                                          std::to_string(rerunId) + "))::int"),
                 1LL);
        QCOMPARE(test::scalar(*admin, "SELECT spec->'origin'->>'how' || ' ' || (spec->'origin'->>'run_id') FROM "
                                      "ops.pipeline_run WHERE run_id = " +
                                          std::to_string(rerunId)),
                 QStringLiteral("rerun %1").arg(id));
        QCOMPARE(snapshotFolders(staging).size(), 2); // the source was generated again

        // retry: the failed run's own snapshot, loaded again.
        const test::ProcessResult retry =
            ecomops(db.conninfo(), {QStringLiteral("runs"), QStringLiteral("retry"), id, QStringLiteral("--json")});
        QCOMPARE(retry.exitCode, 3);
        const nlohmann::json retried = nlohmann::json::parse(retry.out.toStdString());
        const qint64 retryId = retried["run_id"].get<qint64>();
        QCOMPARE(retried["snapshot"].get<std::string>(), snapshot);
        QCOMPARE(retried["rows_read"], result["rows_read"]);
        QCOMPARE(snapshotFolders(staging).size(), 2); // nothing generated
        QCOMPARE(test::scalar(*admin, "SELECT source_kind || ' ' || (spec->'origin'->>'how') || ' ' || "
                                      "(spec->'origin'->>'run_id') FROM ops.pipeline_run WHERE run_id = " +
                                          std::to_string(retryId)),
                 QStringLiteral("snapshot retry %1").arg(id));
        const test::ProcessResult listed = ecomops(db.conninfo(), {QStringLiteral("runs"), QStringLiteral("list")});
        QVERIFY2(listed.out.contains(QStringLiteral("(retry of run %1)").arg(id)), qPrintable(listed.out));
        QVERIFY2(listed.out.contains(QStringLiteral("(rerun of run %1)").arg(id)), qPrintable(listed.out));

        // A run whose snapshot is gone is not retried, and no run is started.
        const qint64 runsBefore = test::number(*admin, "SELECT count(*) FROM ops.pipeline_run");
        QVERIFY(QDir().rename(QString::fromStdString(snapshot),
                              QString::fromStdString(snapshot) + QStringLiteral(".moved")));
        const test::ProcessResult gone = ecomops(db.conninfo(), {QStringLiteral("runs"), QStringLiteral("retry"), id});
        QCOMPARE(gone.exitCode, 1);
        QVERIFY2(gone.err.contains(QStringLiteral("run %1 cannot be retried from its snapshot").arg(id)) &&
                     gone.err.contains(QStringLiteral("does not exist")) &&
                     gone.err.contains(QStringLiteral("ecomops runs rerun %1").arg(id)),
                 qPrintable(gone.err));
        QCOMPARE(test::number(*admin, "SELECT count(*) FROM ops.pipeline_run"), runsBefore);
        const test::ProcessResult showGone =
            ecomops(db.conninfo(), {QStringLiteral("runs"), QStringLiteral("show"), id});
        QVERIFY2(!showGone.out.contains(QStringLiteral("ecomops runs retry %1").arg(id)), qPrintable(showGone.out));
        QVERIFY(QDir().rename(QString::fromStdString(snapshot) + QStringLiteral(".moved"),
                              QString::fromStdString(snapshot)));

        const test::ProcessResult bad =
            ecomops(db.conninfo(), {QStringLiteral("runs"), QStringLiteral("retry"), QStringLiteral("abc")});
        QCOMPARE(bad.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestRunsCli)
#include "tst_runs_cli.moc"

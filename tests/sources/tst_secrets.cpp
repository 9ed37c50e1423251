// A canary password for a source database that demands one (scram over the
// socket, for one role) goes through every way a run can get it — PGPASSWORD
// for `ecomops run`, the keyring's in-memory hand-over for the console, a
// refused command line — and a successful and a failed run; afterwards it
// is found nowhere: the run records (every column of ops.* and
// quarantine.*), HOME (a temporary one, with the snapshots), the server's
// data folder and log, the terminal output, and /proc/*/cmdline.
#include "SourceRunSupport.h"
#include "TestSupport.h"
#include "database/EmbeddedCluster.h"
#include "sources/sourcedb/ShopSeeder.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <sys/stat.h>

using namespace ecomops;

namespace {

const QString kRole = QStringLiteral("ecomops_canary");

QString testDataDir()
{
    const QString fromEnv = qEnvironmentVariable("ECOMOPS_TEST_PGDATA");
    return fromEnv.isEmpty() ? QStringLiteral(ECOMOPS_TEST_PGDATA) : fromEnv;
}

// Files under `root` holding `needle`, read in overlapping chunks.
QStringList filesContaining(const QString &root, const QByteArray &needle)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue; // sockets, files that vanished
        QByteArray tail;
        while (!file.atEnd()) {
            const QByteArray chunk = tail + file.read(1 << 20);
            if (chunk.contains(needle)) {
                found << file.fileName();
                break;
            }
            tail = chunk.right(needle.size());
        }
    }
    return found;
}

QStringList commandLinesContaining(const QByteArray &needle)
{
    QStringList found;
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(needle))
            found << pid;
    }
    return found;
}

struct CliRun {
    int exitCode = -1;
    QString output; // stdout and stderr
    QStringList processesShowingIt;
};

} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT
    QTemporaryDir m_home{QStringLiteral("/tmp/ecomops-home-XXXXXX")};
    QString m_canary = QStringLiteral("Canary-") + QUuid::createUuid().toString(QUuid::Id128);
    test::TestDatabase m_source;
    test::TestDatabase m_warehouse;
    QString m_sourceConninfo; // no password in it

    QString staging() const { return m_home.filePath(QStringLiteral("staging")); }

    // `ecomops run …` with the canary in PGPASSWORD, watching every
    // process's arguments while it runs.
    CliRun cli(const QStringList &args, bool passwordInEnvironment = true)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home.path());
        if (passwordInEnvironment)
            env.insert(QStringLiteral("PGPASSWORD"), m_canary);
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(test::ecomopsBinary(), args);
        CliRun r;
        if (!p.waitForStarted(10000))
            return r;
        while (!p.waitForFinished(50))
            r.processesShowingIt << commandLinesContaining(m_canary.toUtf8());
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.output = QString::fromUtf8(p.readAll());
        return r;
    }

    QStringList runArgs(const QString &conninfo, const QStringList &extra = {}) const
    {
        return QStringList{QStringLiteral("run"),
                           QStringLiteral("--source"),
                           QStringLiteral("sourcedb"),
                           QStringLiteral("--option"),
                           QStringLiteral("conninfo=") + conninfo,
                           QStringLiteral("--conninfo"),
                           m_warehouse.conninfo(),
                           QStringLiteral("--staging"),
                           staging(),
                           QStringLiteral("--gate-mode"),
                           QStringLiteral("warn"),
                           QStringLiteral("--trigger"),
                           QStringLiteral("scheduled")} +
               extra;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        ECOMOPS_REQUIRE_DB(m_source);
        ECOMOPS_REQUIRE_DB(m_warehouse);
        synthetic::GeneratorOptions options;
        options.scale = 0.01;
        options.seed = 11;
        CancelToken cancel;
        sources::seedShop(
            m_source.conninfo(), options, "shop", [](const QString &) {}, cancel);

        // A role that must give a password, on the test server's socket.
        pqxx::connection admin{test::TestDatabase::adminConninfo().toStdString()};
        {
            pqxx::nontransaction tx{admin};
            if (tx.exec_params("SELECT 1 FROM pg_roles WHERE rolname = $1", kRole.toStdString()).empty())
                tx.exec0("CREATE ROLE " + kRole.toStdString() + " LOGIN");
            tx.exec0("ALTER ROLE " + kRole.toStdString() + " PASSWORD " + tx.quote(m_canary.toStdString()));
            const std::string hba = tx.exec1("SHOW hba_file")[0].as<std::string>();
            QFile file(QString::fromStdString(hba));
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
            const QByteArray rule = "local all " + kRole.toUtf8() + " scram-sha-256\n";
            const QByteArray rules = file.readAll();
            file.close();
            if (!rules.startsWith(rule)) {
                // In place: the file keeps its owner (postgres, when we are root).
                QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
                file.write(rule + rules);
                file.close();
                tx.exec("SELECT pg_reload_conf()");
            }
        }
        auto src = m_source.connect();
        {
            pqxx::work tx{*src};
            tx.exec0("GRANT USAGE ON SCHEMA shop TO " + kRole.toStdString());
            tx.exec0("GRANT SELECT ON ALL TABLES IN SCHEMA shop TO " + kRole.toStdString());
            tx.commit();
        }
        m_sourceConninfo = QStringLiteral("host=%1 port=5432 dbname=%2 user=%3")
                               .arg(db::EmbeddedCluster(testDataDir()).socketDir(), m_source.name(), kRole);
        // The server really asks for the password now (the reload takes a moment).
        QElapsedTimer clock;
        clock.start();
        bool refused = false;
        while (!refused && clock.elapsed() < 10000) {
            try {
                pqxx::connection c{m_sourceConninfo.toStdString()};
                QTest::qWait(100);
            } catch (const std::exception &e) {
                refused = QString::fromUtf8(e.what()).contains(QStringLiteral("password"));
            }
        }
        QVERIFY2(refused, "the test server does not ask ecomops_canary for a password");
        const QString full = m_sourceConninfo + QStringLiteral(" password=") + m_canary;
        pqxx::connection withPassword{full.toStdString()};
    }

    void passwordOnTheCommandLineIsRefused()
    {
        for (const QStringList &args :
             {runArgs(m_sourceConninfo + QStringLiteral(" password=") + m_canary),
              runArgs(QStringLiteral("postgresql://%1:%2@/%3").arg(kRole, m_canary, m_source.name())),
              QStringList{QStringLiteral("run"), QStringLiteral("--conninfo"),
                          m_warehouse.conninfo() + QStringLiteral("&password=") + m_canary}}) {
            const CliRun r = cli(args, false);
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.output.contains(QStringLiteral("PGPASSWORD")) && r.output.contains(QStringLiteral(".pgpass")),
                     qPrintable(r.output));
            QVERIFY2(!r.output.contains(m_canary), qPrintable(r.output));
        }
        auto c = m_warehouse.connect();
        QCOMPARE(test::number(*c, "SELECT count(*) FROM ops.pipeline_run"), qint64(0)); // nothing started
    }

    void sourcedbRunTakesThePasswordFromTheEnvironment()
    {
        const CliRun r = cli(runArgs(m_sourceConninfo));
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        QVERIFY2(r.processesShowingIt.isEmpty(), qPrintable(r.processesShowingIt.join(QLatin1Char(' '))));
        QVERIFY(!r.output.contains(m_canary));
        // The record names the source without the password.
        auto c = m_warehouse.connect();
        pqxx::read_transaction tx{*c};
        const auto row = tx.exec1("SELECT spec->'source'->'options'->>'conninfo', status FROM ops.pipeline_run "
                                  "ORDER BY run_id DESC LIMIT 1");
        QCOMPARE(QString::fromStdString(row[1].as<std::string>()), QStringLiteral("succeeded"));
        const QString stored = QString::fromStdString(row[0].as<std::string>());
        QCOMPARE(stored, m_sourceConninfo);
    }

    void failedSourcedbRunKeepsItToo()
    {
        const CliRun r =
            cli(runArgs(m_sourceConninfo, {QStringLiteral("--option"), QStringLiteral("schema=no_such_schema")}));
        QVERIFY2(r.exitCode == 1, qPrintable(r.output));
        QVERIFY2(r.output.contains(QStringLiteral("no_such_schema")), qPrintable(r.output));
        QVERIFY(r.processesShowingIt.isEmpty());
        QVERIFY(!r.output.contains(m_canary));
        // A wrong password: the server's refusal travels, the password does not.
        const CliRun wrong = cli(runArgs(m_sourceConninfo + QStringLiteral(" connect_timeout=5")), false);
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY2(wrong.output.contains(QStringLiteral("password")), qPrintable(wrong.output));
    }

    void consoleHandsThePasswordOverInMemory()
    {
        // What the Runs page does with a password from the keyring.
        runner::RunSpec spec =
            test::sourceSpec(QStringLiteral("sourcedb"), {{"conninfo", m_sourceConninfo.toStdString()}}, staging());
        spec.sourcePassword = m_canary;
        const auto ok = test::runSource(m_warehouse, spec);
        QVERIFY2(ok.result.status == runner::RunStatus::Succeeded, qPrintable(ok.result.error + ok.log));
        QVERIFY(!ok.log.contains(m_canary));
        // A connection string libpq cannot parse is quoted in libpq's message:
        // the password in it is scrubbed before the message goes anywhere.
        spec.sourcePassword.clear();
        spec.sourceOptions["conninfo"] =
            QStringLiteral("postgresql://%1:%2%zz@/%3").arg(kRole, m_canary, m_source.name()).toStdString();
        const auto failed = test::runSource(m_warehouse, spec);
        QVERIFY(failed.result.status == runner::RunStatus::Failed);
        QVERIFY2(!failed.result.error.contains(m_canary), qPrintable(failed.result.error));
        QVERIFY(!failed.log.contains(m_canary));
    }

    void canaryIsFoundNowhere()
    {
        const QByteArray canary = m_canary.toUtf8();
        auto c = m_warehouse.connect();
        QVERIFY(test::number(*c, "SELECT count(*) FROM ops.pipeline_run") >= 4); // the runs above were recorded
        pqxx::read_transaction tx{*c};
        const auto tables = tx.exec("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM "
                                    "information_schema.tables WHERE table_schema IN ('ops', 'quarantine') "
                                    "AND table_type = 'BASE TABLE'");
        QVERIFY(tables.size() > 5);
        for (const auto &t : tables) {
            const std::string table = t[0].as<std::string>();
            // The whole row as text: every text and jsonb column at once.
            const auto hits = tx.exec_params1("SELECT count(*) FROM " + table + " x WHERE strpos(x::text, $1) > 0",
                                              m_canary.toStdString())[0]
                                  .as<qint64>();
            QVERIFY2(hits == 0, table.c_str());
        }
        QVERIFY(QFileInfo::exists(staging()));
        QStringList where = filesContaining(m_home.path(), canary);
        where << filesContaining(testDataDir(), canary);
        QVERIFY2(where.isEmpty(), qPrintable(where.join(QLatin1Char('\n'))));
        QVERIFY(QFileInfo::exists(testDataDir() + QStringLiteral("/ecomops-server.log"))); // the server's log was read
        const QStringList processes = commandLinesContaining(canary);
        QVERIFY2(processes.isEmpty(), qPrintable(processes.join(QLatin1Char(' '))));
    }

    void snapshotsArePrivate()
    {
        QDirIterator it(staging(), QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            struct stat st {
            };
            QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
            const mode_t expected = S_ISDIR(st.st_mode) ? 0700 : 0600;
            QVERIFY2((st.st_mode & 07777) == expected,
                     qPrintable(path + QStringLiteral(" %1").arg(st.st_mode & 07777, 0, 8)));
            files += S_ISREG(st.st_mode) ? 1 : 0;
        }
        QVERIFY(files > 10);
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"

// Schedules from the command line (issue 18), through the real binary:
// `schedule add` writes a systemd timer and service that systemd-analyze
// verify accepts, with the right OnCalendar for --every, --daily and
// --calendar; without a user manager (forced here with ECOMOPS_SYSTEMCTL
// naming a missing program, so every machine takes the same path) it prints
// the crontab line; a bad name, interval, time or run argument is refused in
// words with nothing written; `list` shows the next time, last run and
// ready-by; `remove` deletes the files; `run-now` runs it headless, recorded
// with trigger `scheduled` and the schedule's name.
#include "TestDatabase.h"
#include "TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <pqxx/pqxx>

using namespace ecomops;

namespace {

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QStringList filesUnder(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}

} // namespace

class TestScheduleCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
    QString m_config;
    QString m_binary;

    test::ProcessResult ecomops(const QStringList &args, int timeoutMs = 60000)
    {
        return test::runEcomops(args, m_env, timeoutMs);
    }
    QString unitDir() const { return m_config + QStringLiteral("/systemd/user"); }
    test::ProcessResult verify(const QStringList &units)
    {
        return test::runProgram(QStringLiteral("systemd-analyze"), QStringList{QStringLiteral("verify")} + units);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_config = m_dir.filePath(QStringLiteral("config"));
        m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config);
        m_env.insert(QStringLiteral("ECOMOPS_SYSTEMCTL"), m_dir.filePath(QStringLiteral("no-such-systemctl")));
        m_env.insert(QStringLiteral("USER"), QStringLiteral("schedule-tester"));
        // A schedule without a --conninfo of its own is looked up here: a
        // server that is not there, never the user's embedded database.
        m_env.insert(
            QStringLiteral("ECOMOPS_CONNINFO"),
            QStringLiteral("host=%1 dbname=none connect_timeout=2").arg(m_dir.filePath(QStringLiteral("nosock"))));
        m_binary = QFileInfo(test::ecomopsBinary()).canonicalFilePath();
        QVERIFY(!m_binary.isEmpty());
    }

    void cleanup() { QDir(m_config).removeRecursively(); }

    void addWritesUnitsSystemdAccepts()
    {
        // A folder whose name needs quoting in ExecStart= and in a crontab line
        // (a lone %z would be a specifier systemd-analyze refuses).
        const QString logs = m_dir.filePath(QStringLiteral("txn 100%z logs"));
        QVERIFY(QDir().mkpath(logs));
        const test::ProcessResult add = ecomops(
            {QStringLiteral("schedule"), QStringLiteral("add"), QStringLiteral("sales"), QStringLiteral("--every"),
             QStringLiteral("4h"), QStringLiteral("--ready-by"), QStringLiteral("10:00"), QStringLiteral("--"),
             QStringLiteral("--source"), QStringLiteral("txnlog"), QStringLiteral("--path"), logs});
        QVERIFY2(add.exitCode == 0, qPrintable(add.out + add.err));
        const QString timer = unitDir() + QStringLiteral("/ecomops-sales.timer");
        const QString service = unitDir() + QStringLiteral("/ecomops-sales.service");
        const QString timerText = readText(timer);
        const QString serviceText = readText(service);
        QVERIFY2(timerText.contains(QStringLiteral("\nOnCalendar=*-*-* 00/4:00:00\n")), qPrintable(timerText));
        QVERIFY2(timerText.contains(QStringLiteral("\nPersistent=true\n")), qPrintable(timerText));
        QVERIFY2(
            serviceText.contains(QStringLiteral("\nExecStart=%1 run --trigger scheduled --schedule sales "
                                                "--source txnlog --path \"%2\"\n")
                                     .arg(m_binary, QString(logs).replace(QStringLiteral("%"), QStringLiteral("%%")))),
            qPrintable(serviceText));

        // systemd's own check of both units (it also needs ExecStart's program to exist)…
        const test::ProcessResult ok = verify({timer, service});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.out + ok.err));
        // …which does refuse a broken one, so the pass above means something.
        const QString broken = m_dir.filePath(QStringLiteral("ecomops-broken.service"));
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QString(serviceText).replace(m_binary, m_dir.filePath(QStringLiteral("missing"))).toUtf8());
        f.close();
        QVERIFY(verify({broken}).exitCode != 0);

        // No user manager: said plainly, with the crontab line (% escaped for cron).
        QVERIFY2(add.out.contains(QStringLiteral("No systemd user manager here")), qPrintable(add.out));
        const QString cron = QStringLiteral("0 */4 * * * %1 run --trigger scheduled --schedule sales --source txnlog "
                                            "--path '%2'")
                                 .arg(m_binary, QString(logs).replace(QStringLiteral("%"), QStringLiteral("\\%")));
        QVERIFY2(add.out.contains(cron), qPrintable(add.out + QStringLiteral("\nexpected: ") + cron));

        // …and /bin/sh reads it back word for word: as cron hands it over
        // (`\%` → `%`), with the program swapped for printf.
        QString command = cron.section(QLatin1Char(' '), 5);
        command.replace(QStringLiteral("\\%"), QStringLiteral("%"));
        command.replace(m_binary, QStringLiteral("printf '[%s]\\n'"));
        const test::ProcessResult words = test::runProgram(QStringLiteral("sh"), {QStringLiteral("-c"), command});
        QCOMPARE(words.out, QStringLiteral("[run]\n[--trigger]\n[scheduled]\n[--schedule]\n[sales]\n[--source]\n"
                                           "[txnlog]\n[--path]\n[%1]") // runProgram trims the last newline
                                .arg(logs));

        // list: the calendar, the next time it elapses (at an hour divisible by 4), the deadline.
        const test::ProcessResult list = ecomops({QStringLiteral("schedule"), QStringLiteral("list")});
        QVERIFY2(list.exitCode == 0, qPrintable(list.out + list.err));
        QVERIFY2(list.out.contains(QStringLiteral("sales  every 4h  OnCalendar=*-*-* 00/4:00:00")),
                 qPrintable(list.out));
        const QRegularExpressionMatch next =
            QRegularExpression(QStringLiteral("next: +\\w{3} \\d{4}-\\d{2}-\\d{2} (\\d{2}):00:00")).match(list.out);
        QVERIFY2(next.hasMatch(), qPrintable(list.out));
        QCOMPARE(next.captured(1).toInt() % 4, 0);
        QVERIFY2(list.out.contains(QStringLiteral("ready by: 10:00")), qPrintable(list.out));
        QVERIFY2(list.out.contains(QStringLiteral("last run: unknown (database: ")), qPrintable(list.out));

        // A second add of the same name is refused; remove deletes all three files.
        const test::ProcessResult again =
            ecomops({QStringLiteral("schedule"), QStringLiteral("add"), QStringLiteral("sales"),
                     QStringLiteral("--daily"), QStringLiteral("02:00"), QStringLiteral("--")});
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains(QStringLiteral("a schedule \"sales\" exists")), qPrintable(again.err));
        const test::ProcessResult removed =
            ecomops({QStringLiteral("schedule"), QStringLiteral("remove"), QStringLiteral("sales")});
        QVERIFY2(removed.exitCode == 0, qPrintable(removed.out + removed.err));
        QVERIFY2(filesUnder(m_config).isEmpty(), qPrintable(filesUnder(m_config).join(QLatin1Char(' '))));
        QCOMPARE(ecomops({QStringLiteral("schedule"), QStringLiteral("remove"), QStringLiteral("sales")}).exitCode, 1);
    }

    void whenOptions_data()
    {
        QTest::addColumn<QStringList>("when");
        QTest::addColumn<QString>("onCalendar");
        QTest::addColumn<QString>("cron"); // empty: no crontab equivalent
        QTest::newRow("daily") << QStringList{QStringLiteral("--daily"), QStringLiteral("2:00")}
                               << QStringLiteral("*-*-* 02:00:00") << QStringLiteral("0 2 * * * ");
        QTest::newRow("every 15m") << QStringList{QStringLiteral("--every"), QStringLiteral("15m")}
                                   << QStringLiteral("*-*-* *:00/15:00") << QStringLiteral("*/15 * * * * ");
        QTest::newRow("calendar hours") << QStringList{QStringLiteral("--calendar"), QStringLiteral("*-*-* 08,20:15")}
                                        << QStringLiteral("*-*-* 08,20:15:00") << QStringLiteral("15 8,20 * * * ");
        QTest::newRow("calendar weekdays")
            << QStringList{QStringLiteral("--calendar"), QStringLiteral("Mon..Fri *-*-* 06:30")}
            << QStringLiteral("Mon..Fri *-*-* 06:30:00") << QString();
    }
    void whenOptions()
    {
        QFETCH(QStringList, when);
        QFETCH(QString, onCalendar);
        QFETCH(QString, cron);
        const test::ProcessResult add =
            ecomops(QStringList{QStringLiteral("schedule"), QStringLiteral("add"), QStringLiteral("nightly")} + when +
                    QStringList{QStringLiteral("--"), QStringLiteral("--scale"), QStringLiteral("0.01")});
        QVERIFY2(add.exitCode == 0, qPrintable(add.out + add.err));
        const QString timer = unitDir() + QStringLiteral("/ecomops-nightly.timer");
        QVERIFY2(readText(timer).contains(QStringLiteral("\nOnCalendar=%1\n").arg(onCalendar)),
                 qPrintable(readText(timer)));
        const test::ProcessResult ok = verify({timer, unitDir() + QStringLiteral("/ecomops-nightly.service")});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.out + ok.err));
        if (cron.isEmpty())
            QVERIFY2(add.out.contains(QStringLiteral("has no crontab equivalent")), qPrintable(add.out));
        else
            QVERIFY2(add.out.contains(QStringLiteral("\n") + cron + m_binary +
                                      QStringLiteral(" run --trigger "
                                                     "scheduled")),
                     qPrintable(add.out));
    }

    void refusedWithNothingWritten_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString add = QStringLiteral("add");
        const QString dd = QStringLiteral("--");
        const QString every = QStringLiteral("--every");
        QTest::newRow("upper-case name") << QStringList{add, QStringLiteral("Sales"), every, QStringLiteral("4h"), dd}
                                         << QStringLiteral("lower-case letters, digits and dashes");
        QTest::newRow("underscore name") << QStringList{add, QStringLiteral("a_b"), every, QStringLiteral("4h"), dd}
                                         << QStringLiteral("schedule name \"a_b\"");
        QTest::newRow("interval unit") << QStringList{add, QStringLiteral("x"), every, QStringLiteral("5x"), dd}
                                       << QStringLiteral("--every \"5x\": expected 1h to 23h");
        QTest::newRow("interval 24h") << QStringList{add, QStringLiteral("x"), every, QStringLiteral("24h"), dd}
                                      << QStringLiteral("--every \"24h\"");
        QTest::newRow("daily 25:00") << QStringList{add, QStringLiteral("x"), QStringLiteral("--daily"),
                                                    QStringLiteral("25:00"), dd}
                                     << QStringLiteral("--daily \"25:00\": expected a time of day HH:MM");
        QTest::newRow("calendar") << QStringList{add, QStringLiteral("x"), QStringLiteral("--calendar"),
                                                 QStringLiteral("bogus"), dd}
                                  << QStringLiteral("--calendar \"bogus\"");
        QTest::newRow("ready-by") << QStringList{add,
                                                 QStringLiteral("x"),
                                                 every,
                                                 QStringLiteral("4h"),
                                                 QStringLiteral("--ready-by"),
                                                 QStringLiteral("10am"),
                                                 dd}
                                  << QStringLiteral("--ready-by \"10am\"");
        QTest::newRow("two whens") << QStringList{add,
                                                  QStringLiteral("x"),
                                                  every,
                                                  QStringLiteral("4h"),
                                                  QStringLiteral("--daily"),
                                                  QStringLiteral("02:00"),
                                                  dd}
                                   << QStringLiteral("exactly one of --every, --daily and --calendar");
        QTest::newRow("no --") << QStringList{add, QStringLiteral("x"), every, QStringLiteral("4h")}
                               << QStringLiteral("needs \"--\"");
        // What `ecomops run` refuses, in its own words.
        QTest::newRow("run: source") << QStringList{add,
                                                    QStringLiteral("x"),
                                                    every,
                                                    QStringLiteral("4h"),
                                                    dd,
                                                    QStringLiteral("--source"),
                                                    QStringLiteral("nosuch")}
                                     << QStringLiteral("unknown source kind \"nosuch\"");
        QTest::newRow("run: scale") << QStringList{add,
                                                   QStringLiteral("x"),
                                                   every,
                                                   QStringLiteral("4h"),
                                                   dd,
                                                   QStringLiteral("--scale"),
                                                   QStringLiteral("abc")}
                                    << QStringLiteral("--scale needs a number");
        QTest::newRow("run: snapshot path") << QStringList{add,
                                                           QStringLiteral("x"),
                                                           every,
                                                           QStringLiteral("4h"),
                                                           dd,
                                                           QStringLiteral("--source"),
                                                           QStringLiteral("snapshot")}
                                            << QStringLiteral("--source snapshot needs --path DIR");
        QTest::newRow("run: unknown option")
            << QStringList{add, QStringLiteral("x"), every, QStringLiteral("4h"), dd, QStringLiteral("--bogus")}
            << QStringLiteral("Unknown option 'bogus'");
        QTest::newRow("run: trigger") << QStringList{add,
                                                     QStringLiteral("x"),
                                                     every,
                                                     QStringLiteral("4h"),
                                                     dd,
                                                     QStringLiteral("--trigger"),
                                                     QStringLiteral("manual")}
                                      << QStringLiteral("--trigger is set by the schedule itself");
    }
    void refusedWithNothingWritten()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const test::ProcessResult r = ecomops(QStringList{QStringLiteral("schedule")} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY2(filesUnder(m_config).isEmpty(), qPrintable(filesUnder(m_config).join(QLatin1Char(' '))));
    }

    void runNowRecordsAScheduledRun()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        const test::ProcessResult add = ecomops(
            {QStringLiteral("schedule"), QStringLiteral("add"), QStringLiteral("nightly"), QStringLiteral("--daily"),
             QStringLiteral("02:00"), QStringLiteral("--"), QStringLiteral("--source"), QStringLiteral("synthetic"),
             QStringLiteral("--scale"), QStringLiteral("0.01"), QStringLiteral("--staging"),
             m_dir.filePath(QStringLiteral("staging")), QStringLiteral("--conninfo"), db.conninfo()});
        QVERIFY2(add.exitCode == 0, qPrintable(add.out + add.err));
        const test::ProcessResult before = ecomops({QStringLiteral("schedule"), QStringLiteral("list")});
        QVERIFY2(before.out.contains(QStringLiteral("last run: never")), qPrintable(before.out + before.err));

        const test::ProcessResult run =
            ecomops({QStringLiteral("schedule"), QStringLiteral("run-now"), QStringLiteral("nightly")}, 180000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        auto c = db.connect();
        pqxx::nontransaction tx{*c};
        const pqxx::row r = tx.exec1("SELECT run_id, status, trigger, spec->>'schedule' FROM ops.pipeline_run");
        QCOMPARE(QString::fromStdString(r[1].as<std::string>()), QStringLiteral("succeeded"));
        QCOMPARE(QString::fromStdString(r[2].as<std::string>()), QStringLiteral("scheduled"));
        QCOMPARE(QString::fromStdString(r[3].as<std::string>()), QStringLiteral("nightly"));

        const test::ProcessResult after = ecomops({QStringLiteral("schedule"), QStringLiteral("list")});
        QVERIFY2(after.out.contains(QStringLiteral("last run: run %1 succeeded").arg(r[0].as<qint64>())),
                 qPrintable(after.out + after.err));
        // run-now exits with the run's exit code: a gate set above what the
        // planted defects allow fails the run (3), and no schedule at all is 1.
        const test::ProcessResult strict =
            ecomops({QStringLiteral("schedule"), QStringLiteral("add"), QStringLiteral("strict"),
                     QStringLiteral("--every"), QStringLiteral("1h"), QStringLiteral("--"), QStringLiteral("--scale"),
                     QStringLiteral("0.01"), QStringLiteral("--defect-rate"), QStringLiteral("0.05"),
                     QStringLiteral("--gate-overall"), QStringLiteral("99.9"), QStringLiteral("--staging"),
                     m_dir.filePath(QStringLiteral("staging")), QStringLiteral("--conninfo"), db.conninfo()});
        QVERIFY2(strict.exitCode == 0, qPrintable(strict.out + strict.err));
        const test::ProcessResult gated =
            ecomops({QStringLiteral("schedule"), QStringLiteral("run-now"), QStringLiteral("strict")}, 180000);
        QVERIFY2(gated.exitCode == 3, qPrintable(gated.out + gated.err));
        const test::ProcessResult none =
            ecomops({QStringLiteral("schedule"), QStringLiteral("run-now"), QStringLiteral("nosuch")});
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains(QStringLiteral("cannot read")), qPrintable(none.err));
    }
};

QTEST_GUILESS_MAIN(TestScheduleCli)
#include "tst_schedule_cli.moc"

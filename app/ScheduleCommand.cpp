// `ecomops schedule …`: runs on a timer. A schedule is a systemd user timer
// and service running `ecomops run --trigger scheduled --schedule NAME …`;
// where no user manager answers (a container, CI), the units are still
// written and the equivalent crontab line is printed instead.
#include "ScheduleCommand.h"

#include "DatabaseOptions.h"
#include "RunCommand.h"
#include "Terminal.h"

#include "schedules/ScheduleRuns.h"
#include "schedules/ScheduleStore.h"
#include "schedules/ScheduleUnits.h"
#include "schedules/SystemdUser.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <optional>

namespace ecomops::app {
namespace {

using schedules::Schedule;

const QString kUsage = QStringLiteral(
    "usage: ecomops schedule add NAME (--every 4h|30m | --daily HH:MM | --calendar SPEC) [--ready-by HH:MM]\n"
    "                            -- RUN ARGUMENTS (as for ecomops run, e.g. --source txnlog --path DIR)\n"
    "       ecomops schedule list [--conninfo STRING | --data-dir DIR]\n"
    "       ecomops schedule remove NAME\n"
    "       ecomops schedule run-now NAME   run it now, here, in the foreground");

int badArguments(const QString &message)
{
    err(QStringLiteral("ecomops schedule: %1").arg(message));
    err(kUsage);
    return ExitBadArguments;
}

QString executable()
{
    return QCoreApplication::applicationFilePath();
}

// What `ecomops run` is given: the schedule's own options first, so the
// run's spec names it.
QStringList runArgumentsOf(const Schedule &s)
{
    return QStringList{QStringLiteral("--trigger"), QStringLiteral("scheduled"), QStringLiteral("--schedule"), s.name} +
           s.runArguments;
}

int add(const QStringList &arguments)
{
    const qsizetype dashes = arguments.indexOf(QStringLiteral("--"));
    if (dashes < 0)
        return badArguments(QStringLiteral("add needs \"--\" followed by the run's arguments"));
    QCommandLineParser parser;
    const QCommandLineOption every(QStringLiteral("every"), QStringLiteral("Interval."), QStringLiteral("N[h|m]"));
    const QCommandLineOption daily(QStringLiteral("daily"), QStringLiteral("Time of day."), QStringLiteral("HH:MM"));
    const QCommandLineOption calendar(QStringLiteral("calendar"), QStringLiteral("OnCalendar."),
                                      QStringLiteral("SPEC"));
    const QCommandLineOption readyBy(QStringLiteral("ready-by"), QStringLiteral("Deadline."), QStringLiteral("HH:MM"));
    parser.addOptions({every, daily, calendar, readyBy});
    if (!parser.parse(QStringList{QStringLiteral("ecomops schedule add")} + arguments.mid(0, dashes)))
        return badArguments(parser.errorText());
    if (parser.positionalArguments().size() != 1)
        return badArguments(QStringLiteral("add needs exactly one NAME before \"--\""));
    const int whens = int(parser.isSet(every)) + int(parser.isSet(daily)) + int(parser.isSet(calendar));
    if (whens != 1)
        return badArguments(QStringLiteral("add needs exactly one of --every, --daily and --calendar"));

    const QStringList runArguments = arguments.mid(dashes + 1);
    for (const QString &a : runArguments)
        if (a == QLatin1String("--trigger") || a.startsWith(QLatin1String("--trigger=")) ||
            a == QLatin1String("--schedule") || a.startsWith(QLatin1String("--schedule=")))
            return badArguments(QStringLiteral("%1 is set by the schedule itself; leave it out of the run's arguments")
                                    .arg(a.section(QLatin1Char('='), 0, 0)));
    Schedule s;
    try {
        const QString name = parser.positionalArguments().constFirst();
        schedules::checkName(name);
        if (parser.isSet(every))
            s = schedules::everySchedule(parser.value(every));
        else if (parser.isSet(daily))
            s = schedules::dailySchedule(parser.value(daily));
        else
            s = schedules::calendarSchedule(parser.value(calendar),
                                            schedules::normalizeCalendar(parser.value(calendar)));
        s.name = name;
        if (parser.isSet(readyBy))
            s.readyBy = schedules::checkTimeOfDay(parser.value(readyBy), "--ready-by");
    } catch (const std::exception &e) {
        return badArguments(QString::fromStdString(e.what()));
    }
    s.runArguments = runArguments;
    // The same parser as `ecomops run`: what it would refuse, no timer runs.
    if (checkRunArguments(runArgumentsOf(s)) != ExitSuccess)
        return badArguments(QStringLiteral("the run's arguments above are refused; no schedule was written"));
    if (schedules::exists(s.name))
        return badArguments(QStringLiteral("a schedule \"%1\" exists; `ecomops schedule remove %1` first").arg(s.name));

    try {
        schedules::write(s, executable());
    } catch (const std::exception &e) {
        err(QStringLiteral("ecomops schedule: %1").arg(QString::fromStdString(e.what())));
        return ExitFailed;
    }
    out(QStringLiteral("Schedule %1 (%2, OnCalendar=%3) written:\n  %4\n  %5\n  %6")
            .arg(s.name, s.when, s.onCalendar, schedules::timerPath(s.name), schedules::servicePath(s.name),
                 schedules::schedulePath(s.name)));
    const QString problem = schedules::userManagerProblem();
    if (problem.isEmpty()) {
        const QString failed = schedules::enableTimer(s.name);
        if (!failed.isEmpty()) {
            err(QStringLiteral("ecomops schedule: the units are written but not enabled: %1").arg(failed));
            return ExitFailed;
        }
        out(QStringLiteral("Enabled: systemctl --user list-timers %1.timer shows it.")
                .arg(schedules::unitBaseName(s.name)));
        return ExitSuccess;
    }
    out(QStringLiteral("No systemd user manager here (%1): the units are written, but nothing will start them.")
            .arg(problem));
    const QString cron = schedules::crontabLine(s, executable());
    if (cron.isEmpty())
        out(QStringLiteral("OnCalendar=%1 has no crontab equivalent; run it where a systemd user manager runs "
                           "(then: systemctl --user daemon-reload && systemctl --user enable --now %2.timer).")
                .arg(s.onCalendar, schedules::unitBaseName(s.name)));
    else
        out(QStringLiteral("To run it from cron instead, add this line with `crontab -e`:\n%1").arg(cron));
    return ExitSuccess;
}

// The value of `--name VALUE` or `--name=VALUE` among a run's arguments.
std::optional<QString> optionValue(const QStringList &args, const QString &name)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--") + name)
            return args.value(i + 1);
        if (args.at(i).startsWith(QLatin1String("--") + name + QLatin1Char('=')))
            return args.at(i).mid(name.size() + 3);
    }
    return std::nullopt;
}

// The database a schedule's runs go to, as `ecomops run` finds it: its own
// --conninfo or --data-dir, else what `schedule list` was given (which
// defaults the same way: ECOMOPS_CONNINFO, else the embedded database).
QString databaseOf(const Schedule &s, const DatabaseOptions &db, const QCommandLineParser &listParser)
{
    if (const auto conninfo = optionValue(s.runArguments, QStringLiteral("conninfo")))
        return *conninfo;
    QCommandLineParser own;
    db.addTo(own);
    const auto dataDir = optionValue(s.runArguments, QStringLiteral("data-dir"));
    if (dataDir && own.parse({QStringLiteral("ecomops"), QStringLiteral("--data-dir"), *dataDir}) &&
        qEnvironmentVariable("ECOMOPS_CONNINFO").isEmpty())
        return db.resolve(own);
    return db.resolve(listParser);
}

int list(const QStringList &arguments)
{
    QCommandLineParser parser;
    DatabaseOptions db;
    db.addTo(parser);
    if (!parser.parse(QStringList{QStringLiteral("ecomops schedule list")} + arguments) ||
        !parser.positionalArguments().isEmpty())
        return badArguments(parser.errorText().isEmpty() ? QStringLiteral("list takes no NAME") : parser.errorText());
    QStringList problems;
    const std::vector<Schedule> all = schedules::readAll(problems);
    for (const QString &p : problems)
        err(QStringLiteral("warning: %1").arg(p));
    if (all.empty()) {
        out(QStringLiteral("No schedules (%1).").arg(schedules::scheduleDirectory()));
        return ExitSuccess;
    }
    for (const Schedule &s : all) {
        const QString next = schedules::nextElapse(s.onCalendar);
        out(QStringLiteral("%1  %2  OnCalendar=%3").arg(s.name, s.when, s.onCalendar));
        out(QStringLiteral("  next:     %1").arg(next.isEmpty() ? QStringLiteral("unknown (systemd-analyze)") : next));
        QString last;
        try {
            last = schedules::describe(schedules::lastRun(databaseOf(s, db, parser), s.name));
        } catch (const std::exception &e) {
            last = QStringLiteral("unknown (database: %1)").arg(QString::fromUtf8(e.what()).trimmed());
        }
        out(QStringLiteral("  last run: %1").arg(last));
        out(QStringLiteral("  ready by: %1").arg(s.readyBy.isEmpty() ? QStringLiteral("-") : s.readyBy));
        out(QStringLiteral("  runs:     ecomops run %1")
                .arg(schedules::shellQuoted(runArgumentsOf(s)).replace(QStringLiteral("\\%"), QStringLiteral("%"))));
        if (!QFile::exists(schedules::timerPath(s.name)) || !QFile::exists(schedules::servicePath(s.name)))
            out(QStringLiteral("  warning:  its systemd units are missing from %1").arg(schedules::unitDirectory()));
    }
    return ExitSuccess;
}

int remove(const QString &name)
{
    try {
        schedules::checkName(name);
    } catch (const std::exception &e) {
        return badArguments(QString::fromStdString(e.what()));
    }
    if (!schedules::exists(name)) {
        err(QStringLiteral("ecomops schedule: no schedule \"%1\" in %2").arg(name, schedules::scheduleDirectory()));
        return ExitFailed;
    }
    if (schedules::userManagerProblem().isEmpty()) {
        const QString failed = schedules::disableTimer(name);
        if (!failed.isEmpty())
            err(QStringLiteral("warning: %1").arg(failed));
    }
    try {
        for (const QString &path : schedules::remove(name))
            out(QStringLiteral("removed %1").arg(path));
    } catch (const std::exception &e) {
        err(QStringLiteral("ecomops schedule: %1").arg(QString::fromStdString(e.what())));
        return ExitFailed;
    }
    return ExitSuccess;
}

int runNow(const QString &name)
{
    Schedule s;
    try {
        schedules::checkName(name);
        s = schedules::read(name);
    } catch (const std::exception &e) {
        err(QStringLiteral("ecomops schedule: %1").arg(QString::fromStdString(e.what())));
        return ExitFailed;
    }
    // Not through systemd: here, headless, in the foreground, with its exit code.
    return runRunCommand(runArgumentsOf(s));
}

} // namespace

int runScheduleCommand(const QStringList &arguments)
{
    const QString verb = arguments.value(0);
    if (verb == QLatin1String("add"))
        return add(arguments.mid(1));
    if (verb == QLatin1String("list"))
        return list(arguments.mid(1));
    if ((verb == QLatin1String("remove") || verb == QLatin1String("run-now")) && arguments.size() == 2)
        return verb == QLatin1String("remove") ? remove(arguments.at(1)) : runNow(arguments.at(1));
    return badArguments(verb.isEmpty() ? QStringLiteral("which one?")
                                       : QStringLiteral("cannot \"%1\"").arg(arguments.join(QLatin1Char(' '))));
}

} // namespace ecomops::app

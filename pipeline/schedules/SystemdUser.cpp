#include "schedules/SystemdUser.h"

#include "schedules/Schedule.h"
#include "schedules/ScheduleUnits.h"

#include <QProcess>
#include <QRegularExpression>

namespace ecomops::schedules {
namespace {

struct Outcome {
    bool started = false;
    int exitCode = -1;
    QString out;
    QString err;
};

Outcome execute(const QString &program, const QStringList &arguments)
{
    QProcess p;
    p.start(program, arguments);
    Outcome o;
    o.started = p.waitForStarted(5000);
    if (!o.started)
        return o;
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(1000);
        o.err = QStringLiteral("%1 did not answer within 30 s").arg(program);
        return o;
    }
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.out = QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed();
    o.err = QString::fromLocal8Bit(p.readAllStandardError()).trimmed();
    return o;
}

QString systemctl()
{
    const QString program = qEnvironmentVariable("ECOMOPS_SYSTEMCTL");
    return program.isEmpty() ? QStringLiteral("systemctl") : program;
}

QString failure(const Outcome &o, const QString &what)
{
    if (!o.started)
        return QStringLiteral("%1: %2 could not be started").arg(what, systemctl());
    if (o.exitCode == 0)
        return {};
    return QStringLiteral("%1 failed: %2").arg(what, o.err.isEmpty() ? o.out : o.err);
}

QString toggleTimer(const QString &name, const QString &verb)
{
    const QString reload = failure(execute(systemctl(), {QStringLiteral("--user"), QStringLiteral("daemon-reload")}),
                                   QStringLiteral("systemctl --user daemon-reload"));
    if (!reload.isEmpty())
        return reload;
    const QString timer = unitBaseName(name) + QStringLiteral(".timer");
    return failure(execute(systemctl(), {QStringLiteral("--user"), verb, QStringLiteral("--now"), timer}),
                   QStringLiteral("systemctl --user %1 --now %2").arg(verb, timer));
}

} // namespace

QString userManagerProblem()
{
    const Outcome o = execute(systemctl(), {QStringLiteral("--user"), QStringLiteral("is-system-running")});
    if (!o.started)
        return QStringLiteral("%1 is not there to ask").arg(systemctl());
    // "degraded" (a unit failed) still runs timers; "offline" or an error
    // means no user manager answers.
    static const QStringList running{QStringLiteral("running"), QStringLiteral("degraded"), QStringLiteral("starting"),
                                     QStringLiteral("initializing")};
    if (running.contains(o.out))
        return {};
    const QString said = o.out.isEmpty() ? o.err : o.out;
    return QStringLiteral("systemctl --user is-system-running says \"%1\"").arg(said.section(QLatin1Char('\n'), 0, 0));
}

QString enableTimer(const QString &name)
{
    return toggleTimer(name, QStringLiteral("enable"));
}

QString disableTimer(const QString &name)
{
    return toggleTimer(name, QStringLiteral("disable"));
}

QString normalizeCalendar(const QString &spec)
{
    const Outcome o = execute(QStringLiteral("systemd-analyze"), {QStringLiteral("calendar"), spec});
    if (!o.started)
        throw ScheduleError("cannot check --calendar: systemd-analyze is not installed");
    static const QRegularExpression normalized(QStringLiteral("Normalized form: (.+)"));
    const QRegularExpressionMatch m = normalized.match(o.out);
    if (o.exitCode != 0 || !m.hasMatch())
        throw ScheduleError("--calendar \"" + spec.toStdString() + "\": " +
                            (o.err.isEmpty() ? std::string("not a systemd calendar expression") : o.err.toStdString()) +
                            " (see man systemd.time, e.g. \"Mon..Fri *-*-* 06:00\")");
    return m.captured(1).trimmed();
}

QString nextElapse(const QString &onCalendar)
{
    const Outcome o = execute(QStringLiteral("systemd-analyze"),
                              {QStringLiteral("calendar"), QStringLiteral("--iterations=1"), onCalendar});
    static const QRegularExpression next(QStringLiteral("Next elapse: (.+)"));
    const QRegularExpressionMatch m = next.match(o.out);
    return o.exitCode == 0 && m.hasMatch() ? m.captured(1).trimmed() : QString();
}

} // namespace ecomops::schedules

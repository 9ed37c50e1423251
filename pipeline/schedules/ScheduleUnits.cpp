#include "schedules/ScheduleUnits.h"

#include <QRegularExpression>

namespace ecomops::schedules {
namespace {

const QRegularExpression &plainWord()
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_@+=:,./-]+$"));
    return plain;
}

} // namespace

QString unitBaseName(const QString &name)
{
    return QStringLiteral("ecomops-") + name;
}

QStringList scheduledCommand(const Schedule &schedule, const QString &executable)
{
    return QStringList{executable,
                       QStringLiteral("run"),
                       QStringLiteral("--trigger"),
                       QStringLiteral("scheduled"),
                       QStringLiteral("--schedule"),
                       schedule.name} +
           schedule.runArguments;
}

QString execStartQuoted(const QStringList &command)
{
    QStringList words;
    for (const QString &arg : command) {
        if (plainWord().match(arg).hasMatch()) {
            words << arg;
            continue;
        }
        // Double quotes with C escapes; `%` and `$` doubled, or systemd
        // would expand them as specifiers and variables.
        QString quoted;
        for (const QChar c : arg) {
            if (c == QLatin1Char('\\') || c == QLatin1Char('"'))
                quoted += QLatin1Char('\\') + QString(c);
            else if (c == QLatin1Char('\n'))
                quoted += QStringLiteral("\\n");
            else if (c == QLatin1Char('\t'))
                quoted += QStringLiteral("\\t");
            else if (c == QLatin1Char('%') || c == QLatin1Char('$'))
                quoted += QString(c) + c;
            else
                quoted += c;
        }
        words << QLatin1Char('"') + quoted + QLatin1Char('"');
    }
    return words.join(QLatin1Char(' '));
}

QString shellQuoted(const QStringList &command)
{
    QStringList words;
    for (const QString &arg : command) {
        QString word = plainWord().match(arg).hasMatch()
                           ? arg
                           : QLatin1Char('\'') + QString(arg).replace(QLatin1Char('\''), QStringLiteral("'\\''")) +
                                 QLatin1Char('\'');
        words << word.replace(QLatin1Char('%'), QStringLiteral("\\%")); // cron: an unescaped % ends the command
    }
    return words.join(QLatin1Char(' '));
}

QString serviceUnitText(const Schedule &schedule, const QString &executable)
{
    return QStringLiteral("# Written by `ecomops schedule add %1`; `ecomops schedule remove %1` deletes it.\n"
                          "[Unit]\n"
                          "Description=EcomOps scheduled run %1 (%2)\n"
                          "\n"
                          "[Service]\n"
                          "Type=oneshot\n"
                          "ExecStart=%3\n")
        .arg(schedule.name, schedule.when, execStartQuoted(scheduledCommand(schedule, executable)));
}

QString timerUnitText(const Schedule &schedule)
{
    return QStringLiteral("# Written by `ecomops schedule add %1`; `ecomops schedule remove %1` deletes it.\n"
                          "[Unit]\n"
                          "Description=EcomOps schedule %1 (%2)\n"
                          "\n"
                          "[Timer]\n"
                          "OnCalendar=%3\n"
                          "# A run missed while the machine was off starts when it is back.\n"
                          "Persistent=true\n"
                          "Unit=%4.service\n"
                          "\n"
                          "[Install]\n"
                          "WantedBy=timers.target\n")
        .arg(schedule.name, schedule.when, schedule.onCalendar, unitBaseName(schedule.name));
}

QString crontabLine(const Schedule &schedule, const QString &executable)
{
    if (schedule.cronTime.isEmpty())
        return {};
    return schedule.cronTime + QLatin1Char(' ') + shellQuoted(scheduledCommand(schedule, executable));
}

} // namespace ecomops::schedules

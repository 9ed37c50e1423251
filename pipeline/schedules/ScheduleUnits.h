#pragma once
// The text of a schedule's systemd units and of its crontab line, with the
// quoting each needs: ExecStart= has its own syntax (quotes, C escapes, `%`
// specifiers, `$` variables), a crontab line is run by /bin/sh and treats
// `%` as a line break.
#include "schedules/Schedule.h"

namespace ecomops::schedules {

// "ecomops-NAME"
QString unitBaseName(const QString &name);
// The whole command a schedule runs: EXECUTABLE run --trigger scheduled --schedule NAME ARGS…
QStringList scheduledCommand(const Schedule &schedule, const QString &executable);

QString execStartQuoted(const QStringList &command);
QString shellQuoted(const QStringList &command); // for a crontab line (% escaped too)

QString serviceUnitText(const Schedule &schedule, const QString &executable);
QString timerUnitText(const Schedule &schedule);
// "0 */4 * * * '/abs/ecomops' run …", or empty where the schedule has no crontab time.
QString crontabLine(const Schedule &schedule, const QString &executable);

} // namespace ecomops::schedules

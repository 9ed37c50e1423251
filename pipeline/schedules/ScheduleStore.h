#pragma once
// Where schedules live: the two systemd units in
// $XDG_CONFIG_HOME/systemd/user (~/.config when unset), and the schedule as
// given in $XDG_CONFIG_HOME/ecomops/schedules/NAME.json. The JSON keeps what
// the units cannot say back without re-parsing ExecStart= (the run's
// arguments as a list) or do not say at all (--ready-by, the crontab time).
#include "schedules/Schedule.h"

#include <vector>

namespace ecomops::schedules {

QString configHome();
QString unitDirectory();
QString scheduleDirectory();
QString timerPath(const QString &name);
QString servicePath(const QString &name);
QString schedulePath(const QString &name);

bool exists(const QString &name); // its JSON or either unit
// Writes the JSON and both units; throws ScheduleError naming the file that could not be written.
void write(const Schedule &schedule, const QString &executable);
// Deletes whatever of the three files exists; the paths it deleted.
QStringList remove(const QString &name);
Schedule read(const QString &name); // throws ScheduleError naming the file
// Every schedule with a JSON, by name; a file that does not read is skipped
// and its error appended to `problems`.
std::vector<Schedule> readAll(QStringList &problems);

} // namespace ecomops::schedules

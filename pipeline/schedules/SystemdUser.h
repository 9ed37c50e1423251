#pragma once
// What this program asks systemd: is a user manager there to run timers,
// enable or stop one, and what a calendar expression means and when it next
// elapses. Each runs a short blocking process (systemctl, systemd-analyze);
// ECOMOPS_SYSTEMCTL names another systemctl (a test sets a missing one to
// take the no-user-manager path on every machine alike).
#include <QString>

namespace ecomops::schedules {

// Empty when `systemctl --user` reaches a user manager; otherwise why not, in words.
QString userManagerProblem();
// daemon-reload, then enable --now (or disable --now) ecomops-NAME.timer;
// empty on success, else systemctl's words.
QString enableTimer(const QString &name);
QString disableTimer(const QString &name);

// systemd's normalized form of an OnCalendar expression; throws
// ScheduleError with systemd-analyze's words when it is not one.
QString normalizeCalendar(const QString &spec);
// "Tue 2026-12-08 00:00:00 UTC", or empty when systemd-analyze cannot say.
QString nextElapse(const QString &onCalendar);

} // namespace ecomops::schedules

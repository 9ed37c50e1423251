#pragma once
// A schedule: when a run starts (as systemd's OnCalendar and, where one
// exists, a crontab time), by which name, with which `ecomops run`
// arguments, and by when its data should be ready. Plain data plus the
// checks that refuse a bad name, interval or time with words.
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace ecomops::schedules {

class ScheduleError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct Schedule {
    QString name;             // [a-z0-9-]+: it is part of the unit names
    QString when;             // as given: "every 4h", "daily 02:00", "calendar SPEC"
    QString onCalendar;       // systemd's OnCalendar= value
    QString cronTime;         // the five crontab fields; empty: no crontab equivalent
    QString readyBy;          // HH:MM, or empty (stored and shown; alerting on it comes later)
    QStringList runArguments; // after `ecomops run --trigger scheduled --schedule NAME`

    nlohmann::json toJson() const;
    static Schedule fromJson(const nlohmann::json &json); // throws ScheduleError naming the field
};

// Each throws ScheduleError saying what is wrong and what is accepted.
void checkName(const QString &name);
// "4h" (1–23 hours) or "15m" (1–59 minutes): from midnight, every N.
Schedule everySchedule(const QString &interval);
// "02:00": every day at that time.
Schedule dailySchedule(const QString &time);
// An OnCalendar expression; `normalized` is systemd's normalized form of it
// (see SystemdUser::normalizeCalendar), from which a crontab time is made
// where the form allows one.
Schedule calendarSchedule(const QString &spec, const QString &normalized);
// "HH:MM" → the same, zero-padded; throws for anything else.
QString checkTimeOfDay(const QString &time, const char *option);

} // namespace ecomops::schedules

#include "schedules/Schedule.h"

#include <QRegularExpression>

namespace ecomops::schedules {
namespace {

std::string text(const QString &s)
{
    return s.toStdString();
}

// One field of systemd's normalized time ("00/4", "02", "*", "10,40") as a
// crontab field, or empty where crontab cannot say the same.
QString cronField(const QString &field, int last)
{
    if (field == QLatin1String("*"))
        return field;
    static const QRegularExpression step(QStringLiteral("^(\\d+)/(\\d+)$"));
    static const QRegularExpression list(QStringLiteral("^\\d+(,\\d+)*$"));
    const QRegularExpressionMatch m = step.match(field);
    if (m.hasMatch()) {
        const int from = m.captured(1).toInt();
        const int by = m.captured(2).toInt();
        if (from > last || by < 1)
            return {};
        return from == 0 ? QStringLiteral("*/%1").arg(by) : QStringLiteral("%1-%2/%3").arg(from).arg(last).arg(by);
    }
    if (!list.match(field).hasMatch())
        return {};
    QStringList values;
    for (const QString &v : field.split(QLatin1Char(','))) {
        if (v.toInt() > last)
            return {};
        values << QString::number(v.toInt());
    }
    return values.join(QLatin1Char(','));
}

} // namespace

void checkName(const QString &name)
{
    static const QRegularExpression valid(QStringLiteral("^[a-z0-9-]+$"));
    if (name.size() > 64 || !valid.match(name).hasMatch())
        throw ScheduleError("schedule name \"" + text(name) +
                            "\": use 1 to 64 lower-case letters, digits and dashes (it names the systemd units)");
}

QString checkTimeOfDay(const QString &time, const char *option)
{
    static const QRegularExpression hhmm(QStringLiteral("^(\\d{1,2}):(\\d{2})$"));
    const QRegularExpressionMatch m = hhmm.match(time);
    if (!m.hasMatch() || m.captured(1).toInt() > 23 || m.captured(2).toInt() > 59)
        throw ScheduleError(std::string(option) + " \"" + text(time) + "\": expected a time of day HH:MM, e.g. 02:00");
    return QStringLiteral("%1:%2").arg(m.captured(1).toInt(), 2, 10, QLatin1Char('0')).arg(m.captured(2));
}

Schedule everySchedule(const QString &interval)
{
    static const QRegularExpression form(QStringLiteral("^(\\d{1,2})([mh])$"));
    const QRegularExpressionMatch m = form.match(interval);
    const int n = m.hasMatch() ? m.captured(1).toInt() : 0;
    const bool hours = m.captured(2) == QLatin1String("h");
    if (n < 1 || (hours && n > 23) || (!hours && n > 59))
        throw ScheduleError("--every \"" + text(interval) +
                            "\": expected 1h to 23h or 1m to 59m (counted from midnight); "
                            "for once a day use --daily HH:MM, for anything else --calendar SPEC");
    Schedule s;
    s.when = QStringLiteral("every %1").arg(interval);
    if (hours) {
        s.onCalendar = QStringLiteral("*-*-* 00/%1:00:00").arg(n);
        s.cronTime = QStringLiteral("0 */%1 * * *").arg(n);
    } else {
        s.onCalendar = QStringLiteral("*-*-* *:00/%1:00").arg(n);
        s.cronTime = QStringLiteral("*/%1 * * * *").arg(n);
    }
    return s;
}

Schedule dailySchedule(const QString &time)
{
    const QString t = checkTimeOfDay(time, "--daily");
    Schedule s;
    s.when = QStringLiteral("daily %1").arg(t);
    s.onCalendar = QStringLiteral("*-*-* %1:00").arg(t);
    s.cronTime = QStringLiteral("%1 %2 * * *").arg(t.mid(3).toInt()).arg(t.left(2).toInt());
    return s;
}

Schedule calendarSchedule(const QString &spec, const QString &normalized)
{
    Schedule s;
    s.when = QStringLiteral("calendar %1").arg(spec);
    s.onCalendar = normalized;
    // Every day at some hours and minutes; weekdays, dates and seconds are
    // left to systemd (the crontab note says so).
    static const QRegularExpression daily(QStringLiteral("^\\*-\\*-\\* ([^:\\s]+):([^:\\s]+):00$"));
    const QRegularExpressionMatch m = daily.match(normalized);
    if (m.hasMatch()) {
        const QString hour = cronField(m.captured(1), 23);
        const QString minute = cronField(m.captured(2), 59);
        if (!hour.isEmpty() && !minute.isEmpty())
            s.cronTime = QStringLiteral("%1 %2 * * *").arg(minute, hour);
    }
    return s;
}

nlohmann::json Schedule::toJson() const
{
    nlohmann::json args = nlohmann::json::array();
    for (const QString &a : runArguments)
        args.push_back(a.toStdString());
    return {{"name", text(name)},          {"when", text(when)},        {"on_calendar", text(onCalendar)},
            {"cron_time", text(cronTime)}, {"ready_by", text(readyBy)}, {"run_arguments", args}};
}

Schedule Schedule::fromJson(const nlohmann::json &json)
{
    auto str = [&](const char *key) {
        const auto it = json.find(key);
        if (it == json.end() || !it->is_string())
            throw ScheduleError(std::string("schedule file: \"") + key + "\" must be a string");
        return QString::fromStdString(it->get<std::string>());
    };
    if (!json.is_object())
        throw ScheduleError("schedule file: expected a JSON object");
    Schedule s;
    s.name = str("name");
    checkName(s.name);
    s.when = str("when");
    s.onCalendar = str("on_calendar");
    s.cronTime = str("cron_time");
    s.readyBy = str("ready_by");
    const auto args = json.find("run_arguments");
    if (args == json.end() || !args->is_array())
        throw ScheduleError("schedule file: \"run_arguments\" must be a list of strings");
    for (const nlohmann::json &a : *args) {
        if (!a.is_string())
            throw ScheduleError("schedule file: \"run_arguments\" must be a list of strings");
        s.runArguments << QString::fromStdString(a.get<std::string>());
    }
    return s;
}

} // namespace ecomops::schedules

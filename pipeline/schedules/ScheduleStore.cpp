#include "schedules/ScheduleStore.h"

#include "schedules/ScheduleUnits.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace ecomops::schedules {
namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        throw ScheduleError("cannot create the folder " + QFileInfo(path).absolutePath().toStdString());
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size() || !f.commit())
        throw ScheduleError("cannot write " + path.toStdString() + ": " + f.errorString().toStdString());
}

} // namespace

QString configHome()
{
    const QString xdg = qEnvironmentVariable("XDG_CONFIG_HOME");
    return xdg.isEmpty() ? QDir::homePath() + QStringLiteral("/.config") : xdg;
}

QString unitDirectory()
{
    return configHome() + QStringLiteral("/systemd/user");
}

QString scheduleDirectory()
{
    return configHome() + QStringLiteral("/ecomops/schedules");
}

QString timerPath(const QString &name)
{
    return unitDirectory() + QLatin1Char('/') + unitBaseName(name) + QStringLiteral(".timer");
}

QString servicePath(const QString &name)
{
    return unitDirectory() + QLatin1Char('/') + unitBaseName(name) + QStringLiteral(".service");
}

QString schedulePath(const QString &name)
{
    return scheduleDirectory() + QLatin1Char('/') + name + QStringLiteral(".json");
}

bool exists(const QString &name)
{
    return QFile::exists(schedulePath(name)) || QFile::exists(timerPath(name)) || QFile::exists(servicePath(name));
}

void write(const Schedule &schedule, const QString &executable)
{
    checkName(schedule.name);
    writeFile(schedulePath(schedule.name), QByteArray::fromStdString(schedule.toJson().dump(2) + "\n"));
    writeFile(servicePath(schedule.name), serviceUnitText(schedule, executable).toUtf8());
    writeFile(timerPath(schedule.name), timerUnitText(schedule).toUtf8());
}

QStringList remove(const QString &name)
{
    QStringList removed;
    for (const QString &path : {timerPath(name), servicePath(name), schedulePath(name)})
        if (QFile::exists(path)) {
            if (!QFile::remove(path))
                throw ScheduleError("cannot delete " + path.toStdString());
            removed << path;
        }
    return removed;
}

Schedule read(const QString &name)
{
    const QString path = schedulePath(name);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw ScheduleError("cannot read " + path.toStdString() + ": " + f.errorString().toStdString());
    try {
        Schedule s = Schedule::fromJson(nlohmann::json::parse(f.readAll().toStdString()));
        if (s.name != name)
            throw ScheduleError("schedule file: its \"name\" is \"" + s.name.toStdString() + "\"");
        return s;
    } catch (const std::exception &e) {
        throw ScheduleError(path.toStdString() + ": " + e.what());
    }
}

std::vector<Schedule> readAll(QStringList &problems)
{
    std::vector<Schedule> all;
    const QStringList files = QDir(scheduleDirectory()).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        try {
            all.push_back(read(file.chopped(5)));
        } catch (const std::exception &e) {
            problems << QString::fromStdString(e.what());
        }
    }
    return all;
}

} // namespace ecomops::schedules

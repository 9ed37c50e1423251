#include "runner/RunSpec.h"

#include "database/ConnectionProfile.h"

#include <QStandardPaths>

#include <algorithm>
#include <initializer_list>

#include <unistd.h>

namespace ecomops::runner {
namespace {

const QStringList kSources{QStringLiteral("synthetic"), QStringLiteral("snapshot"), QStringLiteral("olist"),
                           QStringLiteral("txnlog"), QStringLiteral("sourcedb")};

template <typename T> T field(const nlohmann::json &json, const char *name, T fallback)
{
    if (!json.contains(name))
        return fallback;
    try {
        return json.at(name).get<T>();
    } catch (const nlohmann::json::exception &) {
        throw SpecError(std::string("run spec: the field \"") + name + "\" has the wrong type");
    }
}

nlohmann::json objectField(const nlohmann::json &json, const char *name)
{
    if (!json.contains(name))
        return nlohmann::json::object();
    if (!json.at(name).is_object())
        throw SpecError(std::string("run spec: the field \"") + name + "\" must be an object");
    return json.at(name);
}

// A misspelt or misplaced key ("source_kind" beside "source") would
// otherwise run the default shop without a word: refuse it by name.
void refuseUnknownKeys(const nlohmann::json &json, const char *where, std::initializer_list<const char *> known)
{
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (std::find_if(known.begin(), known.end(), [&](const char *k) { return it.key() == k; }) != known.end())
            continue;
        std::string list;
        for (const char *k : known)
            list += (list.empty() ? "" : ", ") + std::string(k);
        throw SpecError(std::string("run spec: ") + where + " has an unknown key \"" + it.key() + "\" (known: " + list +
                        ")");
    }
}

} // namespace

QString toString(Trigger trigger)
{
    switch (trigger) {
    case Trigger::Manual:
        return QStringLiteral("manual");
    case Trigger::Scheduled:
        return QStringLiteral("scheduled");
    case Trigger::CommandLine:
        return QStringLiteral("command_line");
    case Trigger::Test:
        return QStringLiteral("test");
    }
    return {};
}

Trigger triggerFromString(const QString &text)
{
    if (text == QLatin1String("manual"))
        return Trigger::Manual;
    if (text == QLatin1String("scheduled"))
        return Trigger::Scheduled;
    if (text == QLatin1String("command_line"))
        return Trigger::CommandLine;
    if (text == QLatin1String("test"))
        return Trigger::Test;
    throw SpecError("run spec: unknown trigger \"" + text.toStdString() + "\"");
}

QString RunSpec::defaultStagingDir()
{
    if (::geteuid() == 0)
        return QStringLiteral("/var/lib/ecomops/staging");
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/ecomops/staging");
}

nlohmann::json RunSpec::sourceOptionsWithoutSecrets() const
{
    nlohmann::json options = sourceOptions;
    const auto conninfo = options.find("conninfo");
    if (conninfo != options.end() && conninfo->is_string())
        *conninfo = db::stripPassword(QString::fromStdString(conninfo->get<std::string>())).toStdString();
    return options;
}

nlohmann::json RunSpec::sourceOptionsForSource() const
{
    nlohmann::json options = sourceOptions;
    const auto conninfo = options.find("conninfo");
    if (conninfo != options.end() && conninfo->is_string() && !sourcePassword.isEmpty())
        *conninfo =
            db::withPassword(QString::fromStdString(conninfo->get<std::string>()), sourcePassword).toStdString();
    return options;
}

nlohmann::json RunSpec::toJson() const
{
    nlohmann::json json = {{"source", {{"kind", sourceKind.toStdString()}, {"options", sourceOptionsWithoutSecrets()}}},
                           {"staging_dir", stagingDir.toStdString()},
                           {"gates", gates},
                           {"warehouse", warehouse},
                           {"anomalies", anomalies},
                           {"load_parallelism", loadParallelism},
                           {"max_attempts", maxAttempts},
                           {"recovery_wait_seconds", recoveryWaitSeconds},
                           {"keep_snapshots", keepSnapshots},
                           {"trigger", toString(trigger).toStdString()},
                           {"started_by", startedBy.toStdString()}};
    if (originRunId > 0)
        json["origin"] = {{"run_id", originRunId}, {"how", originHow.toStdString()}};
    if (!schedule.isEmpty())
        json["schedule"] = schedule.toStdString();
    return json;
}

RunSpec RunSpec::fromJson(const nlohmann::json &json)
{
    if (!json.is_object())
        throw SpecError("run spec: expected a JSON object");
    refuseUnknownKeys(json, "the spec",
                      {"source", "staging_dir", "gates", "warehouse", "anomalies", "load_parallelism", "max_attempts",
                       "recovery_wait_seconds", "keep_snapshots", "trigger", "started_by", "origin", "schedule"});
    RunSpec spec;
    const nlohmann::json source = objectField(json, "source");
    refuseUnknownKeys(source, "\"source\"", {"kind", "options"});
    spec.sourceKind = QString::fromStdString(field<std::string>(source, "kind", "synthetic"));
    if (!kSources.contains(spec.sourceKind))
        throw SpecError("run spec: unknown source kind \"" + spec.sourceKind.toStdString() + "\"");
    spec.sourceOptions = objectField(source, "options");
    spec.stagingDir = QString::fromStdString(field<std::string>(json, "staging_dir", ""));
    spec.gates = objectField(json, "gates");
    spec.warehouse = objectField(json, "warehouse");
    spec.anomalies = objectField(json, "anomalies");
    spec.loadParallelism = field<int>(json, "load_parallelism", 2);
    if (spec.loadParallelism < 1 || spec.loadParallelism > 16)
        throw SpecError("run spec: load_parallelism must be between 1 and 16");
    spec.maxAttempts = field<int>(json, "max_attempts", 4);
    if (spec.maxAttempts < 1 || spec.maxAttempts > 10)
        throw SpecError("run spec: max_attempts must be between 1 and 10");
    spec.recoveryWaitSeconds = field<int>(json, "recovery_wait_seconds", 60);
    if (spec.recoveryWaitSeconds < 0 || spec.recoveryWaitSeconds > 3600)
        throw SpecError("run spec: recovery_wait_seconds must be between 0 and 3600");
    spec.keepSnapshots = field<int>(json, "keep_snapshots", 10);
    if (spec.keepSnapshots < 0 || spec.keepSnapshots > 100000)
        throw SpecError("run spec: keep_snapshots must be between 0 (keep all) and 100000");
    spec.trigger = triggerFromString(QString::fromStdString(field<std::string>(json, "trigger", "manual")));
    spec.startedBy = QString::fromStdString(field<std::string>(json, "started_by", ""));
    const nlohmann::json origin = objectField(json, "origin");
    refuseUnknownKeys(origin, "\"origin\"", {"run_id", "how"});
    spec.originRunId = field<qint64>(origin, "run_id", 0);
    spec.originHow = QString::fromStdString(field<std::string>(origin, "how", ""));
    if (spec.originRunId < 0 ||
        (spec.originRunId > 0 && spec.originHow != QLatin1String("rerun") && spec.originHow != QLatin1String("retry")))
        throw SpecError("run spec: \"origin\" needs a run_id and how: rerun or retry");
    spec.schedule = QString::fromStdString(field<std::string>(json, "schedule", ""));
    return spec;
}

} // namespace ecomops::runner

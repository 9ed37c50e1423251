#pragma once
// Everything that describes a run: where its data comes from, where it is
// staged, its quality gates, who started it and how. Round-trips through JSON
// (it is stored with the run in ops.pipeline_run.spec). Each area reads its
// own section (source options, gates, warehouse, anomalies), so a newer
// section is carried along untouched by code that does not know it.
#include <QString>

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace ecomops::runner {

class SpecError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class Trigger { Manual, Scheduled, CommandLine, Test };
QString toString(Trigger trigger);
Trigger triggerFromString(const QString &text);

struct RunSpec {
    // synthetic | snapshot | olist | txnlog | sourcedb
    QString sourceKind = QStringLiteral("synthetic");
    nlohmann::json sourceOptions = nlohmann::json::object(); // e.g. GeneratorOptions, {"path": …}
    QString stagingDir;          // where snapshots go; empty = the default location
    nlohmann::json gates = nlohmann::json::object();        // quality gates (see quality/)
    nlohmann::json warehouse = nlohmann::json::object();    // transform and mart options
    nlohmann::json anomalies = nlohmann::json::object();    // detection options
    int loadParallelism = 2;     // tables loaded at once, each on its own connection
    int maxAttempts = 4;         // per stage, for transient failures
    int recoveryWaitSeconds = 60; // how long to wait for a restarting server before failing
    Trigger trigger = Trigger::Manual;
    QString startedBy;           // the console / OS user name

    nlohmann::json toJson() const;
    static RunSpec fromJson(const nlohmann::json &json); // throws SpecError naming the bad field

    static QString defaultStagingDir();
};

} // namespace ecomops::runner

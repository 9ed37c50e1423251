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

class SpecError : public std::runtime_error
{
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
    QString stagingDir;                                      // where snapshots go; empty = the default location
    nlohmann::json gates = nlohmann::json::object();         // quality gates (see quality/)
    nlohmann::json warehouse = nlohmann::json::object();     // transform and mart options
    nlohmann::json anomalies = nlohmann::json::object();     // detection options
    int loadParallelism = 2;                                 // tables loaded at once, each on its own connection
    int maxAttempts = 4;                                     // per stage, for transient failures
    int recoveryWaitSeconds = 60;                            // how long to wait for a restarting server before failing
    Trigger trigger = Trigger::Manual;
    QString startedBy;      // the console / OS user name
    int keepSnapshots = 10; // after a successful run, keep the snapshots of this many runs; 0 = keep all
    // A run made from a past one, so its history says where it came from:
    // "rerun" (the same spec again) or "retry" (a failed run's snapshot
    // loaded again). originRunId 0: a run of its own.
    qint64 originRunId = 0;
    QString originHow;
    // The schedule (ecomops schedule add NAME) that started it; empty: none.
    // Written only when set, so older specs read and compare as before.
    QString schedule;
    // The source database's password, from the keyring: memory only, never
    // in toJson(), a file or a log. A password inside the source's conninfo
    // is left out of toJson() too (see sourceOptionsForSource()).
    QString sourcePassword;

    // Without any password: what is stored with the run and in _metadata.json.
    nlohmann::json toJson() const;
    nlohmann::json sourceOptionsWithoutSecrets() const;
    // What the source adapter gets: the options, the password put back into
    // the connection string.
    nlohmann::json sourceOptionsForSource() const;
    static RunSpec fromJson(const nlohmann::json &json); // throws SpecError naming the bad field

    static QString defaultStagingDir();
};

} // namespace ecomops::runner

#pragma once
#include "anomalies/DetectorQuality.h"
#include "core/Progress.h"

#include <QMetaType>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace ecomops::runner {

enum class RunStatus { Queued, Running, Succeeded, Failed, Cancelled };
QString toString(RunStatus status);

// What a run ended with; also what `ecomops run --json` prints.
struct RunResult {
    qint64 runId = 0;
    RunStatus status = RunStatus::Queued;
    QString error; // in words, when failed
    QString snapshotPath;
    QString gateStatus; // passed / warned / failed / empty when no gates ran
    QStringList gateMessages;
    double seconds = 0;
    // Per table, the whole run's counts: read (from the source, empty records
    // included) = loaded (reached the warehouse, or staged when nothing was
    // published) + quarantined (at load or validate) + rejected (by the
    // transform) + skipped (empty records).
    std::vector<TableCounts> tables;
    qint64 rowsRead = 0;
    qint64 rowsLoaded = 0;
    qint64 rowsQuarantined = 0;
    qint64 rowsRejected = 0;
    qint64 rowsSkipped = 0;
    bool published = false; // the transform committed: "loaded" means "reached the warehouse"
    qint64 newAnomalies = 0;
    QStringList anomalyProducts;
    // The flag rate, its usual value, and precision/recall against planted
    // truth; nullopt when detection did not run.
    std::optional<anomalies::DetectorQuality> detector;
    double qualityOverall = -1; // -1 when not scored

    bool reconciles() const;
    // Per table: read, loaded, quarantined, rejected, skipped, and how many
    // rows reached the warehouse and what share (0 when nothing was
    // published) — for ops.pipeline_run.summary and `ecomops run --json`.
    nlohmann::json tablesJson() const;
};

} // namespace ecomops::runner

Q_DECLARE_METATYPE(ecomops::runner::RunResult)

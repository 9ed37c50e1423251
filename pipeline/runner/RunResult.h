#pragma once
#include "core/Progress.h"

#include <QMetaType>
#include <QString>

#include <vector>

namespace ecomops::runner {

enum class RunStatus { Queued, Running, Succeeded, Failed, Cancelled };
QString toString(RunStatus status);

// What a run ended with; also what `ecomops run --json` prints.
struct RunResult {
    qint64 runId = 0;
    RunStatus status = RunStatus::Queued;
    QString error;                 // in words, when failed
    QString snapshotPath;
    QString gateStatus;            // passed / warned / failed / empty when no gates ran
    QStringList gateMessages;
    double seconds = 0;
    std::vector<TableCounts> tables; // per table, the load stage's counts (read = loaded + quarantined)
    qint64 rowsRead = 0;
    qint64 rowsLoaded = 0;
    qint64 rowsQuarantined = 0;
    qint64 newAnomalies = 0;
    QStringList anomalyProducts;
    double qualityOverall = -1;    // -1 when not scored

    bool reconciles() const;
};

} // namespace ecomops::runner

Q_DECLARE_METATYPE(ecomops::runner::RunResult)

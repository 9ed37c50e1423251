#pragma once
// How well the detector did on one run, for its summary (CLI, --json, the
// Runs workspace) and for the steward's warning when a run raised far more
// flags than usual:
//  - always: the counted lines the run wrote, how many of them carry a flag
//    (of any run and status), and so the flag rate per 1,000 lines; and the
//    usual rate of the same source (the median of its last 10 published runs);
//  - when the run's snapshot has planted anomalies (the synthetic
//    generator's _planted.csv): precision and recall against that truth, on
//    the lines the detector looks at.
#include "anomalies/AnomalyOptions.h"

#include <QString>

#include <nlohmann/json_fwd.hpp>
#include <pqxx/transaction_base>

#include <optional>

namespace ecomops::anomalies {

struct DetectorQuality {
    qint64 lines = 0;                       // counted lines the run wrote
    qint64 flaggedLines = 0;                // of those, with a flag
    std::optional<double> usualPerThousand; // the same source's median over earlier runs
    qint64 earlierRuns = 0;                 // how many runs that median is of
    bool planted = false;                   // the snapshot said what was planted
    qint64 plantedLines = 0;                // planted anomalies on the run's counted lines
    qint64 plantedFlagged = 0;              // of those, flagged

    double flagsPerThousand() const { return lines > 0 ? 1000.0 * double(flaggedLines) / double(lines) : 0.0; }
    // This run's rate over the usual one; nullopt without earlier runs or
    // when the usual rate is 0.
    std::optional<double> ratioToUsual() const;
    // Far above the usual: the steward is told to check the settings or the source.
    bool unusuallyHigh() const;
    std::optional<double> precision() const; // nullopt without planted truth or flags
    std::optional<double> recall() const;    // nullopt without planted truth on counted lines

    // "detector: 4.1 flags per 1,000 lines (usual 3.9); precision 1.00, recall 0.96 of 26 planted"
    QString summary() const;
    nlohmann::json toJson() const;
    static DetectorQuality fromJson(const nlohmann::json &json);
};

// Inside the publish transaction, after detection. `plantedCsv` is the
// snapshot's _planted.csv (empty or missing: no planted truth); it is
// streamed into a temporary table, never held in memory. `sourceKind` picks
// the earlier runs the rate is compared with.
DetectorQuality measureDetector(pqxx::transaction_base &tx, qint64 runId, const AnomalyOptions &options,
                                const QString &plantedCsv, const QString &sourceKind);

} // namespace ecomops::anomalies

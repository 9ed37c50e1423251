#pragma once
// Recomputing every product's quantity baseline on demand (the steward's
// "Recompute baselines…", `ecomops anomalies rebaseline`, a monthly
// schedule), with the thresholds that moved. The before/after comparison is
// ops.rebaseline_anomalies (resources/sql/functions/0625): one set-based call
// in one transaction, never product by product over the network.
#include "anomalies/AnomalyOptions.h"

#include <QMetaType>
#include <QString>

#include <optional>
#include <vector>

#include <pqxx/connection>

namespace ecomops::anomalies {

// One product whose threshold changed. "before" is empty for a product that
// had no baseline (new lines), "after" for one that lost it (no line left).
struct BaselineChange {
    QString productId;
    std::optional<double> thresholdBefore, thresholdAfter;
    std::optional<double> medianBefore, medianAfter;
    std::optional<double> sigmaBefore, sigmaAfter; // the method's spread (log units for log_mad)
    std::optional<qint64> linesBefore, linesAfter; // counted lines
    bool enoughHistory = false;                    // after: flags are raised for it

    double absoluteChange() const; // |after − before|, a missing side counting as 0
};

struct RebaselineReport {
    AnomalyOptions options;              // the settings used
    qint64 products = 0;                 // baselines recomputed (all of them)
    qint64 productsWithHistory = 0;      // of those, with at least min_history lines
    qint64 lines = 0;                    // counted lines in all baselines
    std::vector<BaselineChange> changed; // largest absolute change first
    qint64 elapsedMs = 0;
};

// "log_mad, k 4, min history 20, min σ 0.5, excluded statuses: Cancelled,
// Refunded": the settings a rebaseline used, for its summary.
QString describeSettings(const AnomalyOptions &options);

// The settings the baselines were last computed with (method, k, min
// history, min σ, excluded statuses of the newest baseline), or nothing when
// there is no baseline yet. Throws AnomalyError.
std::optional<AnomalyOptions> recordedBaselineSettings(pqxx::connection &conn);

// Recomputes every baseline with `options` in one transaction and reports
// what changed. Throws PermissionDenied (a role that is neither steward nor
// operator, in words) or AnomalyError.
RebaselineReport rebaseline(pqxx::connection &conn, const AnomalyOptions &options);
// The same on a connection of its own (for the console's thread pool).
RebaselineReport rebaseline(const QString &conninfo, const AnomalyOptions &options);

} // namespace ecomops::anomalies

Q_DECLARE_METATYPE(ecomops::anomalies::RebaselineReport)

#pragma once
// The detect stage: per-product quantity baselines and the flags they raise,
// computed set-based inside PostgreSQL (resources/sql/0030_anomalies.sql).
//
// detect() runs inside a transaction the caller owns and never commits it:
// the runner calls it in the publish transaction, after the transform and
// before the marts, so a failed or cancelled run raises no flag. A cancel
// surfaces as ecomops::CancelledError (between the two steps, or from the
// statement in flight when the runner calls connection.cancel_query());
// 42501 as PermissionDenied; anything else as the pqxx exception.
#include "anomalies/AnomalyOptions.h"
#include "core/Progress.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <pqxx/connection>
#include <pqxx/transaction_base>

namespace ecomops::anomalies {

struct ProductFlags {
    QString productId;
    qint64 newFlags = 0;
};

struct BaselineReport {
    qint64 products = 0;            // baselines computed now
    qint64 productsWithHistory = 0; // of those, with at least minHistory lines
    qint64 lines = 0;               // lines measured
    qint64 resolvedLinesExcluded = 0;
    qint64 removed = 0; // baselines dropped (no line left to measure)
    qint64 elapsedMs = 0;
};

struct DetectionReport {
    bool skipped = false; // options.enabled was false
    BaselineReport baselines;
    qint64 newFlags = 0;
    QList<ProductFlags> products; // products with new flags, most flags first
    qint64 elapsedMs = 0;

    QStringList productIds() const;
    // "3 new anomaly flags on 2 products: SKU-000012 (2), SKU-000200 (1)" —
    // for the run summary, the log and a desktop notification.
    QString summary(int maxProducts = 10) const;
};

// Computes the baselines (all of them, or the stale ones when
// options.baselineMaxAgeDays > 0) and raises flags for the lines above their
// product's threshold that have none yet. runId is recorded on the new flags
// (0 = none). Consoles are notified (channel ecomops_anomaly) at commit.
// Logs the baselines step to the observer and reports table "anomaly_flag"
// (read = loaded = new flags); the summary line is the caller's to log.
DetectionReport detect(pqxx::transaction_base &tx, qint64 runId, const AnomalyOptions &options,
                       StageObserver &observer);

// Recomputes every product's baseline now (what a monthly job does, and
// what shows a band narrowing after triage), in the caller's transaction.
BaselineReport refreshBaselines(pqxx::transaction_base &tx, const AnomalyOptions &options, qint64 runId = 0);
// The same in its own committed transaction; 42501 → PermissionDenied.
BaselineReport refreshBaselines(pqxx::connection &conn, const AnomalyOptions &options);

} // namespace ecomops::anomalies

Q_DECLARE_METATYPE(ecomops::anomalies::DetectionReport)

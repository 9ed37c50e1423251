#pragma once
// What other detector settings would do, before a steward saves them: "with
// these settings the last run would have raised N flags (now M)". Computed
// in PostgreSQL by ops.preview_anomaly_flags, the same baselines and
// thresholds a run computes, on the warehouse as it is now; nothing is
// written.
//
// N counts the lines the settings flag that either have no flag yet or were
// flagged by the last run: what that run would have raised with these
// settings (flags of earlier runs, whatever their status, stay raised, so a
// false positive is never counted again). M is what it did raise. The last
// run is the newest succeeded run. Blocking: call off the GUI thread.
#include "anomalies/AnomalyOptions.h"

#include <QMetaType>
#include <QString>

#include <pqxx/connection>

namespace ecomops::anomalies {

struct SettingsPreview {
    qint64 lastRunId = 0;  // 0: no run has succeeded yet
    qint64 wouldRaise = 0; // N
    qint64 raised = 0;     // M: flags the last run raised
};

SettingsPreview previewSettings(pqxx::connection &connection, const AnomalyOptions &options);
// On a connection of its own.
SettingsPreview previewSettings(const QString &conninfo, const AnomalyOptions &options);

} // namespace ecomops::anomalies

Q_DECLARE_METATYPE(ecomops::anomalies::SettingsPreview)

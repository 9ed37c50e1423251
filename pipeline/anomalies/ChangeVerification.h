#pragma once
// Anyone connected can NOTIFY on the console's channel (pg_notify and NOTIFY
// need no privilege), so a notification's payload is only a claim. The
// listener collects claims for a quarter of a second (AnomalyListener);
// verifyClaims() then keeps only those the database backs:
//   * a triage claim (flag, version) counts when ops.anomaly_event holds
//     that flag's change to that version: only ops.triage_anomaly (SECURITY
//     DEFINER) writes that table, and who/what/when are read from the row,
//     never from the payload;
//   * a detection claim counts when there are flags newer than the newest
//     the console has seen (whatever run the payload names): only
//     ops.flag_anomalies writes ops.anomaly_flag, and "newer" stops a
//     replayed old payload.
// Why not a signature: whatever secret the functions could sign with, a
// role that can read it could forge with it, and every console role would
// need to read it to check. The rows themselves are the proof, and reading
// them is what a reload does anyway.
#include "anomalies/AnomalyChange.h"

#include <QList>

#include <pqxx/connection>

namespace ecomops::anomalies {

struct VerifiedChanges {
    QList<AnomalyChange> triage; // real status changes, grouped by who/what/when
    qint64 detectedFlags = 0;    // flags newer than the mark (when detection was claimed)
    qint64 newestFlagId = 0;     // the mark for the next verification
    bool overflow = false;       // some claims were not checked: reload everything

    bool isEmpty() const { return triage.isEmpty() && detectedFlags == 0; }
};

// The newest flag id (0 when none): the mark a console starts from.
qint64 newestFlagId(pqxx::connection &connection);

// Throws AnomalyError (PermissionDenied for a role that may not read flags).
VerifiedChanges verifyClaims(pqxx::connection &connection, const AnomalyClaims &claims, qint64 flagsSeenUpTo);

} // namespace ecomops::anomalies

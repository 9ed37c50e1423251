#pragma once
// The Anomalies workspace's reads and writes, like the other workspaces'
// queries: a connection string in, plain structs out, one connection of its
// own per call. Blocking: call from a worker thread (the console's job
// tracker). Failures throw (AnomalyError in words where the anomaly API
// knows them; PermissionDenied names the role needed).
#include "anomalies/ChangeVerification.h"
#include "anomalies/FlagQueries.h"
#include "anomalies/Roles.h"
#include "anomalies/Triage.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace ecomops::queries {

struct FlagPage {
    QList<anomalies::FlagRow> rows;
    qint64 total = -1;                          // counted by firstFlagPage only
    QMap<anomalies::FlagStatus, qint64> counts; // per status, for the filter without its statuses
};

// The first `limit` flags, the total and the counts per status.
FlagPage firstFlagPage(const QString &conninfo, const anomalies::FlagFilter &filter, const anomalies::FlagSort &sort,
                       int limit);
// More flags for a list that has `offset` of them.
QList<anomalies::FlagRow> flagPage(const QString &conninfo, const anomalies::FlagFilter &filter,
                                   const anomalies::FlagSort &sort, qint64 offset, int limit);
// These flags as they are now (whatever the filter), and the filter's counts.
FlagPage refreshedFlags(const QString &conninfo, const QList<qint64> &flagIds, const anomalies::FlagFilter &filter,
                        const anomalies::FlagSort &sort);
// Nothing when the flag no longer exists.
std::optional<anomalies::FlagDetail> flagDetail(const QString &conninfo, qint64 flagId);

// Every flag the filter selects, in its order, as CSV at `path`; returns how many.
qint64 exportFlags(const QString &conninfo, const anomalies::FlagFilter &filter, const anomalies::FlagSort &sort,
                   const QString &path);

// The request as it is. A failure to connect throws.
anomalies::TriageResult triageFlags(const QString &conninfo, const anomalies::TriageRequest &request);
// The request's flags and every New flag of `productIds` the request's
// status may follow, each at the version read just before, in one call of
// ops.triage_anomaly: all change with their audit rows, or none does.
anomalies::TriageResult triageProducts(const QString &conninfo, anomalies::TriageRequest request,
                                       const QStringList &productIds);

anomalies::RoleInfo currentRoles(const QString &conninfo);
qint64 newestFlagId(const QString &conninfo);
anomalies::VerifiedChanges verifyClaims(const QString &conninfo, const anomalies::AnomalyClaims &claims,
                                        qint64 flagsSeenUpTo);

// Who last changed a flag, as a list shows it: the console user, else the
// database role; empty while it was never triaged.
QString changedBy(const anomalies::FlagRow &flag);

} // namespace ecomops::queries

#pragma once
// The triage statuses of a flag and the workflow between them. The database
// (ops.anomaly_transition_allowed) is the authority; this copy lets a
// console enable only the actions that can succeed.
//
//   NEW → REVIEWED → RESOLVED; FALSE_POSITIVE from NEW or REVIEWED;
//   RESOLVED and FALSE_POSITIVE reopen to NEW or REVIEWED.
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace ecomops::anomalies {

enum class FlagStatus { New, Reviewed, Resolved, FalsePositive };

QString statusName(FlagStatus status); // "NEW", "REVIEWED", "RESOLVED", "FALSE_POSITIVE"
std::optional<FlagStatus> flagStatusFromString(const QString &text);
const QList<FlagStatus> &allFlagStatuses();

bool transitionAllowed(FlagStatus from, FlagStatus to);
QList<FlagStatus> allowedTargets(FlagStatus from);
// Leaving RESOLVED or FALSE_POSITIVE is a reopen.
bool isReopen(FlagStatus from, FlagStatus to);

} // namespace ecomops::anomalies

Q_DECLARE_METATYPE(ecomops::anomalies::FlagStatus)

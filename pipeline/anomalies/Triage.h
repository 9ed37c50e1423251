#pragma once
// Changing flags' status: a typed wrapper around ops.triage_anomaly, the one
// database function every client goes through (0031_anomaly_triage.sql).
// Blocking; a console calls it off its GUI thread, on its own connection.
#include "anomalies/Status.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <pqxx/connection>

namespace ecomops::anomalies {

// SQLSTATEs raised by ops.triage_anomaly.
inline constexpr const char *kConflictState = "EA409";
inline constexpr const char *kInvalidTransitionState = "EA422";
inline constexpr const char *kFlagNotFoundState = "EA404";
inline constexpr const char *kInvalidArgumentState = "EA400";

struct FlagVersion {
    qint64 flagId = 0;
    int expectedVersion = 0; // the version the user saw
};

struct TriageRequest {
    QList<FlagVersion> flags; // one or many: all change, or none
    FlagStatus newStatus = FlagStatus::Reviewed;
    QString note;        // stored exactly; may be empty
    QString consoleUser; // who sits at the console (the OS or console login)
};

struct ChangedFlag {
    qint64 flagId = 0;
    FlagStatus from = FlagStatus::New;
    FlagStatus to = FlagStatus::New;
    int version = 0; // the flag's new version
    qint64 eventId = 0;
    QDateTime at;
};

// Someone changed a flag after the user saw it.
struct TriageConflict {
    qint64 flagId = 0;
    QString changedBy;                   // their database role
    QString consoleUser;                 // their console user name
    FlagStatus status = FlagStatus::New; // what they changed it to
    int version = 0;                     // its version now
    int expectedVersion = 0;             // the version the request carried
    QDateTime at;
};

struct TriageResult {
    enum class Kind {
        Ok,
        Conflict,          // conflict says who changed which flag, to what, when
        InvalidTransition, // the workflow does not allow it for flagId's status
        NotFound,          // flagId does not exist
        NotAllowed,        // the role may not triage (42501)
        Invalid,           // a malformed request (no flags, a flag twice, a NUL in the note)
        Failed,            // anything else (connection lost, …)
    };
    Kind kind = Kind::Failed;
    QString message;            // in words, for the user
    QString detail;             // the database's own text
    QList<ChangedFlag> changed; // Ok: every flag, in flag id order
    TriageConflict conflict;    // Conflict
    qint64 flagId = 0;          // the flag a Conflict / InvalidTransition / NotFound is about

    bool ok() const { return kind == Kind::Ok; }
};
QString kindName(TriageResult::Kind kind);

// One transaction: every listed flag changes, or none does.
TriageResult triage(pqxx::connection &conn, const TriageRequest &request);

} // namespace ecomops::anomalies

Q_DECLARE_METATYPE(ecomops::anomalies::TriageResult)

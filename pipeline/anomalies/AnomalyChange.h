#pragma once
// What a notification on the console's channel says (AnomalyChange), and
// the claims a burst of them makes (AnomalyClaims), to be checked against
// the database by verifyClaims() (ChangeVerification.h) before a console
// acts on them.
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace ecomops::anomalies {

inline constexpr const char *kAnomalyChannel = "ecomops_anomaly";

struct AnomalyChange {
    enum class Kind { Triage, Detected, Unknown };
    Kind kind = Kind::Unknown;
    QList<qint64> flagIds; // Triage: the flags changed (one notification per ≤400 flags)
    QList<int> versions;   // their new versions, parallel to flagIds
    QString status;        // Triage: the new status
    QString dbRole;        // Triage: who
    QString consoleUser;
    QDateTime at;
    qint64 runId = 0;    // Detected: the run (0 when none)
    qint64 newFlags = 0; // Detected: how many
    int senderPid = 0;   // the backend that sent it
    QString payload;     // as received

    static AnomalyChange fromPayload(const QString &payload, int senderPid);
};

struct AnomalyClaims {
    // A bound on the flags a burst may claim; beyond it claims are dropped
    // and `overflow` set (a console that verifies any claim then reloads all).
    static constexpr qsizetype kMaxFlags = 5000;

    QList<qint64> flagIds; // triage: parallel to versions
    QList<int> versions;
    bool detection = false; // some payload said a run raised flags (which run does not matter)
    bool overflow = false;

    bool isEmpty() const { return flagIds.isEmpty() && !detection; }
    void add(const AnomalyChange &change); // from an unverified payload
    void merge(const AnomalyClaims &other);
};

} // namespace ecomops::anomalies

Q_DECLARE_METATYPE(ecomops::anomalies::AnomalyChange)
Q_DECLARE_METATYPE(ecomops::anomalies::AnomalyClaims)

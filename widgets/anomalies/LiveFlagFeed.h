#pragma once
// Live changes for the Anomalies workspace, believed only once checked: the
// listener's quarter-second bursts of claims (AnomalyListener) are verified
// against the database on a worker thread (queries::verifyClaims, one check
// at a time; claims arriving meanwhile wait for the next), and only what the
// database backs, and was not delivered before, comes out as verified().
// A console flooded with forged notifications therefore runs at most four
// small checks a second and reloads nothing.
//
// The listener connects, and reconnects, on a thread of its own: an
// unreachable server keeps that thread waiting, never the window.
#include "anomalies/AnomalyListener.h"
#include "anomalies/ChangeVerification.h"
#include "common/JobTracker.h"

#include <QObject>
#include <QPair>
#include <QSet>
#include <QString>

class QThread;

namespace ecomops::widgets {

class LiveFlagFeed : public QObject
{
    Q_OBJECT
public:
    using Phase = anomalies::AnomalyListener::Phase;

    explicit LiveFlagFeed(QString conninfo, QObject *parent = nullptr);
    ~LiveFlagFeed() override;

    // Starts connecting on the listener's thread; phaseChanged() tells how it goes.
    void start();
    bool isListening() const { return m_phase == Phase::Listening; }
    Phase phase() const { return m_phase; }
    QString error() const { return m_error; }
    // Connection attempts that failed so far (a retry counts again).
    int failedAttempts() const { return m_failedAttempts; }

signals:
    void verified(const ecomops::anomalies::VerifiedChanges &changes);
    void reconnected();
    void phaseChanged(ecomops::anomalies::AnomalyListener::Phase phase, const QString &error);

private:
    void onPhase(Phase phase, const QString &error);
    void onClaims(const anomalies::AnomalyClaims &claims);
    void verifyPending();
    void deliver(anomalies::VerifiedChanges changes);

    QString m_conninfo;
    QThread *m_thread;
    anomalies::AnomalyListener *m_listener; // lives on m_thread
    Phase m_phase = Phase::Waiting;
    QString m_error;
    int m_failedAttempts = 0;
    JobTracker m_markJob{this};
    JobTracker m_verifyJob{this, JobTracker::Keep::Every};
    anomalies::AnomalyClaims m_pending;
    bool m_verifying = false;
    qint64 m_flagMark = -1;               // newest flag id already shown; -1 until read
    QSet<QPair<qint64, int>> m_delivered; // (flag, version) changes already passed on
};

} // namespace ecomops::widgets

Q_DECLARE_METATYPE(ecomops::anomalies::VerifiedChanges)

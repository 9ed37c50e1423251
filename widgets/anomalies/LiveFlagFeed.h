#pragma once
// Live changes for the Anomalies workspace, believed only once checked: the
// listener's quarter-second bursts of claims (AnomalyListener) are verified
// against the database on a worker thread (verifyClaims, one check at a
// time; claims arriving meanwhile wait for the next), and only what the
// database backs, and was not delivered before, comes out as verified().
// A console flooded with forged notifications therefore runs at most four
// small checks a second and reloads nothing.
#include "anomalies/ChangeVerification.h"

#include <QObject>
#include <QPair>
#include <QSet>
#include <QString>

namespace ecomops::anomalies {
class AnomalyListener;
}

namespace ecomops::widgets {

class LiveFlagFeed : public QObject
{
    Q_OBJECT
public:
    explicit LiveFlagFeed(QString conninfo, QObject *parent = nullptr);

    bool start(); // false (error() says why) when it cannot listen yet; it keeps trying
    bool isListening() const;
    QString error() const;

signals:
    void verified(const ecomops::anomalies::VerifiedChanges &changes);
    void reconnected();

private:
    void onClaims(const anomalies::AnomalyClaims &claims);
    void verifyPending();
    void deliver(anomalies::VerifiedChanges changes);

    QString m_conninfo;
    anomalies::AnomalyListener *m_listener;
    anomalies::AnomalyClaims m_pending;
    bool m_verifying = false;
    qint64 m_flagMark = -1;               // newest flag id already shown; -1 until read
    QSet<QPair<qint64, int>> m_delivered; // (flag, version) changes already passed on
};

} // namespace ecomops::widgets

Q_DECLARE_METATYPE(ecomops::anomalies::VerifiedChanges)

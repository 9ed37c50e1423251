#pragma once
// Live changes to anomaly flags: LISTEN on channel "ecomops_anomaly" over a
// connection of its own, its libpq socket watched by a QSocketNotifier in
// the owner thread's event loop (no polling thread). A triage change
// (ops.triage_anomaly) or a run that raised flags (ops.flag_anomalies) is
// heard once its transaction commits.
//
// Any role may notify on the channel, so payloads are claims, not facts:
// what arrives within a quarter of a second is gathered into one
// AnomalyClaims and emitted as claimsReady() when a single-shot timer fires,
// so a burst of any size costs a console at most one check (and reload) per
// quarter second. A payload that claims nothing checkable is dropped here;
// the rest must pass verifyClaims() (ChangeVerification.h) before a console
// believes them.
//
// When the connection is lost (server restart, backend terminated) it emits
// connectionLost(), reconnects with backoff (250 ms doubling to 5 s),
// LISTENs again and emits reconnected(): notifications sent meanwhile are
// lost, so a console reloads what it shows on reconnected().
//
// Connecting blocks (up to the server's reply or connect_timeout), so a
// console runs the listener on a thread of its own (LiveFlagFeed) and follows
// phaseChanged(); start() and stop() then run on that thread.
#include "anomalies/AnomalyChange.h"

#include <QObject>
#include <QString>

#include <memory>

class QTimer;

namespace ecomops::anomalies {

class AnomalyListener : public QObject
{
    Q_OBJECT
public:
    explicit AnomalyListener(QString conninfo, QObject *parent = nullptr);
    ~AnomalyListener() override;

    // Connects and LISTENs; false (and error() says why) when it could not,
    // in which case it keeps retrying in the background.
    bool start();
    void stop();
    bool isListening() const;
    QString error() const { return m_error; }
    int backendPid() const; // of the listening connection, 0 when not connected

    static constexpr int kCoalesceMs = 250;

    enum class Phase {
        Connecting, // an attempt is under way
        Listening,
        Waiting, // not connected; the next attempt is scheduled (error says why)
    };
    Q_ENUM(Phase)

signals:
    void phaseChanged(ecomops::anomalies::AnomalyListener::Phase phase, const QString &error);
    void claimsReady(const ecomops::anomalies::AnomalyClaims &claims);
    void connectionLost(const QString &error);
    void reconnected();

private:
    class Receiver;
    struct State;
    bool connectAndListen();
    void onReadable();
    void flushPending();
    void dropConnection(const QString &error);
    void scheduleReconnect();

    QString m_conninfo;
    QString m_error;
    std::unique_ptr<State> m_state;
    QTimer *m_retryTimer;
    QTimer *m_coalesceTimer;
    AnomalyClaims m_claims;
    bool m_running = false;
    int m_retryDelayMs = 250;
};

} // namespace ecomops::anomalies

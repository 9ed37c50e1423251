#pragma once
// Live changes to anomaly flags: LISTEN on channel "ecomops_anomaly" over a
// connection of its own, its libpq socket watched by a QSocketNotifier in
// the owner thread's event loop (no polling thread). A triage change
// (ops.triage_anomaly) or a run that raised flags (ops.flag_anomalies)
// arrives as changed() once its transaction commits.
//
// When the connection is lost (server restart, backend terminated) it emits
// connectionLost(), reconnects with backoff (250 ms doubling to 5 s),
// LISTENs again and emits reconnected(): notifications sent meanwhile are
// lost, so a console reloads what it shows on reconnected().
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

class QTimer;

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

signals:
    void changed(const ecomops::anomalies::AnomalyChange &change);
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
    bool m_running = false;
    int m_retryDelayMs = 250;
};

} // namespace ecomops::anomalies

Q_DECLARE_METATYPE(ecomops::anomalies::AnomalyChange)

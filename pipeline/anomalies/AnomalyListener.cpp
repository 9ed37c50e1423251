#include "anomalies/AnomalyListener.h"

#include "anomalies/AnomalyError.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimer>

#include <pqxx/pqxx>

#include <utility>
#include <vector>

namespace ecomops::anomalies {

namespace {

constexpr int kFirstRetryMs = 250;
constexpr int kMaxRetryMs = 5000;

} // namespace

// Collects what get_notifs() delivers; the listener emits after it returns,
// so a slot may safely stop or delete the listener.
class AnomalyListener::Receiver : public pqxx::notification_receiver
{
public:
    Receiver(pqxx::connection_base &conn, std::vector<std::pair<QString, int>> &pending)
        : pqxx::notification_receiver(conn, kAnomalyChannel), m_pending(pending)
    {
    }
    void operator()(const std::string &payload, int backendPid) override
    {
        m_pending.emplace_back(QString::fromStdString(payload), backendPid);
    }

private:
    std::vector<std::pair<QString, int>> &m_pending;
};

struct AnomalyListener::State {
    // Destroyed in reverse order: the notifier before the receiver before the connection.
    std::unique_ptr<pqxx::connection> conn;
    std::unique_ptr<Receiver> receiver;
    std::unique_ptr<QSocketNotifier> notifier;
    std::vector<std::pair<QString, int>> pending;
};

AnomalyListener::AnomalyListener(QString conninfo, QObject *parent)
    : QObject(parent), m_conninfo(std::move(conninfo)), m_retryTimer(new QTimer(this)),
      m_coalesceTimer(new QTimer(this))
{
    m_coalesceTimer->setSingleShot(true);
    m_coalesceTimer->setInterval(kCoalesceMs);
    connect(m_coalesceTimer, &QTimer::timeout, this, [this] {
        AnomalyClaims claims;
        std::swap(claims, m_claims);
        if (!claims.isEmpty())
            emit claimsReady(claims);
    });
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, [this] {
        if (!m_running)
            return;
        if (connectAndListen()) {
            m_retryDelayMs = kFirstRetryMs;
            qCInfo(lcAnomalies) << "anomaly listener reconnected";
            emit reconnected();
        } else {
            m_retryDelayMs = std::min(m_retryDelayMs * 2, kMaxRetryMs);
            scheduleReconnect();
        }
    });
}

AnomalyListener::~AnomalyListener()
{
    stop();
}

bool AnomalyListener::start()
{
    m_running = true;
    m_retryDelayMs = kFirstRetryMs;
    if (isListening())
        return true;
    if (connectAndListen())
        return true;
    scheduleReconnect();
    return false;
}

void AnomalyListener::stop()
{
    m_running = false;
    m_retryTimer->stop();
    m_coalesceTimer->stop();
    m_claims = {};
    m_state.reset();
}

bool AnomalyListener::isListening() const
{
    return m_state && m_state->conn && m_state->conn->is_open();
}

int AnomalyListener::backendPid() const
{
    return isListening() ? m_state->conn->backendpid() : 0;
}

bool AnomalyListener::connectAndListen()
{
    m_state.reset();
    emit phaseChanged(Phase::Connecting, m_error);
    auto state = std::make_unique<State>();
    try {
        state->conn = std::make_unique<pqxx::connection>(m_conninfo.toStdString());
        state->receiver = std::make_unique<Receiver>(*state->conn, state->pending); // runs LISTEN
        // Anything that arrived with LISTEN's reply sits in libpq's buffer,
        // where the socket notifier would never see it.
        state->conn->get_notifs();
    } catch (const std::exception &e) {
        m_error = QString::fromUtf8(e.what()).trimmed();
        qCWarning(lcAnomalies) << "anomaly listener could not connect:" << m_error;
        emit phaseChanged(Phase::Waiting, m_error);
        return false;
    }
    state->notifier = std::make_unique<QSocketNotifier>(state->conn->sock(), QSocketNotifier::Read);
    connect(state->notifier.get(), &QSocketNotifier::activated, this, &AnomalyListener::onReadable);
    m_state = std::move(state);
    m_error.clear();
    emit phaseChanged(Phase::Listening, {});
    flushPending();
    return true;
}

void AnomalyListener::onReadable()
{
    if (!m_state)
        return;
    m_state->notifier->setEnabled(false);
    try {
        m_state->conn->get_notifs();
        // libpq marks the connection bad at end of file, and then get_notifs()
        // quietly returns 0: without this check the notifier would spin.
        if (!m_state->conn->is_open())
            throw pqxx::broken_connection("the server closed the listening connection");
    } catch (const std::exception &e) {
        flushPending();
        dropConnection(QString::fromUtf8(e.what()).trimmed());
        return;
    }
    m_state->notifier->setEnabled(true);
    flushPending();
}

void AnomalyListener::flushPending()
{
    if (!m_state || m_state->pending.empty())
        return;
    std::vector<std::pair<QString, int>> pending;
    pending.swap(m_state->pending);
    const AnomalyClaims before = m_claims;
    for (const auto &[payload, pid] : pending)
        m_claims.add(AnomalyChange::fromPayload(payload, pid));
    if (m_claims.flagIds.size() == before.flagIds.size() && m_claims.detection == before.detection &&
        m_claims.overflow == before.overflow) {
        qCDebug(lcAnomalies) << "ignored" << pending.size() << "notification(s) that claim nothing new";
        return;
    }
    // The first claim starts the window; later ones join it.
    if (!m_coalesceTimer->isActive())
        m_coalesceTimer->start();
}

void AnomalyListener::dropConnection(const QString &error)
{
    m_state.reset();
    m_error = QCoreApplication::translate("anomalies", "The live-update connection to the database was lost (%1); "
                                                       "reconnecting.")
                  .arg(error);
    qCWarning(lcAnomalies) << "anomaly listener lost its connection:" << error;
    emit connectionLost(m_error);
    emit phaseChanged(Phase::Waiting, m_error);
    if (m_running)
        scheduleReconnect();
}

void AnomalyListener::scheduleReconnect()
{
    if (m_running && !m_retryTimer->isActive())
        m_retryTimer->start(m_retryDelayMs);
}

} // namespace ecomops::anomalies

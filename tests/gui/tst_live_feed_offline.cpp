// The live-update feed pointed at a server that never answers: a TCP port
// that accepts connections (the kernel's backlog) and says nothing, so each
// connection attempt blocks until libpq's connect_timeout. The feed connects
// and reconnects on its own thread, so the GUI thread keeps processing its
// events throughout. Checked by counting the GUI thread's timer events while
// the feed reports an attempt under way (an attempt on the GUI thread would
// leave that count at zero), never by how long anything took.
#include "GuiTest.h"

#include "anomalies/LiveFlagFeed.h"

#include <QSignalSpy>
#include <QTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace ecomops;
using widgets::LiveFlagFeed;

namespace {

// A listening socket nobody accepts on: connects succeed, nothing is ever read or written.
class SilentServer
{
public:
    SilentServer()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), length) != 0 || ::listen(m_fd, 16) != 0 ||
            ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
            return;
        m_port = ntohs(address.sin_port);
    }
    ~SilentServer() { close(); }
    void close()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

} // namespace

class TestLiveFeedOffline : public QObject
{
    Q_OBJECT

private slots:
    void unreachableServerNeverBlocksTheGuiThread();
};

void TestLiveFeedOffline::unreachableServerNeverBlocksTheGuiThread()
{
    SilentServer server;
    QVERIFY(server.port() > 0);
    const QString conninfo =
        QStringLiteral("host=127.0.0.1 port=%1 dbname=nobody user=nobody connect_timeout=2").arg(server.port());

    int ticks = 0;
    int ticksWhileConnecting = 0;
    QTimer ticker;
    ticker.setInterval(10);
    auto feed = std::make_unique<LiveFlagFeed>(conninfo);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        ++ticks;
        if (feed && feed->phase() == LiveFlagFeed::Phase::Connecting)
            ++ticksWhileConnecting;
    });
    QSignalSpy phases(feed.get(), &LiveFlagFeed::phaseChanged);
    ticker.start();
    feed->start();
    QCOMPARE(feed->phase(), LiveFlagFeed::Phase::Connecting); // asked, not waited for

    // Two attempts, each held by the silent server until connect_timeout.
    QTRY_VERIFY_WITH_TIMEOUT(feed->failedAttempts() >= 2, 60000);
    qInfo("%d GUI timer events in all, %d while an attempt was under way; %lld phase changes; last error: %s", ticks,
          ticksWhileConnecting, static_cast<long long>(phases.size()), qPrintable(feed->error()));
    QVERIFY(!feed->isListening());
    QVERIFY(!feed->error().isEmpty());
    QVERIFY2(ticksWhileConnecting >= 20, qPrintable(QString::number(ticksWhileConnecting)));

    // Let the attempt in flight end at once, then go: the feed's thread ends by itself.
    server.close();
    const int failed = feed->failedAttempts();
    QTRY_VERIFY_WITH_TIMEOUT(feed->failedAttempts() > failed, 60000);
    feed.reset();
}

ECOMOPS_GUI_TEST_MAIN(TestLiveFeedOffline, "tst_live_feed_offline")
#include "tst_live_feed_offline.moc"

#pragma once
// Shared by the Runs workspace suites: a main window connected to a fresh
// test database, and a probe that measures how long the GUI thread is kept
// from running its timers.
#include "GuiTest.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "connection/ConnectionController.h"
#include "runs/RunsPage.h"

#include <QElapsedTimer>
#include <QTimer>

#include <ctime>

namespace ecomops::test {

// Shows `window` at a screenshot-friendly size, connected (server mode) to
// `database`, on the Runs workspace. QVERIFY-style: check QTest::currentTestFailed().
inline void connectWindow(widgets::MainWindow &window, const TestDatabase &database)
{
    db::ConnectionProfile profile;
    profile.mode = db::ConnectionProfile::Mode::Server;
    profile.conninfo = database.conninfo();
    window.connection()->setProfile(profile);
    window.resize(1440, 900);
    window.setCurrentWorkspace(widgets::Workspace::Runs);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QApplication::setActiveWindow(&window);
    window.connection()->connectToDatabase();
    QTRY_VERIFY_WITH_TIMEOUT(window.connection()->isConnected(), 30000);
}

// A dark desktop theme (Qt derives the other roles from the button colour),
// to check that colours follow the palette.
inline QPalette darkPalette()
{
    QPalette p(QColor(0x2b, 0x2c, 0x30));
    p.setColor(QPalette::Base, QColor(0x1f, 0x20, 0x23));
    p.setColor(QPalette::AlternateBase, QColor(0x27, 0x28, 0x2c));
    p.setColor(QPalette::Highlight, QColor(0x3b, 0x82, 0xf6));
    return p;
}

inline widgets::RunsPage *runsPage(const widgets::MainWindow &window)
{
    return static_cast<widgets::RunsPage *>(window.workspacePage(widgets::Workspace::Runs));
}

// A main window on the Runs workspace, connected to a fresh database of its
// own. After open(), check QTest::currentTestFailed().
struct RunsWindow {
    TestDatabase database;
    widgets::MainWindow window;
    widgets::RunsPage *page = nullptr;

    void open()
    {
        ECOMOPS_REQUIRE_DB(database);
        connectWindow(window, database);
        page = runsPage(window);
    }
};

// Replaces a field's text the way a user does: focus, select all, type.
inline void typeInto(QWidget *field, const QString &text)
{
    field->setFocus(Qt::TabFocusReason);
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, text);
}

// A 10 ms timer on the GUI thread that records how late it fires: the
// longest lateness is the longest the event loop was blocked.
class LatenessProbe : public QObject
{
public:
    static constexpr int kIntervalMs = 10;

    LatenessProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(kIntervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const qint64 cpu = threadCpuNs();
            const qint64 late = now - m_last - qint64(kIntervalMs) * 1000000;
            if (late > m_worstNs) {
                m_worstNs = late;
                m_worstAtMs = now / 1000000;
                m_worstCpuNs = cpu - m_lastCpu;
            }
            m_lastCpu = cpu;
            if (late > 30 * 1000000)
                ++m_over30;
            m_last = now;
            ++m_ticks;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_lastCpu = threadCpuNs();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    // After something the test itself does on the GUI thread (a screenshot):
    // that time is not the product's.
    void skip() { m_last = m_clock.nsecsElapsed(); }
    double worstMs() const { return double(m_worstNs) / 1e6; }
    // CPU time the GUI thread itself used in that longest interval: what our
    // code cost, as opposed to waiting for a core on a loaded machine.
    double worstCpuMs() const { return double(m_worstCpuNs) / 1e6; }
    int ticks() const { return m_ticks; }
    qint64 worstAtMs() const { return m_worstAtMs; } // since start()
    int ticksLaterThan30Ms() const { return m_over30; }

private:
    static qint64 threadCpuNs()
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_worstNs = 0;
    qint64 m_worstAtMs = 0;
    qint64 m_worstCpuNs = 0;
    qint64 m_lastCpu = 0;
    int m_ticks = 0;
    int m_over30 = 0;
};

} // namespace ecomops::test

#pragma once
// Shared by the Runs workspace suites: a main window connected to a fresh
// test database.
#include "GuiFixtures.h"
#include "GuiTest.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "connection/ConnectionController.h"
#include "runs/RunsPage.h"

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

} // namespace ecomops::test

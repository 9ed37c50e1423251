// The main window offscreen: it connects without blocking, shows where it is
// connected, switches workspaces by shortcut, menu and navigation, and comes
// back the way it was left.
#include "GuiFixtures.h"
#include "GuiTest.h"
#include "TestDatabase.h"

#include "AboutDialog.h"
#include "MainWindow.h"
#include "common/WorkspaceModel.h"
#include "common/WorkspacePage.h"
#include "connection/ConnectionController.h"
#include "connection/ConnectionDialog.h"
#include "connection/ConnectionIndicator.h"
#include "database/EmbeddedCluster.h"
#include "database/Migrator.h"

#include <QAbstractItemModelTester>
#include <QListView>
#include <QSettings>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace ecomops;
using widgets::ConnectionIndicator;
using widgets::MainWindow;
using widgets::Workspace;

namespace {

// Stops a cluster this suite started, whatever the test's outcome.
struct ClusterGuard {
    QString dataDir;
    ~ClusterGuard()
    {
        try {
            db::EmbeddedCluster(dataDir).stop();
        } catch (const std::exception &e) {
            qWarning("could not stop the test cluster: %s", e.what());
        }
    }
};

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void workspaceModelIsSound()
    {
        widgets::WorkspaceModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), widgets::workspaceCount);
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row, 0);
            QVERIFY(!index.data(Qt::DisplayRole).toString().isEmpty());
            QVERIFY(!index.data(Qt::DecorationRole).value<QIcon>().isNull());
            QCOMPARE(index.data(widgets::WorkspaceModel::ShortcutRole).toString(),
                     QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + row)).toString(QKeySequence::NativeText));
        }
        model.paletteChanged();
    }

    void connectsSwitchesAndTakesScreenshots()
    {
        test::TestDatabase database;
        ECOMOPS_REQUIRE_DB(database);

        MainWindow window;
        db::ConnectionProfile profile;
        profile.mode = db::ConnectionProfile::Mode::Server;
        profile.conninfo = database.conninfo();
        window.connection()->setProfile(profile);
        window.resize(1200, 780);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));

        ConnectionIndicator *indicator = window.connectionIndicator();
        QCOMPARE(indicator->state(), ConnectionIndicator::State::Idle);

        // The GUI thread only starts the attempt; the work happens elsewhere:
        // the call returns with the attempt still under way (no wall-clock
        // bound, which a busy machine could break).
        window.connection()->connectToDatabase();
        QVERIFY2(window.connection()->isBusy(), "connectToDatabase() must not wait for the database");
        QCOMPARE(indicator->state(), ConnectionIndicator::State::Connecting);
        QVERIFY(indicator->text().startsWith(QStringLiteral("Connecting")));

        QTRY_COMPARE_WITH_TIMEOUT(indicator->state(), ConnectionIndicator::State::Connected, 20000);
        const db::ServerStatus &status = window.connection()->status();
        const int latest = db::Migrator().latestVersion();
        QVERIFY(latest > 0);
        QCOMPARE(status.schemaVersion, latest);
        QCOMPARE(status.database, database.name());
        QVERIFY(indicator->text().contains(QStringLiteral("schema %1/%1, migrated").arg(latest)));
        QVERIFY(indicator->text().contains(QStringLiteral(" as ") + status.role));
        QVERIFY(!window.connection()->effectiveConninfo().isEmpty());
        QVERIFY(indicator->toolTip().contains(status.serverVersion));

        auto *stack = window.findChild<QStackedWidget *>(QStringLiteral("workspaceStack"));
        auto *navigation = window.findChild<QListView *>(QStringLiteral("workspaceNavigation"));
        QVERIFY(stack && navigation);

        // Ctrl+4 … Ctrl+1: each shortcut shows its page, checks its menu
        // action and selects its row in the navigation.
        for (int i = widgets::workspaceCount - 1; i >= 0; --i) {
            const Workspace workspace = widgets::workspaceAt(i);
            QTest::keyClick(&window, static_cast<Qt::Key>(Qt::Key_1 + i), Qt::ControlModifier);
            QCOMPARE(window.currentWorkspace(), workspace);
            QCOMPARE(stack->currentWidget(), window.workspacePage(workspace));
            QCOMPARE(window.workspacePage(workspace)->workspace(), workspace);
            QVERIFY(window.workspaceAction(workspace)->isChecked());
            QCOMPARE(navigation->currentIndex().row(), i);
            QVERIFY(window.windowTitle().startsWith(widgets::workspaceTitle(workspace)));
            QVERIFY(test::saveScreenshot(&window, QStringLiteral("mainwindow-") + widgets::workspaceKey(workspace)));
        }

        // The View menu's actions and a click in the navigation do the same.
        window.workspaceAction(Workspace::Kpis)->trigger();
        QCOMPARE(stack->currentWidget(), window.workspacePage(Workspace::Kpis));
        const QRect qualityRow = navigation->visualRect(navigation->model()->index(1, 0));
        QTest::mouseClick(navigation->viewport(), Qt::LeftButton, {}, qualityRow.center());
        QCOMPARE(window.currentWorkspace(), Workspace::Quality);
        QCOMPARE(stack->currentWidget(), window.workspacePage(Workspace::Quality));
    }

    void settingsShortcutOpensDialog()
    {
        MainWindow window;
        window.show();
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_Comma, Qt::ControlModifier);
        QVERIFY(window.connectionDialog());
        QVERIFY(QTest::qWaitForWindowExposed(window.connectionDialog()));
        QVERIFY(window.connectionDialog()->isModal() || window.connectionDialog()->windowModality() != Qt::NonModal);
        QVERIFY(test::saveScreenshot(window.connectionDialog(), QStringLiteral("connection-dialog-embedded")));
        window.connectionDialog()->reject();
        QTRY_VERIFY(!window.connectionDialog());
    }

    // The first thing a new user sees: the console's own database, created,
    // started and migrated off the GUI thread.
    void embeddedDatabaseIsConnectedAndMigrated()
    {
        QTemporaryDir tmp(QStringLiteral("/tmp/ecomops-gui-XXXXXX"));
        QVERIFY(tmp.isValid());
        ::chmod(QFile::encodeName(tmp.path()).constData(), 0755); // as root the server runs as "postgres"
        const ClusterGuard guard{tmp.filePath(QStringLiteral("pgdata"))};

        MainWindow window;
        db::ConnectionProfile profile;
        profile.embeddedDataDir = guard.dataDir;
        window.connection()->setProfile(profile);
        window.resize(1200, 780);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.connection()->connectToDatabase();
        QVERIFY(window.connectionIndicator()->text().contains(QStringLiteral("embedded database")));

        QTRY_VERIFY_WITH_TIMEOUT(!window.connection()->isBusy(), 60000);
        const QString shown = window.connectionIndicator()->text();
        QVERIFY2(window.connection()->isConnected(),
                 qPrintable(shown + QLatin1Char(' ') + window.connection()->status().errorDetail));
        QVERIFY2(shown.startsWith(QStringLiteral("Connected to the embedded database as ")), qPrintable(shown));
        QVERIFY2(shown.endsWith(QStringLiteral(", migrated")), qPrintable(shown));
        QCOMPARE(window.connectionIndicator()->state(), ConnectionIndicator::State::Connected);
        QVERIFY(test::saveScreenshot(&window, QStringLiteral("mainwindow-embedded")));
    }

    void followsADarkPalette()
    {
        const QPalette original = QApplication::palette();
        QApplication::setPalette(test::darkPalette());
        {
            MainWindow window;
            window.resize(1200, 780);
            window.setCurrentWorkspace(Workspace::Kpis);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            const QImage shot = window.grab().toImage();
            // The workspace page is dark, not a white sheet in a dark frame.
            QVERIFY(shot.pixelColor(shot.width() - 40, shot.height() / 2).lightness() < 80);
            QVERIFY(test::saveScreenshot(&window, QStringLiteral("mainwindow-dark")));
        }
        QApplication::setPalette(original);
    }

    void aboutBoxNamesVersions()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.showAbout();
        widgets::AboutDialog *about = nullptr;
        QTRY_VERIFY((about = test::findTopLevel<widgets::AboutDialog>()) != nullptr);
        QVERIFY(about->componentsText().contains(QString::fromLatin1(qVersion())));
        QVERIFY(about->componentsText().contains(QStringLiteral("libpq")));
        QVERIFY(test::saveScreenshot(about, QStringLiteral("about")));
        about->close();
    }

    void restoresGeometryAndWorkspace()
    {
        QRect geometry;
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.setGeometry(120, 90, 1010, 690);
            window.setCurrentWorkspace(Workspace::Anomalies);
            geometry = window.geometry();
            QVERIFY(window.close());
        }
        MainWindow reopened;
        QCOMPARE(reopened.currentWorkspace(), Workspace::Anomalies);
        QVERIFY(reopened.workspaceAction(Workspace::Anomalies)->isChecked());
        reopened.show();
        QVERIFY(QTest::qWaitForWindowExposed(&reopened));
        QCOMPARE(reopened.geometry().size(), geometry.size());
        QCOMPARE(reopened.geometry().topLeft(), geometry.topLeft());
    }
};

ECOMOPS_GUI_TEST_MAIN(TestMainWindow, "tst_mainwindow")

#include "tst_mainwindow.moc"

// The connection settings dialog: a password typed into it never reaches a
// settings file or the log, the user is told when there is no keyring, and
// "Test connection" says in words what happened.
#include "GuiTest.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "connection/ConnectionController.h"
#include "connection/ConnectionDialog.h"
#include "connection/ConnectionIndicator.h"
#include "connection/CredentialStore.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMutex>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace ecomops;
using widgets::ConnectionController;
using widgets::ConnectionDialog;

namespace {

const QString secret = QStringLiteral("S3cr3t-Passw0rd-XYZ");

// Every message any part of the program logs, for the secret check.
QMutex logMutex;
QStringList capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        capturedLog << message;
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

// Files under the settings folder and every standard location test mode uses.
QStringList filesThatMayHoldSettings()
{
    QStringList roots{QFileInfo(QSettings().fileName()).absolutePath()};
    for (auto location :
         {QStandardPaths::GenericConfigLocation, QStandardPaths::AppConfigLocation, QStandardPaths::GenericDataLocation,
          QStandardPaths::AppDataLocation, QStandardPaths::GenericCacheLocation, QStandardPaths::CacheLocation})
        roots << QStandardPaths::writableLocation(location);
    QStringList files;
    for (const QString &root : std::as_const(roots)) {
        QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
    }
    files.removeDuplicates();
    return files;
}

template <typename T> T *child(QObject *parent, const char *name)
{
    return parent->findChild<T *>(QString::fromLatin1(name));
}

} // namespace

class TestConnectionDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { previousHandler = qInstallMessageHandler(captureMessage); }

    void cleanupTestCase() { qInstallMessageHandler(previousHandler); }

    void passwordIsNeverWrittenDown()
    {
        auto window = std::make_unique<widgets::MainWindow>();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->showConnectionSettings();
        ConnectionDialog *dialog = window->connectionDialog();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));

        auto *serverRadio = child<QRadioButton>(dialog, "serverRadio");
        QTest::mouseClick(serverRadio, Qt::LeftButton, {}, QPoint(8, serverRadio->height() / 2));
        // Never let this test accept the embedded profile: that would start a
        // cluster in the user's real data location.
        QVERIFY(serverRadio->isChecked());
        auto *password = child<QLineEdit>(dialog, "passwordEdit");
        auto *conninfo = child<QLineEdit>(dialog, "conninfoEdit");
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        password->setFocus();
        QTest::keyClicks(password, secret);
        conninfo->setFocus();
        QTest::keyClicks(conninfo, QStringLiteral("host=127.0.0.1 port=1 dbname=warehouse user=alice password=") +
                                       secret + QStringLiteral(" connect_timeout=3"));
        QVERIFY(child<QCheckBox>(dialog, "rememberCheck")->isChecked());

        QSignalSpy storage(window->connection(), &ConnectionController::passwordStorageFinished);
        QTest::mouseClick(child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QTRY_VERIFY(!window->connectionDialog());

        // The password moved out of the connection string; the profile and
        // everything shown keep only the rest.
        const db::ConnectionProfile profile = window->connection()->profile();
        QCOMPARE(profile.mode, db::ConnectionProfile::Mode::Server);
        QVERIFY(profile.conninfo.contains(QStringLiteral("127.0.0.1")));
        QVERIFY(!profile.conninfo.contains(secret));

        QTRY_COMPARE_WITH_TIMEOUT(storage.count(), 1, 15000);
        const bool stored = storage.at(0).at(0).toBool();
        const QString message = storage.at(0).at(1).toString();
        if (stored) {
            // A keyring is available here: the password went there, and only there.
            widgets::CredentialStore store;
            bool read = false;
            store.readPassword(db::credentialKey(profile.conninfo), this, [&](const widgets::CredentialResult &r) {
                QCOMPARE(r.password, secret);
                read = true;
            });
            QTRY_VERIFY(read);
            store.deletePassword(db::credentialKey(profile.conninfo), this, [](const widgets::CredentialResult &) {});
        } else {
            // No keyring (no D-Bus session under CTest): the user is told, in words.
            QVERIFY2(message.contains(QStringLiteral("No system keyring is available")), qPrintable(message));
            QVERIFY(message.contains(QStringLiteral("this session only and not stored")));
            QMessageBox *box = nullptr;
            QTRY_VERIFY((box = test::findTopLevel<QMessageBox>(QStringLiteral("passwordNotStoredMessage"))));
            QCOMPARE(box->text(), message);
            QVERIFY(test::saveScreenshot(box, QStringLiteral("password-not-stored")));
            box->accept();
            QVERIFY(!window->connection()->rememberPassword());
        }

        // The reconnect that followed used the password and failed (port 1),
        // and reported it without the password.
        QTRY_VERIFY_WITH_TIMEOUT(!window->connection()->isBusy(), 15000);
        QVERIFY(!window->connection()->isConnected());
        QVERIFY(window->connectionIndicator()->text().startsWith(QStringLiteral("Not connected")));
        QVERIFY(!window->connectionIndicator()->text().contains(secret));
        QVERIFY(!window->connectionIndicator()->toolTip().contains(secret));
        QVERIFY(window->close());
        window.reset();

        // A new window reads the profile back, without the password.
        {
            widgets::MainWindow reopened;
            QCOMPARE(reopened.connection()->profile().conninfo, profile.conninfo);
            QVERIFY(reopened.connection()->sessionPasswordFor(profile.conninfo).isEmpty());
        }

        QSettings().sync();
        const QStringList files = filesThatMayHoldSettings();
        QVERIFY2(files.contains(QSettings().fileName()), qPrintable(QSettings().fileName()));
        for (const QString &path : files) {
            QFile file(path);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
            const QByteArray content = file.readAll();
            QVERIFY2(!content.contains(secret.toUtf8()), qPrintable(QStringLiteral("password found in ") + path));
            // All of the UTF-16 bytes: as a C string the pointer would be just "S".
            QVERIFY2(!content.contains(QByteArray(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2)),
                     qPrintable(QStringLiteral("password found (UTF-16) in ") + path));
        }
        QVERIFY(QFile(QSettings().fileName()).open(QIODevice::ReadOnly));

        // Nor anywhere in HOME (a temporary one, see CMakeLists.txt), nor in
        // any process's arguments.
        QVERIFY2(QDir::homePath().contains(QStringLiteral("test-output")), qPrintable(QDir::homePath()));
        QDirIterator home(QDir::homePath(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (home.hasNext()) {
            QFile file(home.next());
            if (file.open(QIODevice::ReadOnly))
                QVERIFY2(!file.readAll().contains(secret.toUtf8()),
                         qPrintable(QStringLiteral("password found in ") + file.fileName()));
        }
        for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
            if (cmdline.open(QIODevice::ReadOnly))
                QVERIFY2(!cmdline.readAll().contains(secret.toUtf8()),
                         qPrintable(QStringLiteral("password in the arguments of ") + pid));
        }

        QMutexLocker lock(&logMutex);
        QVERIFY2(capturedLog.join(QLatin1Char('\n')).contains(QStringLiteral("connecting to")),
                 "the connection log was not captured");
        for (const QString &line : std::as_const(capturedLog))
            QVERIFY2(!line.contains(secret), qPrintable(QStringLiteral("password in the log: ") + line));
    }

    void testConnectionReportsSuccess()
    {
        test::TestDatabase database;
        ECOMOPS_REQUIRE_DB(database);
        ConnectionController controller;
        ConnectionDialog dialog(&controller);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        child<QRadioButton>(&dialog, "serverRadio")->setChecked(true);
        child<QLineEdit>(&dialog, "conninfoEdit")->setText(database.conninfo());

        QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
        auto *testButton = child<QPushButton>(&dialog, "testButton");
        // The click returns with the test still under way: it runs elsewhere.
        QTest::mouseClick(testButton, Qt::LeftButton);
        QVERIFY2(dialog.isTesting() && finished.isEmpty(), "Test connection must not wait on the GUI thread");
        QVERIFY(!testButton->isEnabled());

        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        const auto status = finished.at(0).at(0).value<db::ServerStatus>();
        QVERIFY2(status.connected, qPrintable(status.error + QLatin1Char(' ') + status.errorDetail));
        const QString result = child<QLabel>(&dialog, "testResultLabel")->text();
        QVERIFY2(result.contains(QStringLiteral("Connected")), qPrintable(result));
        QVERIFY(result.contains(status.role.toHtmlEscaped()));
        QVERIFY(result.contains(QStringLiteral("up to date")));
        QVERIFY(testButton->isEnabled());
        QVERIFY(test::saveScreenshot(&dialog, QStringLiteral("connection-dialog-success")));
    }

    void testConnectionReportsFailureInWords_data()
    {
        QTest::addColumn<QString>("conninfo");
        QTest::newRow("nothing listening") << QStringLiteral("host=127.0.0.1 port=1 dbname=x connect_timeout=3");
        QTest::newRow("not a connection string") << QStringLiteral("this is not a connection string");
        QTest::newRow("no such database") << QStringLiteral("dbname=no_such_database_here host=/nonexistent");
    }

    void testConnectionReportsFailureInWords()
    {
        QFETCH(QString, conninfo);
        ConnectionController controller;
        ConnectionDialog dialog(&controller);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        child<QRadioButton>(&dialog, "serverRadio")->setChecked(true);
        child<QLineEdit>(&dialog, "conninfoEdit")->setText(conninfo);

        QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
        QTest::mouseClick(child<QPushButton>(&dialog, "testButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        const auto status = finished.at(0).at(0).value<db::ServerStatus>();
        QVERIFY(!status.connected);
        QVERIFY(!status.error.isEmpty());
        QVERIFY(!status.errorDetail.isEmpty());
        const QString result = child<QLabel>(&dialog, "testResultLabel")->text();
        QVERIFY2(result.contains(status.error.toHtmlEscaped()), qPrintable(result));
        if (QTest::currentDataTag() == QByteArray("nothing listening"))
            QVERIFY(test::saveScreenshot(&dialog, QStringLiteral("connection-dialog-failure")));
    }
};

ECOMOPS_GUI_TEST_MAIN(TestConnectionDialog, "tst_connection_dialog")

#include "tst_connection_dialog.moc"

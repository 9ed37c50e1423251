#include "connection/ConnectionController.h"

#include "common/WidgetsLogging.h"
#include "connection/ConnectionAttempt.h"

#include <QSettings>

namespace ecomops::widgets {

namespace {

const QString groupKey = QStringLiteral("connection");
const QString modeKey = QStringLiteral("mode");
const QString conninfoKey = QStringLiteral("conninfo");
const QString dataDirKey = QStringLiteral("embeddedDataDir");
const QString rememberKey = QStringLiteral("rememberPassword");
const QString embeddedMode = QStringLiteral("embedded");
const QString serverMode = QStringLiteral("server");

bool isServer(const db::ConnectionProfile &profile)
{
    return profile.mode == db::ConnectionProfile::Mode::Server;
}

} // namespace

ConnectionController::ConnectionController(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<db::ServerStatus>();
    loadSettings();
}

ConnectionController::~ConnectionController() = default;

void ConnectionController::loadSettings()
{
    QSettings settings;
    settings.beginGroup(groupKey);
    m_profile.mode = settings.value(modeKey).toString() == serverMode ? db::ConnectionProfile::Mode::Server
                                                                      : db::ConnectionProfile::Mode::Embedded;
    QString strayPassword;
    m_profile.conninfo = db::stripPassword(settings.value(conninfoKey).toString(), &strayPassword);
    m_profile.embeddedDataDir = settings.value(dataDirKey).toString();
    m_rememberPassword = settings.value(rememberKey, false).toBool();
    settings.endGroup();
    if (!strayPassword.isEmpty()) {
        // Written by hand or by something else: take it out of the file.
        qCWarning(lcConsoleConnection) << "removed a password from the saved connection settings";
        m_sessionPassword = strayPassword;
        saveSettings();
    }
}

void ConnectionController::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(groupKey);
    settings.setValue(modeKey, isServer(m_profile) ? serverMode : embeddedMode);
    settings.setValue(conninfoKey, db::stripPassword(m_profile.conninfo));
    settings.setValue(dataDirKey, m_profile.embeddedDataDir);
    settings.setValue(rememberKey, m_rememberPassword);
    settings.endGroup();
}

void ConnectionController::setProfile(const db::ConnectionProfile &profile)
{
    const QString previousKey = credentialKey();
    db::ConnectionProfile clean = profile;
    QString password;
    clean.conninfo = db::stripPassword(profile.conninfo, &password);
    const bool changed = !(clean == m_profile);
    m_profile = clean;
    if (!password.isEmpty())
        m_sessionPassword = password;
    else if (credentialKey() != previousKey)
        m_sessionPassword.clear();
    if (changed)
        emit profileChanged();
}

void ConnectionController::applySettings(const db::ConnectionProfile &profile, const QString &password,
                                         bool rememberPassword)
{
    const bool wasRemembered = m_rememberPassword;
    const QString previousKey = credentialKey();
    setProfile(profile);
    if (!password.isEmpty())
        m_sessionPassword = password;
    m_rememberPassword = rememberPassword;
    saveSettings();

    if (!isServer(m_profile))
        return; // a stored server password stays for when the server is chosen again
    if (m_rememberPassword && !m_sessionPassword.isEmpty()) {
        m_credentials.writePassword(credentialKey(), m_sessionPassword, this, [this](const CredentialResult &result) {
            if (result.ok()) {
                emit passwordStorageFinished(true, tr("The password is stored in the system keyring."));
                return;
            }
            m_rememberPassword = false;
            saveSettings();
            emit passwordStorageFinished(
                false, tr("No system keyring is available (%1); the password will be used for this session only "
                          "and not stored.")
                           .arg(result.error));
        });
    } else if (!m_rememberPassword && wasRemembered && !previousKey.isEmpty()) {
        m_credentials.deletePassword(previousKey, this, [](const CredentialResult &) {});
    }
}

QString ConnectionController::credentialKey() const
{
    return isServer(m_profile) ? db::credentialKey(m_profile.conninfo) : QString();
}

QString ConnectionController::targetDescription() const
{
    if (!isServer(m_profile))
        return tr("the embedded database");
    if (m_profile.conninfo.trimmed().isEmpty())
        return tr("the server named by the PG* environment variables");
    return db::redacted(m_profile.conninfo);
}

QString ConnectionController::sessionPasswordFor(const QString &conninfo) const
{
    if (!isServer(m_profile) || db::credentialKey(conninfo) != credentialKey())
        return {};
    return m_sessionPassword;
}

void ConnectionController::connectToDatabase()
{
    m_attemptJob.drop(); // an attempt under way is for what was asked before
    const quint64 ticket = m_attemptJob.ticket();
    m_status = db::ServerStatus();
    m_effectiveConninfo.clear();
    setBusy(true);
    qCInfo(lcConsoleConnection).noquote() << "connecting to" << targetDescription();

    if (isServer(m_profile) && m_sessionPassword.isEmpty() && m_rememberPassword) {
        m_credentials.readPassword(credentialKey(), this, [this, ticket](const CredentialResult &result) {
            if (!m_attemptJob.isCurrent(ticket))
                return;
            if (result.ok())
                m_sessionPassword = result.password;
            startAttempt();
        });
        return;
    }
    startAttempt();
}

void ConnectionController::startAttempt()
{
    m_attemptJob.run(
        [profile = m_profile, password = m_sessionPassword] { return attemptConnection(profile, password); },
        [this](const ConnectionAttempt &attempt) { finishAttempt(attempt.status, attempt.conninfo); },
        [this](const JobFailure &failure) {
            db::ServerStatus status;
            status.error = failure.message;
            status.errorDetail = failure.detail;
            finishAttempt(status, {});
        });
}

void ConnectionController::finishAttempt(const db::ServerStatus &status, const QString &conninfo)
{
    m_status = status;
    m_effectiveConninfo = conninfo;
    if (status.connected) {
        qCInfo(lcConsoleConnection).noquote()
            << "connected to" << status.server << "database" << status.database << "as" << status.role << "schema"
            << status.schemaVersion << "of" << status.schemaAvailable;
    } else {
        qCWarning(lcConsoleConnection).noquote()
            << "not connected to" << targetDescription() << ':' << status.error << status.errorDetail;
    }
    setBusy(false);
    emit statusChanged(m_status);
}

void ConnectionController::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

} // namespace ecomops::widgets

#pragma once
// Owns the console's connection: the profile (kept in QSettings without any
// password), the password for this session (from the dialog or the system
// keyring, in memory only), and the connection attempts, which run on the
// thread pool while the GUI keeps responding. Later workers take the
// effective connection string from here.
#include "common/JobTracker.h"
#include "connection/CredentialStore.h"
#include "database/ConnectionProfile.h"
#include "database/ServerStatus.h"

#include <QObject>

namespace ecomops::widgets {

class ConnectionController : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionController(QObject *parent = nullptr); // loads the saved profile
    ~ConnectionController() override;

    db::ConnectionProfile profile() const { return m_profile; }
    // Uses `profile` from now on (not saved; see applySettings). A password
    // inside its conninfo is moved to the session password.
    void setProfile(const db::ConnectionProfile &profile);
    bool rememberPassword() const { return m_rememberPassword; }

    // What the settings dialog collected: saves the profile (never a
    // password), keeps `password` for this session and, when asked, stores it
    // in the keyring — or forgets the stored one. passwordStorageFinished()
    // reports the keyring's answer.
    void applySettings(const db::ConnectionProfile &profile, const QString &password, bool rememberPassword);

    bool isBusy() const { return m_busy; }
    bool isConnected() const { return m_status.connected; }
    const db::ServerStatus &status() const { return m_status; }
    // The libpq string of the current connection, password included; empty
    // when not connected. Memory only: never show, log or store it.
    QString effectiveConninfo() const { return m_effectiveConninfo; }
    // Where we connect, safe to show: "the embedded database" or the
    // connection string with any password masked.
    QString targetDescription() const;
    // The session password, if `conninfo` names the same account as the
    // current profile (for "Test connection" in the dialog).
    QString sessionPasswordFor(const QString &conninfo) const;

    const CredentialStore &credentials() const { return m_credentials; }

public slots:
    // (Re)connects with the current profile; a newer call supersedes an
    // older one still running.
    void connectToDatabase();

signals:
    void statusChanged(const ecomops::db::ServerStatus &status);
    void busyChanged(bool busy);
    void profileChanged();
    // stored: the password is in the keyring; otherwise `message` tells the
    // user, in words, why not and that it is kept for this session only.
    void passwordStorageFinished(bool stored, const QString &message);

private:
    void loadSettings();
    void saveSettings() const;
    void startAttempt();
    void finishAttempt(const db::ServerStatus &status, const QString &conninfo);
    void setBusy(bool busy);
    QString credentialKey() const;

    db::ConnectionProfile m_profile;
    bool m_rememberPassword = false;
    QString m_sessionPassword;
    db::ServerStatus m_status;
    QString m_effectiveConninfo;
    bool m_busy = false;
    CredentialStore m_credentials;
    JobTracker m_attemptJob{this};
};

} // namespace ecomops::widgets

#pragma once
// Connection settings: the embedded database or a server, a password that
// goes to the keyring (never to the settings file), and "Test connection",
// which tries the settings off the GUI thread and says what happened.
#include "common/JobTracker.h"
#include "database/ConnectionProfile.h"
#include "database/ServerStatus.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ConnectionDialog;
}

namespace ecomops::widgets {

class ConnectionController;

class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionDialog(ConnectionController *controller, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    // What the form says now, the password moved out of the connection string.
    db::ConnectionProfile profile() const;
    QString password() const;
    bool rememberPassword() const;

    bool isTesting() const { return m_testing; }

public slots:
    void accept() override; // applies the settings to the controller
    void testConnection();

signals:
    void testFinished(const ecomops::db::ServerStatus &status);

private:
    void updateMode();
    enum class Fit { Exactly, GrowOnly };
    void fitHeight(Fit fit);
    void movePasswordOutOfConninfo();
    void browseDataDirectory();
    void showTestResult(const db::ServerStatus &status);
    void finishTest(const db::ServerStatus &status);
    void setTesting(bool testing);

    std::unique_ptr<Ui::ConnectionDialog> m_ui;
    ConnectionController *m_controller;
    JobTracker m_testJob{this};
    bool m_testing = false;
};

} // namespace ecomops::widgets

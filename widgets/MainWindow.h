#pragma once
// The console's window: navigation between the four workspaces, menus and
// shortcuts, the connection indicator, and window state kept in QSettings.
#include "common/Workspace.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QActionGroup;

namespace Ui {
class MainWindow;
}

namespace ecomops::widgets {

class ConnectionController;
class ConnectionDialog;
class ConnectionIndicator;
class WorkspaceModel;
class WorkspacePage;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr); // restores the saved window state
    ~MainWindow() override;

    ConnectionController *connection() const { return m_connection; }
    ConnectionIndicator *connectionIndicator() const { return m_indicator; }
    WorkspaceModel *workspaceModel() const { return m_workspaces; }

    Workspace currentWorkspace() const;
    WorkspacePage *workspacePage(Workspace workspace) const;
    QAction *workspaceAction(Workspace workspace) const;

    // The open settings dialog, if any (it is window-modal, not blocking).
    ConnectionDialog *connectionDialog() const;

public slots:
    void setCurrentWorkspace(ecomops::widgets::Workspace workspace);
    void showConnectionSettings();
    void showAbout();

signals:
    void currentWorkspaceChanged(ecomops::widgets::Workspace workspace);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createWorkspaces();
    void connectActions();
    void showPasswordStorageResult(bool stored, const QString &message);
    void restoreWindowState();
    void saveWindowState() const;
    bool confirmCloseDuringRun(); // false: keep the window open

    std::unique_ptr<Ui::MainWindow> m_ui;
    ConnectionController *m_connection;
    WorkspaceModel *m_workspaces;
    QActionGroup *m_workspaceActions;
    ConnectionIndicator *m_indicator;
    QPointer<ConnectionDialog> m_connectionDialog;
};

} // namespace ecomops::widgets

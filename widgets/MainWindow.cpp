#include "MainWindow.h"

#include "AboutDialog.h"
#include "anomalies/AnomaliesPage.h"
#include "anomalies/FlagFilterBar.h"
#include "common/Icons.h"
#include "common/NavigationSidebar.h"
#include "common/WidgetsLogging.h"
#include "common/WorkspaceModel.h"
#include "connection/ConnectionController.h"
#include "connection/ConnectionDialog.h"
#include "connection/ConnectionIndicator.h"
#include "kpis/KpisPage.h"
#include "quality/QualityPage.h"
#include "runs/RunsPage.h"
#include "ui_MainWindow.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>

namespace ecomops::widgets {

namespace {

const QString geometryKey = QStringLiteral("mainWindow/geometry");
const QString stateKey = QStringLiteral("mainWindow/state");
const QString workspaceSettingsKey = QStringLiteral("mainWindow/workspace");

WorkspacePage *createPage(Workspace workspace, ConnectionController *connection, QWidget *parent)
{
    switch (workspace) {
    case Workspace::Runs:
        return new RunsPage(connection, parent);
    case Workspace::Quality:
        return new QualityPage(connection, parent);
    case Workspace::Anomalies:
        return new AnomaliesPage(connection, parent);
    case Workspace::Kpis:
        return new KpisPage(connection, parent);
    }
    return nullptr;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>()), m_connection(new ConnectionController(this)),
      m_workspaces(new WorkspaceModel(this)), m_workspaceActions(new QActionGroup(this)),
      m_indicator(new ConnectionIndicator(m_connection, this))
{
    m_ui->setupUi(this);
    setWindowIcon(icons::icon(icons::Glyph::App));
    m_ui->statusBar->addWidget(m_indicator, 1);
    m_ui->statusBar->setSizeGripEnabled(false);

    createWorkspaces();
    connectActions();
    restoreWindowState();
}

MainWindow::~MainWindow() = default;

void MainWindow::createWorkspaces()
{
    m_ui->sidebar->setModel(m_workspaces);
    m_workspaceActions->setExclusive(true);
    for (int i = 0; i < workspaceCount; ++i) {
        const Workspace workspace = workspaceAt(i);
        m_ui->workspaceStack->addWidget(createPage(workspace, m_connection, m_ui->workspaceStack));

        QAction *action = m_ui->menuView->addAction(workspaceIcon(workspace), workspaceTitle(workspace));
        action->setObjectName(QStringLiteral("action_") + workspaceKey(workspace));
        action->setShortcut(workspaceShortcut(workspace));
        action->setStatusTip(workspaceSummary(workspace));
        action->setCheckable(true);
        action->setData(i);
        m_workspaceActions->addAction(action);
        connect(action, &QAction::triggered, this, [this, workspace] { setCurrentWorkspace(workspace); });
    }
    // A run that ends changes what every other workspace shows.
    auto *runs = static_cast<RunsPage *>(workspacePage(Workspace::Runs));
    for (int i = 0; i < workspaceCount; ++i)
        if (workspaceAt(i) != Workspace::Runs)
            connect(runs, &RunsPage::runEnded, workspacePage(workspaceAt(i)), &WorkspacePage::warehouseChanged);
    // The history's links to a run's scorecard and to the flags it raised.
    connect(runs, &RunsPage::scorecardRequested, this, [this](qint64 runId) {
        setCurrentWorkspace(Workspace::Quality);
        static_cast<QualityPage *>(workspacePage(Workspace::Quality))->selectRun(runId);
    });
    connect(runs, &RunsPage::flagsRequested, this, [this](qint64 runId) {
        setCurrentWorkspace(Workspace::Anomalies);
        static_cast<AnomaliesPage *>(workspacePage(Workspace::Anomalies))->filterBar()->showRun(runId);
    });
    connect(m_ui->sidebar, &NavigationSidebar::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < workspaceCount)
            setCurrentWorkspace(workspaceAt(row));
    });
}

void MainWindow::connectActions()
{
    m_ui->actionConnectionSettings->setIcon(icons::icon(icons::Glyph::Settings));
    m_ui->actionReconnect->setIcon(icons::icon(icons::Glyph::Reconnect));
    m_ui->actionAbout->setIcon(icons::icon(icons::Glyph::About));
    connect(m_ui->actionConnectionSettings, &QAction::triggered, this, &MainWindow::showConnectionSettings);
    connect(m_ui->actionReconnect, &QAction::triggered, m_connection, &ConnectionController::connectToDatabase);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->actionAboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
    connect(m_indicator, &ConnectionIndicator::clicked, this, &MainWindow::showConnectionSettings);
    connect(m_connection, &ConnectionController::busyChanged, m_ui->actionReconnect, &QAction::setDisabled);
    connect(m_connection, &ConnectionController::passwordStorageFinished, this, &MainWindow::showPasswordStorageResult);
}

Workspace MainWindow::currentWorkspace() const
{
    return workspaceAt(qMax(0, m_ui->workspaceStack->currentIndex()));
}

WorkspacePage *MainWindow::workspacePage(Workspace workspace) const
{
    return static_cast<WorkspacePage *>(m_ui->workspaceStack->widget(indexOf(workspace)));
}

QAction *MainWindow::workspaceAction(Workspace workspace) const
{
    return m_workspaceActions->actions().value(indexOf(workspace));
}

void MainWindow::setCurrentWorkspace(Workspace workspace)
{
    const int index = indexOf(workspace);
    const bool changed = m_ui->workspaceStack->currentIndex() != index;
    m_ui->workspaceStack->setCurrentIndex(index);
    m_ui->sidebar->setCurrentRow(index);
    workspaceAction(workspace)->setChecked(true);
    setWindowTitle(tr("%1 — EcomOps Console").arg(workspaceTitle(workspace)));
    if (changed)
        emit currentWorkspaceChanged(workspace);
}

ConnectionDialog *MainWindow::connectionDialog() const
{
    return m_connectionDialog;
}

void MainWindow::showConnectionSettings()
{
    if (m_connectionDialog) {
        m_connectionDialog->raise();
        m_connectionDialog->activateWindow();
        return;
    }
    m_connectionDialog = new ConnectionDialog(m_connection, this);
    m_connectionDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_connectionDialog, &QDialog::accepted, m_connection, &ConnectionController::connectToDatabase);
    m_connectionDialog->open();
}

void MainWindow::showAbout()
{
    auto *about = new AboutDialog(m_connection->status(), this);
    about->setAttribute(Qt::WA_DeleteOnClose);
    about->open();
}

void MainWindow::showPasswordStorageResult(bool stored, const QString &message)
{
    if (stored)
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Password Not Stored"), message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("passwordNotStoredMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(geometryKey).toByteArray()))
        resize(1180, 760);
    restoreState(settings.value(stateKey).toByteArray());
    const auto saved = workspaceFromKey(settings.value(workspaceSettingsKey).toString());
    setCurrentWorkspace(saved.value_or(Workspace::Runs));
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.setValue(geometryKey, saveGeometry());
    settings.setValue(stateKey, saveState());
    settings.setValue(workspaceSettingsKey, workspaceKey(currentWorkspace()));
    qCDebug(lcConsoleWindow) << "window state saved to" << settings.fileName();
}

bool MainWindow::confirmCloseDuringRun()
{
    auto *runs = static_cast<RunsPage *>(workspacePage(Workspace::Runs));
    if (!runs->hasActiveRun())
        return true;
    QMessageBox box(QMessageBox::Question, tr("A Run Is in Progress"),
                    tr("A pipeline run started from this window has not finished yet."), QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("closeDuringRunMessage"));
    box.setInformativeText(tr("Cancelling undoes the run's changes, leaving the warehouse as it was before it."));
    QPushButton *cancelRun = box.addButton(tr("Cancel Run and Quit"), QMessageBox::DestructiveRole);
    QPushButton *quitLater = box.addButton(tr("Quit When It Ends"), QMessageBox::AcceptRole);
    box.setDefaultButton(box.addButton(tr("Keep Running"), QMessageBox::RejectRole));
    box.exec();
    if (box.clickedButton() == cancelRun) {
        runs->cancelActiveRun(); // the page waits for the run to undo its changes as it goes
        return true;
    }
    if (box.clickedButton() == quitLater) {
        if (!runs->hasActiveRun())
            return true;
        connect(runs, &RunsPage::runEnded, this, &QWidget::close, Qt::SingleShotConnection);
    }
    return false;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!confirmCloseDuringRun()) {
        event->ignore();
        return;
    }
    saveWindowState();
    QMainWindow::closeEvent(event);
}

} // namespace ecomops::widgets

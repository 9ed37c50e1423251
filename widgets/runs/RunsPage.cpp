#include "runs/RunsPage.h"

#include "common/Icons.h"
#include "connection/ConnectionController.h"
#include "database/ConnectionProfile.h"
#include "runs/RunHistoryActions.h"
#include "runs/RunHistoryView.h"
#include "runs/RunLauncher.h"
#include "runs/RunMonitor.h"
#include "runs/RunNotifier.h"
#include "runs/RunSession.h"
#include "runs/RunText.h"
#include "runs/RunViews.h"

#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace ecomops::widgets {
namespace {

const QString kSplitterKey = QStringLiteral("runs/page/splitter");
const QString kTabKey = QStringLiteral("runs/page/tab");
const QString kOperatorRole = QStringLiteral("ecomops_operator");
const QString kStewardRole = QStringLiteral("ecomops_steward");

} // namespace

RunsPage::RunsPage(ConnectionController *connection, QWidget *parent)
    : WorkspacePage(Workspace::Runs, connection, parent), m_session(new RunSession(this)), m_body(new QWidget(this)),
      m_launcher(new RunLauncher), m_tabs(new QTabWidget(m_body)), m_monitor(new RunMonitor(m_session, m_tabs)),
      m_history(new RunHistoryView(m_tabs)), m_notifier(new RunNotifier(this)),
      m_splitter(new QSplitter(Qt::Horizontal, m_body)),
      m_refresh(new QPushButton(icons::icon(icons::Glyph::Reconnect), tr("&Refresh"), this))
{
    m_launcher->setObjectName(QStringLiteral("runLauncher"));
    m_tabs->setObjectName(QStringLiteral("runTabs"));
    m_monitor->setObjectName(QStringLiteral("runMonitor"));
    m_history->setObjectName(QStringLiteral("runHistory"));
    m_refresh->setObjectName(QStringLiteral("refreshHistoryButton"));
    m_refresh->setToolTip(tr("Read the run history again (F5)"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    headerActions()->addWidget(m_refresh);

    // The launcher scrolls when the window is short.
    auto *scroll = new QScrollArea(m_splitter);
    scroll->setObjectName(QStringLiteral("launcherScroll"));
    scroll->setWidget(m_launcher);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Never narrower than the form: at 1280 pixels its fields were cut on the right.
    scroll->setMinimumWidth(
        std::max(260, m_launcher->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width()));
    scroll->setBackgroundRole(QPalette::Window);
    m_launcher->setBackgroundRole(QPalette::Window);

    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_monitor, tr("&Live Run"));
    m_tabs->addTab(m_history, tr("Histor&y"));
    m_splitter->setObjectName(QStringLiteral("runsSplitter"));
    m_splitter->addWidget(scroll);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setCollapsible(1, false);
    m_splitter->setSizes({290, 900});

    auto *layout = new QVBoxLayout(m_body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter, 1);
    setContent(m_body);

    restoreSplitterState(m_splitter, kSplitterKey);
    m_tabs->setCurrentIndex(QSettings().value(kTabKey, 0).toInt());

    auto *startShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    startShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(startShortcut, &QShortcut::activated, m_launcher, &RunLauncher::requestStart);
    connect(m_launcher, &RunLauncher::startRequested, this, &RunsPage::startRun);
    connect(m_refresh, &QPushButton::clicked, m_history, &RunHistoryView::refresh);
    connect(m_session, &RunSession::runCreated, m_history, &RunHistoryView::refresh);
    connect(m_session, &RunSession::finished, this, &RunsPage::onRunFinished);
    RunHistoryActions *actions = m_history->actions();
    connect(actions, &RunHistoryActions::runRequested, this, &RunsPage::startSpec);
    connect(actions, &RunHistoryActions::scorecardRequested, this, &RunsPage::scorecardRequested);
    connect(actions, &RunHistoryActions::flagsRequested, this, &RunsPage::flagsRequested);
    connect(m_notifier, &RunNotifier::activated, this, [this] {
        window()->showNormal();
        window()->activateWindow();
        showHistory();
    });
    connect(connection, &ConnectionController::statusChanged, this, &RunsPage::onConnectionChanged);
    connect(connection, &ConnectionController::busyChanged, this, &RunsPage::updateStartAvailability);
    onConnectionChanged();
}

RunsPage::~RunsPage()
{
    saveSplitterState(m_splitter, kSplitterKey);
    QSettings().setValue(kTabKey, m_tabs->currentIndex());
    // The views go before the session, so none of them watches models that are gone.
    delete m_body;
}

bool RunsPage::hasActiveRun() const
{
    return m_session->isActive();
}

void RunsPage::cancelActiveRun()
{
    m_session->cancel();
}

QString RunsPage::startBlockedReason() const
{
    ConnectionController *c = connection();
    if (m_session->isActive())
        return tr("A run is in progress. Wait for it to finish, or cancel it.");
    if (c->isBusy())
        return tr("Connecting to the database…");
    if (!c->isConnected())
        return tr("Not connected to a database. Connect first (File ▸ Connection Settings).");
    const db::ServerStatus &status = c->status();
    if (!status.superuser && !status.groupRoles.contains(kOperatorRole))
        return tr("The role “%1” may not run pipelines: it needs membership in %2. Ask an administrator, or connect "
                  "as an operator.")
            .arg(status.role, kOperatorRole);
    return {};
}

void RunsPage::updateStartAvailability()
{
    const QString blocked = startBlockedReason();
    m_launcher->setStartBlocked(blocked);
    m_history->actions()->setStartBlocked(blocked);
    const db::ServerStatus &status = connection()->status();
    m_history->actions()->setCanNote(
        connection()->isConnected() &&
        (status.superuser || status.groupRoles.contains(kOperatorRole) || status.groupRoles.contains(kStewardRole)));
}

void RunsPage::onConnectionChanged()
{
    ConnectionController *c = connection();
    m_history->setConninfo(c->isConnected() ? c->effectiveConninfo() : QString());
    updateStartAvailability();
}

void RunsPage::startRun()
{
    if (!startBlockedReason().isEmpty() || !m_launcher->validationError().isEmpty())
        return;
    startSpec(m_launcher->spec());
}

void RunsPage::startSpec(const runner::RunSpec &given)
{
    if (!startBlockedReason().isEmpty())
        return;
    runner::RunSpec spec = given;
    if (spec.sourceKind == QLatin1String("sourcedb")) {
        // The source database's password lives in the keyring, as the
        // console's own does: a typed one is kept there for next time, else
        // the stored one is used (without one libpq reads ~/.pgpass and
        // PGPASSWORD). It reaches the run in memory only.
        const QString key =
            db::credentialKey(QString::fromStdString(spec.sourceOptions.value("conninfo", std::string())));
        if (!spec.sourcePassword.isEmpty()) {
            connection()->credentials().writePassword(key, spec.sourcePassword, this, [](const CredentialResult &) {});
        } else {
            connection()->credentials().readPassword(key, this, [this, spec](const CredentialResult &result) mutable {
                if (result.ok())
                    spec.sourcePassword = result.password;
                startSession(spec);
            });
            return;
        }
    }
    startSession(spec);
}

void RunsPage::startSession(const runner::RunSpec &spec)
{
    if (!startBlockedReason().isEmpty() || !m_session->start(connection()->effectiveConninfo(), spec))
        return;
    m_tabs->setCurrentWidget(m_monitor);
    updateStartAvailability();
}

void RunsPage::showHistory()
{
    m_tabs->setCurrentWidget(m_history);
}

void RunsPage::onRunFinished(const runner::RunResult &result)
{
    updateStartAvailability();
    m_notifier->notify(result);
    if (result.runId > 0)
        m_history->openRun(result.runId);
    m_history->refresh();
    Q_EMIT runEnded(result);
}

} // namespace ecomops::widgets

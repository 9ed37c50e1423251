#include "anomalies/AnomaliesPage.h"

#include "anomalies/DetectorSettingsDialog.h"
#include "anomalies/FlagDetailPanel.h"
#include "anomalies/FlagFilterBar.h"
#include "anomalies/FlagListView.h"
#include "anomalies/FlagRateWarning.h"
#include "anomalies/FlagTableModel.h"
#include "anomalies/LiveFlagFeed.h"
#include "anomalies/RebaselineDialog.h"
#include "anomalies/TriageBar.h"
#include "anomalies/TriageText.h"
#include "common/Theme.h"
#include "connection/ConnectionController.h"
#include "queries/AnomalyQueries.h"

#include <QAction>
#include <QFileDialog>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace ecomops::widgets {

using anomalies::FlagStatus;

namespace {

const QString kSettingsGroup = QStringLiteral("anomalies");

} // namespace

AnomaliesPage::AnomaliesPage(ConnectionController *connection, QWidget *parent)
    : WorkspacePage(Workspace::Anomalies, connection, parent), m_model(new FlagTableModel(this)),
      m_filters(new FlagFilterBar), m_table(new FlagListView(m_model)), m_detail(new FlagDetailPanel),
      m_splitter(new QSplitter(Qt::Horizontal)), m_notice(new QLabel), m_permission(new QLabel),
      m_triage(new TriageBar(this)), m_refresh(new QAction(tr("Refresh"), this)),
      m_export(new QAction(tr("Export CSV…"), this))
{
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);

    for (QLabel *banner : {m_permission, m_notice}) {
        banner->setWordWrap(true);
        banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
        banner->setMargin(8);
        banner->setAutoFillBackground(true);
        banner->setBackgroundRole(QPalette::Window); // the page itself paints Base
        banner->hide();
    }
    m_notice->setObjectName(QStringLiteral("anomalyNotice"));
    m_permission->setObjectName(QStringLiteral("anomalyPermission"));
    layout->addWidget(m_permission);
    layout->addWidget(new FlagRateWarning(connection, content)); // a run far above the usual flag rate
    layout->addWidget(m_filters);
    layout->addWidget(m_notice);

    // The triage bar under the table: a note and one button per target status.
    connect(m_triage, &TriageBar::triageRequested, this, &AnomaliesPage::triageSelection);

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_table, 1);
    leftLayout->addWidget(m_triage);

    m_splitter->setObjectName(QStringLiteral("anomalySplitter"));
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({900, 480}); // first run; restoreState() brings back the user's own
    layout->addWidget(m_splitter, 1);
    setContent(content);

    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_refresh->setToolTip(tr("Read the flags again (F5)"));
    connect(m_refresh, &QAction::triggered, this, [this] {
        m_model->reload();
        m_detail->reload();
    });
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_export->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_export->setToolTip(tr("Save every flag the filters select as a CSV file (Ctrl+E)"));
    connect(m_export, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export flags"), QStringLiteral("anomalies.csv"),
                                                          tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    QAction *detectorSettings = DetectorSettingsDialog::makeAction([this] { return m_model->conninfo(); }, this);
    m_rebaseline = RebaselineDialog::makeAction([this] { return m_model->conninfo(); }, this);
    addAction(m_refresh);
    addAction(m_export);
    for (QAction *action : {m_refresh, m_export, detectorSettings, m_rebaseline}) {
        auto *button = new QToolButton;
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        headerActions()->addWidget(button);
    }
    headerActions()->addWidget(m_triage->makeMenuButton());

    connect(m_filters, &FlagFilterBar::filterChanged, this, [this] {
        m_model->setFilter(m_filters->filter());
        saveState();
    });
    connect(m_model, &FlagTableModel::countsChanged, this, &AnomaliesPage::updateCounts);
    connect(m_model, &FlagTableModel::loadFailed, this,
            [this](const QString &message, const QString &detail) { setNotice(Notice::Error, message, detail); });
    connect(m_model, &FlagTableModel::triageFinished, this, &AnomaliesPage::onTriageFinished);
    connect(m_model, &FlagTableModel::exportFinished, this,
            [this](bool ok, const QString &message) { setNotice(ok ? Notice::Success : Notice::Error, message); });
    connect(m_model, &FlagTableModel::flagsRefreshed, this, [this](const QList<qint64> &ids) {
        if (ids.contains(m_detail->flagId()))
            m_detail->reload();
        updateActions();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // Nothing to pick from an empty list: the detail panel says so.
        m_detail->showEmptyList(m_model->rowCount() == 0);
        // Keep the flag in the detail panel selected across reloads.
        const int row = m_model->rowOfFlag(m_detail->flagId());
        if (row >= 0)
            m_table->selectRow(row);
        updateActions();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const anomalies::FlagRow *flag = m_model->flagAt(current.row());
                if (flag && flag->flagId != m_detail->flagId())
                    m_detail->showFlag(flag->flagId);
            });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AnomaliesPage::updateActions);

    connect(connection, &ConnectionController::statusChanged, this, &AnomaliesPage::onConnectionChanged);
    restoreState();
    m_model->setFilter(m_filters->filter());
    onConnectionChanged();
    updateActions();
}

AnomaliesPage::~AnomaliesPage()
{
    saveState();
}

QTableView *AnomaliesPage::table() const
{
    return m_table;
}

bool AnomaliesPage::isListening() const
{
    return m_listener && m_listener->isListening();
}

QString AnomaliesPage::noticeText() const
{
    return m_notice->isVisible() || !m_notice->text().isEmpty() ? m_notice->text() : QString();
}

void AnomaliesPage::onConnectionChanged()
{
    const QString conninfo = connection()->isConnected() ? connection()->effectiveConninfo() : QString();
    if (conninfo == m_model->conninfo() && (conninfo.isEmpty() || m_listener))
        return;
    delete m_listener;
    m_listener = nullptr;
    m_canTriage = false;
    m_whyNot = tr("Not connected to a database.");
    setRebaselineAllowed(false, m_whyNot);
    m_roleJob.drop(); // what the old connection's role may do no longer matters
    m_detail->setConninfo(conninfo);
    m_detail->showFlag(0);
    m_model->setConninfo(conninfo);
    updateActions();
    if (conninfo.isEmpty())
        return;

    m_listener = new LiveFlagFeed(conninfo, this);
    connect(m_listener, &LiveFlagFeed::verified, this, &AnomaliesPage::onLiveChanges);
    connect(m_listener, &LiveFlagFeed::reconnected, this, [this] {
        m_model->reload(); // notifications sent while it was away are lost
        m_detail->reload();
    });
    connect(m_listener, &LiveFlagFeed::phaseChanged, this, [this](LiveFlagFeed::Phase phase, const QString &error) {
        if (phase == LiveFlagFeed::Phase::Waiting && m_listener->failedAttempts() == 1)
            setNotice(Notice::Warning,
                      tr("Changes made from other consoles will not appear by themselves until the "
                         "console can listen again; use Refresh meanwhile."),
                      error);
    });
    m_listener->start();

    m_roleJob.run([conninfo] { return queries::currentRoles(conninfo); },
                  [this](const anomalies::RoleInfo &roles) {
                      m_canTriage = roles.can(anomalies::Capability::Triage);
                      m_whyNot = roles.whyNot(anomalies::Capability::Triage);
                      setRebaselineAllowed(roles.can(anomalies::Capability::Rebaseline),
                                           roles.whyNot(anomalies::Capability::Rebaseline));
                      updateActions();
                      emit rolesKnown(m_canTriage);
                  },
                  [this](const JobFailure &failure) {
                      m_canTriage = false;
                      m_whyNot = tr("Could not find out what your role may do: %1").arg(failure.message);
                      setRebaselineAllowed(false, m_whyNot);
                      updateActions();
                      emit rolesKnown(false);
                  });
}

void AnomaliesPage::setRebaselineAllowed(bool allowed, const QString &whyNot)
{
    m_rebaseline->setEnabled(allowed);
    m_rebaseline->setToolTip(allowed ? tr("Recompute every product's baseline now with the saved detector settings, "
                                          "and see the thresholds that changed")
                                     : whyNot);
}

void AnomaliesPage::updateCounts()
{
    m_filters->setStatusCounts(m_model->statusCounts(), m_model->totalCount());
    if (m_model->totalCount() > 0 || !connection()->isConnected())
        return;
    qint64 all = 0;
    for (qint64 n : m_model->statusCounts())
        all += n;
    // An empty list says why it is empty.
    setNotice(Notice::Info, triagetext::emptyList(m_model->filter(), all));
}

QList<int> AnomaliesPage::selectedRows() const
{
    return m_table->selectedRowNumbers();
}

void AnomaliesPage::updateActions()
{
    QList<const anomalies::FlagRow *> selected;
    for (int row : selectedRows())
        if (const anomalies::FlagRow *flag = m_model->flagAt(row))
            selected.append(flag);
    m_triage->update(selected, m_canTriage, m_whyNot);
    if (!m_canTriage && connection()->isConnected() && !m_whyNot.isEmpty()) {
        m_permission->setText(tr("Triage is switched off for this connection. %1").arg(m_whyNot));
        QPalette pal = palette();
        pal.setColor(QPalette::Window, theme::mix(pal.color(QPalette::Base), QColor(0x7a, 0x7f, 0x8a), 0.16));
        m_permission->setPalette(pal);
        m_permission->show();
    } else {
        m_permission->hide();
    }
}

QLineEdit *AnomaliesPage::noteEdit() const
{
    return m_triage->noteEdit();
}

QAction *AnomaliesPage::triageAction(FlagStatus status) const
{
    return m_triage->action(status);
}

QMenu *AnomaliesPage::triageMenu() const
{
    return m_triage->menu();
}

void AnomaliesPage::triageSelection(FlagStatus status)
{
    const QAction *action = m_triage->action(status);
    if (!action || !action->isEnabled())
        return;
    const QList<int> rows = selectedRows();
    if (rows.isEmpty())
        return;
    for (int row : rows)
        if (const anomalies::FlagRow *flag = m_model->flagAt(row))
            m_pendingFlags.insert(flag->flagId);
    const bool wholeProduct = m_triage->wholeProduct();
    setNotice(Notice::Info, triagetext::asking(int(rows.size()), status, wholeProduct));
    if (wholeProduct)
        m_model->requestProductTriage(rows, status, noteEdit()->text());
    else
        m_model->requestTriage(rows, status, noteEdit()->text());
    m_table->advancePast(rows);
}

void AnomaliesPage::onTriageFinished(const anomalies::TriageResult &result)
{
    using Kind = anomalies::TriageResult::Kind;
    m_pendingFlags.clear();
    for (const anomalies::ChangedFlag &changed : result.changed)
        m_toldVersions.insert({changed.flagId, changed.version});
    switch (result.kind) {
    case Kind::Ok:
        setNotice(Notice::Success, triagetext::done(result));
        noteEdit()->clear();
        break;
    case Kind::Conflict:
        // The conflict names the other change: its own notification, heard
        // before or after this, would only repeat it over these words.
        m_toldVersions.insert({result.conflict.flagId, result.conflict.version});
        setNotice(Notice::Warning, triagetext::conflict(result.conflict), result.detail);
        break;
    case Kind::NotAllowed:
        m_canTriage = false;
        m_whyNot = result.message;
        updateActions();
        setNotice(Notice::Error, result.message, result.detail);
        break;
    default:
        setNotice(Notice::Error, result.message.isEmpty() ? tr("The flags could not be changed.") : result.message,
                  result.detail);
        break;
    }
}

void AnomaliesPage::onLiveChanges(const anomalies::VerifiedChanges &changes)
{
    // Verified by the feed: one reload, or one refresh of the changed flags,
    // per burst however many notifications it held.
    if (changes.detectedFlags > 0 || changes.overflow) {
        m_model->reload();
        if (changes.detectedFlags > 0)
            setNotice(Notice::Info, triagetext::newFlagsArrived(changes.detectedFlags));
        return;
    }
    QList<qint64> ids;
    for (const anomalies::AnomalyChange &change : changes.triage) {
        for (qint64 id : change.flagIds) {
            if (!ids.contains(id))
                ids.append(id);
        }
    }
    m_model->refreshFlags(ids);
    for (auto it = changes.triage.crbegin(); it != changes.triage.crend(); ++it) {
        // Our own change coming back: the triage result has said it already.
        bool own = true;
        for (qsizetype i = 0; i < it->flagIds.size() && own; ++i)
            own = m_pendingFlags.contains(it->flagIds.at(i)) ||
                  m_toldVersions.contains({it->flagIds.at(i), it->versions.value(i)});
        if (!own) {
            setNotice(Notice::Info, triagetext::fromAnotherConsole(*it));
            return;
        }
    }
}

void AnomaliesPage::setNotice(Notice kind, const QString &text, const QString &detail)
{
    QColor accent;
    switch (kind) {
    case Notice::Info:
        accent = QColor(0x2f, 0x6f, 0xde);
        break;
    case Notice::Success:
        accent = QColor(0x1f, 0x8f, 0x4e);
        break;
    case Notice::Warning:
        accent = QColor(0xd9, 0x8a, 0x00);
        break;
    case Notice::Error:
        accent = QColor(0xd6, 0x33, 0x3a);
        break;
    }
    QPalette pal = palette();
    pal.setColor(QPalette::Window, theme::mix(pal.color(QPalette::Base), accent, theme::isDark(pal) ? 0.3 : 0.14));
    m_notice->setPalette(pal);
    m_notice->setText(text);
    m_notice->setToolTip(detail);
    m_notice->setVisible(!text.isEmpty());
}

void AnomaliesPage::exportCsv(const QString &path)
{
    setNotice(Notice::Info, tr("Exporting the flags to %1…").arg(path));
    m_model->exportCsv(path);
}

void AnomaliesPage::saveState() const
{
    QSettings settings;
    settings.setValue(kSettingsGroup + QStringLiteral("/splitter"), m_splitter->saveState());
    settings.setValue(kSettingsGroup + QStringLiteral("/columns"), m_table->horizontalHeader()->saveState());
    m_filters->saveState(kSettingsGroup + QStringLiteral("/filter"));
}

void AnomaliesPage::restoreState()
{
    const QSettings settings;
    m_splitter->restoreState(settings.value(kSettingsGroup + QStringLiteral("/splitter")).toByteArray());
    const QByteArray columns = settings.value(kSettingsGroup + QStringLiteral("/columns")).toByteArray();
    if (!columns.isEmpty())
        m_table->horizontalHeader()->restoreState(columns);
    m_filters->restoreState(kSettingsGroup + QStringLiteral("/filter"));
}

} // namespace ecomops::widgets

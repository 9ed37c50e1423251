#include "anomalies/AnomaliesPage.h"

#include "anomalies/AnomalyError.h"
#include "anomalies/FlagDetailPanel.h"
#include "anomalies/FlagFilterBar.h"
#include "anomalies/FlagStatusDelegate.h"
#include "anomalies/FlagTableModel.h"
#include "anomalies/FlagText.h"
#include "anomalies/LiveFlagFeed.h"
#include "anomalies/Roles.h"
#include "anomalies/Triage.h"
#include "common/Background.h"
#include "common/Theme.h"
#include "connection/ConnectionController.h"

#include <QAction>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <pqxx/pqxx>

namespace ecomops::widgets {

using anomalies::FlagStatus;

namespace {

const QString kSettingsGroup = QStringLiteral("anomalies");

struct RolesResult {
    quint64 generation = 0;
    bool known = false;
    anomalies::RoleInfo roles;
    QString error;
};

QKeySequence shortcutFor(FlagStatus status)
{
    switch (status) {
    // Ctrl+1…4 switch workspaces; these stay clear of them and of the menus.
    case FlagStatus::Reviewed:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R);
    case FlagStatus::Resolved:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S);
    case FlagStatus::FalsePositive:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F);
    case FlagStatus::New:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N);
    }
    return {};
}

QString actionText(FlagStatus status)
{
    switch (status) {
    case FlagStatus::Reviewed:
        return AnomaliesPage::tr("Reviewed");
    case FlagStatus::Resolved:
        return AnomaliesPage::tr("Resolved");
    case FlagStatus::FalsePositive:
        return AnomaliesPage::tr("False positive");
    case FlagStatus::New:
        return AnomaliesPage::tr("Reopen");
    }
    return {};
}

} // namespace

AnomaliesPage::AnomaliesPage(ConnectionController *connection, QWidget *parent)
    : WorkspacePage(Workspace::Anomalies, connection, parent), m_model(new FlagTableModel(this)),
      m_filters(new FlagFilterBar), m_table(new QTableView), m_detail(new FlagDetailPanel),
      m_splitter(new QSplitter(Qt::Horizontal)), m_notice(new QLabel), m_permission(new QLabel),
      m_selection(new QLabel), m_note(new QLineEdit), m_refresh(new QAction(tr("Refresh"), this)),
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
    layout->addWidget(m_filters);
    layout->addWidget(m_notice);

    m_table->setObjectName(QStringLiteral("flagTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setItemDelegateForColumn(FlagTableModel::Status,
                                      new FlagStatusDelegate(FlagTableModel::StatusRole, m_table));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setSortIndicator(FlagTableModel::ZScore, Qt::DescendingOrder);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->setSortingEnabled(true);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTabKeyNavigation(false);
    m_table->setColumnWidth(FlagTableModel::FlagId, 70);
    m_table->setColumnWidth(FlagTableModel::OrderDate, 100);
    m_table->setColumnWidth(FlagTableModel::Product, 220);
    m_table->setColumnWidth(FlagTableModel::Quantity, 75);
    m_table->setColumnWidth(FlagTableModel::Threshold, 80);
    m_table->setColumnWidth(FlagTableModel::ZScore, 70);
    m_table->setColumnWidth(FlagTableModel::Status, 130);
    m_table->setColumnWidth(FlagTableModel::ChangedBy, 100);

    // The triage bar under the table: a note and one button per target status.
    auto *triageBar = new QWidget;
    auto *triageLayout = new QHBoxLayout(triageBar);
    triageLayout->setContentsMargins(0, 0, 0, 0);
    triageLayout->addWidget(m_selection);
    m_note->setObjectName(QStringLiteral("triageNote"));
    m_note->setPlaceholderText(tr("Note for the change (why, what you checked)"));
    m_note->setClearButtonEnabled(true);
    triageLayout->addWidget(m_note, 1);
    for (FlagStatus status : {FlagStatus::Reviewed, FlagStatus::Resolved, FlagStatus::FalsePositive, FlagStatus::New}) {
        auto *action = new QAction(actionText(status), this);
        action->setShortcut(shortcutFor(status));
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setObjectName(QStringLiteral("triage_") + anomalies::statusName(status));
        connect(action, &QAction::triggered, this, [this, status] { triageSelection(status); });
        addAction(action);
        m_actions.insert(status, action);
        auto *button = new QToolButton;
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        m_buttons.insert(status, button);
        triageLayout->addWidget(button);
    }
    connect(m_note, &QLineEdit::returnPressed, this, [this] { triageSelection(FlagStatus::Reviewed); });

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_table, 1);
    leftLayout->addWidget(triageBar);

    m_splitter->setObjectName(QStringLiteral("anomalySplitter"));
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({820, 560}); // first run; restoreState() brings back the user's own
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
    addAction(m_refresh);
    addAction(m_export);
    for (QAction *action : {m_refresh, m_export}) {
        auto *button = new QToolButton;
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        headerActions()->addWidget(button);
    }

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
        // Keep the flag in the detail panel selected across reloads.
        const int row = m_model->rowOfFlag(m_detail->flagId());
        if (row >= 0)
            m_table->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
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
    if (!m_listener->start())
        setNotice(Notice::Warning,
                  tr("Changes made from other consoles will not appear by themselves until the "
                     "console can listen again; use Refresh meanwhile."),
                  m_listener->error());

    const quint64 generation = ++m_roleGeneration;
    runInBackground(
        this,
        [conninfo, generation] {
            RolesResult r;
            r.generation = generation;
            try {
                pqxx::connection conn{conninfo.toStdString()};
                r.roles = anomalies::currentRoles(conn);
                r.known = true;
            } catch (const anomalies::AnomalyError &e) {
                r.error = e.message();
            } catch (const std::exception &e) {
                r.error = QString::fromStdString(e.what());
            }
            return r;
        },
        [this](const RolesResult &r) {
            if (r.generation != m_roleGeneration)
                return;
            m_canTriage = r.known && r.roles.can(anomalies::Capability::Triage);
            m_whyNot = r.known ? r.roles.whyNot(anomalies::Capability::Triage)
                               : tr("Could not find out what your role may do: %1").arg(r.error);
            updateActions();
            emit rolesKnown(m_canTriage);
        });
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
    if (all == 0 && m_model->filter().product.isEmpty() && !m_model->filter().minZ &&
        !m_model->filter().from.isValid() && !m_model->filter().to.isValid())
        setNotice(Notice::Info, tr("No order line has been flagged yet. Flags appear here when a run's detect stage "
                                   "finds a quantity far above its product's usual baseline."));
    else if (all > 0)
        setNotice(Notice::Info, tr("No flag matches these filters; %1 flags have other statuses: switch on their "
                                   "buttons above to see them.")
                                    .arg(QLocale().toString(all)));
    else
        setNotice(Notice::Info, tr("No flag matches these filters."));
}

QList<int> AnomaliesPage::selectedRows() const
{
    QList<int> rows;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void AnomaliesPage::updateActions()
{
    const QList<int> rows = selectedRows();
    const QLocale locale;
    m_selection->setText(rows.isEmpty()     ? tr("No flag selected")
                         : rows.size() == 1 ? tr("1 flag selected")
                                            : tr("%1 flags selected").arg(rows.size()));
    for (auto it = m_actions.cbegin(); it != m_actions.cend(); ++it) {
        const FlagStatus target = it.key();
        QString why;
        if (!m_canTriage)
            why = m_whyNot;
        else if (rows.isEmpty())
            why = tr("Select one or more flags first.");
        else {
            for (int row : rows) {
                const anomalies::FlagRow *flag = m_model->flagAt(row);
                if (flag && !anomalies::transitionAllowed(flag->status, target)) {
                    why = tr("Flag %1 is %2: it cannot become %3.")
                              .arg(flag->flagId)
                              .arg(flagtext::statusLabel(flag->status), flagtext::statusLabel(target));
                    break;
                }
            }
        }
        it.value()->setEnabled(why.isEmpty());
        const QString shortcut = it.value()->shortcut().toString(QKeySequence::NativeText);
        it.value()->setToolTip(why.isEmpty() ? tr("Mark the selected flags %1 (%2)").arg(it.value()->text(), shortcut)
                                             : why);
    }
    m_note->setEnabled(m_canTriage);
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

void AnomaliesPage::triageSelection(FlagStatus status)
{
    const QAction *action = m_actions.value(status);
    if (!action || !action->isEnabled())
        return;
    const QList<int> rows = selectedRows();
    if (rows.isEmpty())
        return;
    for (int row : rows)
        if (const anomalies::FlagRow *flag = m_model->flagAt(row))
            m_pendingFlags.insert(flag->flagId);
    setNotice(
        Notice::Info,
        tr("Asking the database to mark %n flag(s) %1…", nullptr, int(rows.size())).arg(flagtext::statusLabel(status)));
    m_model->requestTriage(rows, status, m_note->text());
}

void AnomaliesPage::onTriageFinished(const anomalies::TriageResult &result)
{
    using Kind = anomalies::TriageResult::Kind;
    const QLocale locale;
    m_pendingFlags.clear();
    for (const anomalies::ChangedFlag &changed : result.changed)
        m_ownVersions.insert({changed.flagId, changed.version});
    switch (result.kind) {
    case Kind::Ok: {
        const FlagStatus to = result.changed.isEmpty() ? FlagStatus::Reviewed : result.changed.first().to;
        setNotice(Notice::Success,
                  result.changed.size() == 1
                      ? tr("Flag %1 is now %2.").arg(result.changed.first().flagId).arg(flagtext::statusLabel(to))
                      : tr("%1 flags are now %2.").arg(result.changed.size()).arg(flagtext::statusLabel(to)));
        m_note->clear();
        break;
    }
    case Kind::Conflict: {
        const anomalies::TriageConflict &c = result.conflict;
        const QString who = c.consoleUser.isEmpty() ? c.changedBy : tr("%1 (role %2)").arg(c.consoleUser, c.changedBy);
        setNotice(
            Notice::Warning,
            tr("Someone else changed flag %1 first: %2 marked it %3 at %4 (version %5; you were looking at "
               "version %6). Your change was not applied to any of the selected flags. The list now shows "
               "their change; check it and try again if still needed.")
                .arg(c.flagId)
                .arg(who, flagtext::statusLabel(c.status), locale.toString(c.at.toLocalTime(), QLocale::ShortFormat))
                .arg(c.version)
                .arg(c.expectedVersion),
            result.detail);
        break;
    }
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
            setNotice(Notice::Info, tr("A run raised %n new flag(s); the list has been refreshed.", nullptr,
                                       int(changes.detectedFlags)));
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
                  m_ownVersions.contains({it->flagIds.at(i), it->versions.value(i)});
        if (!own) {
            announce(*it);
            return;
        }
    }
}

void AnomaliesPage::announce(const anomalies::AnomalyChange &change)
{
    const QString who = change.consoleUser.isEmpty() ? change.dbRole : change.consoleUser;
    const auto status = anomalies::flagStatusFromString(change.status);
    const QString statusText = status ? flagtext::statusLabel(*status) : change.status;
    QStringList ids;
    for (qint64 id : change.flagIds.mid(0, 5))
        ids.append(QString::number(id));
    if (change.flagIds.size() > 5)
        ids.append(QStringLiteral("…"));
    setNotice(Notice::Info, (change.flagIds.size() == 1 ? tr("From another console: %1 marked flag %2 %3 at %4.")
                                                        : tr("From another console: %1 marked flags %2 %3 at %4."))
                                .arg(who, ids.join(QStringLiteral(", ")), statusText,
                                     QLocale().toString(change.at.toLocalTime(), QLocale::ShortFormat)));
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
    settings.beginGroup(kSettingsGroup);
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("columns"), m_table->horizontalHeader()->saveState());
    settings.endGroup();
    m_filters->saveState(kSettingsGroup + QStringLiteral("/filter"));
}

void AnomaliesPage::restoreState()
{
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    m_splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    const QByteArray columns = settings.value(QStringLiteral("columns")).toByteArray();
    if (!columns.isEmpty())
        m_table->horizontalHeader()->restoreState(columns);
    settings.endGroup();
    m_filters->restoreState(kSettingsGroup + QStringLiteral("/filter"));
}

} // namespace ecomops::widgets

#include "kpis/KpisPage.h"

#include "common/EmptyState.h"
#include "common/Icons.h"
#include "common/Theme.h"
#include "connection/ConnectionController.h"
#include "kpis/BarRankingChart.h"
#include "kpis/ChartPanel.h"
#include "kpis/CohortHeatmap.h"
#include "kpis/CohortRetentionModel.h"
#include "kpis/CountryRevenueModel.h"
#include "kpis/DateRangeFilter.h"
#include "kpis/KpiCard.h"
#include "kpis/KpiStyle.h"
#include "kpis/LifetimeValueChart.h"
#include "kpis/LifetimeValueModel.h"
#include "kpis/MixChart.h"
#include "kpis/MixModel.h"
#include "kpis/RankingModel.h"
#include "kpis/RevenueTrendChart.h"
#include "kpis/RevenueTrendModel.h"

#include <QAbstractButton>
#include <QAction>
#include <QButtonGroup>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <exception>
#include <optional>

Q_LOGGING_CATEGORY(lcConsoleKpis, "ecomops.console.kpis")

namespace ecomops::widgets {
namespace {

constexpr int kPollMs = 15000;

} // namespace

KpisPage::KpisPage(ConnectionController *connection, QWidget *parent)
    : WorkspacePage(Workspace::Kpis, connection, parent), m_filter(new DateRangeFilter(this)),
      m_refreshButton(new QToolButton(this)), m_status(new QLabel(this)), m_poll(new QTimer(this)),
      m_message(new EmptyState(this)), m_stack(new QStackedWidget(this)), m_trendModel(new RevenueTrendModel(this)),
      m_productsModel(new RankingModel(RankingModel::Kind::Products, this)),
      m_categoriesModel(new RankingModel(RankingModel::Kind::Categories, this)),
      m_countryModel(new CountryRevenueModel(this)), m_mixModel(new MixModel(this)),
      m_cohortModel(new CohortRetentionModel(this)), m_lifetimeValueModel(new LifetimeValueModel(this))
{
    auto *refreshAction = new QAction(icons::icon(icons::Glyph::Reconnect), tr("Refresh"), this);
    refreshAction->setShortcut(QKeySequence::Refresh);
    refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    refreshAction->setToolTip(
        tr("Read the figures again (%1)").arg(QKeySequence(QKeySequence::Refresh).toString(QKeySequence::NativeText)));
    connect(refreshAction, &QAction::triggered, this, &KpisPage::refresh);
    addAction(refreshAction);
    m_refreshButton->setDefaultAction(refreshAction);
    m_refreshButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_status->setFont(theme::scaledFont(font(), 0.88));
    theme::setMutedText(m_status, palette(), QPalette::Window);
    m_status->setMinimumWidth(m_status->fontMetrics().horizontalAdvance(tr("Updated 00/00/0000")) + 8);
    headerActions()->addWidget(m_status);
    headerActions()->addSpacing(8);
    headerActions()->addWidget(m_filter);
    headerActions()->addWidget(m_refreshButton);

    m_message->setGlyph(icons::Glyph::Kpis, workspaceAccent(Workspace::Kpis, palette()));
    m_stack->addWidget(m_message);
    auto *scroll = new QScrollArea(m_stack);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_dashboard = createDashboard();
    scroll->setWidget(m_dashboard);
    m_stack->addWidget(scroll);
    setContent(m_stack);

    restoreState();
    m_filter->restoreState();
    connect(m_filter, &DateRangeFilter::rangeChanged, this, [this] {
        m_filter->saveState();
        refresh();
    });
    connect(connection, &ConnectionController::statusChanged, this, &KpisPage::connectionChanged);
    m_poll->setInterval(kPollMs);
    connect(m_poll, &QTimer::timeout, this, &KpisPage::pollForNewFigures);
    m_poll->start();
    connectionChanged();
}

KpisPage::~KpisPage()
{
    saveState();
}

QString KpisPage::message() const
{
    return m_stack->currentIndex() == 0 ? m_message->title() : QString();
}

KpiCard *KpisPage::card(Card card) const
{
    return m_cards.value(int(card));
}

void KpisPage::showEvent(QShowEvent *event)
{
    WorkspacePage::showEvent(event);
    if (m_dirty && connection()->isConnected())
        refresh();
}

void KpisPage::connectionChanged()
{
    if (!connection()->isConnected()) {
        m_loadJob.drop(); // a load still running is for the old connection
        m_pollJob.drop();
        setLoading(false);
        m_dirty = true;
        showMessage(tr("Not connected"),
                    tr("Connect to a warehouse (Database ▸ Connection settings) to see its revenue, products, "
                       "customers and forecast."));
        return;
    }
    m_dirty = true;
    if (isVisible())
        refresh();
}

void KpisPage::warehouseChanged()
{
    // The marts were refreshed by the run: read them now, or when next shown.
    m_dirty = true;
    if (isVisible() && connection()->isConnected())
        refresh();
}

void KpisPage::refresh()
{
    if (!connection()->isConnected()) {
        connectionChanged();
        return;
    }
    m_dirty = false;
    m_pollJob.drop(); // what a poll finds is about the figures this load replaces
    const QString conninfo = connection()->effectiveConninfo();
    const queries::KpiRange range = m_filter->range();
    setLoading(true);
    m_loadJob.run(
        [conninfo, range] {
            QElapsedTimer clock;
            clock.start();
            queries::KpiDashboard data = queries::kpiDashboard(conninfo, range);
            qCDebug(lcConsoleKpis) << "KPIs for" << data.from << "to" << data.to << "read in" << clock.elapsed()
                                   << "ms";
            return data;
        },
        [this](const queries::KpiDashboard &data) {
            apply({data, {}});
        },
        [this](const JobFailure &failure) {
            qCWarning(lcConsoleKpis) << "could not read the KPIs:" << failure.text();
            apply({{}, failure.text()});
        });
}

void KpisPage::apply(const Load &load)
{
    setLoading(false);
    m_error = load.error;
    if (!load.error.isEmpty()) {
        if (hasData()) {
            m_status->setText(tr("Could not refresh"));
            m_status->setToolTip(load.error);
        } else {
            showMessage(tr("The KPIs could not be read"),
                        tr("The console could not read the mart views: the connected role may not be allowed to "
                           "read the mart schema, or the warehouse is not set up yet.\n\nDetail: %1")
                            .arg(load.error));
        }
        emit loaded();
        return;
    }
    m_loaded = true;
    m_data = load.data;
    if (m_data.isEmpty()) {
        showMessage(tr("No KPIs yet"), tr("The warehouse has no orders yet. Start a run in the Runs workspace: its "
                                          "figures appear here when it finishes."));
        emit loaded();
        return;
    }
    m_filter->showResolved(m_data.from, m_data.to, m_data.firstDay, m_data.lastDay);
    m_trendModel->setData(m_data.daily, m_data.monthly, m_data.forecast);
    m_productsModel->setItems(m_data.topProducts);
    m_categoriesModel->setItems(m_data.topCategories);
    m_countryModel->setRows(m_data.countries);
    m_mixModel->setShares(m_data.mix);
    m_cohortModel->setCells(m_data.cohorts);
    m_lifetimeValueModel->setSummary(m_data.lifetimeValue);
    updateCards();
    updateCharts();
    const QLocale locale;
    const QDateTime refreshed = m_data.refreshedAt.toLocalTime();
    m_status->setText(!refreshed.isValid() ? QString()
                      : refreshed.date() == QDate::currentDate()
                          ? tr("Updated %1").arg(locale.toString(refreshed.time(), QLocale::ShortFormat))
                          : tr("Updated %1").arg(locale.toString(refreshed.date(), QLocale::ShortFormat)));
    m_status->setToolTip(tr("The last run refreshed the marts on %1; newer figures appear on their own.")
                             .arg(locale.toString(refreshed, QLocale::LongFormat)));
    m_stack->setCurrentIndex(1);
    emit loaded();
}

void KpisPage::showMessage(const QString &title, const QString &text)
{
    m_message->setTitle(title);
    m_message->setText(text);
    m_stack->setCurrentIndex(0);
    m_status->clear();
}

void KpisPage::setLoading(bool loading)
{
    m_loading = loading;
    if (loading) {
        m_status->setText(tr("Loading…"));
        m_status->setToolTip({});
    }
}

void KpisPage::pollForNewFigures()
{
    if (!isVisible() || !connection()->isConnected() || m_loading || m_pollJob.isRunning() || !m_loaded)
        return;
    const QString conninfo = connection()->effectiveConninfo();
    m_pollJob.run([conninfo] { return queries::martsRefreshedAt(conninfo); },
                  [this](const QDateTime &refreshedAt) {
                      if (refreshedAt.isValid() && refreshedAt != m_data.refreshedAt)
                          refresh();
                  },
                  [](const JobFailure &) {}); // the next refresh reports the problem in words
}

} // namespace ecomops::widgets

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

const QString kSplitterKey = QStringLiteral("kpis/splitters/%1");
const QString kGrainKey = QStringLiteral("kpis/trendGrain");
const QString kMixKey = QStringLiteral("kpis/mixDimension");
constexpr int kPollMs = 15000;

std::optional<double> changeBetween(double now, double before, bool comparable)
{
    if (!comparable || before <= 0)
        return std::nullopt;
    return (now - before) / before;
}

QSplitter *rowSplitter(const QString &name, int minimumHeight)
{
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(name);
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(14);
    splitter->setMinimumHeight(minimumHeight);
    return splitter;
}

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

QWidget *KpisPage::createDashboard()
{
    auto *dashboard = new QWidget;
    dashboard->setObjectName(QStringLiteral("kpiDashboard"));
    auto *layout = new QVBoxLayout(dashboard);
    layout->setContentsMargins(24, 18, 24, 24);
    layout->setSpacing(14);

    auto *cards = new QHBoxLayout;
    cards->setSpacing(14);
    for (const QString &title : {tr("Revenue"), tr("Orders"), tr("Average order value"), tr("Customers")}) {
        auto *card = new KpiCard(title, dashboard);
        m_cards << card;
        cards->addWidget(card, 1);
    }
    layout->addLayout(cards);

    // Revenue trend with the forecast, and the mix.
    m_trendChart = new RevenueTrendChart(m_trendModel);
    m_trendPanel =
        addPanel(new ChartPanel(tr("Revenue trend"), QStringLiteral("revenue-trend"), m_trendChart, m_trendModel));
    auto *grains = new QButtonGroup(m_trendPanel);
    for (auto [text, grain] : {std::pair{tr("Day"), RevenueTrendModel::Grain::Day},
                               std::pair{tr("Month"), RevenueTrendModel::Grain::Month}}) {
        auto *button = new QToolButton(m_trendPanel);
        button->setText(text);
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setChecked(grain == m_trendModel->grain());
        grains->addButton(button, int(grain));
        m_trendPanel->addHeaderWidget(button);
    }
    connect(grains, &QButtonGroup::idClicked, this, [this](int id) {
        m_trendModel->setGrain(RevenueTrendModel::Grain(id));
        updateCharts();
    });
    connect(m_trendModel, &QAbstractItemModel::modelReset, grains, [this, grains] {
        if (QAbstractButton *b = grains->button(int(m_trendModel->grain())))
            b->setChecked(true);
    });

    m_mixChart = new MixChart(m_mixModel);
    m_mixPanel = addPanel(new ChartPanel(tr("Sales mix"), QStringLiteral("sales-mix"), m_mixChart, m_mixModel));
    auto *dimension = new QComboBox(m_mixPanel);
    m_mixDimension = dimension;
    dimension->setObjectName(QStringLiteral("mixDimension"));
    dimension->setAccessibleName(tr("Mix by"));
    for (const QString &d : MixModel::dimensions())
        dimension->addItem(MixModel::dimensionTitle(d), d);
    connect(dimension, &QComboBox::currentIndexChanged, this, [this, dimension] {
        m_mixChart->setDimension(dimension->currentData().toString());
        updateCharts();
    });
    m_mixPanel->addHeaderWidget(dimension);

    auto *top = rowSplitter(QStringLiteral("trend"), 330);
    top->addWidget(m_trendPanel);
    top->addWidget(m_mixPanel);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    top->setSizes({600, 400});
    m_splitters << top;
    layout->addWidget(top, 3);

    // Rankings and geography.
    m_productsChart = new BarRankingChart;
    m_productsChart->setAccessibleName(tr("Top products chart"));
    m_productsPanel =
        addPanel(new ChartPanel(tr("Top products"), QStringLiteral("top-products"), m_productsChart, m_productsModel));
    m_categoriesChart = new BarRankingChart;
    m_categoriesChart->setAccessibleName(tr("Top categories chart"));
    m_categoriesPanel = addPanel(
        new ChartPanel(tr("Top categories"), QStringLiteral("top-categories"), m_categoriesChart, m_categoriesModel));
    m_countryChart = new BarRankingChart;
    m_countryChart->setAccessibleName(tr("Revenue by country chart"));
    m_countryPanel = addPanel(
        new ChartPanel(tr("Revenue by country"), QStringLiteral("revenue-by-country"), m_countryChart, m_countryModel));
    auto *middle = rowSplitter(QStringLiteral("rankings"), 340);
    middle->addWidget(m_productsPanel);
    middle->addWidget(m_categoriesPanel);
    middle->addWidget(m_countryPanel);
    middle->setSizes({340, 340, 340});
    m_splitters << middle;
    layout->addWidget(middle, 3);

    // Customers: cohorts and lifetime value.
    m_cohortView = new CohortHeatmap(m_cohortModel);
    m_cohortPanel = addPanel(
        new ChartPanel(tr("Cohort retention"), QStringLiteral("cohort-retention"), m_cohortView, m_cohortModel));
    m_lifetimeValueChart = new LifetimeValueChart(m_lifetimeValueModel);
    m_lifetimeValuePanel = addPanel(new ChartPanel(tr("Customer lifetime value"), QStringLiteral("lifetime-value"),
                                                   m_lifetimeValueChart, m_lifetimeValueModel));
    auto *bottom = rowSplitter(QStringLiteral("customers"), 420);
    bottom->addWidget(m_cohortPanel);
    bottom->addWidget(m_lifetimeValuePanel);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);
    bottom->setSizes({600, 400});
    m_splitters << bottom;
    layout->addWidget(bottom, 3);

    for (QSplitter *splitter : std::as_const(m_splitters))
        connect(splitter, &QSplitter::splitterMoved, this, &KpisPage::saveState);
    return dashboard;
}

ChartPanel *KpisPage::addPanel(ChartPanel *panel)
{
    m_panels << panel;
    connect(panel, &ChartPanel::exported, this, [this](const QString &path, const QString &error) {
        if (error.isEmpty()) {
            m_status->setText(tr("Saved %1").arg(QFileInfo(path).fileName()));
            m_status->setToolTip(path);
            return;
        }
        QMessageBox box(QMessageBox::Warning, tr("Export failed"),
                        tr("%1 could not be saved.").arg(QFileInfo(path).fileName()), QMessageBox::Ok, this);
        box.setDetailedText(error);
        box.exec();
    });
    return panel;
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

void KpisPage::updateCards()
{
    const queries::KpiHeadline &now = m_data.headline;
    const queries::KpiHeadline &before = m_data.previous;
    const bool comparable = m_data.hasPrevious;
    const qint64 days = m_data.from.daysTo(m_data.to) + 1;
    const QString against = tr("the previous %1 days, %2 – %3")
                                .arg(QString::number(days), kpis::dayLabel(m_data.from.addDays(-days)),
                                     kpis::dayLabel(m_data.from.addDays(-1)));
    const QLocale locale;

    KpiCard *revenue = card(Card::Revenue);
    revenue->setValue(now.revenue, now.revenue >= 1e4 ? locale.toString(now.revenue, 'f', 0) : kpis::money(now.revenue),
                      tr("Revenue of completed and delivered orders: %1").arg(kpis::money(now.revenue)));
    revenue->setComparison(changeBetween(now.revenue, before.revenue, comparable), against);
    revenue->setCaption(now.guestOrders > 0 ? tr("%1 items sold · of which guest checkouts: %2")
                                                  .arg(kpis::count(now.items), kpis::percent(now.guestRevenueShare))
                                            : tr("%1 items sold").arg(kpis::count(now.items)));

    KpiCard *orders = card(Card::Orders);
    orders->setValue(double(now.orders), kpis::count(now.orders),
                     tr("Orders that count as revenue (completed or delivered)"));
    orders->setComparison(changeBetween(double(now.orders), double(before.orders), comparable), against);
    orders->setCaption(tr("of %1 placed").arg(kpis::count(now.ordersPlaced)));

    KpiCard *aov = card(Card::AverageOrderValue);
    aov->setValue(now.aov, kpis::money(now.aov), tr("Revenue ÷ revenue orders"));
    aov->setComparison(changeBetween(now.aov, before.aov, comparable), against);
    aov->setCaption(tr("per order"));

    KpiCard *customers = card(Card::Customers);
    customers->setValue(double(now.customers), kpis::count(now.customers),
                        tr("Distinct customers with a revenue order in the range"));
    customers->setComparison(changeBetween(double(now.customers), double(before.customers), comparable), against);
    customers->setCaption(now.guestOrders > 0 ? tr("%1 new · %2 guest orders not counted")
                                                    .arg(kpis::count(now.newCustomers), kpis::count(now.guestOrders))
                                              : tr("%1 new").arg(kpis::count(now.newCustomers)));
}

void KpisPage::updateCharts()
{
    const QString range = tr("%1 – %2").arg(kpis::dayLabel(m_data.from), kpis::dayLabel(m_data.to));
    if (m_trendModel->grain() == RevenueTrendModel::Grain::Day) {
        m_trendPanel->setSubtitle(
            m_data.forecast.empty() ? tr("%1 · the forecast shows when the range reaches the last order day").arg(range)
                                    : tr("%1 · forecast: %2, with its 95 % band").arg(range, m_data.forecastMethod));
    } else {
        m_trendPanel->setSubtitle(tr("%1 · per calendar month (the forecast is on the daily view)").arg(range));
    }

    auto rankingBars = [](const std::vector<queries::RankedItem> &items) {
        std::vector<BarRankingChart::Bar> bars;
        for (const auto &item : items)
            bars.push_back({item.name, item.revenue,
                            tr("%1\nRevenue %2 (%3 of the total), %4 units in %5 orders")
                                .arg(item.name, kpis::money(item.revenue), kpis::percent(item.share),
                                     kpis::count(item.units), kpis::count(item.orders))});
        return bars;
    };
    m_productsChart->setBars(rankingBars(m_data.topProducts), tr("Revenue"), 0);
    m_productsPanel->setSubtitle(tr("By revenue, %1").arg(range));
    m_categoriesChart->setBars(rankingBars(m_data.topCategories), tr("Revenue"), 1);
    m_categoriesPanel->setSubtitle(tr("By revenue, by the category at the time of sale"));

    const auto countries = m_countryModel->countryTotals();
    std::vector<BarRankingChart::Bar> countryBars;
    int withStates = 0;
    for (const auto &c : countries) {
        if (c.states > 0)
            ++withStates;
        if (countryBars.size() < 10)
            countryBars.push_back(
                {c.name, c.revenue,
                 tr("%1\nRevenue %2 (%3), %4 orders")
                     .arg(c.name, kpis::money(c.revenue), kpis::percent(c.share), kpis::count(c.orders))});
    }
    m_countryChart->setBars(countryBars, tr("Revenue"), 4);
    m_countryPanel->setSubtitle(
        withStates > 0
            ? tr("Top %1 of %2 countries; states are in the table").arg(countryBars.size()).arg(countries.size())
            : tr("Top %1 of %2 countries").arg(countryBars.size()).arg(countries.size()));

    m_mixPanel->setSubtitle(tr("%1 by share of revenue").arg(MixModel::dimensionTitle(m_mixChart->dimension())));

    // Guests are nobody in particular: say so where customers are counted.
    const QString guestNote = m_data.headline.guestOrders > 0
                                  ? tr(" · %1 guest checkouts are not customers and are left out")
                                        .arg(kpis::count(m_data.headline.guestOrders))
                                  : QString();
    m_cohortPanel->setSubtitle(tr("Customers by month of their first order, and the share ordering again "
                                  "1, 2, 3… months later; cohorts starting %1")
                                   .arg(range) +
                               guestNote);

    const queries::LifetimeValueSummary &ltv = m_data.lifetimeValue;
    m_lifetimeValuePanel->setSubtitle(
        ltv.customers == 0
            ? tr("No customer placed a first order in this range")
            : tr("Customers acquired in the range, by lifetime value · %1 churned (%2 of %3; no order for %4 days "
                 "before %5) · median %6")
                      .arg(kpis::percent(m_lifetimeValueModel->churnShare()), kpis::count(ltv.churned),
                           kpis::count(ltv.customers))
                      .arg(ltv.churnDays)
                      .arg(kpis::dayLabel(ltv.asOf), kpis::money(ltv.median)) +
                  guestNote);
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

void KpisPage::saveState() const
{
    QSettings settings;
    for (QSplitter *splitter : m_splitters)
        settings.setValue(kSplitterKey.arg(splitter->objectName()), splitter->saveState());
    settings.setValue(kGrainKey, m_trendModel->grain() == RevenueTrendModel::Grain::Month ? QStringLiteral("month")
                                                                                          : QStringLiteral("day"));
    settings.setValue(kMixKey, m_mixChart->dimension());
}

void KpisPage::restoreState()
{
    QSettings settings;
    for (QSplitter *splitter : std::as_const(m_splitters))
        splitter->restoreState(settings.value(kSplitterKey.arg(splitter->objectName())).toByteArray());
    m_trendModel->setGrain(settings.value(kGrainKey).toString() == QLatin1String("month")
                               ? RevenueTrendModel::Grain::Month
                               : RevenueTrendModel::Grain::Day);
    const QString dimension = settings.value(kMixKey).toString();
    if (MixModel::dimensions().contains(dimension))
        m_mixChart->setDimension(dimension);
    m_mixDimension->setCurrentIndex(std::max(0, m_mixDimension->findData(m_mixChart->dimension())));
}

} // namespace ecomops::widgets

// Putting the figures read for a range into the KPIs page's cards and charts.
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

namespace ecomops::widgets {
namespace {

std::optional<double> changeBetween(double now, double before, bool comparable)
{
    if (!comparable || before <= 0)
        return std::nullopt;
    return (now - before) / before;
}

} // namespace

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

} // namespace ecomops::widgets

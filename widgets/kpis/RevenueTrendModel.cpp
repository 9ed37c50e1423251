#include "kpis/RevenueTrendModel.h"

#include "kpis/KpiStyle.h"

namespace ecomops::widgets {

void RevenueTrendModel::setData(const std::vector<queries::RevenuePoint> &daily,
                                const std::vector<queries::RevenuePoint> &monthly,
                                const std::vector<queries::ForecastPoint> &forecast)
{
    beginResetModel();
    m_daily = daily;
    m_monthly = monthly;
    m_forecast = forecast;
    endResetModel();
}

void RevenueTrendModel::setGrain(Grain grain)
{
    if (grain == m_grain)
        return;
    beginResetModel();
    m_grain = grain;
    endResetModel();
}

const std::vector<queries::RevenuePoint> &RevenueTrendModel::history() const
{
    return m_grain == Grain::Day ? m_daily : m_monthly;
}

int RevenueTrendModel::rows() const
{
    // The forecast is per day: the monthly table lists history only.
    return historyRows() + (m_grain == Grain::Day ? int(m_forecast.size()) : 0);
}

QString RevenueTrendModel::columnTitle(int column) const
{
    switch (column) {
    case Period:
        return m_grain == Grain::Day ? tr("Day") : tr("Month");
    case Revenue:
        return tr("Revenue");
    case Orders:
        return tr("Orders");
    case Forecast:
        return tr("Forecast");
    case LowerBound:
        return tr("Forecast low");
    case UpperBound:
        return tr("Forecast high");
    }
    return {};
}

QVariant RevenueTrendModel::raw(int row, int column) const
{
    if (row < historyRows()) {
        const queries::RevenuePoint &p = history()[std::size_t(row)];
        switch (column) {
        case Period:
            return p.period;
        case Revenue:
            return p.revenue;
        case Orders:
            return p.orders;
        default:
            return {};
        }
    }
    const queries::ForecastPoint &f = m_forecast[std::size_t(row - historyRows())];
    switch (column) {
    case Period:
        return f.day;
    case Forecast:
        return f.forecast;
    case LowerBound:
        return f.lower;
    case UpperBound:
        return f.upper;
    default:
        return {};
    }
}

QString RevenueTrendModel::display(int row, int column) const
{
    const QVariant v = raw(row, column);
    if (!v.isValid())
        return {};
    if (column == Period)
        return m_grain == Grain::Day ? kpis::dayLabel(v.toDate()) : kpis::monthLabel(v.toDate());
    if (column == Orders)
        return kpis::count(v.toLongLong());
    return kpis::money(v.toDouble());
}

} // namespace ecomops::widgets

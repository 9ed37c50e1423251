#include "kpis/RevenueTrendModel.h"

#include "common/RecordTableModel.h"
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
    if (column == Period)
        return m_grain == Grain::Day ? tr("Day") : tr("Month");
    static const char *const titles[ColumnCount] = {nullptr,
                                                    QT_TR_NOOP("Revenue"),
                                                    QT_TR_NOOP("Orders"),
                                                    QT_TR_NOOP("Forecast"),
                                                    QT_TR_NOOP("Forecast low"),
                                                    QT_TR_NOOP("Forecast high")};
    return column > Period && column < ColumnCount ? tr(titles[column]) : QString();
}

QVariant RevenueTrendModel::raw(int row, int column) const
{
    if (row < historyRows()) {
        const queries::RevenuePoint &p = history()[std::size_t(row)];
        return columnValue(column, {p.period, p.revenue, p.orders});
    }
    const queries::ForecastPoint &f = m_forecast[std::size_t(row - historyRows())];
    return columnValue(column, {f.day, QVariant(), QVariant(), f.forecast, f.lower, f.upper});
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

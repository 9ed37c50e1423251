#pragma once
// Revenue per day or month of the selected range, then (per day) the
// forecast with its band: the data behind the trend chart.
#include "kpis/KpiTableModel.h"
#include "queries/KpiQueries.h"

namespace ecomops::widgets {

class RevenueTrendModel : public KpiTableModel
{
    Q_OBJECT
public:
    enum Columns { Period, Revenue, Orders, Forecast, LowerBound, UpperBound, ColumnCount };
    enum class Grain { Day, Month };

    using KpiTableModel::KpiTableModel;

    void setData(const std::vector<queries::RevenuePoint> &daily, const std::vector<queries::RevenuePoint> &monthly,
                 const std::vector<queries::ForecastPoint> &forecast);
    void setGrain(Grain grain);
    Grain grain() const { return m_grain; }

    const std::vector<queries::RevenuePoint> &history() const;
    const std::vector<queries::ForecastPoint> &forecast() const { return m_forecast; }
    int historyRows() const { return int(history().size()); }

protected:
    int rows() const override;
    int columns() const override { return ColumnCount; }
    QString columnTitle(int column) const override;
    QVariant raw(int row, int column) const override;
    QString display(int row, int column) const override;

private:
    std::vector<queries::RevenuePoint> m_daily;
    std::vector<queries::RevenuePoint> m_monthly;
    std::vector<queries::ForecastPoint> m_forecast;
    Grain m_grain = Grain::Day;
};

} // namespace ecomops::widgets

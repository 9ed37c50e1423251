#pragma once
// Revenue over time from a RevenueTrendModel: per day as a line with the
// forecast and its band after the last day, or per month as bars.
#include "kpis/KpiChartView.h"

namespace ecomops::widgets {

class RevenueTrendModel;

class RevenueTrendChart : public KpiChartView
{
    Q_OBJECT
public:
    explicit RevenueTrendChart(RevenueTrendModel *model, QWidget *parent = nullptr);

    // How many points are drawn as history and as forecast (for tests).
    int historyPoints() const { return m_historyPoints; }
    int forecastPoints() const { return m_forecastPoints; }

protected:
    void rebuild() override;

private:
    void buildDaily();
    void buildMonthly();

    RevenueTrendModel *m_model;
    int m_historyPoints = 0;
    int m_forecastPoints = 0;
};

} // namespace ecomops::widgets

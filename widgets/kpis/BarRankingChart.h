#pragma once
// Horizontal bars, largest on top: top products, top categories, countries.
#include "kpis/KpiChartView.h"

#include <QStringList>

#include <vector>

namespace ecomops::widgets {

class BarRankingChart : public KpiChartView
{
    Q_OBJECT
public:
    struct Bar {
        QString label;
        double value = 0;
        QString toolTip;
    };

    explicit BarRankingChart(QWidget *parent = nullptr);

    // Largest first; `colorIndex` picks the series colour.
    void setBars(const std::vector<Bar> &bars, const QString &seriesName, int colorIndex = 0);
    const std::vector<Bar> &bars() const { return m_bars; }

protected:
    void rebuild() override;

private:
    std::vector<Bar> m_bars;
    QString m_seriesName;
    int m_colorIndex = 0;
};

} // namespace ecomops::widgets

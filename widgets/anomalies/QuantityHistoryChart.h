#pragma once
// A product's order quantities over time with the baseline the flag was
// measured against: the band from median − kσ to the threshold
// (median + kσ), the median, the other flags and the flagged line itself.
#include "anomalies/FlagQueries.h"

#include <QChartView>

namespace ecomops::widgets {

class QuantityHistoryChart : public QChartView
{
    Q_OBJECT
public:
    explicit QuantityHistoryChart(QWidget *parent = nullptr);

    void setDetail(const anomalies::FlagDetail &detail);
    void clear();
    // Points drawn, for tests: counted history, left out, other flags, this flag.
    int pointCount() const { return m_points; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyTheme();
    int m_points = 0;
};

} // namespace ecomops::widgets

#pragma once
// A product's order quantities over time with the baseline the flag was
// measured against: the product's usual range (the middle 80 % of its
// quantities when the flag was raised), the median, the threshold, the other
// flags and the flagged line itself — on a log scale for log_mad, the scale
// the detector measured on.
#include "anomalies/FlagQueries.h"

#include <QChartView>

#include <optional>
#include <utility>

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
    // The usual-range band drawn (empty when the flag kept none), for tests.
    std::optional<std::pair<double, double>> band() const { return m_band; }
    bool logScale() const { return m_logScale; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyTheme();
    int m_points = 0;
    std::optional<std::pair<double, double>> m_band;
    bool m_logScale = false;
};

} // namespace ecomops::widgets

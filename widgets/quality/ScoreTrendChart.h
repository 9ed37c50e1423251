#pragma once
// A table's overall score across runs, with its threshold and the chosen
// run marked.
#include "queries/QualityQueries.h"

#include <QChartView>

namespace ecomops::widgets {

class ScoreTrendChart : public QChartView
{
    Q_OBJECT
public:
    explicit ScoreTrendChart(QWidget *parent = nullptr);
    void setTrend(const std::vector<queries::TrendPoint> &points, qint64 currentRun);
    int pointCount() const { return int(m_points.size()); }

protected:
    void changeEvent(QEvent *event) override;

private:
    std::vector<queries::TrendPoint> m_points;
    qint64 m_currentRun = 0;
};

} // namespace ecomops::widgets

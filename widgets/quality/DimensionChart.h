#pragma once
// One table's eight dimension scores as bars against their thresholds
// (a tick per bar): green where it meets the threshold, red below, an empty
// slot where nothing of the dimension was checked. Clicking a bar picks
// that dimension.
#include "common/AxisTicks.h"
#include "queries/QualityQueries.h"

#include <QChartView>

namespace ecomops::widgets {

class DimensionChart : public QChartView
{
    Q_OBJECT
public:
    explicit DimensionChart(QWidget *parent = nullptr);
    void setScores(const std::vector<queries::DimensionScore> &scores);
    // The score axis: zoomed to the scores shown, on round ticks.
    NiceScale scoreAxis() const { return m_scale; }

signals:
    void dimensionClicked(const QString &dimension);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyTheme();
    std::vector<queries::DimensionScore> m_scores;
    NiceScale m_scale;
};

} // namespace ecomops::widgets

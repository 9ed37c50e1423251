#pragma once
// Cohort retention as a heat-map table: each month cell is shaded by its
// retention, relative to the best retention after the first month (month
// +0 is 100 % by definition and would wash the rest out).
#include <QTableView>

namespace ecomops::widgets {

class CohortRetentionModel;

class CohortHeatmap : public QTableView
{
    Q_OBJECT
public:
    explicit CohortHeatmap(CohortRetentionModel *model, QWidget *parent = nullptr);

    // The retention that gets the full colour (the highest after month +0).
    double scaleMaximum() const { return m_scaleMaximum; }

private:
    void updateScale();

    CohortRetentionModel *m_model;
    double m_scaleMaximum = 1;
};

} // namespace ecomops::widgets

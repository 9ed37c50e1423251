#pragma once
// Monthly cohorts as a matrix: a row per cohort (month of the first revenue
// order), its size, then the share still ordering in month +0, +1, …
// SortRole gives the retention (0…1) of a month cell, which the heat-map
// delegate colours by.
#include "kpis/KpiTableModel.h"
#include "queries/KpiQueries.h"

namespace ecomops::widgets {

class CohortRetentionModel : public KpiTableModel
{
    Q_OBJECT
public:
    enum Columns { Cohort, Customers, FirstMonth }; // FirstMonth + k: month +k

    using KpiTableModel::KpiTableModel;

    void setCells(const std::vector<queries::CohortCell> &cells);
    int monthColumns() const { return m_months; }
    // The cell of a cohort row and month offset, or nullptr when beyond the data.
    const queries::CohortCell *cell(int row, int monthsSinceFirst) const;

protected:
    int rows() const override { return int(m_cohorts.size()); }
    int columns() const override { return FirstMonth + m_months; }
    QString columnTitle(int column) const override;
    QVariant raw(int row, int column) const override;
    QString display(int row, int column) const override;
    QString toolTip(int row, int column) const override;

private:
    struct Row {
        QDate cohort;
        qint64 size = 0;
        std::vector<queries::CohortCell> months;
    };
    std::vector<Row> m_cohorts;
    int m_months = 0;
};

} // namespace ecomops::widgets

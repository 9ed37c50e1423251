#pragma once
// How lifetime value is spread over the customers acquired in the range,
// bucket by bucket, with how many of them have churned.
#include "kpis/KpiTableModel.h"
#include "queries/KpiQueries.h"

namespace ecomops::widgets {

class LifetimeValueModel : public KpiTableModel
{
    Q_OBJECT
public:
    enum Columns { From, To, Customers, Active, Churned, ColumnCount };

    using KpiTableModel::KpiTableModel;

    void setSummary(const queries::LifetimeValueSummary &summary);
    const queries::LifetimeValueSummary &summary() const { return m_summary; }
    double churnShare() const;
    QString bucketLabel(int row) const; // "< 100", "100–200", "2 k–5 k"
    QString bucketStart(int row) const; // short, for an axis: "< 100", "100", "2 k"

protected:
    int rows() const override { return int(m_summary.buckets.size()); }
    int columns() const override { return ColumnCount; }
    QString columnTitle(int column) const override;
    QVariant raw(int row, int column) const override;
    QString display(int row, int column) const override;

private:
    queries::LifetimeValueSummary m_summary;
};

} // namespace ecomops::widgets

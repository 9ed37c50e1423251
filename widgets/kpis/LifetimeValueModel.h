#pragma once
// How lifetime value is spread over the customers acquired in the range,
// bucket by bucket, with how many of them have churned.
#include "kpis/KpiTableModel.h"
#include "queries/KpiQueries.h"

namespace ecomops::widgets {

class LifetimeValueModel : public KpiRecordModel<queries::LifetimeValueBucket>
{
    Q_OBJECT
public:
    enum Columns { From, To, Customers, Active, Churned, ColumnCount };

    explicit LifetimeValueModel(QObject *parent = nullptr);

    void setSummary(const queries::LifetimeValueSummary &summary);
    const queries::LifetimeValueSummary &summary() const { return m_summary; }
    double churnShare() const;
    QString bucketLabel(int row) const; // "< 100", "100–200", "2 k–5 k"
    QString bucketStart(int row) const; // short, for an axis: "< 100", "100", "2 k"

private:
    queries::LifetimeValueSummary m_summary;
};

} // namespace ecomops::widgets

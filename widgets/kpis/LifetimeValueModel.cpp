#include "kpis/LifetimeValueModel.h"

#include "kpis/KpiColumns.h"

namespace ecomops::widgets {

LifetimeValueModel::LifetimeValueModel(QObject *parent) : KpiRecordModel(parent)
{
    using Bucket = queries::LifetimeValueBucket;
    using namespace kpis;
    KpiColumn<Bucket> from = moneyColumn(tr("Lifetime value from"), &Bucket::lower);
    from.numeric = false; // the row's label, aligned as text
    setColumns({
        from,
        moneyColumn(tr("Up to"), &Bucket::upper),
        countColumn(tr("Customers"), &Bucket::customers),
        {tr("Active"), [](const Bucket &b) { return QVariant(b.customers - b.churned); },
         [](const Bucket &b) { return count(b.customers - b.churned); }},
        countColumn(tr("Churned"), &Bucket::churned),
    });
}

void LifetimeValueModel::setSummary(const queries::LifetimeValueSummary &summary)
{
    m_summary = summary;
    resetRecords(summary.buckets);
}

double LifetimeValueModel::churnShare() const
{
    return m_summary.customers > 0 ? double(m_summary.churned) / double(m_summary.customers) : 0.0;
}

QString LifetimeValueModel::bucketLabel(int row) const
{
    const queries::LifetimeValueBucket &b = records()[std::size_t(row)];
    if (row == 0 && b.lower <= 0)
        return QStringLiteral("< ") + kpis::compactAmount(b.upper);
    return kpis::compactAmount(b.lower) + QStringLiteral("–") + kpis::compactAmount(b.upper);
}

QString LifetimeValueModel::bucketStart(int row) const
{
    const queries::LifetimeValueBucket &b = records()[std::size_t(row)];
    if (row == 0 && b.lower <= 0)
        return QStringLiteral("<") + kpis::compactAmount(b.upper);
    return kpis::compactAmount(b.lower);
}

} // namespace ecomops::widgets

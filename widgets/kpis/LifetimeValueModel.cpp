#include "kpis/LifetimeValueModel.h"

#include "kpis/KpiStyle.h"

namespace ecomops::widgets {

void LifetimeValueModel::setSummary(const queries::LifetimeValueSummary &summary)
{
    beginResetModel();
    m_summary = summary;
    endResetModel();
}

double LifetimeValueModel::churnShare() const
{
    return m_summary.customers > 0 ? double(m_summary.churned) / double(m_summary.customers) : 0.0;
}

QString LifetimeValueModel::bucketLabel(int row) const
{
    const queries::LifetimeValueBucket &b = m_summary.buckets[std::size_t(row)];
    if (row == 0 && b.lower <= 0)
        return QStringLiteral("< ") + kpis::compactAmount(b.upper);
    return kpis::compactAmount(b.lower) + QStringLiteral("–") + kpis::compactAmount(b.upper);
}

QString LifetimeValueModel::bucketStart(int row) const
{
    const queries::LifetimeValueBucket &b = m_summary.buckets[std::size_t(row)];
    if (row == 0 && b.lower <= 0)
        return QStringLiteral("<") + kpis::compactAmount(b.upper);
    return kpis::compactAmount(b.lower);
}

QString LifetimeValueModel::columnTitle(int column) const
{
    switch (column) {
    case From:
        return tr("Lifetime value from");
    case To:
        return tr("Up to");
    case Customers:
        return tr("Customers");
    case Active:
        return tr("Active");
    case Churned:
        return tr("Churned");
    }
    return {};
}

QVariant LifetimeValueModel::raw(int row, int column) const
{
    const queries::LifetimeValueBucket &b = m_summary.buckets[std::size_t(row)];
    switch (column) {
    case From:
        return b.lower;
    case To:
        return b.upper;
    case Customers:
        return b.customers;
    case Active:
        return b.customers - b.churned;
    case Churned:
        return b.churned;
    }
    return {};
}

QString LifetimeValueModel::display(int row, int column) const
{
    const QVariant v = raw(row, column);
    if (column == From || column == To)
        return kpis::money(v.toDouble());
    return kpis::count(v.toLongLong());
}

} // namespace ecomops::widgets

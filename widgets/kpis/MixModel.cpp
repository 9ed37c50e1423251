#include "kpis/MixModel.h"

#include "kpis/KpiStyle.h"

namespace ecomops::widgets {

void MixModel::setShares(const std::vector<queries::MixShare> &shares)
{
    beginResetModel();
    m_shares = shares;
    endResetModel();
}

std::vector<queries::MixShare> MixModel::sharesOf(const QString &dimension) const
{
    std::vector<queries::MixShare> rows;
    for (const queries::MixShare &s : m_shares) {
        if (s.dimension == dimension)
            rows.push_back(s);
    }
    return rows;
}

QStringList MixModel::dimensions()
{
    return {QStringLiteral("segment"), QStringLiteral("channel"), QStringLiteral("payment_method")};
}

QString MixModel::dimensionTitle(const QString &dimension)
{
    if (dimension == QLatin1String("segment"))
        return tr("Segment");
    if (dimension == QLatin1String("channel"))
        return tr("Channel");
    if (dimension == QLatin1String("payment_method"))
        return tr("Payment method");
    return dimension;
}

QString MixModel::columnTitle(int column) const
{
    switch (column) {
    case Dimension:
        return tr("Dimension");
    case Value:
        return tr("Value");
    case Orders:
        return tr("Orders");
    case Revenue:
        return tr("Revenue");
    case Customers:
        return tr("Customers");
    case OrderShare:
        return tr("Share of orders");
    case RevenueShare:
        return tr("Share of revenue");
    }
    return {};
}

QVariant MixModel::raw(int row, int column) const
{
    const queries::MixShare &s = m_shares[std::size_t(row)];
    switch (column) {
    case Dimension:
        return s.dimension;
    case Value:
        return s.value;
    case Orders:
        return s.orders;
    case Revenue:
        return s.revenue;
    case Customers:
        return s.customers;
    case OrderShare:
        return s.orderShare;
    case RevenueShare:
        return s.revenueShare;
    }
    return {};
}

QString MixModel::display(int row, int column) const
{
    const queries::MixShare &s = m_shares[std::size_t(row)];
    switch (column) {
    case Dimension:
        return dimensionTitle(s.dimension);
    case Value:
        return s.value.isEmpty() ? tr("(none)") : s.value;
    case Orders:
        return kpis::count(s.orders);
    case Revenue:
        return kpis::money(s.revenue);
    case Customers:
        return kpis::count(s.customers);
    case OrderShare:
        return kpis::percent(s.orderShare);
    case RevenueShare:
        return kpis::percent(s.revenueShare);
    }
    return {};
}

} // namespace ecomops::widgets

#include "kpis/RankingModel.h"

#include "kpis/KpiStyle.h"

namespace ecomops::widgets {

RankingModel::RankingModel(Kind kind, QObject *parent) : KpiTableModel(parent), m_kind(kind) {}

void RankingModel::setItems(const std::vector<queries::RankedItem> &items)
{
    beginResetModel();
    m_items = items;
    endResetModel();
}

QString RankingModel::columnTitle(int column) const
{
    switch (column) {
    case Rank:
        return tr("Rank");
    case Name:
        return m_kind == Kind::Products ? tr("Product") : tr("Category");
    case Detail:
        return m_kind == Kind::Products ? tr("Category") : tr("Products");
    case Units:
        return tr("Units");
    case Orders:
        return tr("Orders");
    case Revenue:
        return tr("Revenue");
    case Share:
        return tr("Share of revenue");
    }
    return {};
}

QVariant RankingModel::raw(int row, int column) const
{
    const queries::RankedItem &item = m_items[std::size_t(row)];
    switch (column) {
    case Rank:
        return item.rank;
    case Name:
        return item.name;
    case Detail:
        return m_kind == Kind::Products ? QVariant(item.category) : QVariant(item.products);
    case Units:
        return item.units;
    case Orders:
        return item.orders;
    case Revenue:
        return item.revenue;
    case Share:
        return item.share;
    }
    return {};
}

QString RankingModel::display(int row, int column) const
{
    const queries::RankedItem &item = m_items[std::size_t(row)];
    switch (column) {
    case Rank:
        return QString::number(item.rank);
    case Name:
        return item.name;
    case Detail:
        return m_kind == Kind::Products ? item.category : kpis::count(item.products);
    case Units:
        return kpis::count(item.units);
    case Orders:
        return kpis::count(item.orders);
    case Revenue:
        return kpis::money(item.revenue);
    case Share:
        return kpis::percent(item.share);
    }
    return {};
}

bool RankingModel::isNumeric(int column) const
{
    return column != Name && !(column == Detail && m_kind == Kind::Products);
}

} // namespace ecomops::widgets

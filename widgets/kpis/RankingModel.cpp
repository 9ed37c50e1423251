#include "kpis/RankingModel.h"

#include "kpis/KpiColumns.h"

namespace ecomops::widgets {

RankingModel::RankingModel(Kind kind, QObject *parent) : KpiRecordModel(parent), m_kind(kind)
{
    using Item = queries::RankedItem;
    using namespace kpis;
    const bool products = kind == Kind::Products;
    setColumns({
        {tr("Rank"), [](const Item &i) { return QVariant(i.rank); }},
        textColumn(products ? tr("Product") : tr("Category"), &Item::name),
        // Products name their category; categories count their products.
        products ? textColumn(tr("Category"), &Item::category) : countColumn(tr("Products"), &Item::products),
        countColumn(tr("Units"), &Item::units),
        countColumn(tr("Orders"), &Item::orders),
        moneyColumn(tr("Revenue"), &Item::revenue),
        shareColumn(tr("Share of revenue"), &Item::share),
    });
}

} // namespace ecomops::widgets

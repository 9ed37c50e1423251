#include "kpis/MixModel.h"

#include "kpis/KpiColumns.h"

namespace ecomops::widgets {

MixModel::MixModel(QObject *parent) : KpiRecordModel(parent)
{
    using Row = queries::MixShare;
    using namespace kpis;
    setColumns({
        {tr("Dimension"), [](const Row &s) { return QVariant(s.dimension); },
         [](const Row &s) { return dimensionTitle(s.dimension); }, false},
        textColumn(tr("Value"), &Row::value, tr("(none)")),
        countColumn(tr("Orders"), &Row::orders),
        moneyColumn(tr("Revenue"), &Row::revenue),
        countColumn(tr("Customers"), &Row::customers),
        shareColumn(tr("Share of orders"), &Row::orderShare),
        shareColumn(tr("Share of revenue"), &Row::revenueShare),
    });
}

std::vector<queries::MixShare> MixModel::sharesOf(const QString &dimension) const
{
    std::vector<queries::MixShare> rows;
    for (const queries::MixShare &s : records()) {
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

} // namespace ecomops::widgets

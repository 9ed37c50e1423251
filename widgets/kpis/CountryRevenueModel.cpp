#include "kpis/CountryRevenueModel.h"

#include "kpis/KpiColumns.h"

#include <algorithm>
#include <map>

namespace ecomops::widgets {

CountryRevenueModel::CountryRevenueModel(QObject *parent) : KpiRecordModel(parent)
{
    using Row = queries::CountryRevenue;
    using namespace kpis;
    setColumns({
        textColumn(tr("Country"), &Row::countryName),
        textColumn(tr("Region"), &Row::region),
        textColumn(tr("State"), &Row::state, QStringLiteral("—")),
        moneyColumn(tr("Revenue"), &Row::revenue),
        countColumn(tr("Orders"), &Row::orders),
        countColumn(tr("Customers"), &Row::customers),
        shareColumn(tr("Share of revenue"), &Row::share),
    });
}

std::vector<CountryRevenueModel::CountryTotal> CountryRevenueModel::countryTotals() const
{
    std::map<QString, CountryTotal> byCode;
    for (const queries::CountryRevenue &r : records()) {
        CountryTotal &t = byCode[r.countryCode];
        t.code = r.countryCode;
        t.name = r.countryName;
        t.revenue += r.revenue;
        t.share += r.share;
        t.orders += r.orders;
        if (!r.state.isEmpty())
            ++t.states;
    }
    std::vector<CountryTotal> totals;
    for (const auto &entry : byCode)
        totals.push_back(entry.second);
    std::sort(totals.begin(), totals.end(), [](const CountryTotal &a, const CountryTotal &b) {
        return a.revenue != b.revenue ? a.revenue > b.revenue : a.code < b.code;
    });
    return totals;
}

} // namespace ecomops::widgets

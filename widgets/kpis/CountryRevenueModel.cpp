#include "kpis/CountryRevenueModel.h"

#include "kpis/KpiStyle.h"

#include <algorithm>
#include <map>

namespace ecomops::widgets {

void CountryRevenueModel::setRows(const std::vector<queries::CountryRevenue> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

std::vector<CountryRevenueModel::CountryTotal> CountryRevenueModel::countryTotals() const
{
    std::map<QString, CountryTotal> byCode;
    for (const queries::CountryRevenue &r : m_rows) {
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

QString CountryRevenueModel::columnTitle(int column) const
{
    switch (column) {
    case Country:
        return tr("Country");
    case Region:
        return tr("Region");
    case State:
        return tr("State");
    case Revenue:
        return tr("Revenue");
    case Orders:
        return tr("Orders");
    case Customers:
        return tr("Customers");
    case Share:
        return tr("Share of revenue");
    }
    return {};
}

QVariant CountryRevenueModel::raw(int row, int column) const
{
    const queries::CountryRevenue &r = m_rows[std::size_t(row)];
    switch (column) {
    case Country:
        return r.countryName;
    case Region:
        return r.region;
    case State:
        return r.state;
    case Revenue:
        return r.revenue;
    case Orders:
        return r.orders;
    case Customers:
        return r.customers;
    case Share:
        return r.share;
    }
    return {};
}

QString CountryRevenueModel::display(int row, int column) const
{
    const queries::CountryRevenue &r = m_rows[std::size_t(row)];
    switch (column) {
    case Revenue:
        return kpis::money(r.revenue);
    case Orders:
        return kpis::count(r.orders);
    case Customers:
        return kpis::count(r.customers);
    case Share:
        return kpis::percent(r.share);
    case State:
        return r.state.isEmpty() ? QStringLiteral("—") : r.state;
    default:
        return raw(row, column).toString();
    }
}

} // namespace ecomops::widgets

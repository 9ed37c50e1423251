#pragma once
// Revenue by country, one row per country and state (where the source has
// states), largest first.
#include "kpis/KpiTableModel.h"
#include "queries/KpiQueries.h"

namespace ecomops::widgets {

class CountryRevenueModel : public KpiRecordModel<queries::CountryRevenue>
{
    Q_OBJECT
public:
    enum Columns { Country, Region, State, Revenue, Orders, Customers, Share, ColumnCount };

    explicit CountryRevenueModel(QObject *parent = nullptr);

    void setRows(const std::vector<queries::CountryRevenue> &rows) { resetRecords(rows); }
    const std::vector<queries::CountryRevenue> &rowsData() const { return records(); }

    struct CountryTotal {
        QString code;
        QString name;
        double revenue = 0;
        double share = 0;
        qint64 orders = 0;
        int states = 0;
    };
    // The rows summed per country, largest first.
    std::vector<CountryTotal> countryTotals() const;
};

} // namespace ecomops::widgets

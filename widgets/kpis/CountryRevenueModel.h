#pragma once
// Revenue by country, one row per country and state (where the source has
// states), largest first.
#include "kpis/KpiTableModel.h"
#include "queries/KpiQueries.h"

namespace ecomops::widgets {

class CountryRevenueModel : public KpiTableModel
{
    Q_OBJECT
public:
    enum Columns { Country, Region, State, Revenue, Orders, Customers, Share, ColumnCount };

    using KpiTableModel::KpiTableModel;

    void setRows(const std::vector<queries::CountryRevenue> &rows);
    const std::vector<queries::CountryRevenue> &rowsData() const { return m_rows; }

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

protected:
    int rows() const override { return int(m_rows.size()); }
    int columns() const override { return ColumnCount; }
    QString columnTitle(int column) const override;
    QVariant raw(int row, int column) const override;
    QString display(int row, int column) const override;
    bool isNumeric(int column) const override { return column >= Revenue; }

private:
    std::vector<queries::CountryRevenue> m_rows;
};

} // namespace ecomops::widgets

#pragma once
// Top products or top categories of the selected range, by revenue.
#include "kpis/KpiTableModel.h"
#include "queries/KpiQueries.h"

namespace ecomops::widgets {

class RankingModel : public KpiTableModel
{
    Q_OBJECT
public:
    enum Columns { Rank, Name, Detail, Units, Orders, Revenue, Share, ColumnCount };
    enum class Kind { Products, Categories };

    explicit RankingModel(Kind kind, QObject *parent = nullptr);

    void setItems(const std::vector<queries::RankedItem> &items);
    const std::vector<queries::RankedItem> &items() const { return m_items; }
    Kind kind() const { return m_kind; }

protected:
    int rows() const override { return int(m_items.size()); }
    int columns() const override { return ColumnCount; }
    QString columnTitle(int column) const override;
    QVariant raw(int row, int column) const override;
    QString display(int row, int column) const override;
    bool isNumeric(int column) const override;

private:
    Kind m_kind;
    std::vector<queries::RankedItem> m_items;
};

} // namespace ecomops::widgets

#pragma once
// Top products or top categories of the selected range, by revenue.
#include "kpis/KpiTableModel.h"
#include "queries/KpiQueries.h"

namespace ecomops::widgets {

class RankingModel : public KpiRecordModel<queries::RankedItem>
{
    Q_OBJECT
public:
    enum Columns { Rank, Name, Detail, Units, Orders, Revenue, Share, ColumnCount };
    enum class Kind { Products, Categories };

    explicit RankingModel(Kind kind, QObject *parent = nullptr);

    void setItems(const std::vector<queries::RankedItem> &items) { resetRecords(items); }
    const std::vector<queries::RankedItem> &items() const { return records(); }
    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

} // namespace ecomops::widgets

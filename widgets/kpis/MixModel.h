#pragma once
// Segment, channel and payment-method mix of revenue orders in the range.
#include "kpis/KpiTableModel.h"
#include "queries/KpiQueries.h"

namespace ecomops::widgets {

class MixModel : public KpiTableModel
{
    Q_OBJECT
public:
    enum Columns { Dimension, Value, Orders, Revenue, Customers, OrderShare, RevenueShare, ColumnCount };

    using KpiTableModel::KpiTableModel;

    void setShares(const std::vector<queries::MixShare> &shares);
    // The rows of one dimension ("segment", "channel", "payment_method"), largest revenue first.
    std::vector<queries::MixShare> sharesOf(const QString &dimension) const;

    static QStringList dimensions();
    static QString dimensionTitle(const QString &dimension);

protected:
    int rows() const override { return int(m_shares.size()); }
    int columns() const override { return ColumnCount; }
    QString columnTitle(int column) const override;
    QVariant raw(int row, int column) const override;
    QString display(int row, int column) const override;
    bool isNumeric(int column) const override { return column >= Orders; }

private:
    std::vector<queries::MixShare> m_shares;
};

} // namespace ecomops::widgets

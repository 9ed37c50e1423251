#pragma once
// Segment, channel and payment-method mix of revenue orders in the range.
#include "kpis/KpiTableModel.h"
#include "queries/KpiQueries.h"

namespace ecomops::widgets {

class MixModel : public KpiRecordModel<queries::MixShare>
{
    Q_OBJECT
public:
    enum Columns { Dimension, Value, Orders, Revenue, Customers, OrderShare, RevenueShare, ColumnCount };

    explicit MixModel(QObject *parent = nullptr);

    void setShares(const std::vector<queries::MixShare> &shares) { resetRecords(shares); }
    // The rows of one dimension ("segment", "channel", "payment_method"), largest revenue first.
    std::vector<queries::MixShare> sharesOf(const QString &dimension) const;

    static QStringList dimensions();
    static QString dimensionTitle(const QString &dimension);
};

} // namespace ecomops::widgets

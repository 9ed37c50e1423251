#pragma once
// The eight dimensions of one table's scorecard: score, threshold, checks.
#include "common/RecordTableModel.h"
#include "queries/QualityQueries.h"

namespace ecomops::widgets {

class DimensionScoreModel : public RecordTableModel<queries::DimensionScore>
{
    Q_OBJECT
public:
    enum Column { Dimension, Score, Threshold, Failed, ColumnCount };
    enum Roles { SortRole = Qt::UserRole + 1, VerdictRole, DimensionRole };

    explicit DimensionScoreModel(QObject *parent = nullptr);
    void setScores(const std::vector<queries::DimensionScore> &scores);
    const std::vector<queries::DimensionScore> &scores() const { return records(); }
    int rowOfDimension(const QString &dimension) const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
};

} // namespace ecomops::widgets

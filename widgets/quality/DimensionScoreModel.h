#pragma once
// The eight dimensions of one table's scorecard: score, threshold, checks.
#include "queries/QualityQueries.h"

#include <QAbstractTableModel>

namespace ecomops::widgets {

class DimensionScoreModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Dimension, Score, Threshold, Failed, ColumnCount };
    enum Roles { SortRole = Qt::UserRole + 1, VerdictRole, DimensionRole };

    explicit DimensionScoreModel(QObject *parent = nullptr);
    void setScores(const std::vector<queries::DimensionScore> &scores);
    const std::vector<queries::DimensionScore> &scores() const { return m_scores; }
    int rowOfDimension(const QString &dimension) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<queries::DimensionScore> m_scores;
};

} // namespace ecomops::widgets

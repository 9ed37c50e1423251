#pragma once
// The tables of one run's scorecard: overall score and verdict per table,
// the run as a whole first.
#include "queries/QualityQueries.h"

#include <QAbstractTableModel>

namespace ecomops::widgets {

class ScorecardTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Table, Overall, Verdict, Failed, ColumnCount };
    enum Roles { SortRole = Qt::UserRole + 1, VerdictRole, TableNameRole };

    explicit ScorecardTableModel(QObject *parent = nullptr);
    void setScorecard(const queries::RunScorecard &card);
    const queries::RunScorecard &scorecard() const { return m_card; }
    const queries::TableScorecard *tableAt(int row) const;
    int rowOfTable(const QString &table) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    queries::RunScorecard m_card;
};

} // namespace ecomops::widgets

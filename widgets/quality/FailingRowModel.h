#pragma once
// The rows that failed one rule: source line, where they ended up, the
// failing value, every reason and the raw record.
#include "queries/QualityQueries.h"

#include <QAbstractTableModel>

namespace ecomops::widgets {

class FailingRowModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Line, Outcome, Value, Reasons, Record, ColumnCount };
    enum Roles { SortRole = Qt::UserRole + 1 };

    explicit FailingRowModel(QObject *parent = nullptr);
    // `ruleId`: the rule whose failures these are (its reason names the value).
    void setRows(const std::vector<queries::FailingRow> &rows, const QString &ruleId = {});
    void appendRows(const std::vector<queries::FailingRow> &rows);
    const queries::FailingRow *rowAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<queries::FailingRow> m_rows;
    QString m_ruleId;
};

} // namespace ecomops::widgets

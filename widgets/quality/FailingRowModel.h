#pragma once
// The rows that failed one rule: source line, where they ended up, the
// failing value, every reason and the raw record.
#include "common/RecordTableModel.h"
#include "queries/QualityQueries.h"

namespace ecomops::widgets {

class FailingRowModel : public RecordTableModel<queries::FailingRow>
{
    Q_OBJECT
public:
    enum Column { Line, Outcome, Value, Reasons, Record, ColumnCount };
    enum Roles { SortRole = Qt::UserRole + 1 };

    explicit FailingRowModel(QObject *parent = nullptr);
    // `ruleId`: the rule whose failures these are (its reason names the value).
    void setRows(const std::vector<queries::FailingRow> &rows, const QString &ruleId = {});
    void appendRows(const std::vector<queries::FailingRow> &rows);
    const queries::FailingRow *rowAt(int row) const { return recordAt(row); }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QString m_ruleId;
};

} // namespace ecomops::widgets

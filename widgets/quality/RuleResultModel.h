#pragma once
// The rules behind one dimension of a scorecard: how many rows each checked
// and how many failed it, the failing rules first.
#include "common/RecordTableModel.h"
#include "queries/QualityQueries.h"

namespace ecomops::widgets {

class RuleResultModel : public RecordTableModel<queries::RuleResult>
{
    Q_OBJECT
public:
    // Table: which table the rule checked (the all-tables view mixes them).
    enum Column { Table, Rule, Description, Severity, Failed, PassPercent, ColumnCount };
    enum Roles { SortRole = Qt::UserRole + 1, VerdictRole, RuleIdRole };

    explicit RuleResultModel(QObject *parent = nullptr);
    void setRules(const std::vector<queries::RuleResult> &rules);
    const queries::RuleResult *ruleAt(int row) const { return recordAt(row); }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
};

} // namespace ecomops::widgets

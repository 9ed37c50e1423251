#pragma once
// The rules behind one dimension of a scorecard: how many rows each checked
// and how many failed it, the failing rules first.
#include "queries/QualityQueries.h"

#include <QAbstractTableModel>

namespace ecomops::widgets {

class RuleResultModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // Table: which table the rule checked (the all-tables view mixes them).
    enum Column { Table, Rule, Description, Severity, Failed, PassPercent, ColumnCount };
    enum Roles { SortRole = Qt::UserRole + 1, VerdictRole, RuleIdRole };

    explicit RuleResultModel(QObject *parent = nullptr);
    void setRules(const std::vector<queries::RuleResult> &rules);
    const queries::RuleResult *ruleAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<queries::RuleResult> m_rules;
};

} // namespace ecomops::widgets

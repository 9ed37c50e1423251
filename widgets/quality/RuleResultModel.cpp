#include "quality/RuleResultModel.h"

#include "quality/QualityText.h"

#include <QLocale>

namespace ecomops::widgets {

RuleResultModel::RuleResultModel(QObject *parent) : QAbstractTableModel(parent) {}

void RuleResultModel::setRules(const std::vector<queries::RuleResult> &rules)
{
    beginResetModel();
    m_rules = rules;
    endResetModel();
}

const queries::RuleResult *RuleResultModel::ruleAt(int row) const
{
    return row >= 0 && std::size_t(row) < m_rules.size() ? &m_rules[std::size_t(row)] : nullptr;
}

int RuleResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rules.size());
}

int RuleResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RuleResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const queries::RuleResult &r = m_rules[std::size_t(index.row())];
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Table:
            return r.table;
        case Rule:
            return r.ruleId;
        case Description:
            return r.description;
        case Severity:
            if (r.severity == QLatin1String("reject"))
                return tr("rejects the row");
            if (r.severity == QLatin1String("count"))
                return tr("counts");
            return tr("informs");
        case Failed:
            return tr("%1 of %2").arg(locale.toString(r.failed), locale.toString(r.checked));
        case PassPercent:
            return r.passPercent < 0 ? QStringLiteral("—")
                                     : QString(locale.toString(r.passPercent, 'f', 2) + QLatin1Char('%'));
        }
        break;
    case SortRole:
        switch (index.column()) {
        case Table:
            return r.table;
        case Rule:
            return r.ruleId;
        case Description:
            return r.description;
        case Severity:
            return r.severity;
        case Failed:
            return r.failed;
        case PassPercent:
            return r.passPercent;
        }
        break;
    case Qt::ToolTipRole:
        return r.columns.isEmpty() ? r.description
                                   : tr("%1\nColumns: %2").arg(r.description, r.columns.join(QStringLiteral(", ")));
    case Qt::TextAlignmentRole:
        return QVariant::fromValue((index.column() >= Failed ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case VerdictRole:
        return int(r.failed > 0 ? qualitytext::Verdict::Fail : qualitytext::Verdict::Pass);
    case RuleIdRole:
        return r.ruleId;
    }
    return {};
}

QVariant RuleResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Table:
        return tr("Table");
    case Rule:
        return tr("Rule");
    case Description:
        return tr("What it checks");
    case Severity:
        return tr("On failure");
    case Failed:
        return tr("Failed");
    case PassPercent:
        return tr("Passed");
    }
    return {};
}

} // namespace ecomops::widgets

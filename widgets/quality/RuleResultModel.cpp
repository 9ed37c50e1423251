#include "quality/RuleResultModel.h"

#include "quality/QualityText.h"

#include <QLocale>

namespace ecomops::widgets {

RuleResultModel::RuleResultModel(QObject *parent)
    : RecordTableModel({QT_TR_NOOP("Table"), QT_TR_NOOP("Rule"), QT_TR_NOOP("What it checks"), QT_TR_NOOP("On failure"),
                        QT_TR_NOOP("Failed"), QT_TR_NOOP("Passed")},
                       parent)
{
}

void RuleResultModel::setRules(const std::vector<queries::RuleResult> &rules)
{
    resetRecords(rules);
}

QVariant RuleResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const queries::RuleResult &r = m_records[std::size_t(index.row())];
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
        return columnValue(index.column(), {r.table, r.ruleId, r.description, r.severity, r.failed, r.passPercent});
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

} // namespace ecomops::widgets

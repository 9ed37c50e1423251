#include "quality/FailingRowModel.h"

#include "quality/FailingRowText.h"

namespace ecomops::widgets {

FailingRowModel::FailingRowModel(QObject *parent)
    : RecordTableModel({QT_TR_NOOP("Line"), QT_TR_NOOP("Outcome"), QT_TR_NOOP("Value"), QT_TR_NOOP("Reasons"),
                        QT_TR_NOOP("Raw record")},
                       parent)
{
}

void FailingRowModel::setRows(const std::vector<queries::FailingRow> &rows, const QString &ruleId)
{
    beginResetModel();
    m_records = rows;
    m_ruleId = ruleId;
    endResetModel();
}

void FailingRowModel::appendRows(const std::vector<queries::FailingRow> &rows)
{
    if (rows.empty())
        return;
    beginInsertRows({}, int(m_records.size()), int(m_records.size() + rows.size()) - 1);
    m_records.insert(m_records.end(), rows.begin(), rows.end());
    endInsertRows();
}

QVariant FailingRowModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const queries::FailingRow &r = m_records[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Line:
            return r.sourceLine > 0 ? QString::number(r.sourceLine) : tr("(snapshot)");
        case Outcome:
            return r.quarantined ? tr("quarantined at %1").arg(r.stage) : tr("loaded, counted");
        case Value:
            return failingrowtext::failingValue(r, m_ruleId);
        case Reasons:
            return r.reasons.join(QStringLiteral("; "));
        case Record:
            return r.rawRecord;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Reasons || index.column() == Record)
            return QString(r.reasons.join(QLatin1Char('\n')) + QStringLiteral("\n\n") + r.rawRecord);
        break;
    case SortRole:
        switch (index.column()) {
        case Line:
            return r.sourceLine;
        case Outcome:
            return r.quarantined;
        case Value:
            return failingrowtext::failingValue(r, m_ruleId);
        case Reasons:
            return r.reasons.size();
        case Record:
            return r.rawRecord;
        }
        break;
    case Qt::TextAlignmentRole:
        return QVariant::fromValue((index.column() == Line ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    return {};
}

} // namespace ecomops::widgets

#include "quality/FailingRowModel.h"

#include "quality/FailingRowText.h"

namespace ecomops::widgets {

FailingRowModel::FailingRowModel(QObject *parent) : QAbstractTableModel(parent) {}

void FailingRowModel::setRows(const std::vector<queries::FailingRow> &rows, const QString &ruleId)
{
    beginResetModel();
    m_rows = rows;
    m_ruleId = ruleId;
    endResetModel();
}

void FailingRowModel::appendRows(const std::vector<queries::FailingRow> &rows)
{
    if (rows.empty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size()) - 1);
    m_rows.insert(m_rows.end(), rows.begin(), rows.end());
    endInsertRows();
}

const queries::FailingRow *FailingRowModel::rowAt(int row) const
{
    return row >= 0 && std::size_t(row) < m_rows.size() ? &m_rows[std::size_t(row)] : nullptr;
}

int FailingRowModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FailingRowModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FailingRowModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const queries::FailingRow &r = m_rows[std::size_t(index.row())];
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

QVariant FailingRowModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Line:
        return tr("Line");
    case Outcome:
        return tr("Outcome");
    case Value:
        return tr("Value");
    case Reasons:
        return tr("Reasons");
    case Record:
        return tr("Raw record");
    }
    return {};
}

} // namespace ecomops::widgets

#include "quality/ScorecardTableModel.h"

#include "common/RecordTableModel.h"
#include "quality/QualityText.h"

#include <QLocale>

namespace ecomops::widgets {

using namespace qualitytext;

ScorecardTableModel::ScorecardTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void ScorecardTableModel::setScorecard(const queries::RunScorecard &card)
{
    beginResetModel();
    m_card = card;
    endResetModel();
}

const queries::TableScorecard *ScorecardTableModel::tableAt(int row) const
{
    return row >= 0 && std::size_t(row) < m_card.tables.size() ? &m_card.tables[std::size_t(row)] : nullptr;
}

int ScorecardTableModel::rowOfTable(const QString &table) const
{
    for (std::size_t i = 0; i < m_card.tables.size(); ++i)
        if (m_card.tables[i].table == table)
            return int(i);
    return -1;
}

int ScorecardTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_card.tables.size());
}

int ScorecardTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ScorecardTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const queries::TableScorecard &t = m_card.tables[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Table:
            return tableLabel(t.table);
        case Overall:
            return scoreText(t.overall);
        case Verdict:
            return verdictLabel(verdictFrom(t.verdict));
        case Failed:
            return QLocale().toString(t.failed);
        }
        break;
    case SortRole:
        return columnValue(index.column(), {t.table, t.overall, int(verdictFrom(t.verdict)), t.failed});
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(
            (index.column() == Overall || index.column() == Failed ? Qt::AlignRight : Qt::AlignLeft) |
            Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return tr("%1: overall %2 against a threshold of %3; %4 of %5 checks failed")
            .arg(tableLabel(t.table), scoreText(t.overall), scoreText(t.overallThreshold))
            .arg(t.failed)
            .arg(t.checked);
    case VerdictRole:
        return int(verdictFrom(t.verdict));
    case TableNameRole:
        return t.table;
    }
    return {};
}

QVariant ScorecardTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *const titles[ColumnCount] = {QT_TR_NOOP("Table"), QT_TR_NOOP("Score"), QT_TR_NOOP("Verdict"),
                                                    QT_TR_NOOP("Failed checks")};
    return tr(titles[section]);
}

} // namespace ecomops::widgets

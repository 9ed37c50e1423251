#include "kpis/KpiTableModel.h"

#include <QDate>

namespace ecomops::widgets {
namespace {

QVariant alignment(bool numeric)
{
    return (Qt::Alignment(numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter).toInt();
}

} // namespace

int KpiTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : rows();
}

int KpiTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : columns();
}

QVariant KpiTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return display(index.row(), index.column());
    case Qt::ToolTipRole:
        return toolTip(index.row(), index.column());
    case SortRole:
        return raw(index.row(), index.column());
    case Qt::TextAlignmentRole:
        return alignment(isNumeric(index.column()));
    default:
        return {};
    }
}

QVariant KpiTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columns())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return columnTitle(section);
    if (role == Qt::TextAlignmentRole)
        return alignment(isNumeric(section));
    return {};
}

std::vector<QStringList> KpiTableModel::toRecords() const
{
    std::vector<QStringList> records;
    QStringList header;
    for (int c = 0; c < columns(); ++c)
        header << columnTitle(c);
    records.push_back(header);
    for (int r = 0; r < rows(); ++r) {
        QStringList record;
        for (int c = 0; c < columns(); ++c) {
            const QVariant v = raw(r, c);
            if (v.typeId() == QMetaType::QDate)
                record << v.toDate().toString(Qt::ISODate);
            else if (v.typeId() == QMetaType::Double)
                record << QString::number(v.toDouble(), 'g', 15);
            else
                record << v.toString();
        }
        records.push_back(record);
    }
    return records;
}

QString KpiTableModel::toolTip(int row, int column) const
{
    return display(row, column);
}

bool KpiTableModel::isNumeric(int column) const
{
    return column > 0;
}

} // namespace ecomops::widgets

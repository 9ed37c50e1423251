#pragma once
// A flat table of records (one row each, a fixed set of titled columns):
// the row and column counts, header titles, record look-ups and reset that
// every such model otherwise writes again. Subclasses say what each column
// shows.
#include <QAbstractTableModel>
#include <QCoreApplication>

#include <cstddef>
#include <initializer_list>
#include <utility>
#include <vector>

namespace ecomops::widgets {

// The value of `column` among a row's values listed in column order (a sort
// role's raw values, say); none for a column past the list.
inline QVariant columnValue(int column, std::initializer_list<QVariant> values)
{
    return column >= 0 && std::size_t(column) < values.size() ? values.begin()[column] : QVariant();
}

template <typename Record> class RecordTableModel : public QAbstractTableModel
{
public:
    // `columnTitles`: one per column, in column order, marked QT_TR_NOOP in the
    // subclass and translated in its context, as its own tr() would.
    RecordTableModel(std::vector<const char *> columnTitles, QObject *parent)
        : QAbstractTableModel(parent), m_titles(std::move(columnTitles))
    {
    }

    // The record of `row`, or nullptr when there is none.
    const Record *recordAt(int row) const
    {
        return row >= 0 && std::size_t(row) < m_records.size() ? &m_records[std::size_t(row)] : nullptr;
    }
    const std::vector<Record> &records() const { return m_records; }

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_records.size()); }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_titles.size());
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columnCount())
            return QAbstractTableModel::headerData(section, orientation, role);
        return QCoreApplication::translate(metaObject()->className(), m_titles[std::size_t(section)]);
    }

protected:
    void resetRecords(std::vector<Record> records)
    {
        beginResetModel();
        m_records = std::move(records);
        endResetModel();
    }
    // The record behind `index` when it is a valid index of this model.
    const Record *recordFor(const QModelIndex &index) const
    {
        return checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
                   ? &m_records[std::size_t(index.row())]
                   : nullptr;
    }

    std::vector<Record> m_records;

private:
    std::vector<const char *> m_titles;
};

} // namespace ecomops::widgets

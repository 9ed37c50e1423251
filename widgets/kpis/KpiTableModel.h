#pragma once
// What every KPI table shares: read-only rows, a SortRole with the raw value
// (what the CSV export writes, and what proxies sort by), numbers aligned
// right. Subclasses say what a column is and what a cell holds.
#include <QAbstractTableModel>
#include <QStringList>

#include <functional>
#include <utility>
#include <vector>

namespace ecomops::widgets {

class KpiTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Roles { SortRole = Qt::UserRole + 1 };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The header and every row as raw values in text (ISO dates, plain
    // numbers), for a CSV file.
    std::vector<QStringList> toRecords() const;

protected:
    virtual int rows() const = 0;
    virtual int columns() const = 0;
    virtual QString columnTitle(int column) const = 0;
    virtual QVariant raw(int row, int column) const = 0;
    virtual QString display(int row, int column) const = 0;
    virtual QString toolTip(int row, int column) const;
    virtual bool isNumeric(int column) const;
};

// One column of a KpiRecordModel: its title, the raw value of a record and,
// where the raw value as text is not how it reads, its display.
template <typename Record> struct KpiColumn {
    QString title;
    std::function<QVariant(const Record &)> raw;
    std::function<QString(const Record &)> display = {};
    bool numeric = true;
};

// A KPI table whose rows are the records of one list, described column by
// column instead of a switch per role.
template <typename Record> class KpiRecordModel : public KpiTableModel
{
public:
    using KpiTableModel::KpiTableModel;

    const std::vector<Record> &records() const { return m_records; }

protected:
    // In the order of the subclass's Columns enum; set once, in its constructor.
    void setColumns(std::vector<KpiColumn<Record>> columns) { m_columns = std::move(columns); }
    void resetRecords(std::vector<Record> records)
    {
        beginResetModel();
        m_records = std::move(records);
        endResetModel();
    }

    int rows() const override { return int(m_records.size()); }
    int columns() const override { return int(m_columns.size()); }
    QString columnTitle(int column) const override { return m_columns[std::size_t(column)].title; }
    QVariant raw(int row, int column) const override
    {
        return m_columns[std::size_t(column)].raw(m_records[std::size_t(row)]);
    }
    QString display(int row, int column) const override
    {
        const KpiColumn<Record> &c = m_columns[std::size_t(column)];
        return c.display ? c.display(m_records[std::size_t(row)]) : raw(row, column).toString();
    }
    bool isNumeric(int column) const override { return m_columns[std::size_t(column)].numeric; }

private:
    std::vector<KpiColumn<Record>> m_columns;
    std::vector<Record> m_records;
};

} // namespace ecomops::widgets

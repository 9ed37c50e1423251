#pragma once
// What every KPI table shares: read-only rows, a SortRole with the raw value
// (what the CSV export writes, and what proxies sort by), numbers aligned
// right. Subclasses say what a column is and what a cell holds.
#include <QAbstractTableModel>
#include <QStringList>

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

} // namespace ecomops::widgets

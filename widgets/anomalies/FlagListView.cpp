#include "anomalies/FlagListView.h"

#include "anomalies/FlagStatusDelegate.h"
#include "anomalies/FlagTableModel.h"
#include "common/SortArrows.h"

#include <QHeaderView>
#include <QItemSelectionModel>

#include <algorithm>

namespace ecomops::widgets {

FlagListView::FlagListView(FlagTableModel *model, QWidget *parent) : QTableView(parent)
{
    setObjectName(QStringLiteral("flagTable"));
    setModel(model);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setItemDelegateForColumn(FlagTableModel::Status, new FlagStatusDelegate(FlagTableModel::StatusRole, this));
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    horizontalHeader()->setSortIndicator(FlagTableModel::ZScore, Qt::DescendingOrder);
    useConventionalSortArrows(horizontalHeader()); // ▼ means descending, as in Runs
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionsMovable(true);
    setSortingEnabled(true);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTabKeyNavigation(false);
    setColumnWidth(FlagTableModel::FlagId, 64);
    setColumnWidth(FlagTableModel::Product, 180);
    setColumnWidth(FlagTableModel::Quantity, 70);
    setColumnWidth(FlagTableModel::ZScore, 64);
    setColumnWidth(FlagTableModel::Status, 124);
    setColumnWidth(FlagTableModel::ChangedBy, 110);
    setColumnWidth(FlagTableModel::Threshold, 80);
    setColumnWidth(FlagTableModel::OrderDate, 100);
}

QList<int> FlagListView::selectedRowNumbers() const
{
    QList<int> rows;
    const QModelIndexList selected = selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void FlagListView::selectRow(int row)
{
    const QModelIndex index = model()->index(row, 0);
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(index);
}

void FlagListView::advancePast(const QList<int> &rows)
{
    if (rows.isEmpty())
        return;
    // The rows stay where they are while the database answers (a change
    // refreshes a row in place), so the next one is known now.
    int next = rows.last() + 1;
    if (next >= model()->rowCount())
        next = rows.first() - 1;
    if (next >= 0)
        selectRow(next);
}

} // namespace ecomops::widgets

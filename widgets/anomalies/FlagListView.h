#pragma once
// The flag list as a view: its columns' widths and delegate, extended
// selection, and moving on to the next flag after an action, so a steward
// can triage key after key.
#include <QTableView>

namespace ecomops::widgets {

class FlagTableModel;

class FlagListView : public QTableView
{
    Q_OBJECT
public:
    explicit FlagListView(FlagTableModel *model, QWidget *parent = nullptr);

    // The selected rows, in order.
    QList<int> selectedRowNumbers() const;
    // Makes `row` the current row, alone selected.
    void selectRow(int row);
    // Selects the flag after `rows` (before them at the end of the list).
    void advancePast(const QList<int> &rows);
};

} // namespace ecomops::widgets

#pragma once
// The Data Quality workspace's tables all look and select alike: built here,
// with a heading above each and row selection by number.
#include <QString>

class QAbstractItemModel;
class QLabel;
class QTableView;
class QWidget;

namespace ecomops::widgets::qualityviews {

QTableView *makeView(QAbstractItemModel *model, const QString &name);
// `body` under a heading.
QWidget *titled(QLabel *title, QWidget *body);
// A heading in the workspace's style.
QLabel *heading(const QString &text = {});
int currentRowOf(const QTableView *view); // -1 without one
void selectRow(QTableView *view, int row);

} // namespace ecomops::widgets::qualityviews

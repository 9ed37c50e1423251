#pragma once
// How every table in the Runs workspace looks and behaves, set up in one
// place: whole-row selection, compact rows, no grid, keyboard-friendly.
class QAbstractItemModel;
class QSortFilterProxyModel;
class QSplitter;
class QString;
class QTableView;

namespace ecomops::widgets {

void setUpRunTable(QTableView *view);

// `view` shows `model` sorted through a new proxy (a child of the view) by
// `sortRole`, which the model fills with raw values.
QSortFilterProxyModel *setUpSortableRunTable(QTableView *view, QAbstractItemModel *model, int sortRole);

// Column widths, order and sort, and splitter positions, persisted in
// QSettings as hex text, so the settings file stays plain readable ASCII.
void restoreHeaderState(QTableView *view, const QString &settingsKey);
void saveHeaderState(const QTableView *view, const QString &settingsKey);
void restoreSplitterState(QSplitter *splitter, const QString &settingsKey);
void saveSplitterState(const QSplitter *splitter, const QString &settingsKey);

} // namespace ecomops::widgets

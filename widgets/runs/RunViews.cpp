#include "runs/RunViews.h"

#include "common/SortArrows.h"

#include <QHeaderView>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>

namespace ecomops::widgets {

void setUpRunTable(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setShowGrid(false);
    view->setAlternatingRowColors(true);
    view->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    view->setFrameShape(QFrame::StyledPanel);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 12);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view->horizontalHeader()->setSectionsMovable(true);
    view->horizontalHeader()->setMinimumSectionSize(36);
}

QSortFilterProxyModel *setUpSortableRunTable(QTableView *view, QAbstractItemModel *model, int sortRole)
{
    auto *proxy = new QSortFilterProxyModel(view);
    proxy->setSourceModel(model);
    proxy->setSortRole(sortRole);
    proxy->setDynamicSortFilter(true);
    view->setModel(proxy);
    setUpRunTable(view);
    view->setSortingEnabled(true);
    useConventionalSortArrows(view->horizontalHeader());
    return proxy;
}

namespace {

QByteArray loadState(const QString &settingsKey)
{
    return QByteArray::fromHex(QSettings().value(settingsKey).toString().toLatin1());
}

void storeState(const QString &settingsKey, const QByteArray &state)
{
    QSettings().setValue(settingsKey, QString::fromLatin1(state.toHex()));
}

} // namespace

void restoreHeaderState(QTableView *view, const QString &settingsKey)
{
    const QByteArray state = loadState(settingsKey);
    if (!state.isEmpty())
        view->horizontalHeader()->restoreState(state);
}

void saveHeaderState(const QTableView *view, const QString &settingsKey)
{
    storeState(settingsKey, view->horizontalHeader()->saveState());
}

void restoreSplitterState(QSplitter *splitter, const QString &settingsKey)
{
    const QByteArray state = loadState(settingsKey);
    if (!state.isEmpty())
        splitter->restoreState(state);
}

void saveSplitterState(const QSplitter *splitter, const QString &settingsKey)
{
    storeState(settingsKey, splitter->saveState());
}

} // namespace ecomops::widgets

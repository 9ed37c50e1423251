#include "quality/QualityViews.h"

#include "common/Theme.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace ecomops::widgets::qualityviews {

QTableView *makeView(QAbstractItemModel *model, const QString &name)
{
    auto *view = new QTableView;
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 10);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setTabKeyNavigation(false);
    return view;
}

QWidget *titled(QLabel *title, QWidget *body)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(title);
    layout->addWidget(body, 1);
    return box;
}

QLabel *heading(const QString &text)
{
    auto *label = new QLabel(text);
    label->setFont(theme::scaledFont(label->font(), 1.0, QFont::DemiBold));
    return label;
}

int currentRowOf(const QTableView *view)
{
    const QModelIndex index = view->selectionModel() ? view->selectionModel()->currentIndex() : QModelIndex();
    return index.isValid() ? index.row() : -1;
}

void selectRow(QTableView *view, int row)
{
    if (row < 0 || row >= view->model()->rowCount())
        return;
    view->selectionModel()->setCurrentIndex(view->model()->index(row, 0),
                                            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->scrollTo(view->model()->index(row, 0));
}

} // namespace ecomops::widgets::qualityviews

#include "kpis/CohortHeatmap.h"

#include "common/Theme.h"
#include "kpis/CohortRetentionModel.h"
#include "kpis/KpiStyle.h"

#include <QHeaderView>
#include <QLocale>
#include <QPainter>
#include <QStyle>
#include <QStyledItemDelegate>

#include <algorithm>

namespace ecomops::widgets {
namespace {

class HeatDelegate : public QStyledItemDelegate
{
public:
    explicit HeatDelegate(CohortHeatmap *view) : QStyledItemDelegate(view), m_view(view) {}

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        if (index.column() < CohortRetentionModel::FirstMonth) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        const QVariant value = index.data(CohortRetentionModel::SortRole);
        const QPalette &pal = option.palette;
        const QRectF cell = QRectF(option.rect).adjusted(1, 1, -1, -1);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        if (value.isValid()) {
            const double retention = value.toDouble();
            const bool first = index.column() == CohortRetentionModel::FirstMonth;
            const double intensity =
                first ? 1.0 : std::clamp(retention / std::max(m_view->scaleMaximum(), 1e-9), 0.0, 1.0);
            const QColor base = pal.color(QPalette::Base);
            const QColor fill = theme::mix(base, kpis::accent(pal), 0.08 + 0.84 * intensity);
            painter->setPen(Qt::NoPen);
            painter->setBrush(fill);
            painter->drawRoundedRect(cell, 3, 3);
            // Dark text on a light cell, white on a deep one, whichever the palette.
            painter->setPen(fill.lightness() > 150 ? QColor(0x1c, 0x1d, 0x22) : QColor(Qt::white));
            painter->setFont(option.font);
            painter->drawText(cell, Qt::AlignCenter, QLocale().toString(qRound(retention * 100)) + QLocale().percent());
        }
        if (option.state & QStyle::State_HasFocus) {
            painter->setPen(QPen(pal.color(QPalette::Highlight), 1.5));
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(cell, 3, 3);
        }
        painter->restore();
    }

private:
    CohortHeatmap *m_view;
};

} // namespace

CohortHeatmap::CohortHeatmap(CohortRetentionModel *model, QWidget *parent) : QTableView(parent), m_model(model)
{
    setModel(model);
    setItemDelegate(new HeatDelegate(this));
    setShowGrid(false);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectItems);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setFrameShape(QFrame::NoFrame);
    setWordWrap(false);
    setAccessibleName(tr("Cohort retention"));
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    // Month cells share the width; the view scrolls only when they get too narrow to read.
    horizontalHeader()->setMinimumSectionSize(fontMetrics().horizontalAdvance(QStringLiteral("100%")) + 8);
    horizontalHeader()->setHighlightSections(false);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        updateScale();
        QHeaderView *header = horizontalHeader();
        for (int column = 0; column < m_model->columnCount(); ++column)
            header->setSectionResizeMode(column, column < CohortRetentionModel::FirstMonth
                                                     ? QHeaderView::ResizeToContents
                                                     : QHeaderView::Stretch);
    });
    updateScale();
}

void CohortHeatmap::updateScale()
{
    double best = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        for (int k = 1; k < m_model->monthColumns(); ++k) {
            if (const auto *c = m_model->cell(row, k))
                best = std::max(best, c->retention);
        }
    }
    m_scaleMaximum = best > 0 ? best : 1.0;
    viewport()->update();
}

} // namespace ecomops::widgets

#include "kpis/LifetimeValueChart.h"

#include "common/Theme.h"
#include "kpis/KpiStyle.h"
#include "kpis/LifetimeValueModel.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace ecomops::widgets {
namespace {

QString churnedLegend(int days)
{
    return LifetimeValueChart::tr("Churned (no order for %1 days)").arg(days);
}

} // namespace

LifetimeValueChart::LifetimeValueChart(LifetimeValueModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    setAccessibleName(tr("Customer lifetime value distribution"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    connect(model, &QAbstractItemModel::modelReset, this, qOverload<>(&QWidget::update));
}

QString LifetimeValueChart::valueAxisTitle()
{
    return tr("Lifetime value per customer (revenue to date)");
}

QString LifetimeValueChart::countAxisTitle()
{
    return tr("Customers");
}

NiceScale LifetimeValueChart::countAxis() const
{
    qint64 top = 0;
    for (const auto &b : m_model->summary().buckets)
        top = std::max(top, b.customers);
    return niceScale(0, double(std::max<qint64>(top, 1)), 4, 1.0);
}

QRect LifetimeValueChart::plotRect() const
{
    const QFontMetrics fm = fontMetrics();
    const int left = fm.horizontalAdvance(QLocale().toString(99999)) + 10;
    // The legend, then the count axis's title above the plot; the buckets and
    // the value axis's title below it.
    const int top = fm.height() * 3 + 8;
    const int bottom = fm.height() * 2 + 14;
    return QRect(left, top, std::max(10, width() - left - 8), std::max(10, height() - top - bottom));
}

int LifetimeValueChart::bucketAt(int x) const
{
    const int n = m_model->rowCount();
    const QRect plot = plotRect();
    if (n == 0 || x < plot.left() || x > plot.right())
        return -1;
    return std::min(n - 1, int(double(x - plot.left()) / plot.width() * n));
}

void LifetimeValueChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QFontMetrics fm = fontMetrics();
    const auto &buckets = m_model->summary().buckets;
    if (buckets.empty()) {
        p.setPen(theme::mutedText(pal));
        p.drawText(rect(), Qt::AlignCenter, tr("No customer placed a first order in this range"));
        return;
    }
    const QColor active = kpis::accent(pal);
    QColor churned = kpis::badColor(pal);
    churned.setAlphaF(0.75f);

    // Legend.
    int x = 0;
    const int legendY = 2;
    for (const auto &[color, text] :
         {std::pair{active, tr("Active customers")}, std::pair{churned, churnedLegend(m_model->summary().churnDays)}}) {
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawRoundedRect(QRectF(x, legendY + (fm.height() - 10) / 2.0, 10, 10), 2, 2);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(x + 14, legendY, fm.horizontalAdvance(text) + 2, fm.height()), Qt::AlignVCenter, text);
        x += 14 + fm.horizontalAdvance(text) + 18;
    }

    // Grid, y labels and the axis titles.
    const NiceScale scale = countAxis();
    const double yMax = scale.max;
    const QRect plot = plotRect();
    const QColor grid = theme::separator(pal);
    const QLocale locale;
    p.setPen(theme::mutedText(pal));
    p.drawText(QRect(0, legendY + fm.height() + 4, plot.right(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
               countAxisTitle());
    p.drawText(QRect(plot.left(), plot.bottom() + fm.height() + 8, plot.width(), fm.height()),
               Qt::AlignHCenter | Qt::AlignVCenter, valueAxisTitle());
    const int ticks = scale.tickCount() - 1;
    for (int t = 0; t <= ticks; ++t) {
        const double value = scale.step * t;
        const int y = plot.bottom() - int(std::round(plot.height() * double(t) / ticks));
        p.setPen(QPen(grid, 1));
        p.drawLine(plot.left(), y, plot.right(), y);
        p.setPen(theme::mutedText(pal));
        p.drawText(QRect(0, y - fm.height() / 2, plot.left() - 6, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                   locale.toString(qRound64(value)));
    }

    // Bars, and as many bucket labels as fit.
    const int n = int(buckets.size());
    const double slot = double(plot.width()) / n;
    int widest = 0;
    for (int i = 0; i < n; ++i)
        widest = std::max(widest, fm.horizontalAdvance(m_model->bucketStart(i)));
    const int labelStep = std::max(1, int(std::ceil((widest + 6) / slot)));
    for (int i = 0; i < n; ++i) {
        const auto &b = buckets[std::size_t(i)];
        const double left = plot.left() + slot * i + slot * 0.14;
        const double barWidth = slot * 0.72;
        const double activeHeight = plot.height() * double(b.customers - b.churned) / yMax;
        const double churnedHeight = plot.height() * double(b.churned) / yMax;
        p.setPen(Qt::NoPen);
        p.setBrush(active);
        p.drawRect(QRectF(left, plot.bottom() - activeHeight, barWidth, activeHeight));
        p.setBrush(churned);
        p.drawRect(QRectF(left, plot.bottom() - activeHeight - churnedHeight, barWidth, churnedHeight));
        if (i % labelStep == 0) {
            p.setPen(theme::mutedText(pal));
            p.drawText(QRectF(plot.left() + slot * i - 20, plot.bottom() + 4, slot + 40, fm.height()),
                       Qt::AlignHCenter | Qt::AlignTop, m_model->bucketStart(i));
        }
    }
}

bool LifetimeValueChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int i = bucketAt(help->pos().x());
        if (i >= 0) {
            const auto &b = m_model->summary().buckets[std::size_t(i)];
            QToolTip::showText(help->globalPos(),
                               tr("Lifetime value %1: %2 customers, %3 churned")
                                   .arg(m_model->bucketLabel(i), kpis::count(b.customers), kpis::count(b.churned)),
                               this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace ecomops::widgets

#include "kpis/BarRankingChart.h"

#include "common/Theme.h"
#include "kpis/KpiStyle.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace ecomops::widgets {
namespace {

constexpr int kMargin = 4;

} // namespace

BarRankingChart::BarRankingChart(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void BarRankingChart::setBars(const std::vector<Bar> &bars, const QString &seriesName, int colorIndex)
{
    m_bars = bars;
    m_seriesName = seriesName;
    m_colorIndex = colorIndex;
    update();
}

QRect BarRankingChart::rowRect(int row) const
{
    const int n = std::max(int(m_bars.size()), 1);
    const int rowHeight = std::min((height() - 2 * kMargin) / n, fontMetrics().height() * 2 + 6);
    return {0, kMargin + row * rowHeight, width(), rowHeight};
}

int BarRankingChart::rowAt(int y) const
{
    for (int row = 0; row < int(m_bars.size()); ++row) {
        if (rowRect(row).contains(0, y))
            return row;
    }
    return -1;
}

void BarRankingChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    if (m_bars.empty()) {
        p.setPen(theme::mutedText(pal));
        p.drawText(rect(), Qt::AlignCenter, tr("Nothing sold in this range"));
        return;
    }
    double top = 0;
    int rankWidth = 0;
    int nameWidth = 0;
    int valueWidth = 0;
    const QFontMetrics fm = fontMetrics();
    for (int i = 0; i < int(m_bars.size()); ++i) {
        top = std::max(top, m_bars[std::size_t(i)].value);
        rankWidth = std::max(rankWidth, fm.horizontalAdvance(QString::number(i + 1)));
        nameWidth = std::max(nameWidth, fm.horizontalAdvance(m_bars[std::size_t(i)].label));
        valueWidth = std::max(valueWidth, fm.horizontalAdvance(kpis::moneyShort(m_bars[std::size_t(i)].value)));
    }
    nameWidth = std::min(nameWidth, int(width() * 0.42));
    const int barLeft = rankWidth + 8 + nameWidth + 10;
    const int barSpace = std::max(10, width() - barLeft - valueWidth - 8 - kMargin);
    const QColor color = kpis::seriesColor(pal, m_colorIndex);
    const QColor track = theme::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.05);

    for (int i = 0; i < int(m_bars.size()); ++i) {
        const Bar &bar = m_bars[std::size_t(i)];
        const QRect row = rowRect(i);
        const int barHeight = std::max(6, int(row.height() * 0.62));
        const QRectF trackRect(barLeft, row.center().y() - barHeight / 2.0, barSpace, barHeight);
        p.setPen(Qt::NoPen);
        p.setBrush(track);
        p.drawRoundedRect(trackRect, 3, 3);
        QRectF barRect = trackRect;
        barRect.setWidth(top > 0 ? std::max(2.0, barSpace * bar.value / top) : 0);
        p.setBrush(color);
        p.drawRoundedRect(barRect, 3, 3);

        p.setPen(theme::mutedText(pal));
        p.drawText(QRect(0, row.top(), rankWidth, row.height()), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(i + 1));
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(rankWidth + 8, row.top(), nameWidth, row.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(bar.label, Qt::ElideRight, nameWidth));
        p.setPen(theme::mutedText(pal));
        p.drawText(QRect(int(barRect.right()) + 6, row.top(), valueWidth + 4, row.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, kpis::moneyShort(bar.value));
    }
}

bool BarRankingChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int row = rowAt(help->pos().y());
        if (row >= 0)
            QToolTip::showText(help->globalPos(), m_bars[std::size_t(row)].toolTip, this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace ecomops::widgets

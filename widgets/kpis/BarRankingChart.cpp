#include "kpis/BarRankingChart.h"

#include "kpis/KpiStyle.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QFontMetrics>
#include <QHorizontalBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>

namespace ecomops::widgets {

BarRankingChart::BarRankingChart(QWidget *parent) : KpiChartView(parent)
{
    chart()->legend()->hide();
}

void BarRankingChart::setBars(const std::vector<Bar> &bars, const QString &seriesName, int colorIndex)
{
    m_bars = bars;
    m_seriesName = seriesName;
    m_colorIndex = colorIndex;
    rebuild();
}

void BarRankingChart::rebuild()
{
    clearChart();
    chart()->legend()->hide();
    if (m_bars.empty())
        return;
    const QPalette pal = palette();
    double top = 0;
    for (const Bar &b : m_bars)
        top = std::max(top, b.value);
    const Scale scale = scaleFor(top);

    auto *set = new QBarSet(m_seriesName);
    const QColor color = kpis::seriesColor(pal, m_colorIndex);
    set->setColor(color);
    set->setBorderColor(color);
    // Qt draws the first category at the bottom: append smallest first.
    // Labels must be unique, and short enough to leave room for the bars.
    const QFontMetrics metrics(font());
    QStringList labels;
    for (auto it = m_bars.rbegin(); it != m_bars.rend(); ++it) {
        *set << it->value / scale.divisor;
        QString label = metrics.elidedText(it->label, Qt::ElideRight, 150);
        while (labels.contains(label))
            label += QChar(0x200B); // zero-width space keeps equal names apart
        labels << label;
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setBarWidth(0.68);
    chart()->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(labels);
    auto *x = new QValueAxis;
    x->setLabelFormat(QStringLiteral("%.0f") + scale.suffix);
    x->setRange(0, std::max(top / scale.divisor * 1.05, 1.0));
    x->applyNiceNumbers();
    x->setTickCount(4);
    chart()->addAxis(y, Qt::AlignLeft);
    chart()->addAxis(x, Qt::AlignBottom);
    series->attachAxis(y);
    series->attachAxis(x);
    styleAxis(y, false);
    styleAxis(x);
    y->setLabelsBrush(pal.color(QPalette::Text));
    connect(set, &QBarSet::hovered, this, [this](bool state, int index) {
        const int i = int(m_bars.size()) - 1 - index;
        if (state && i >= 0 && i < int(m_bars.size()))
            QToolTip::showText(QCursor::pos(), m_bars[std::size_t(i)].toolTip);
    });
}

} // namespace ecomops::widgets

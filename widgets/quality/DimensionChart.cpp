#include "quality/DimensionChart.h"

#include "common/AxisTicks.h"
#include "common/ChartTheme.h"
#include "common/Theme.h"
#include "quality/QualityText.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QEvent>
#include <QHorizontalStackedBarSeries>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

namespace ecomops::widgets {

using qualitytext::Verdict;

DimensionChart::DimensionChart(QWidget *parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(360, 220);
    auto *chart = new QChart;
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    setChart(chart);
    applyTheme();
}

void DimensionChart::setScores(const std::vector<queries::DimensionScore> &scores)
{
    m_scores = scores;
    QChart *c = chart();
    charts::clear(c);
    const QPalette pal = palette();
    auto *meets = new QBarSet(tr("Meets threshold"));
    meets->setColor(qualitytext::verdictColor(Verdict::Pass, pal));
    meets->setBorderColor(Qt::transparent);
    auto *below = new QBarSet(tr("Below threshold"));
    below->setColor(qualitytext::verdictColor(Verdict::Fail, pal));
    below->setBorderColor(Qt::transparent);
    // Bottom to top, so the first dimension reads first.
    std::vector<queries::DimensionScore> ordered(scores.rbegin(), scores.rend());
    QStringList categories;
    for (const queries::DimensionScore &d : ordered) {
        categories.append(qualitytext::dimensionLabel(d.dimension));
        const qreal score = d.score < 0 ? 0 : d.score;
        meets->append(d.score >= 0 && d.passed ? score : 0);
        below->append(d.score >= 0 && !d.passed ? score : 0);
    }
    auto *bars = new QHorizontalStackedBarSeries;
    bars->setBarWidth(0.62);
    bars->append(meets);
    bars->append(below);
    c->addSeries(bars);
    for (QBarSet *set : {meets, below})
        connect(set, &QBarSet::clicked, this, [this](int index) {
            if (index >= 0 && std::size_t(index) < m_scores.size())
                emit dimensionClicked(m_scores[m_scores.size() - 1 - std::size_t(index)].dimension);
        });

    auto *yAxis = new QBarCategoryAxis;
    yAxis->append(categories);
    yAxis->setTruncateLabels(false);
    // Scores near 100 are told apart: the axis starts just below the lowest
    // score or threshold (a bar never starts at zero here), and says so.
    double lowest = 100;
    for (const queries::DimensionScore &d : ordered) {
        if (d.score >= 0)
            lowest = std::min(lowest, d.score);
        if (d.threshold >= 0)
            lowest = std::min(lowest, d.threshold);
    }
    m_scale = niceScale(std::max(0.0, lowest - std::max(0.5, (100 - lowest) * 0.15)), 100, 5);
    auto *xAxis = new QValueAxis;
    applyNiceScale(xAxis, m_scale);
    xAxis->setTitleText(m_scale.min > 0 ? tr("Score (the axis starts at %1)").arg(m_scale.min) : tr("Score"));
    c->addAxis(xAxis, Qt::AlignBottom);
    c->addAxis(yAxis, Qt::AlignLeft);
    bars->attachAxis(xAxis);
    bars->attachAxis(yAxis);

    // A tick across each bar at its threshold; one legend entry for them all.
    QPen thresholdPen(theme::isDark(pal) ? QColor(0xf2, 0xf2, 0xf2) : QColor(0x20, 0x24, 0x2c));
    thresholdPen.setWidthF(2.5);
    bool first = true;
    for (std::size_t i = 0; i < ordered.size(); ++i) {
        if (ordered[i].threshold < 0)
            continue;
        auto *tick = new QLineSeries;
        tick->setName(tr("Threshold"));
        tick->setPen(thresholdPen);
        tick->append(ordered[i].threshold, qreal(i) - 0.38);
        tick->append(ordered[i].threshold, qreal(i) + 0.38);
        c->addSeries(tick);
        tick->attachAxis(xAxis);
        tick->attachAxis(yAxis);
        if (!first)
            for (QLegendMarker *marker : c->legend()->markers(tick))
                marker->setVisible(false);
        first = false;
    }
    applyTheme();
}

void DimensionChart::applyTheme()
{
    charts::applyPalette(chart(), palette());
}

void DimensionChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        setScores(m_scores);
}

} // namespace ecomops::widgets

#include "quality/ScoreTrendChart.h"

#include "common/AxisTicks.h"
#include "common/ChartTheme.h"
#include "common/Theme.h"
#include "quality/QualityText.h"

#include <QChart>
#include <QEvent>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <cmath>

namespace ecomops::widgets {

ScoreTrendChart::ScoreTrendChart(QWidget *parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(260, 220);
    auto *chart = new QChart;
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    setChart(chart);
}

void ScoreTrendChart::setTrend(const std::vector<queries::TrendPoint> &points, qint64 currentRun)
{
    m_points = points;
    m_currentRun = currentRun;
    QChart *c = chart();
    charts::clear(c);
    const QPalette pal = palette();
    c->setTitle(tr("Overall score across runs"));
    if (points.empty()) {
        charts::applyPalette(c, pal);
        return;
    }

    auto *line = new QLineSeries;
    line->setName(tr("Overall"));
    QPen linePen(theme::isDark(pal) ? QColor(0x8f, 0xb4, 0xff) : QColor(0x2f, 0x6f, 0xde));
    linePen.setWidthF(2);
    line->setPen(linePen);
    line->setPointsVisible(true);
    auto *threshold = new QLineSeries;
    threshold->setName(tr("Threshold"));
    QPen thresholdPen(theme::mutedText(pal));
    thresholdPen.setStyle(Qt::DashLine);
    threshold->setPen(thresholdPen);
    auto *current = new QScatterSeries;
    current->setName(tr("This run"));
    current->setMarkerSize(11);
    current->setBorderColor(pal.color(QPalette::Base));
    qreal minY = 100;
    for (const queries::TrendPoint &p : points) {
        if (p.score < 0)
            continue;
        line->append(qreal(p.runId), p.score);
        minY = std::min(minY, qreal(p.score));
        if (p.threshold >= 0) {
            threshold->append(qreal(p.runId), p.threshold);
            minY = std::min(minY, qreal(p.threshold));
        }
        if (p.runId == currentRun) {
            current->append(qreal(p.runId), p.score);
            current->setColor(
                qualitytext::verdictColor(p.passed ? qualitytext::Verdict::Pass : qualitytext::Verdict::Fail, pal));
        }
    }
    c->addSeries(threshold);
    c->addSeries(line);
    c->addSeries(current);
    auto *xAxis = new QValueAxis;
    const qreal first = qreal(points.front().runId);
    const qreal last = qreal(points.back().runId);
    // Whole run numbers on the axis: one tick per run while they fit.
    const qint64 span = qint64(last - first) + 2;
    xAxis->setRange(first - 1, last + 1);
    xAxis->setTickCount(span <= 8 ? int(span) + 1 : 6);
    xAxis->setLabelFormat(QStringLiteral("%d"));
    xAxis->setTitleText(tr("Run"));
    auto *yAxis = new QValueAxis;
    applyNiceScale(yAxis, niceScale(std::max<qreal>(0, minY - (100 - minY) * 0.1 - 0.5), 100, 4));
    c->addAxis(xAxis, Qt::AlignBottom);
    c->addAxis(yAxis, Qt::AlignLeft);
    for (QAbstractSeries *s : {static_cast<QAbstractSeries *>(threshold), static_cast<QAbstractSeries *>(line),
                               static_cast<QAbstractSeries *>(current)}) {
        s->attachAxis(xAxis);
        s->attachAxis(yAxis);
    }
    charts::applyPalette(c, pal);
}

void ScoreTrendChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        setTrend(m_points, m_currentRun);
}

} // namespace ecomops::widgets

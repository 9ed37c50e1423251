#include "anomalies/QuantityHistoryChart.h"

#include "anomalies/FlagText.h"
#include "common/ChartTheme.h"
#include "common/Theme.h"

#include <QAreaSeries>
#include <QChart>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>

namespace ecomops::widgets {

namespace {

// The source's timestamps are naive wall-clock times: shown as they are.
qreal chartTime(const QDateTime &naive)
{
    return qreal(QDateTime(naive.date(), naive.time(), Qt::LocalTime).toMSecsSinceEpoch());
}

} // namespace

QuantityHistoryChart::QuantityHistoryChart(QWidget *parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
    auto *chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    QFont legendFont = font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    chart->legend()->setFont(legendFont);
    setChart(chart);
    applyTheme();
}

void QuantityHistoryChart::clear()
{
    charts::clear(chart());
    chart()->setTitle(QString());
    m_points = 0;
}

void QuantityHistoryChart::setDetail(const anomalies::FlagDetail &detail)
{
    clear();
    const anomalies::FlagRow &flag = detail.flag;
    const QPalette pal = palette();
    const bool dark = theme::isDark(pal);

    auto *counted = new QScatterSeries;
    counted->setName(tr("Lines"));
    counted->setMarkerSize(6);
    counted->setColor(theme::mix(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.45));
    counted->setBorderColor(Qt::transparent);
    auto *leftOut = new QScatterSeries;
    leftOut->setName(tr("Excluded"));
    leftOut->setMarkerSize(6);
    leftOut->setColor(Qt::transparent);
    leftOut->setBorderColor(theme::mix(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.6));
    auto *others = new QScatterSeries;
    others->setName(tr("Flags"));
    others->setMarkerSize(8);
    others->setColor(QColor(0xe0, 0x8a, 0x1e));
    others->setBorderColor(Qt::transparent);
    auto *self = new QScatterSeries;
    self->setName(tr("This flag"));
    self->setMarkerSize(14);
    self->setColor(QColor(0xd6, 0x33, 0x3a));
    self->setBorderColor(pal.color(QPalette::Base));

    qreal minX = 0, maxX = 0, maxY = flag.threshold;
    bool first = true;
    auto extend = [&](qreal x, qreal y) {
        if (first) {
            minX = maxX = x;
            first = false;
        }
        minX = std::min(minX, x);
        maxX = std::max(maxX, x);
        maxY = std::max(maxY, y);
    };
    for (const anomalies::QuantityPoint &p : detail.history) {
        const qreal x = chartTime(p.orderTs);
        const qreal y = p.quantity;
        extend(x, y);
        if (p.flagId == flag.flagId)
            continue;
        if (p.flagId != 0)
            others->append(x, y);
        else if (p.counted)
            counted->append(x, y);
        else
            leftOut->append(x, y);
        ++m_points;
    }
    const qreal selfX = chartTime(flag.orderTs.isValid() ? flag.orderTs : QDateTime(flag.orderDate, QTime(12, 0)));
    extend(selfX, flag.quantity);
    self->append(selfX, flag.quantity);
    ++m_points;
    if (qFuzzyCompare(minX, maxX)) {
        minX -= 86400000.0;
        maxX += 86400000.0;
    }

    // The band the flag was measured against, from its own baseline at detection.
    const qreal lower = std::max(0.0, flag.median - flag.k * flag.sigma);
    auto *upperLine = new QLineSeries;
    upperLine->append(minX, flag.threshold);
    upperLine->append(maxX, flag.threshold);
    auto *lowerLine = new QLineSeries;
    lowerLine->append(minX, lower);
    lowerLine->append(maxX, lower);
    auto *band = new QAreaSeries(upperLine, lowerLine);
    band->setName(tr("±%1σ band").arg(flag.k, 0, 'f', 1));
    QColor bandColor(0x2f, 0x6f, 0xde);
    bandColor.setAlphaF(dark ? 0.28f : 0.14f);
    band->setBrush(bandColor);
    QPen bandPen(QColor(0x2f, 0x6f, 0xde));
    bandPen.setWidthF(1.2);
    bandPen.setStyle(Qt::DashLine);
    band->setPen(bandPen);

    auto *median = new QLineSeries;
    median->setName(tr("Median"));
    median->append(minX, flag.median);
    median->append(maxX, flag.median);
    QPen medianPen(dark ? QColor(0x8f, 0xb4, 0xff) : QColor(0x1d, 0x4e, 0xa8));
    medianPen.setWidthF(1.5);
    median->setPen(medianPen);

    chart()->addSeries(band);
    chart()->addSeries(median);
    chart()->addSeries(counted);
    chart()->addSeries(leftOut);
    chart()->addSeries(others);
    chart()->addSeries(self);

    auto *xAxis = new QDateTimeAxis;
    xAxis->setFormat(QStringLiteral("MMM yyyy"));
    xAxis->setTickCount(4);
    const qreal pad = (maxX - minX) * 0.02;
    xAxis->setRange(QDateTime::fromMSecsSinceEpoch(qint64(minX - pad)),
                    QDateTime::fromMSecsSinceEpoch(qint64(maxX + pad)));
    auto *yAxis = new QValueAxis;
    yAxis->setTitleText(tr("Quantity"));
    yAxis->setRange(0, std::max<qreal>(1.0, maxY * 1.1));
    yAxis->setLabelFormat(QStringLiteral("%d"));
    yAxis->applyNiceNumbers();
    chart()->addAxis(xAxis, Qt::AlignBottom);
    chart()->addAxis(yAxis, Qt::AlignLeft);
    const auto series = chart()->series();
    for (QAbstractSeries *s : series) {
        s->attachAxis(xAxis);
        s->attachAxis(yAxis);
    }
    // Hide legend entries of empty series.
    for (QAbstractSeries *s : {static_cast<QAbstractSeries *>(leftOut), static_cast<QAbstractSeries *>(others)}) {
        if (static_cast<QXYSeries *>(s)->count() == 0)
            for (QLegendMarker *marker : chart()->legend()->markers(s))
                marker->setVisible(false);
    }
    applyTheme();
}

void QuantityHistoryChart::applyTheme()
{
    charts::applyPalette(chart(), palette());
}

void QuantityHistoryChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        applyTheme();
}

} // namespace ecomops::widgets

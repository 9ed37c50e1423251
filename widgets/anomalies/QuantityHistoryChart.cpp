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
#include <QLogValueAxis>
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
    m_band.reset();
    m_logScale = false;
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

    // log_mad measures a line by its ratio to the median: the chart shows
    // quantities on a log scale then, so the band and the flag stand as far
    // apart as the detector saw them. A log axis cannot show a return (q ≤ 0).
    const bool logScale = flag.method == QLatin1String("log_mad");
    qreal minX = 0, maxX = 0, maxY = flag.threshold, minY = flag.median;
    bool first = true;
    auto extend = [&](qreal x, qreal y) {
        if (first) {
            minX = maxX = x;
            first = false;
        }
        minX = std::min(minX, x);
        maxX = std::max(maxX, x);
        maxY = std::max(maxY, y);
        minY = std::min(minY, y);
    };
    for (const anomalies::QuantityPoint &p : detail.history) {
        const qreal x = chartTime(p.orderTs);
        const qreal y = p.quantity;
        if (p.flagId == flag.flagId || (logScale && y <= 0))
            continue;
        extend(x, y);
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

    // The product's usual range when the flag was raised (the middle 80 % of
    // its quantities), the same range the detail's explanation quotes.
    const QColor blue(0x2f, 0x6f, 0xde);
    QAreaSeries *band = nullptr;
    if (flag.usualLow && flag.usualHigh) {
        auto *upperLine = new QLineSeries;
        upperLine->append(minX, *flag.usualHigh);
        upperLine->append(maxX, *flag.usualHigh);
        auto *lowerLine = new QLineSeries;
        lowerLine->append(minX, *flag.usualLow);
        lowerLine->append(maxX, *flag.usualLow);
        band = new QAreaSeries(upperLine, lowerLine);
        band->setName(tr("Usual range (middle 80 %)"));
        QColor bandColor = blue;
        bandColor.setAlphaF(dark ? 0.30f : 0.16f);
        band->setBrush(bandColor);
        band->setPen(Qt::NoPen);
        minY = std::min(minY, qreal(*flag.usualLow));
        m_band = std::make_pair(*flag.usualLow, *flag.usualHigh);
    }
    m_logScale = logScale;
    auto *threshold = new QLineSeries;
    threshold->setName(tr("Threshold"));
    threshold->append(minX, flag.threshold);
    threshold->append(maxX, flag.threshold);
    QPen thresholdPen(blue);
    thresholdPen.setWidthF(1.2);
    thresholdPen.setStyle(Qt::DashLine);
    threshold->setPen(thresholdPen);

    auto *median = new QLineSeries;
    median->setName(tr("Median"));
    median->append(minX, flag.median);
    median->append(maxX, flag.median);
    QPen medianPen(dark ? QColor(0x8f, 0xb4, 0xff) : QColor(0x1d, 0x4e, 0xa8));
    medianPen.setWidthF(1.5);
    median->setPen(medianPen);

    if (band)
        chart()->addSeries(band);
    chart()->addSeries(threshold);
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
    QAbstractAxis *yAxis = nullptr;
    if (logScale) {
        auto *log = new QLogValueAxis;
        log->setBase(10);
        log->setLabelFormat(QStringLiteral("%g"));
        log->setMinorTickCount(-1);
        log->setRange(std::max<qreal>(0.5, minY * 0.8), std::max<qreal>(2.0, maxY * 1.5));
        yAxis = log;
    } else {
        auto *linear = new QValueAxis;
        linear->setRange(0, std::max<qreal>(1.0, maxY * 1.1));
        linear->setLabelFormat(QStringLiteral("%d"));
        linear->applyNiceNumbers();
        yAxis = linear;
    }
    yAxis->setTitleText(logScale ? tr("Quantity (log scale)") : tr("Quantity"));
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

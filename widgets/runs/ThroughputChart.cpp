#include "runs/ThroughputChart.h"

#include "common/AxisTicks.h"
#include "common/Theme.h"
#include "runs/RunText.h"

#include <QAreaSeries>
#include <QEvent>
#include <QLineSeries>
#include <QValueAxis>

#include <cmath>

namespace ecomops::widgets {
namespace {

constexpr int kMaxSamples = 600;
constexpr double kMinSpanSeconds = 10.0;

} // namespace

ThroughputChart::ThroughputChart(QWidget *parent)
    : QChartView(parent), m_upper(new QLineSeries(this)), m_lower(new QLineSeries(this)),
      m_area(new QAreaSeries(m_upper, m_lower)), m_x(new QValueAxis(this)), m_y(new QValueAxis(this))
{
    auto *chart = new QChart;
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 8, 4));
    chart->setBackgroundRoundness(0);
    chart->addSeries(m_area);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    m_area->attachAxis(m_x);
    m_area->attachAxis(m_y);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(220, 150);
    setFocusPolicy(Qt::NoFocus);
    setAccessibleName(tr("Throughput chart"));
    clear();
    applyColors();
}

void ThroughputChart::applyUnit()
{
    const bool millions = m_peak >= 1e6;
    m_unit = millions ? 1e6 : 1e3;
    chart()->setTitle(millions ? tr("Throughput (million rows/s)") : tr("Throughput (thousand rows/s)"));
    QList<QPointF> upper;
    QList<QPointF> lower;
    upper.reserve(m_samples.size());
    lower.reserve(m_samples.size());
    for (const QPointF &p : std::as_const(m_samples)) {
        upper.append(QPointF(p.x(), p.y() / m_unit));
        lower.append(QPointF(p.x(), 0));
    }
    m_upper->replace(upper);
    m_lower->replace(lower);
}

int ThroughputChart::sampleCount() const
{
    return int(m_samples.size());
}

void ThroughputChart::clear()
{
    m_samples.clear();
    m_lastRows = -1;
    m_smoothed = 0;
    m_peak = 0;
    applyUnit();
    applyNiceScale(m_x, niceScale(0, kMinSpanSeconds, 5, 1.0), QStringLiteral(" s"));
    applyNiceScale(m_y, niceScale(0, 10, 4));
    m_clock.start();
}

void ThroughputChart::sample(qint64 totalRows)
{
    const qint64 now = m_clock.elapsed();
    if (m_lastRows < 0) {
        m_lastRows = totalRows;
        m_lastMs = now;
        m_samples.append(QPointF(double(now) / 1000.0, 0));
        m_upper->append(m_samples.back().x(), 0);
        m_lower->append(m_samples.back().x(), 0);
        return;
    }
    const qint64 dt = now - m_lastMs;
    if (dt <= 0)
        return;
    const double rate = double(std::max<qint64>(0, totalRows - m_lastRows)) * 1000.0 / double(dt);
    m_lastRows = totalRows;
    m_lastMs = now;
    // Progress arrives a few times a second per table: smooth the steps out.
    m_smoothed = m_samples.size() <= 1 ? rate : 0.5 * m_smoothed + 0.5 * rate;
    const bool unitChanges = (std::max(m_peak, m_smoothed) >= 1e6) != (m_peak >= 1e6);
    m_peak = std::max(m_peak, m_smoothed);

    const double x = double(now) / 1000.0;
    if (m_samples.size() >= kMaxSamples) {
        m_samples.removeFirst();
        m_upper->remove(0);
        m_lower->remove(0);
    }
    m_samples.append(QPointF(x, m_smoothed));
    if (unitChanges) {
        applyUnit();
    } else {
        m_upper->append(x, m_smoothed / m_unit);
        m_lower->append(x, 0);
    }
    applyNiceScale(m_x, niceScale(m_samples.front().x(), std::max(x, m_samples.front().x() + kMinSpanSeconds), 5, 1.0),
                   QStringLiteral(" s"));
    applyNiceScale(m_y, niceScale(0, m_peak / m_unit * 1.1, 4));
    setToolTip(tr("Now %1, peak %2").arg(RunText::rate(m_smoothed), RunText::rate(m_peak)));
}

void ThroughputChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void ThroughputChart::applyColors()
{
    const QPalette pal = palette();
    const QColor accent = toneColor(Tone::Active, pal);
    QColor fill = accent;
    fill.setAlphaF(theme::isDark(pal) ? 0.30f : 0.16f);
    m_area->setPen(QPen(accent, 2.0));
    m_area->setBrush(fill);
    QChart *c = chart();
    c->setBackgroundBrush(pal.color(QPalette::Base));
    c->setBackgroundPen(Qt::NoPen);
    c->setTitleBrush(theme::mutedText(pal));
    QFont titleFont = font();
    titleFont.setPointSizeF(font().pointSizeF() * 0.9);
    c->setTitleFont(titleFont);
    const QColor grid = theme::separator(pal);
    for (QValueAxis *axis : {m_x, m_y}) {
        axis->setLabelsBrush(theme::mutedText(pal));
        axis->setLabelsFont(theme::scaledFont(font(), 0.85));
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
        axis->setMinorGridLineVisible(false);
    }
    setBackgroundBrush(pal.color(QPalette::Base));
}

} // namespace ecomops::widgets

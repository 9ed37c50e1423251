#include "kpis/KpiChartView.h"

#include "common/ChartTheme.h"
#include "common/Theme.h"
#include "kpis/KpiStyle.h"

#include <QAbstractAxis>
#include <QEvent>
#include <QLegend>

namespace ecomops::widgets {

KpiChartView::KpiChartView(QWidget *parent) : QChartView(parent)
{
    auto *chart = new QChart;
    chart->setMargins(QMargins(2, 4, 6, 2));
    chart->setBackgroundRoundness(0);
    chart->setAnimationOptions(QChart::NoAnimation);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    setMinimumSize(260, 200);
    applyChartColors();
}

KpiChartView::Scale KpiChartView::scaleFor(double maximum)
{
    if (maximum >= 1e7)
        return {1e6, QStringLiteral(" M")};
    if (maximum >= 1e4)
        return {1e3, QStringLiteral(" k")};
    return {};
}

void KpiChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyChartColors();
        rebuild();
    }
}

void KpiChartView::clearChart()
{
    charts::clear(chart());
}

void KpiChartView::styleAxis(QAbstractAxis *axis, bool grid)
{
    const QPalette pal = palette();
    axis->setLabelsBrush(theme::mutedText(pal));
    axis->setLabelsFont(theme::scaledFont(font(), 0.85));
    axis->setGridLineColor(theme::separator(pal));
    axis->setGridLineVisible(grid);
    axis->setLinePenColor(theme::separator(pal));
    axis->setMinorGridLineVisible(false);
    axis->setTitleVisible(false);
}

void KpiChartView::styleLegend(Qt::Alignment alignment)
{
    QLegend *legend = chart()->legend();
    legend->setVisible(true);
    legend->setAlignment(alignment);
    legend->setLabelColor(palette().color(QPalette::Text));
    legend->setFont(theme::scaledFont(font(), 0.85));
    legend->setMarkerShape(QLegend::MarkerShapeRectangle);
}

void KpiChartView::applyChartColors()
{
    const QPalette pal = palette();
    chart()->setBackgroundBrush(kpis::cardColor(pal));
    chart()->setBackgroundPen(Qt::NoPen);
    chart()->setPlotAreaBackgroundVisible(false);
    setBackgroundBrush(kpis::cardColor(pal));
}

} // namespace ecomops::widgets

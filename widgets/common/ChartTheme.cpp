#include "common/ChartTheme.h"

#include "common/Theme.h"

#include <QAbstractAxis>
#include <QChart>
#include <QLegend>

namespace ecomops::widgets::charts {

void clear(QChart *chart)
{
    chart->removeAllSeries();
    const auto axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        chart->removeAxis(axis);
        delete axis;
    }
}

void applyPalette(QChart *chart, const QPalette &palette)
{
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setPlotAreaBackgroundVisible(false);
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
    chart->setTitleBrush(palette.color(QPalette::Text));
    const auto axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        axis->setLabelsColor(theme::mutedText(palette));
        axis->setTitleBrush(theme::mutedText(palette));
        axis->setGridLineColor(theme::separator(palette));
        axis->setLinePenColor(theme::separator(palette));
    }
}

} // namespace ecomops::widgets::charts

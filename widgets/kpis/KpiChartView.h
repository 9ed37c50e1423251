#pragma once
// A chart view styled like the rest of the workspace (card background,
// muted legible axes, hairline grid). Subclasses keep their data and
// rebuild their series in rebuild(), which also runs on a palette change.
#include <QChartView>

class QAbstractAxis;

namespace ecomops::widgets {

class KpiChartView : public QChartView
{
    Q_OBJECT
public:
    explicit KpiChartView(QWidget *parent = nullptr);

    // The y values are drawn divided by this (1 or 1000) so labels stay short.
    struct Scale {
        double divisor = 1;
        QString suffix;
    };
    static Scale scaleFor(double maximum);

protected:
    void changeEvent(QEvent *event) override;
    virtual void rebuild() = 0;
    // Removes every series and axis (and the chart's title).
    void clearChart();
    void styleAxis(QAbstractAxis *axis, bool grid = true);
    void styleLegend(Qt::Alignment alignment);
    void applyChartColors();
};

} // namespace ecomops::widgets

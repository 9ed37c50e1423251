#pragma once
// A small live chart of the run's total throughput (rows per second across
// every stage and table), sampled from the progress model's running total.
#include <QChartView>
#include <QElapsedTimer>
#include <QList>
#include <QPointF>

class QAreaSeries;
class QLineSeries;
class QValueAxis;

namespace ecomops::widgets {

class ThroughputChart : public QChartView
{
    Q_OBJECT
public:
    explicit ThroughputChart(QWidget *parent = nullptr);

    int sampleCount() const;
    double peakRowsPerSecond() const { return m_peak; }

public slots:
    void clear();
    // The cumulative row count now; the chart plots its rate of change.
    void sample(qint64 totalRows);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColors();
    void applyUnit(); // thousands or millions of rows/s, as the peak needs

    QLineSeries *m_upper;
    QLineSeries *m_lower;
    QAreaSeries *m_area;
    QValueAxis *m_x;
    QValueAxis *m_y;
    QElapsedTimer m_clock;
    qint64 m_lastRows = -1;
    qint64 m_lastMs = 0;
    double m_smoothed = 0;
    double m_peak = 0;
    double m_unit = 1000.0;
    QList<QPointF> m_samples; // seconds, rows/s
};

} // namespace ecomops::widgets

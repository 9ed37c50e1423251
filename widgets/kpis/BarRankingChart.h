#pragma once
// Horizontal bars, largest on top, each with its name and value written
// out: top products, top categories, countries. Painted by hand so long
// names stay legible (a chart axis would elide them to "…").
#include <QWidget>

#include <vector>

namespace ecomops::widgets {

class BarRankingChart : public QWidget
{
    Q_OBJECT
public:
    struct Bar {
        QString label;
        double value = 0;
        QString toolTip;
    };

    explicit BarRankingChart(QWidget *parent = nullptr);

    // Largest first; `colorIndex` picks the series colour.
    void setBars(const std::vector<Bar> &bars, const QString &seriesName, int colorIndex = 0);
    const std::vector<Bar> &bars() const { return m_bars; }

    QSize sizeHint() const override { return {320, 280}; }
    QSize minimumSizeHint() const override { return {220, 160}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    int rowAt(int y) const;
    QRect rowRect(int row) const;

    std::vector<Bar> m_bars;
    QString m_seriesName;
    int m_colorIndex = 0;
};

} // namespace ecomops::widgets

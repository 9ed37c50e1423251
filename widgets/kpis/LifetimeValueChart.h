#pragma once
// The lifetime value distribution as stacked bars per value bucket: the
// customers still active, and those churned. Painted by hand so every
// bucket keeps a legible label (a chart axis elides them between narrow bars).
#include "common/AxisTicks.h"

#include <QWidget>

namespace ecomops::widgets {

class LifetimeValueModel;

class LifetimeValueChart : public QWidget
{
    Q_OBJECT
public:
    explicit LifetimeValueChart(LifetimeValueModel *model, QWidget *parent = nullptr);

    QSize sizeHint() const override { return {420, 300}; }
    QSize minimumSizeHint() const override { return {260, 180}; }
    // The customer-count axis (round ticks) and the two axis titles.
    NiceScale countAxis() const;
    static QString valueAxisTitle();
    static QString countAxisTitle();

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRect plotRect() const;
    int bucketAt(int x) const;

    LifetimeValueModel *m_model;
};

} // namespace ecomops::widgets

#pragma once
// The lifetime value distribution as stacked bars per value bucket: the
// customers still active, and those churned.
#include "kpis/KpiChartView.h"

namespace ecomops::widgets {

class LifetimeValueModel;

class LifetimeValueChart : public KpiChartView
{
    Q_OBJECT
public:
    explicit LifetimeValueChart(LifetimeValueModel *model, QWidget *parent = nullptr);

protected:
    void rebuild() override;

private:
    LifetimeValueModel *m_model;
};

} // namespace ecomops::widgets

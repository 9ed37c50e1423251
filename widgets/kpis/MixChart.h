#pragma once
// One dimension of the sales mix (segment, channel or payment method) as a
// donut of revenue shares, with the shares in the legend.
#include "kpis/KpiChartView.h"

namespace ecomops::widgets {

class MixModel;

class MixChart : public KpiChartView
{
    Q_OBJECT
public:
    explicit MixChart(MixModel *model, QWidget *parent = nullptr);

    void setDimension(const QString &dimension);
    QString dimension() const { return m_dimension; }
    int sliceCount() const { return m_slices; }

protected:
    void rebuild() override;

private:
    MixModel *m_model;
    QString m_dimension = QStringLiteral("segment");
    int m_slices = 0;
};

} // namespace ecomops::widgets

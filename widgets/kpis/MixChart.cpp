#include "kpis/MixChart.h"

#include "kpis/KpiStyle.h"
#include "kpis/MixModel.h"

#include <QPieSeries>
#include <QPieSlice>
#include <QToolTip>

namespace ecomops::widgets {

MixChart::MixChart(MixModel *model, QWidget *parent) : KpiChartView(parent), m_model(model)
{
    setAccessibleName(tr("Sales mix chart"));
    connect(model, &QAbstractItemModel::modelReset, this, &MixChart::rebuild);
    rebuild();
}

void MixChart::setDimension(const QString &dimension)
{
    if (dimension == m_dimension)
        return;
    m_dimension = dimension;
    rebuild();
}

void MixChart::rebuild()
{
    clearChart();
    m_slices = 0;
    const auto shares = m_model->sharesOf(m_dimension);
    if (shares.empty())
        return;
    const QPalette pal = palette();
    auto *series = new QPieSeries;
    series->setHoleSize(0.55);
    series->setPieSize(0.9);
    int i = 0;
    for (const auto &s : shares) {
        const QString value = s.value.isEmpty() ? tr("(none)") : s.value;
        auto *slice = series->append(tr("%1  %2").arg(value, kpis::percent(s.revenueShare)), s.revenue);
        slice->setColor(kpis::categoryColor(pal, s.value));
        ++i;
        slice->setBorderColor(kpis::cardColor(pal));
        slice->setBorderWidth(2);
        slice->setLabelVisible(false);
        const QString tip = tr("%1: revenue %2 (%3), %4 orders (%5), %6 customers")
                                .arg(value, kpis::money(s.revenue), kpis::percent(s.revenueShare),
                                     kpis::count(s.orders), kpis::percent(s.orderShare), kpis::count(s.customers));
        connect(slice, &QPieSlice::hovered, this, [slice, tip](bool state) {
            slice->setExploded(state);
            if (state)
                QToolTip::showText(QCursor::pos(), tip);
        });
    }
    m_slices = i;
    chart()->addSeries(series);
    styleLegend(Qt::AlignRight);
}

} // namespace ecomops::widgets

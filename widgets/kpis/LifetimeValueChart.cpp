#include "kpis/LifetimeValueChart.h"

#include "kpis/KpiStyle.h"
#include "kpis/LifetimeValueModel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>

namespace ecomops::widgets {

LifetimeValueChart::LifetimeValueChart(LifetimeValueModel *model, QWidget *parent)
    : KpiChartView(parent), m_model(model)
{
    setAccessibleName(tr("Customer lifetime value distribution"));
    connect(model, &QAbstractItemModel::modelReset, this, &LifetimeValueChart::rebuild);
    rebuild();
}

void LifetimeValueChart::rebuild()
{
    clearChart();
    const auto &buckets = m_model->summary().buckets;
    if (buckets.empty())
        return;
    const QPalette pal = palette();
    auto *active = new QBarSet(tr("Active customers"));
    auto *churned = new QBarSet(tr("Churned (no order for %n day(s))", nullptr, m_model->summary().churnDays));
    active->setColor(kpis::accent(pal));
    active->setBorderColor(kpis::accent(pal));
    QColor churnColor = kpis::badColor(pal);
    churnColor.setAlphaF(0.75f);
    churned->setColor(churnColor);
    churned->setBorderColor(churnColor);
    QStringList labels;
    qint64 top = 0;
    for (int i = 0; i < int(buckets.size()); ++i) {
        const auto &b = buckets[std::size_t(i)];
        *active << double(b.customers - b.churned);
        *churned << double(b.churned);
        labels << m_model->bucketStart(i);
        top = std::max(top, b.customers);
    }
    auto *series = new QStackedBarSeries;
    series->append(active);
    series->append(churned);
    series->setBarWidth(0.8);
    chart()->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(labels);
    x->setLabelsAngle(-45); // upright labels would be elided to "…" between narrow bars
    auto *y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setRange(0, std::max(double(top) * 1.05, 1.0));
    y->applyNiceNumbers();
    y->setTickCount(5);
    chart()->addAxis(x, Qt::AlignBottom);
    chart()->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    styleAxis(x, false);
    styleAxis(y);
    styleLegend(Qt::AlignTop);
    auto tip = [this](bool state, int index) {
        const auto &bs = m_model->summary().buckets;
        if (!state || index < 0 || index >= int(bs.size()))
            return;
        const auto &b = bs[std::size_t(index)];
        QToolTip::showText(QCursor::pos(), tr("Lifetime value %1: %2 customers, %3 churned")
                                               .arg(m_model->bucketLabel(index), kpis::count(b.customers),
                                                    kpis::count(b.churned)));
    };
    connect(active, &QBarSet::hovered, this, tip);
    connect(churned, &QBarSet::hovered, this, tip);
}

} // namespace ecomops::widgets

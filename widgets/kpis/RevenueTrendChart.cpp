#include "kpis/RevenueTrendChart.h"

#include "common/AxisTicks.h"
#include "kpis/KpiStyle.h"
#include "kpis/RevenueTrendModel.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QLocale>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>

namespace ecomops::widgets {
namespace {

qreal msecs(const QDate &day)
{
    return qreal(day.startOfDay().toMSecsSinceEpoch());
}

} // namespace

RevenueTrendChart::RevenueTrendChart(RevenueTrendModel *model, QWidget *parent) : KpiChartView(parent), m_model(model)
{
    setAccessibleName(tr("Revenue trend chart"));
    connect(model, &QAbstractItemModel::modelReset, this, &RevenueTrendChart::rebuild);
    rebuild();
}

void RevenueTrendChart::rebuild()
{
    clearChart();
    m_historyPoints = 0;
    m_forecastPoints = 0;
    if (m_model->grain() == RevenueTrendModel::Grain::Day)
        buildDaily();
    else
        buildMonthly();
}

void RevenueTrendChart::buildDaily()
{
    QChart *c = chart();
    const QPalette pal = palette();
    const auto &history = m_model->history();
    const auto &forecast = m_model->forecast();
    if (history.empty())
        return;

    double top = 0;
    for (const auto &p : history)
        top = std::max(top, p.revenue);
    for (const auto &f : forecast)
        top = std::max(top, f.upper);
    const Scale scale = scaleFor(top);

    // The daily line is noisy (weekdays differ): a trailing 7-day average
    // on top shows the run rate.
    auto *line = new QLineSeries;
    auto *base = new QLineSeries;
    auto *average = new QLineSeries;
    double window = 0;
    for (std::size_t i = 0; i < history.size(); ++i) {
        const auto &p = history[i];
        line->append(msecs(p.period), p.revenue / scale.divisor);
        base->append(msecs(p.period), 0);
        window += p.revenue;
        if (i >= 7)
            window -= history[i - 7].revenue;
        if (i >= 6)
            average->append(msecs(p.period), window / 7.0 / scale.divisor);
    }
    m_historyPoints = int(line->count());
    auto *area = new QAreaSeries(line, base);
    QColor fill = kpis::accent(pal);
    fill.setAlphaF(0.10f);
    QColor daily = kpis::accent(pal);
    daily.setAlphaF(0.45f);
    area->setBrush(fill);
    area->setPen(QPen(daily, 1.0));
    area->setName(tr("Revenue per day"));
    c->addSeries(area);
    average->setPen(QPen(kpis::accent(pal), 2.4));
    average->setName(tr("7-day average"));
    c->addSeries(average);

    QList<QAbstractSeries *> series{area, average};
    if (!forecast.empty()) {
        auto *upper = new QLineSeries;
        auto *lower = new QLineSeries;
        auto *mid = new QLineSeries;
        // Start the forecast at the last actual day so the lines join.
        const auto &last = history.back();
        upper->append(msecs(last.period), last.revenue / scale.divisor);
        lower->append(msecs(last.period), last.revenue / scale.divisor);
        mid->append(msecs(last.period), last.revenue / scale.divisor);
        for (const auto &f : forecast) {
            upper->append(msecs(f.day), f.upper / scale.divisor);
            lower->append(msecs(f.day), f.lower / scale.divisor);
            mid->append(msecs(f.day), f.forecast / scale.divisor);
        }
        m_forecastPoints = int(forecast.size());
        auto *band = new QAreaSeries(upper, lower);
        QColor bandFill = kpis::forecastColor(pal);
        bandFill.setAlphaF(0.20f);
        band->setBrush(bandFill);
        band->setPen(Qt::NoPen);
        band->setName(tr("Forecast band (95 %)"));
        QPen dashed(kpis::forecastColor(pal), 1.8, Qt::DashLine);
        mid->setPen(dashed);
        mid->setName(tr("Forecast, next %1 days").arg(forecast.size()));
        c->addSeries(band);
        c->addSeries(mid);
        series << band << mid;
    }

    auto *x = new QDateTimeAxis;
    x->setRange(history.front().period.startOfDay(),
                (forecast.empty() ? history.back().period : forecast.back().day).startOfDay());
    const qint64 days = history.front().period.daysTo(forecast.empty() ? history.back().period : forecast.back().day);
    x->setFormat(days > 120 ? QStringLiteral("MMM yyyy") : QStringLiteral("d MMM"));
    x->setTickCount(days > 120 ? 7 : 6);
    auto *y = new QValueAxis;
    applyNiceScale(y, niceScale(0, std::max(top / scale.divisor, 1.0), 5), scale.suffix);
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *s : series) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    styleAxis(x, false);
    styleAxis(y);
    styleLegend(Qt::AlignTop);
    connect(area, &QAreaSeries::hovered, this, [this](const QPointF &point, bool state) {
        if (!state)
            return;
        const QDate day = QDateTime::fromMSecsSinceEpoch(qint64(point.x())).date();
        for (const auto &p : m_model->history()) {
            if (p.period == day) {
                QToolTip::showText(QCursor::pos(),
                                   tr("%1: revenue %2, orders %3")
                                       .arg(kpis::dayLabel(day), kpis::money(p.revenue), kpis::count(p.orders)));
                return;
            }
        }
    });
}

void RevenueTrendChart::buildMonthly()
{
    QChart *c = chart();
    const QPalette pal = palette();
    const auto &history = m_model->history();
    if (history.empty())
        return;
    double top = 0;
    for (const auto &p : history)
        top = std::max(top, p.revenue);
    const Scale scale = scaleFor(top);

    auto *set = new QBarSet(tr("Revenue per month"));
    set->setColor(kpis::accent(pal));
    set->setBorderColor(kpis::accent(pal));
    QStringList months;
    const bool manyYears = history.front().period.year() != history.back().period.year();
    for (const auto &p : history) {
        *set << p.revenue / scale.divisor;
        months << QLocale().toString(p.period, manyYears ? QStringLiteral("MMM yy") : QStringLiteral("MMM"));
    }
    m_historyPoints = int(history.size());
    auto *bars = new QBarSeries;
    bars->append(set);
    bars->setBarWidth(0.7);
    c->addSeries(bars);
    auto *x = new QBarCategoryAxis;
    x->append(months);
    auto *y = new QValueAxis;
    applyNiceScale(y, niceScale(0, std::max(top / scale.divisor, 1.0), 5), scale.suffix);
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    bars->attachAxis(x);
    bars->attachAxis(y);
    styleAxis(x, false);
    styleAxis(y);
    styleLegend(Qt::AlignTop);
    connect(set, &QBarSet::hovered, this, [this](bool state, int index) {
        const auto &h = m_model->history();
        if (state && index >= 0 && index < int(h.size()))
            QToolTip::showText(QCursor::pos(), tr("%1: revenue %2, orders %3")
                                                   .arg(kpis::monthLabel(h[std::size_t(index)].period),
                                                        kpis::money(h[std::size_t(index)].revenue),
                                                        kpis::count(h[std::size_t(index)].orders)));
    });
}

} // namespace ecomops::widgets

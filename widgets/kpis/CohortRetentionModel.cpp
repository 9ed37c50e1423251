#include "kpis/CohortRetentionModel.h"

#include "kpis/KpiStyle.h"

#include <algorithm>

namespace ecomops::widgets {

void CohortRetentionModel::setCells(const std::vector<queries::CohortCell> &cells)
{
    beginResetModel();
    m_cohorts.clear();
    m_months = 0;
    for (const queries::CohortCell &c : cells) {
        if (m_cohorts.empty() || m_cohorts.back().cohort != c.cohort)
            m_cohorts.push_back({c.cohort, c.cohortSize, {}});
        m_cohorts.back().months.push_back(c);
        m_months = std::max(m_months, c.monthsSinceFirst + 1);
    }
    endResetModel();
}

const queries::CohortCell *CohortRetentionModel::cell(int row, int monthsSinceFirst) const
{
    if (row < 0 || row >= rows())
        return nullptr;
    for (const queries::CohortCell &c : m_cohorts[std::size_t(row)].months) {
        if (c.monthsSinceFirst == monthsSinceFirst)
            return &c;
    }
    return nullptr;
}

QString CohortRetentionModel::columnTitle(int column) const
{
    if (column == Cohort)
        return tr("Cohort");
    if (column == Customers)
        return tr("Customers");
    return tr("M+%1").arg(column - FirstMonth);
}

QVariant CohortRetentionModel::raw(int row, int column) const
{
    const Row &r = m_cohorts[std::size_t(row)];
    if (column == Cohort)
        return r.cohort;
    if (column == Customers)
        return r.size;
    const queries::CohortCell *c = cell(row, column - FirstMonth);
    return c ? QVariant(c->retention) : QVariant();
}

QString CohortRetentionModel::display(int row, int column) const
{
    const Row &r = m_cohorts[std::size_t(row)];
    if (column == Cohort)
        return kpis::monthLabel(r.cohort);
    if (column == Customers)
        return kpis::count(r.size);
    const queries::CohortCell *c = cell(row, column - FirstMonth);
    return c ? kpis::percent(c->retention, 0) : QString();
}

QString CohortRetentionModel::toolTip(int row, int column) const
{
    const queries::CohortCell *c = column >= FirstMonth ? cell(row, column - FirstMonth) : nullptr;
    if (!c)
        return display(row, column);
    return tr("%1 cohort, month +%2: %3 of %4 customers ordered (%5); revenue %6")
        .arg(kpis::monthLabel(c->cohort))
        .arg(c->monthsSinceFirst)
        .arg(kpis::count(c->activeCustomers), kpis::count(c->cohortSize), kpis::percent(c->retention),
             kpis::money(c->revenue));
}

} // namespace ecomops::widgets

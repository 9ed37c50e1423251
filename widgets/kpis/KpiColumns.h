#pragma once
// The columns most KPI tables are made of: a field shown as text, or as
// money, a count or a share in the dashboard's number style.
#include "kpis/KpiStyle.h"
#include "kpis/KpiTableModel.h"

namespace ecomops::widgets::kpis {

// `whenEmpty`: what an empty field reads as (the raw value stays empty).
template <typename Record>
KpiColumn<Record> textColumn(const QString &title, QString Record::*field, const QString &whenEmpty = {})
{
    return {title, [field](const Record &r) { return QVariant(r.*field); },
            [field, whenEmpty](const Record &r) { return (r.*field).isEmpty() ? whenEmpty : r.*field; }, false};
}

template <typename Record> KpiColumn<Record> moneyColumn(const QString &title, double Record::*field)
{
    return {title, [field](const Record &r) { return QVariant(r.*field); },
            [field](const Record &r) { return money(r.*field); }};
}

template <typename Record> KpiColumn<Record> countColumn(const QString &title, qint64 Record::*field)
{
    return {title, [field](const Record &r) { return QVariant(r.*field); },
            [field](const Record &r) { return count(r.*field); }};
}

template <typename Record> KpiColumn<Record> shareColumn(const QString &title, double Record::*field)
{
    return {title, [field](const Record &r) { return QVariant(r.*field); },
            [field](const Record &r) { return percent(r.*field); }};
}

} // namespace ecomops::widgets::kpis

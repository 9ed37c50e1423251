#pragma once
// The KPIs workspace's colours and number formats, in one place so cards,
// charts and tables agree. Colours start from the workspace accent and stay
// readable on dark palettes.
#include <QColor>
#include <QDate>
#include <QList>
#include <QPalette>
#include <QString>

namespace ecomops::widgets::kpis {

QColor accent(const QPalette &palette); // revenue, the main series
QColor forecastColor(const QPalette &palette);
QColor goodColor(const QPalette &palette);
QColor badColor(const QPalette &palette);
// Distinct hues for categorical series (mix slices, stacked bars), accent first.
QColor seriesColor(const QPalette &palette, int index);
// The colour of a category value (a segment, a channel, a payment method):
// fixed per value, so VIP keeps its colour whatever its rank in the period.
// An empty value (none given) is grey.
QColor categoryColor(const QPalette &palette, const QString &value);
// Card and chart background, and the hairline around it.
QColor cardColor(const QPalette &palette);
QColor cardBorder(const QPalette &palette);

QString money(double amount);      // 1,234,567.89
QString moneyShort(double amount); // 1.23 M, 45.6 k, 980
// A round amount as short as it goes: 500, 2 k, 2.5 k, 1 M (bucket edges, axis steps).
QString compactAmount(double amount);
QString count(qint64 n);                         // 12,345
QString percent(double share, int decimals = 1); // share 0…1 → "42.0 %"
QString monthLabel(const QDate &month);          // "Mar 2025"
QString dayLabel(const QDate &day);              // "3 Mar 2025"

} // namespace ecomops::widgets::kpis

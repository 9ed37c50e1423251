#include "kpis/KpiStyle.h"

#include "common/Theme.h"
#include "common/Workspace.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QLocale>

#include <array>
#include <cmath>

namespace ecomops::widgets::kpis {

QColor accent(const QPalette &palette)
{
    return workspaceAccent(Workspace::Kpis, palette);
}

QColor forecastColor(const QPalette &palette)
{
    return theme::isDark(palette) ? QColor(0x5e, 0xd4, 0xe6) : QColor(0x0e, 0x7c, 0x90);
}

QColor goodColor(const QPalette &palette)
{
    return theme::isDark(palette) ? QColor(0x4a, 0xd3, 0x8a) : QColor(0x15, 0x80, 0x3d);
}

QColor badColor(const QPalette &palette)
{
    return theme::isDark(palette) ? QColor(0xf8, 0x71, 0x71) : QColor(0xc8, 0x1e, 0x1e);
}

QColor seriesColor(const QPalette &palette, int index)
{
    static const std::array<QColor, 8> light = {
        QColor(0x7c, 0x3a, 0xed), QColor(0x0e, 0x7c, 0x90), QColor(0xd9, 0x77, 0x06), QColor(0xdb, 0x27, 0x77),
        QColor(0x25, 0x63, 0xeb), QColor(0x16, 0x8a, 0x4a), QColor(0x64, 0x74, 0x8b), QColor(0xb9, 0x1c, 0x1c)};
    static const std::array<QColor, 8> dark = {
        QColor(0xb3, 0x94, 0xff), QColor(0x5e, 0xd4, 0xe6), QColor(0xfb, 0xbf, 0x24), QColor(0xf4, 0x72, 0xb6),
        QColor(0x6c, 0xa8, 0xff), QColor(0x4a, 0xd3, 0x8a), QColor(0x94, 0xa3, 0xb8), QColor(0xf8, 0x71, 0x71)};
    const auto &colors = theme::isDark(palette) ? dark : light;
    return colors[std::size_t(index) % colors.size()];
}

QColor categoryColor(const QPalette &palette, const QString &value)
{
    constexpr int kGrey = 6; // seriesColor's neutral slate
    if (value.isEmpty())
        return seriesColor(palette, kGrey);
    // The synthetic shop's values in their catalogue order, one hue each
    // within a dimension; other sources' values take a hue from their name.
    for (const auto *values : {&synthetic::kSegments, &synthetic::kChannels, &synthetic::kPaymentMethods}) {
        for (std::size_t i = 0; i < values->size(); ++i)
            if (value.compare(QLatin1String((*values)[i]), Qt::CaseInsensitive) == 0)
                return seriesColor(palette, int(i));
    }
    quint32 hash = 2166136261u; // FNV-1a: the same on every machine and run, unlike qHash
    for (const QChar c : value.toLower()) {
        hash ^= c.unicode();
        hash *= 16777619u;
    }
    const int index = int(hash % 7);
    return seriesColor(palette, index == kGrey ? 7 : index);
}

QColor cardColor(const QPalette &palette)
{
    return palette.color(QPalette::Base);
}

QColor cardBorder(const QPalette &palette)
{
    return theme::separator(palette);
}

QString money(double amount)
{
    return QLocale().toString(amount, 'f', 2);
}

QString moneyShort(double amount)
{
    const QLocale locale;
    const double a = std::abs(amount);
    if (a >= 1e6)
        return locale.toString(amount / 1e6, 'f', a >= 1e8 ? 0 : 2) + QStringLiteral(" M");
    if (a >= 1e4)
        return locale.toString(amount / 1e3, 'f', a >= 1e5 ? 0 : 1) + QStringLiteral(" k");
    return locale.toString(amount, 'f', a >= 100 ? 0 : 2);
}

QString compactAmount(double amount)
{
    const QLocale locale;
    const double a = std::abs(amount);
    if (a >= 1e6)
        return locale.toString(amount / 1e6, 'g', 3) + QStringLiteral(" M");
    if (a >= 1e3)
        return locale.toString(amount / 1e3, 'g', 3) + QStringLiteral(" k");
    return locale.toString(amount, 'g', 3);
}

QString count(qint64 n)
{
    return QLocale().toString(n);
}

QString percent(double share, int decimals)
{
    return QLocale().toString(share * 100.0, 'f', decimals) + QStringLiteral(" %");
}

QString monthLabel(const QDate &month)
{
    return QLocale().toString(month, QStringLiteral("MMM yyyy"));
}

QString dayLabel(const QDate &day)
{
    return QLocale().toString(day, QStringLiteral("d MMM yyyy"));
}

} // namespace ecomops::widgets::kpis

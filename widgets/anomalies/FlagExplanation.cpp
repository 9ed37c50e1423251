#include "anomalies/FlagExplanation.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace ecomops::widgets::flagexplanation {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FlagExplanation", text);
}

// "1 line", "412 lines" (no translation is loaded, so no "%n line(s)").
QString linesText(qint64 lines)
{
    return (lines == 1 ? tr("%1 line") : tr("%1 lines")).arg(QLocale().toString(lines));
}

// "20×", "2.5×": a ratio a person compares at a glance.
QString ratioText(double ratio)
{
    const QLocale locale;
    return locale.toString(ratio, 'f', ratio >= 10 ? 0 : 1) + QStringLiteral("×");
}

} // namespace

QString quantityText(double value)
{
    const QLocale locale;
    const bool whole = std::abs(value - std::round(value)) < 0.005;
    return locale.toString(value, 'f', whole ? 0 : 1);
}

QString deviationUnit(const QString &method)
{
    if (method == QLatin1String("log_mad"))
        return tr("robust deviations above the median on the log scale");
    if (method == QLatin1String("mad"))
        return tr("robust deviations above the median");
    return tr("standard deviations above the median");
}

QString headline(const anomalies::FlagRow &flag)
{
    return tr("%1 units of %2 on order %3, line %4.")
        .arg(QLocale().toString(flag.quantity), flag.productName.isEmpty() ? flag.productId : flag.productName,
             flag.orderId, QLocale().toString(flag.lineNo));
}

QString explanation(const anomalies::FlagRow &flag)
{
    const QLocale locale;
    QString text;
    if (flag.usualLow && flag.usualHigh) {
        const QString range = qFuzzyCompare(*flag.usualLow, *flag.usualHigh)
                                  ? quantityText(*flag.usualHigh)
                                  : tr("%1 to %2").arg(quantityText(*flag.usualLow), quantityText(*flag.usualHigh));
        text = tr("This product usually sells %1 per line (the middle 80 % of its %2 when the flag was raised; "
                  "median %3).")
                   .arg(range, linesText(flag.baselineLines), quantityText(flag.median));
    } else {
        text = tr("When the flag was raised, the median of this product's %1 was %2 (its usual range was not kept "
                  "then).")
                   .arg(linesText(flag.baselineLines), quantityText(flag.median));
    }
    QString outside;
    if (flag.timesMedian && flag.timesUsualHigh)
        outside = tr("This line is %1 the median and %2 the top of that range:")
                      .arg(ratioText(*flag.timesMedian), ratioText(*flag.timesUsualHigh));
    else if (flag.timesMedian)
        outside = tr("This line is %1 the median:").arg(ratioText(*flag.timesMedian));
    else
        outside = tr("This line is");
    text += QLatin1Char(' ') + outside + QLatin1Char(' ') +
            tr("%1 %2, where more than %3 raise a flag.")
                .arg(locale.toString(flag.zScore, 'f', 1), deviationUnit(flag.method), locale.toString(flag.k, 'g', 3));
    return text;
}

} // namespace ecomops::widgets::flagexplanation

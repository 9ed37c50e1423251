#include "quality/QualityText.h"

#include "quality/Scoring.h"

#include "common/Theme.h"

#include <QCoreApplication>
#include <QLocale>

namespace ecomops::widgets::qualitytext {

Verdict verdictFrom(const QString &name)
{
    if (name.startsWith(QLatin1String("pass")))
        return Verdict::Pass;
    if (name.startsWith(QLatin1String("warn")))
        return Verdict::Warn;
    if (name.startsWith(QLatin1String("fail")))
        return Verdict::Fail;
    return Verdict::None;
}

QString verdictLabel(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return QCoreApplication::translate("Quality", "Pass");
    case Verdict::Warn:
        return QCoreApplication::translate("Quality", "Warning");
    case Verdict::Fail:
        return QCoreApplication::translate("Quality", "Fail");
    case Verdict::None:
        break;
    }
    return QCoreApplication::translate("Quality", "Not scored");
}

static QColor hue(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return QColor(0x1f, 0x8f, 0x4e);
    case Verdict::Warn:
        return QColor(0xd0, 0x84, 0x00);
    case Verdict::Fail:
        return QColor(0xd6, 0x33, 0x3a);
    case Verdict::None:
        break;
    }
    return QColor(0x7a, 0x7f, 0x8a);
}

QColor verdictColor(Verdict verdict, const QPalette &palette)
{
    return theme::isDark(palette) ? theme::mix(hue(verdict), palette.color(QPalette::Text), 0.3)
                                  : hue(verdict).darker(110);
}

QColor verdictFill(Verdict verdict, const QPalette &palette)
{
    return theme::mix(palette.color(QPalette::Base), hue(verdict), theme::isDark(palette) ? 0.32 : 0.16);
}

QString dimensionLabel(const QString &dimension)
{
    static const char *const names[][2] = {
        {"completeness", QT_TRANSLATE_NOOP("Quality", "Completeness")},
        {"validity", QT_TRANSLATE_NOOP("Quality", "Validity")},
        {"consistency", QT_TRANSLATE_NOOP("Quality", "Consistency")},
        {"timeliness", QT_TRANSLATE_NOOP("Quality", "Timeliness")},
        {"uniqueness", QT_TRANSLATE_NOOP("Quality", "Uniqueness")},
        {"accuracy", QT_TRANSLATE_NOOP("Quality", "Accuracy")},
        {"conformity", QT_TRANSLATE_NOOP("Quality", "Conformity")},
        {"integrity", QT_TRANSLATE_NOOP("Quality", "Integrity")},
        {"overall", QT_TRANSLATE_NOOP("Quality", "Overall")},
    };
    for (const auto &n : names)
        if (dimension == QLatin1String(n[0]))
            return QCoreApplication::translate("Quality", n[1]);
    return dimension;
}

QString tableLabel(const QString &table)
{
    return table.isEmpty() ? QCoreApplication::translate("Quality", "All tables") : table;
}

QString scoreText(double score)
{
    return score < 0 ? QStringLiteral("—") : QLocale().toString(quality::oneDecimalScore(score), 'f', 1);
}

} // namespace ecomops::widgets::qualitytext

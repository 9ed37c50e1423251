#include "quality/QualityText.h"

#include "common/Theme.h"
#include "core/EnumNames.h"

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

Tone verdictTone(Verdict verdict)
{
    constexpr EnumValue<Verdict, Tone> tones[] = {
        {Verdict::Pass, Tone::Good}, {Verdict::Warn, Tone::Warning}, {Verdict::Fail, Tone::Bad}};
    return enumValue(tones, verdict, Tone::Neutral);
}

std::optional<Tone> verdictToneOf(const QVariant &verdict)
{
    const auto v = static_cast<Verdict>(verdict.toInt());
    return v == Verdict::None ? std::nullopt : std::optional<Tone>(verdictTone(v));
}

QColor verdictColor(Verdict verdict, const QPalette &palette)
{
    return toneColor(verdictTone(verdict), palette);
}

QColor verdictFill(Verdict verdict, const QPalette &palette)
{
    return toneFill(verdictTone(verdict), palette);
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

} // namespace ecomops::widgets::qualitytext

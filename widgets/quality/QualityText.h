#pragma once
// How the Data Quality workspace words and colours scores and verdicts.
#include "common/Palette.h"
#include "common/ScoreText.h"

#include <QColor>
#include <QPalette>
#include <QString>
#include <QVariant>

#include <optional>

namespace ecomops::widgets::qualitytext {

enum class Verdict { Pass, Warn, Fail, None };

Verdict verdictFrom(const QString &name); // "pass"/"passed", "warn"/"warned", "fail"/"failed"
QString verdictLabel(Verdict verdict);    // "Pass", "Warning", "Fail"
Tone verdictTone(Verdict verdict);
// For a StatusPillDelegate over a role holding an int Verdict: no pill for None.
std::optional<Tone> verdictToneOf(const QVariant &verdict);
// Readable as text on `palette`'s base, light or dark.
QColor verdictColor(Verdict verdict, const QPalette &palette);
QColor verdictFill(Verdict verdict, const QPalette &palette);
// "Completeness", …; "All tables" for the empty table name.
QString dimensionLabel(const QString &dimension);
QString tableLabel(const QString &table);

} // namespace ecomops::widgets::qualitytext

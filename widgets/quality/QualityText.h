#pragma once
// How the Data Quality workspace words and colours scores and verdicts.
#include <QColor>
#include <QPalette>
#include <QString>

namespace ecomops::widgets::qualitytext {

enum class Verdict { Pass, Warn, Fail, None };

Verdict verdictFrom(const QString &name); // "pass"/"passed", "warn"/"warned", "fail"/"failed"
QString verdictLabel(Verdict verdict);    // "Pass", "Warning", "Fail"
// Readable as text on `palette`'s base, light or dark.
QColor verdictColor(Verdict verdict, const QPalette &palette);
QColor verdictFill(Verdict verdict, const QPalette &palette);
// "Completeness", …; "All tables" for the empty table name.
QString dimensionLabel(const QString &dimension);
QString tableLabel(const QString &table);
// "92.4" or "—" for a score that was not measured (< 0).
QString scoreText(double score);

} // namespace ecomops::widgets::qualitytext

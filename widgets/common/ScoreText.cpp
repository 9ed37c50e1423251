#include "common/ScoreText.h"

#include "quality/Scoring.h"

#include <QLocale>

namespace ecomops::widgets {

QString scoreText(double score)
{
    return score < 0 ? QStringLiteral("—") : QLocale().toString(quality::oneDecimalScore(score), 'f', 1);
}

} // namespace ecomops::widgets

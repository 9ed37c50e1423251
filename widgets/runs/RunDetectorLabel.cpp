#include "runs/RunDetectorLabel.h"

#include <QLocale>

namespace ecomops::widgets {

RunDetectorLabel::RunDetectorLabel(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("runDetector"));
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

void RunDetectorLabel::showQuality(const std::optional<anomalies::DetectorQuality> &quality)
{
    setText(quality ? describe(*quality) : QString());
    setVisible(quality.has_value());
}

QString RunDetectorLabel::describe(const anomalies::DetectorQuality &q)
{
    const QLocale locale;
    QStringList parts{tr("Detector: %1 flags per 1,000 lines (%2 of %3)")
                          .arg(locale.toString(q.flagsPerThousand(), 'f', 1), locale.toString(q.flaggedLines),
                               locale.toString(q.lines))};
    if (const auto ratio = q.ratioToUsual())
        parts << tr("%1× the usual %2 of this source")
                     .arg(locale.toString(*ratio, 'f', 1), locale.toString(*q.usualPerThousand, 'f', 1));
    else if (q.usualPerThousand)
        parts << tr("earlier runs of this source raised none");
    else
        parts << tr("no earlier run of this source to compare with");
    if (q.planted) {
        const auto number = [&locale](const std::optional<double> &v) {
            return v ? locale.toString(*v, 'f', 2) : QStringLiteral("–");
        };
        parts << tr("precision %1, recall %2 (%3 of %4 planted lines found)")
                     .arg(number(q.precision()), number(q.recall()), locale.toString(q.plantedFlagged),
                          locale.toString(q.plantedLines));
    }
    return parts.join(QStringLiteral(" · "));
}

} // namespace ecomops::widgets

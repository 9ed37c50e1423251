#pragma once
// The Runs workspace's shared vocabulary: how states, stages, counts, rates
// and durations read, and which colour ("tone") a state is painted in, so
// the live monitor, the history and the notifications always agree.
#include "core/Progress.h"
#include "runner/RunResult.h"

#include <QColor>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QString>

class QPalette;

Q_DECLARE_LOGGING_CATEGORY(lcConsoleRuns)

namespace ecomops::widgets {

enum class Tone { Neutral, Active, Good, Warning, Bad };

// Readable on light and dark palettes alike.
QColor toneColor(Tone tone, const QPalette &palette);
Tone toneOf(TableState state);
Tone toneOf(runner::RunStatus status);
Tone toneOfStatus(const QString &status); // ops.pipeline_run / stage_result status text

// The four steps the timeline shows; the engine's finer stage names map onto them.
enum class RunStep { Source, Load, Validate, Publish };
inline constexpr int runStepCount = 4;
// -1 when the engine stage is not one of the steps (e.g. "run").
int runStepOf(const QString &engineStage);

class RunText
{
    Q_DECLARE_TR_FUNCTIONS(ecomops::widgets::RunText)
public:
    static QString state(TableState state);       // "Running", "Done", …
    static QString status(const QString &status); // "Succeeded", "Cancelled", …
    static QString status(runner::RunStatus status);
    static QString stage(const QString &engineStage); // "Source", "Load", …
    static QString step(RunStep step);
    static QString sourceKind(const QString &kind); // "Synthetic shop", "Olist CSV folder", …
    static QString trigger(const QString &trigger); // "Manual", "Scheduled", …
    static QString gate(const QString &gateStatus); // "Quality gates passed", …
    static QString level(LogLevel level);

    static QString newAnomalies(qint64 count);    // "no new anomalies", "1 new anomaly", "12 new anomalies"
    static QString count(qint64 rows);            // "1,234,567"
    static QString rate(double rowsPerSecond);    // "12.3 k/s"
    static QString duration(qint64 milliseconds); // "850 ms", "42.1 s", "3:07", "1:02:03"
    static QString dateTime(const QDateTime &at); // today: time only; otherwise date and time

    // An engine error in words an operator can act on.
    static QString runError(const QString &error);
};

} // namespace ecomops::widgets

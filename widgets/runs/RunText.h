#pragma once
// The Runs workspace's shared vocabulary: how states, stages, counts, rates
// and durations read, and which colour ("tone") a state is painted in, so
// the live monitor, the history and the notifications always agree.
#include "common/Palette.h"
#include "core/Progress.h"
#include "runner/RunResult.h"

#include <QColor>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QString>

class QPalette;

namespace ecomops::runner {
struct RunSpec;
}

Q_DECLARE_LOGGING_CATEGORY(lcConsoleRuns)

namespace ecomops::widgets {

Tone toneOf(TableState state);
Tone toneOf(runner::RunStatus status);
Tone toneOfStatus(const QString &status); // ops.pipeline_run / stage_result status text

// The steps the timeline shows, named as the stage table names them (one
// naming); the engine's other stage names map onto them ("publish", the
// transaction around the last three, starts with the transform).
enum class RunStep { Source, Load, Validate, Transform, Detect, Marts };
inline constexpr int runStepCount = 6;
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
    // "Synthetic shop · scale 0.1 · seed 7", "Olist CSV folder · olist-sample"
    static QString sourceDescription(const runner::RunSpec &spec);
    static QString trigger(const QString &trigger);          // "Manual", "Scheduled", …
    static QString origin(const QString &how, qint64 runId); // "re-run of run 12", "retry of run 12"
    static QString gate(const QString &gateStatus);          // "Quality gates passed", …
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

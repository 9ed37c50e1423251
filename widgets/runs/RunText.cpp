#include "runs/RunText.h"

#include "common/Theme.h"
#include "runner/RunSpec.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QPalette>

Q_LOGGING_CATEGORY(lcConsoleRuns, "ecomops.console.runs", QtInfoMsg)

namespace ecomops::widgets {

Tone toneOf(TableState state)
{
    switch (state) {
    case TableState::Queued:
    case TableState::Skipped:
        return Tone::Neutral;
    case TableState::Running:
        return Tone::Active;
    case TableState::Succeeded:
        return Tone::Good;
    case TableState::Failed:
        return Tone::Bad;
    case TableState::Cancelled:
        return Tone::Warning;
    }
    return Tone::Neutral;
}

Tone toneOf(runner::RunStatus status)
{
    return toneOfStatus(runner::toString(status));
}

Tone toneOfStatus(const QString &status)
{
    if (status == QLatin1String("running"))
        return Tone::Active;
    if (status == QLatin1String("succeeded") || status == QLatin1String("passed"))
        return Tone::Good;
    if (status == QLatin1String("failed"))
        return Tone::Bad;
    if (status == QLatin1String("cancelled") || status == QLatin1String("warned"))
        return Tone::Warning;
    return Tone::Neutral;
}

int runStepOf(const QString &engineStage)
{
    static const QHash<QString, RunStep> steps{
        {QStringLiteral("source"), RunStep::Source},       {QStringLiteral("stage"), RunStep::Source},
        {QStringLiteral("snapshot"), RunStep::Source},     {QStringLiteral("load"), RunStep::Load},
        {QStringLiteral("validate"), RunStep::Validate},   {QStringLiteral("quality"), RunStep::Validate},
        {QStringLiteral("publish"), RunStep::Transform},   {QStringLiteral("transform"), RunStep::Transform},
        {QStringLiteral("warehouse"), RunStep::Transform}, {QStringLiteral("detect"), RunStep::Detect},
        {QStringLiteral("anomalies"), RunStep::Detect},    {QStringLiteral("marts"), RunStep::Marts},
    };
    const auto it = steps.constFind(engineStage);
    return it == steps.cend() ? -1 : int(*it);
}

QString RunText::state(TableState state)
{
    switch (state) {
    case TableState::Queued:
        return tr("Queued");
    case TableState::Running:
        return tr("Running");
    case TableState::Succeeded:
        return tr("Done");
    case TableState::Failed:
        return tr("Failed");
    case TableState::Cancelled:
        return tr("Cancelled");
    case TableState::Skipped:
        return tr("Skipped");
    }
    return {};
}

QString RunText::status(const QString &status)
{
    if (status == QLatin1String("queued"))
        return tr("Queued");
    if (status == QLatin1String("running"))
        return tr("Running");
    if (status == QLatin1String("succeeded"))
        return tr("Succeeded");
    if (status == QLatin1String("failed"))
        return tr("Failed");
    if (status == QLatin1String("cancelled"))
        return tr("Cancelled");
    if (status == QLatin1String("skipped"))
        return tr("Skipped");
    return status;
}

QString RunText::status(runner::RunStatus status)
{
    return RunText::status(runner::toString(status));
}

QString RunText::stage(const QString &engineStage)
{
    if (engineStage == QLatin1String("source"))
        return tr("Source");
    if (engineStage == QLatin1String("stage") || engineStage == QLatin1String("snapshot"))
        return tr("Snapshot");
    if (engineStage == QLatin1String("load"))
        return tr("Load");
    if (engineStage == QLatin1String("validate"))
        return tr("Validate");
    if (engineStage == QLatin1String("transform"))
        return tr("Transform");
    if (engineStage == QLatin1String("detect"))
        return tr("Detect");
    if (engineStage == QLatin1String("marts"))
        return tr("Marts");
    if (engineStage == QLatin1String("publish")) // the three steps' transaction as a whole
        return tr("Publish (transform, detect, marts)");
    if (engineStage == QLatin1String("run"))
        return tr("Run");
    return engineStage;
}

QString RunText::sourceDescription(const runner::RunSpec &spec)
{
    if (spec.sourceKind == QLatin1String("synthetic")) {
        try {
            const auto options = synthetic::GeneratorOptions::fromJson(spec.sourceOptions);
            return tr("Synthetic shop · scale %1 · seed %2")
                .arg(QLocale().toString(options.scale, 'g', 4))
                .arg(options.seed);
        } catch (const std::exception &) {
            return RunText::sourceKind(spec.sourceKind);
        }
    }
    const std::string path = spec.sourceOptions.value("path", std::string());
    if (!path.empty())
        return tr("%1 · %2").arg(RunText::sourceKind(spec.sourceKind),
                                 QFileInfo(QString::fromStdString(path)).fileName());
    return RunText::sourceKind(spec.sourceKind);
}

QString RunText::step(RunStep step)
{
    switch (step) {
    case RunStep::Source:
        return tr("Source");
    case RunStep::Load:
        return tr("Load");
    case RunStep::Validate:
        return tr("Validate");
    case RunStep::Transform:
        return tr("Transform");
    case RunStep::Detect:
        return tr("Detect");
    case RunStep::Marts:
        return tr("Marts");
    }
    return {};
}

QString RunText::sourceKind(const QString &kind)
{
    if (kind == QLatin1String("synthetic"))
        return tr("Synthetic shop");
    if (kind == QLatin1String("olist"))
        return tr("Olist CSV folder");
    if (kind == QLatin1String("txnlog"))
        return tr("Transaction log");
    if (kind == QLatin1String("snapshot"))
        return tr("Existing snapshot");
    if (kind == QLatin1String("sourcedb"))
        return tr("Source database");
    return kind;
}

QString RunText::trigger(const QString &trigger)
{
    if (trigger == QLatin1String("manual"))
        return tr("Manual");
    if (trigger == QLatin1String("scheduled"))
        return tr("Scheduled");
    if (trigger == QLatin1String("command_line"))
        return tr("Command line");
    if (trigger == QLatin1String("test"))
        return tr("Test");
    return trigger;
}

QString RunText::gate(const QString &gateStatus)
{
    if (gateStatus == QLatin1String("passed"))
        return tr("Quality gates passed");
    if (gateStatus == QLatin1String("warned"))
        return tr("Quality gates warned");
    if (gateStatus == QLatin1String("failed"))
        return tr("Quality gates failed");
    return {};
}

QString RunText::level(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug:
        return tr("Debug");
    case LogLevel::Info:
        return tr("Info");
    case LogLevel::Warning:
        return tr("Warning");
    case LogLevel::Error:
        return tr("Error");
    }
    return {};
}

QString RunText::newAnomalies(qint64 count)
{
    if (count <= 0)
        return tr("no new anomalies");
    if (count == 1)
        return tr("1 new anomaly");
    return tr("%1 new anomalies").arg(RunText::count(count));
}

QString RunText::count(qint64 rows)
{
    return QLocale().toString(rows);
}

QString RunText::rate(double rowsPerSecond)
{
    if (rowsPerSecond <= 0)
        return QStringLiteral("—");
    const QLocale locale;
    if (rowsPerSecond >= 1e6)
        return tr("%1 M/s").arg(locale.toString(rowsPerSecond / 1e6, 'f', 2));
    if (rowsPerSecond >= 1e4)
        return tr("%1 k/s").arg(locale.toString(rowsPerSecond / 1e3, 'f', 0));
    if (rowsPerSecond >= 1e3)
        return tr("%1 k/s").arg(locale.toString(rowsPerSecond / 1e3, 'f', 1));
    return tr("%1/s").arg(locale.toString(rowsPerSecond, 'f', 0));
}

QString RunText::duration(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("—");
    const QLocale locale;
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60000)
        return tr("%1 s").arg(locale.toString(double(ms) / 1000.0, 'f', 1));
    const qint64 seconds = ms / 1000;
    const QString mmss = QStringLiteral("%1:%2").arg((seconds / 60) % 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (seconds < 3600)
        return mmss;
    return QStringLiteral("%1:%2:%3")
        .arg(seconds / 3600)
        .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString RunText::dateTime(const QDateTime &at)
{
    if (!at.isValid())
        return QStringLiteral("—");
    const QDateTime local = at.toLocalTime();
    const QLocale locale;
    if (local.date() == QDate::currentDate())
        return tr("Today %1").arg(locale.toString(local.time(), QLocale::ShortFormat));
    return locale.toString(local, QLocale::ShortFormat);
}

QString RunText::runError(const QString &error)
{
    if (error.contains(QLatin1String("is not available in this build")))
        return tr("This build of EcomOps cannot read this kind of source yet (%1). Choose another source, or use a "
                  "console that includes it.")
            .arg(error);
    if (error.isEmpty())
        return tr("The run failed without saying why; its log may tell more.");
    return error;
}

} // namespace ecomops::widgets

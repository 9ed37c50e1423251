#include "runs/RunText.h"

#include "common/Theme.h"
#include "core/EnumNames.h"
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
    // Queued and skipped tables are neutral.
    constexpr EnumValue<TableState, Tone> tones[] = {{TableState::Running, Tone::Active},
                                                     {TableState::Succeeded, Tone::Good},
                                                     {TableState::Failed, Tone::Bad},
                                                     {TableState::Cancelled, Tone::Warning}};
    return enumValue(tones, state, Tone::Neutral);
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

namespace {

// A word (marked QT_TR_NOOP, translated in RunText's context) for each engine
// value, listed once: the ops tables' strings and the engine's enums.
struct Word {
    const char *key;
    const char *text;
};

template <std::size_t N> QString wordFor(const QString &key, const Word (&words)[N], const QString &fallback)
{
    for (const Word &word : words) {
        if (key == QLatin1String(word.key))
            return RunText::tr(word.text);
    }
    return fallback;
}

template <typename Enum, std::size_t N> QString wordFor(Enum value, const EnumName<Enum> (&words)[N])
{
    const char *text = enumName(words, value, nullptr);
    return text ? RunText::tr(text) : QString();
}

constexpr EnumName<TableState> kStateWords[] = {
    {TableState::Queued, QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Queued")},
    {TableState::Running, QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Running")},
    {TableState::Succeeded, QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Done")},
    {TableState::Failed, QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Failed")},
    {TableState::Cancelled, QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Cancelled")},
    {TableState::Skipped, QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Skipped")}};

constexpr Word kStatusWords[] = {{"queued", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Queued")},
                                 {"running", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Running")},
                                 {"succeeded", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Succeeded")},
                                 {"failed", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Failed")},
                                 {"cancelled", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Cancelled")},
                                 {"skipped", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Skipped")}};

constexpr Word kStageWords[] = {
    {"source", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Source")},
    {"stage", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Snapshot")},
    {"snapshot", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Snapshot")},
    {"load", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Load")},
    {"validate", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Validate")},
    {"transform", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Transform")},
    {"detect", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Detect")},
    {"marts", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Marts")},
    // the three steps' transaction as a whole
    {"publish", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Publish (transform, detect, marts)")},
    {"run", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Run")}};

constexpr EnumName<RunStep> kStepWords[] = {
    {RunStep::Source, QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Source")},
    {RunStep::Load, QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Load")},
    {RunStep::Validate, QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Validate")},
    {RunStep::Transform, QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Transform")},
    {RunStep::Detect, QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Detect")},
    {RunStep::Marts, QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Marts")}};

constexpr Word kSourceKindWords[] = {{"synthetic", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Synthetic shop")},
                                     {"olist", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Olist CSV folder")},
                                     {"txnlog", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Transaction log")},
                                     {"snapshot", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Existing snapshot")},
                                     {"sourcedb", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Source database")}};

constexpr Word kTriggerWords[] = {{"manual", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Manual")},
                                  {"scheduled", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Scheduled")},
                                  {"command_line", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Command line")},
                                  {"test", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Test")}};

constexpr Word kGateWords[] = {{"passed", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Quality gates passed")},
                               {"warned", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Quality gates warned")},
                               {"failed", QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Quality gates failed")}};

constexpr EnumName<LogLevel> kLevelWords[] = {
    {LogLevel::Debug, QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Debug")},
    {LogLevel::Info, QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Info")},
    {LogLevel::Warning, QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Warning")},
    {LogLevel::Error, QT_TRANSLATE_NOOP("ecomops::widgets::RunText", "Error")}};

} // namespace

QString RunText::state(TableState state)
{
    return wordFor(state, kStateWords);
}

QString RunText::status(const QString &status)
{
    return wordFor(status, kStatusWords, status);
}

QString RunText::status(runner::RunStatus status)
{
    return RunText::status(runner::toString(status));
}

QString RunText::stage(const QString &engineStage)
{
    return wordFor(engineStage, kStageWords, engineStage);
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
    return wordFor(step, kStepWords);
}

QString RunText::sourceKind(const QString &kind)
{
    return wordFor(kind, kSourceKindWords, kind);
}

QString RunText::trigger(const QString &trigger)
{
    return wordFor(trigger, kTriggerWords, trigger);
}

QString RunText::origin(const QString &how, qint64 runId)
{
    return how == QLatin1String("retry") ? tr("retry of run %1").arg(runId) : tr("re-run of run %1").arg(runId);
}

QString RunText::gate(const QString &gateStatus)
{
    return wordFor(gateStatus, kGateWords, QString());
}

QString RunText::level(LogLevel level)
{
    return wordFor(level, kLevelWords);
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

#include "core/Progress.h"

namespace ecomops {

QString toString(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug:
        return QStringLiteral("debug");
    case LogLevel::Info:
        return QStringLiteral("info");
    case LogLevel::Warning:
        return QStringLiteral("warning");
    case LogLevel::Error:
        return QStringLiteral("error");
    }
    return {};
}

LogLevel logLevelFromString(const QString &text)
{
    if (text == QLatin1String("debug"))
        return LogLevel::Debug;
    if (text == QLatin1String("warning"))
        return LogLevel::Warning;
    if (text == QLatin1String("error"))
        return LogLevel::Error;
    return LogLevel::Info;
}

QString toString(TableState state)
{
    switch (state) {
    case TableState::Queued:
        return QStringLiteral("queued");
    case TableState::Running:
        return QStringLiteral("running");
    case TableState::Succeeded:
        return QStringLiteral("succeeded");
    case TableState::Failed:
        return QStringLiteral("failed");
    case TableState::Cancelled:
        return QStringLiteral("cancelled");
    case TableState::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

} // namespace ecomops

#include "core/Progress.h"

#include "core/EnumNames.h"

namespace ecomops {

namespace {
constexpr EnumName<LogLevel> kLogLevels[] = {
    {LogLevel::Debug, "debug"}, {LogLevel::Info, "info"}, {LogLevel::Warning, "warning"}, {LogLevel::Error, "error"}};

constexpr EnumName<TableState> kTableStates[] = {
    {TableState::Queued, "queued"}, {TableState::Running, "running"},     {TableState::Succeeded, "succeeded"},
    {TableState::Failed, "failed"}, {TableState::Cancelled, "cancelled"}, {TableState::Skipped, "skipped"}};
} // namespace

QString toString(LogLevel level)
{
    return enumText(kLogLevels, level);
}

LogLevel logLevelFromString(const QString &text)
{
    return enumFromText(kLogLevels, text).value_or(LogLevel::Info);
}

QString toString(TableState state)
{
    return enumText(kTableStates, state);
}

} // namespace ecomops

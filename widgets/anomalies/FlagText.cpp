#include "anomalies/FlagText.h"

#include <QCoreApplication>

namespace ecomops::widgets::flagtext {

using anomalies::FlagStatus;

QString statusLabel(FlagStatus status)
{
    switch (status) {
    case FlagStatus::New:
        return QCoreApplication::translate("FlagStatus", "New");
    case FlagStatus::Reviewed:
        return QCoreApplication::translate("FlagStatus", "Reviewed");
    case FlagStatus::Resolved:
        return QCoreApplication::translate("FlagStatus", "Resolved");
    case FlagStatus::FalsePositive:
        return QCoreApplication::translate("FlagStatus", "False positive");
    }
    return {};
}

Tone statusTone(FlagStatus status)
{
    switch (status) {
    case FlagStatus::New:
        return Tone::Active;
    case FlagStatus::Reviewed:
        return Tone::Warning;
    case FlagStatus::Resolved:
        return Tone::Good;
    case FlagStatus::FalsePositive:
        return Tone::Neutral;
    }
    return Tone::Neutral;
}

QColor statusColor(FlagStatus status, const QPalette &palette)
{
    return toneColor(statusTone(status), palette);
}

QColor statusFill(FlagStatus status, const QPalette &palette)
{
    return toneFill(statusTone(status), palette);
}

QString consoleUser()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    return user.isEmpty() ? QStringLiteral("console") : user;
}

} // namespace ecomops::widgets::flagtext

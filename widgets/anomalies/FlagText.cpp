#include "anomalies/FlagText.h"

#include "common/Theme.h"

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

static QColor baseHue(FlagStatus status)
{
    switch (status) {
    case FlagStatus::New:
        return QColor(0x2f, 0x6f, 0xde);
    case FlagStatus::Reviewed:
        return QColor(0xc7, 0x7c, 0x02);
    case FlagStatus::Resolved:
        return QColor(0x1f, 0x8f, 0x4e);
    case FlagStatus::FalsePositive:
        return QColor(0x7a, 0x7f, 0x8a);
    }
    return QColor(0x7a, 0x7f, 0x8a);
}

QColor statusColor(FlagStatus status, const QPalette &palette)
{
    const QColor hue = baseHue(status);
    // On a dark base the hue is lifted towards the text colour so it keeps its contrast.
    return theme::isDark(palette) ? theme::mix(hue, palette.color(QPalette::Text), 0.35) : hue.darker(110);
}

QColor statusFill(FlagStatus status, const QPalette &palette)
{
    return theme::mix(palette.color(QPalette::Base), baseHue(status), theme::isDark(palette) ? 0.32 : 0.16);
}

QString consoleUser()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    return user.isEmpty() ? QStringLiteral("console") : user;
}

} // namespace ecomops::widgets::flagtext

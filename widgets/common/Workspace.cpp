#include "common/Workspace.h"

#include "common/Theme.h"

#include <QCoreApplication>
#include <QPalette>

namespace ecomops::widgets {

namespace {
const char *const trContext = "ecomops::widgets::Workspace";
} // namespace

QString workspaceKey(Workspace workspace)
{
    switch (workspace) {
    case Workspace::Runs:
        return QStringLiteral("runs");
    case Workspace::Quality:
        return QStringLiteral("quality");
    case Workspace::Anomalies:
        return QStringLiteral("anomalies");
    case Workspace::Kpis:
        return QStringLiteral("kpis");
    }
    return {};
}

std::optional<Workspace> workspaceFromKey(const QString &key)
{
    for (int i = 0; i < workspaceCount; ++i) {
        if (workspaceKey(workspaceAt(i)) == key)
            return workspaceAt(i);
    }
    return std::nullopt;
}

QString workspaceTitle(Workspace workspace)
{
    switch (workspace) {
    case Workspace::Runs:
        return QCoreApplication::translate(trContext, "Runs");
    case Workspace::Quality:
        return QCoreApplication::translate(trContext, "Data Quality");
    case Workspace::Anomalies:
        return QCoreApplication::translate(trContext, "Anomalies");
    case Workspace::Kpis:
        return QCoreApplication::translate(trContext, "KPIs");
    }
    return {};
}

QString workspaceSummary(Workspace workspace)
{
    switch (workspace) {
    case Workspace::Runs:
        return QCoreApplication::translate(trContext, "Start pipeline runs and watch them load, live.");
    case Workspace::Quality:
        return QCoreApplication::translate(trContext,
                                           "Scorecards for eight data-quality dimensions, per table and run.");
    case Workspace::Anomalies:
        return QCoreApplication::translate(trContext, "Triage order lines with outsized quantities.");
    case Workspace::Kpis:
        return QCoreApplication::translate(trContext, "Revenue, products, customers and forecasts from the marts.");
    }
    return {};
}

QKeySequence workspaceShortcut(Workspace workspace)
{
    return QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + indexOf(workspace)));
}

icons::Glyph workspaceGlyph(Workspace workspace)
{
    switch (workspace) {
    case Workspace::Runs:
        return icons::Glyph::Runs;
    case Workspace::Quality:
        return icons::Glyph::Quality;
    case Workspace::Anomalies:
        return icons::Glyph::Anomalies;
    case Workspace::Kpis:
        return icons::Glyph::Kpis;
    }
    return icons::Glyph::App;
}

QIcon workspaceIcon(Workspace workspace, const QColor &color)
{
    return icons::icon(workspaceGlyph(workspace), color);
}

QColor workspaceAccent(Workspace workspace, const QPalette &palette)
{
    const bool dark = theme::isDark(palette);
    switch (workspace) {
    case Workspace::Runs:
        return dark ? QColor(0x6c, 0xa8, 0xff) : QColor(0x25, 0x63, 0xeb);
    case Workspace::Quality:
        return dark ? QColor(0x4a, 0xd3, 0x8a) : QColor(0x16, 0x8a, 0x4a);
    case Workspace::Anomalies:
        return dark ? QColor(0xff, 0xa9, 0x4d) : QColor(0xd9, 0x5d, 0x0e);
    case Workspace::Kpis:
        return dark ? QColor(0xb3, 0x94, 0xff) : QColor(0x7c, 0x3a, 0xed);
    }
    return palette.color(QPalette::Highlight);
}

} // namespace ecomops::widgets

#include "common/Workspace.h"

#include "common/Theme.h"

#include <QCoreApplication>
#include <QPalette>

namespace ecomops::widgets {

namespace {
const char *const trContext = "ecomops::widgets::Workspace";

// Everything the frame shows about a workspace, one row each, in enum order.
struct WorkspaceInfo {
    Workspace workspace;
    const char *key;
    const char *title;
    const char *summary;
    icons::Glyph glyph;
    QRgb light; // accent on a light palette
    QRgb dark;  // and on a dark one
};

constexpr WorkspaceInfo kWorkspaces[workspaceCount] = {
    {Workspace::Runs, "runs", QT_TRANSLATE_NOOP("ecomops::widgets::Workspace", "Runs"),
     QT_TRANSLATE_NOOP("ecomops::widgets::Workspace", "Start pipeline runs and watch them load, live."),
     icons::Glyph::Runs, 0x2563eb, 0x6ca8ff},
    {Workspace::Quality, "quality", QT_TRANSLATE_NOOP("ecomops::widgets::Workspace", "Data Quality"),
     QT_TRANSLATE_NOOP("ecomops::widgets::Workspace",
                       "Scorecards for eight data-quality dimensions, per table and run."),
     icons::Glyph::Quality, 0x168a4a, 0x4ad38a},
    {Workspace::Anomalies, "anomalies", QT_TRANSLATE_NOOP("ecomops::widgets::Workspace", "Anomalies"),
     QT_TRANSLATE_NOOP("ecomops::widgets::Workspace", "Triage order lines with outsized quantities."),
     icons::Glyph::Anomalies, 0xd95d0e, 0xffa94d},
    {Workspace::Kpis, "kpis", QT_TRANSLATE_NOOP("ecomops::widgets::Workspace", "KPIs"),
     QT_TRANSLATE_NOOP("ecomops::widgets::Workspace", "Revenue, products, customers and forecasts from the marts."),
     icons::Glyph::Kpis, 0x7c3aed, 0xb394ff},
};

constexpr bool inEnumOrder()
{
    for (int i = 0; i < workspaceCount; ++i) {
        if (kWorkspaces[i].workspace != workspaceAt(i))
            return false;
    }
    return true;
}
static_assert(inEnumOrder(), "kWorkspaces is indexed by the enum's value");

const WorkspaceInfo &infoOf(Workspace workspace)
{
    return kWorkspaces[indexOf(workspace)];
}
} // namespace

QString workspaceKey(Workspace workspace)
{
    return QString::fromLatin1(infoOf(workspace).key);
}

std::optional<Workspace> workspaceFromKey(const QString &key)
{
    for (const WorkspaceInfo &info : kWorkspaces) {
        if (key == QLatin1String(info.key))
            return info.workspace;
    }
    return std::nullopt;
}

QString workspaceTitle(Workspace workspace)
{
    return QCoreApplication::translate(trContext, infoOf(workspace).title);
}

QString workspaceSummary(Workspace workspace)
{
    return QCoreApplication::translate(trContext, infoOf(workspace).summary);
}

QKeySequence workspaceShortcut(Workspace workspace)
{
    return QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + indexOf(workspace)));
}

icons::Glyph workspaceGlyph(Workspace workspace)
{
    return infoOf(workspace).glyph;
}

QIcon workspaceIcon(Workspace workspace, const QColor &color)
{
    return icons::icon(workspaceGlyph(workspace), color);
}

QColor workspaceAccent(Workspace workspace, const QPalette &palette)
{
    const WorkspaceInfo &info = infoOf(workspace);
    return QColor(theme::isDark(palette) ? info.dark : info.light);
}

} // namespace ecomops::widgets

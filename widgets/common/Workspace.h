#pragma once
// The console's four workspaces and what the frame shows about each: one
// table, so navigation, menus, shortcuts and page headers always agree.
#include "common/Icons.h"

#include <QColor>
#include <QIcon>
#include <QKeySequence>
#include <QString>

#include <optional>

class QPalette;

namespace ecomops::widgets {

enum class Workspace { Runs, Quality, Anomalies, Kpis };

inline constexpr int workspaceCount = 4;
constexpr Workspace workspaceAt(int index)
{
    return static_cast<Workspace>(index);
}
constexpr int indexOf(Workspace workspace)
{
    return static_cast<int>(workspace);
}

// Stable, untranslated name for settings ("runs", "quality", …).
QString workspaceKey(Workspace workspace);
std::optional<Workspace> workspaceFromKey(const QString &key);

QString workspaceTitle(Workspace workspace);         // "Data Quality"
QString workspaceSummary(Workspace workspace);       // one line: what it is for
QKeySequence workspaceShortcut(Workspace workspace); // Ctrl+1 … Ctrl+4
icons::Glyph workspaceGlyph(Workspace workspace);
QIcon workspaceIcon(Workspace workspace, const QColor &color = {});
// The workspace's accent colour, lighter on a dark palette.
QColor workspaceAccent(Workspace workspace, const QPalette &palette);

} // namespace ecomops::widgets

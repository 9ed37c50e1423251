#include "common/WorkspaceModel.h"

#include <QGuiApplication>
#include <QPalette>

namespace ecomops::widgets {

int WorkspaceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : workspaceCount;
}

QVariant WorkspaceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Workspace workspace = workspaceAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return workspaceTitle(workspace);
    case Qt::DecorationRole:
        return workspaceIcon(workspace, workspaceAccent(workspace, QGuiApplication::palette()));
    case Qt::ToolTipRole:
        return tr("%1 (%2)").arg(workspaceSummary(workspace),
                                 workspaceShortcut(workspace).toString(QKeySequence::NativeText));
    case WorkspaceRole:
        return ecomops::widgets::indexOf(workspace);
    case KeyRole:
        return workspaceKey(workspace);
    case SummaryRole:
        return workspaceSummary(workspace);
    case ShortcutRole:
        return workspaceShortcut(workspace).toString(QKeySequence::NativeText);
    case AccentRole:
        return workspaceAccent(workspace, QGuiApplication::palette());
    default:
        return {};
    }
}

Qt::ItemFlags WorkspaceModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> WorkspaceModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(WorkspaceRole, "workspace");
    names.insert(KeyRole, "key");
    names.insert(SummaryRole, "summary");
    names.insert(ShortcutRole, "shortcut");
    names.insert(AccentRole, "accent");
    return names;
}

QModelIndex WorkspaceModel::indexOf(Workspace workspace) const
{
    return index(ecomops::widgets::indexOf(workspace), 0);
}

void WorkspaceModel::paletteChanged()
{
    emit dataChanged(index(0, 0), index(rowCount() - 1, 0), {Qt::DecorationRole, AccentRole});
}

} // namespace ecomops::widgets

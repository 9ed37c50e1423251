#pragma once
// The list of workspaces the navigation shows, one row per Workspace in
// enum order.
#include "common/Workspace.h"

#include <QAbstractListModel>

namespace ecomops::widgets {

class WorkspaceModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Roles {
        WorkspaceRole = Qt::UserRole + 1, // int: the Workspace value
        KeyRole,                          // QString: workspaceKey()
        SummaryRole,                      // QString
        ShortcutRole,                     // QString: "Ctrl+1", in the platform's words
        AccentRole,                       // QColor for the current palette
    };

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    QModelIndex indexOf(Workspace workspace) const;
    // Colours and icons follow the palette: call when it changes.
    void paletteChanged();
};

} // namespace ecomops::widgets

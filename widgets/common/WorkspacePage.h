#pragma once
// The frame every workspace page shares: a header (icon, title, one-line
// summary, room for the workspace's own buttons) above a content area, which
// shows an empty state until the workspace puts its views there.
#include "common/Workspace.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QVBoxLayout;

namespace ecomops::widgets {

class ConnectionController;
class EmptyState;
class GlyphBadge;

class WorkspacePage : public QWidget
{
    Q_OBJECT
public:
    WorkspacePage(Workspace workspace, ConnectionController *connection, QWidget *parent = nullptr);

    Workspace workspace() const { return m_workspace; }
    ConnectionController *connection() const { return m_connection; }

    // Buttons and filters a workspace adds to the right of its header.
    QHBoxLayout *headerActions() const { return m_headerActions; }
    EmptyState *emptyState() const { return m_emptyState; }
    // Replaces the current content (initially the empty state); takes ownership.
    void setContent(QWidget *content);

public slots:
    // The warehouse changed under the workspace (a run from this window
    // ended): read again what it shows. Does nothing by default.
    virtual void warehouseChanged() {}

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColors();

    Workspace m_workspace;
    ConnectionController *m_connection;
    GlyphBadge *m_badge;
    QLabel *m_title;
    QLabel *m_summary;
    QHBoxLayout *m_headerActions;
    QVBoxLayout *m_contentLayout;
    EmptyState *m_emptyState;
    QWidget *m_content;
};

} // namespace ecomops::widgets

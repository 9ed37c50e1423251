#pragma once
// The triage controls under the flag list: what is selected, a note, one
// action per target status (with its shortcut on the button's tooltip and
// in the Triage menu), and "whole product", which widens an action to every
// New flag of the selected flags' products. The actions are added to the
// page, so their shortcuts work wherever the focus is in the workspace.
#include "anomalies/FlagQueries.h"

#include <QMap>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QToolButton;

namespace ecomops::widgets {

class TriageBar : public QWidget
{
    Q_OBJECT
public:
    // `scope` holds the actions: their shortcuts work within it.
    explicit TriageBar(QWidget *scope, QWidget *parent = nullptr);

    QAction *action(anomalies::FlagStatus status) const { return m_actions.value(status); }
    QToolButton *button(anomalies::FlagStatus status) const { return m_buttons.value(status); }
    QAction *wholeProductAction() const { return m_wholeProduct; }
    bool wholeProduct() const;
    QLineEdit *noteEdit() const { return m_note; }
    QMenu *menu() const { return m_menu; }
    // A "Triage" button that opens the menu, for the workspace's header.
    QToolButton *makeMenuButton() const;

    // Enables what the selection allows; a disabled action says why.
    void update(const QList<const anomalies::FlagRow *> &selected, bool canTriage, const QString &whyNot);

signals:
    void triageRequested(anomalies::FlagStatus status);

private:
    QLabel *m_selection;
    QLineEdit *m_note;
    QAction *m_wholeProduct;
    QMenu *m_menu;
    QMap<anomalies::FlagStatus, QAction *> m_actions;
    QMap<anomalies::FlagStatus, QToolButton *> m_buttons;
};

} // namespace ecomops::widgets

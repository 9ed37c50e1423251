#include "anomalies/TriageBar.h"

#include "anomalies/FlagText.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QToolButton>

namespace ecomops::widgets {

using anomalies::FlagStatus;

namespace {

QKeySequence shortcutFor(FlagStatus status)
{
    switch (status) {
    // Ctrl+1…4 switch workspaces; these stay clear of them and of the menus.
    case FlagStatus::Reviewed:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R);
    case FlagStatus::Resolved:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S);
    case FlagStatus::FalsePositive:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F);
    case FlagStatus::New:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N);
    }
    return {};
}

QString actionText(FlagStatus status)
{
    switch (status) {
    case FlagStatus::Reviewed:
        return TriageBar::tr("Reviewed");
    case FlagStatus::Resolved:
        return TriageBar::tr("Resolved");
    case FlagStatus::FalsePositive:
        return TriageBar::tr("False positive");
    case FlagStatus::New:
        return TriageBar::tr("Reopen");
    }
    return {};
}

QString shortcutText(const QAction *action)
{
    return action->shortcut().toString(QKeySequence::NativeText);
}

} // namespace

TriageBar::TriageBar(QWidget *scope, QWidget *parent)
    : QWidget(parent), m_selection(new QLabel), m_note(new QLineEdit),
      m_wholeProduct(new QAction(tr("Whole product"), scope)), m_menu(new QMenu(tr("Triage"), this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_selection);
    m_note->setObjectName(QStringLiteral("triageNote"));
    m_note->setPlaceholderText(tr("Note for the change (why, what you checked)"));
    m_note->setClearButtonEnabled(true);
    layout->addWidget(m_note, 1);

    m_wholeProduct->setObjectName(QStringLiteral("triage_whole_product"));
    m_wholeProduct->setCheckable(true);
    m_wholeProduct->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_wholeProduct->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_wholeProduct->setToolTip(tr("Act on every New flag of the selected flags' products at once, loaded or not "
                                  "(%1)")
                                   .arg(shortcutText(m_wholeProduct)));
    scope->addAction(m_wholeProduct);
    auto *productButton = new QToolButton;
    productButton->setDefaultAction(m_wholeProduct);
    productButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    layout->addWidget(productButton);

    for (FlagStatus status : {FlagStatus::Reviewed, FlagStatus::Resolved, FlagStatus::FalsePositive, FlagStatus::New}) {
        auto *action = new QAction(actionText(status), scope);
        action->setShortcut(shortcutFor(status));
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setObjectName(QStringLiteral("triage_") + anomalies::statusName(status));
        connect(action, &QAction::triggered, this, [this, status] { emit triageRequested(status); });
        scope->addAction(action);
        m_menu->addAction(action);
        m_actions.insert(status, action);
        auto *button = new QToolButton;
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        m_buttons.insert(status, button);
        layout->addWidget(button);
    }
    m_menu->addSeparator();
    m_menu->addAction(m_wholeProduct);
    connect(m_note, &QLineEdit::returnPressed, this, [this] { emit triageRequested(FlagStatus::Reviewed); });
}

QToolButton *TriageBar::makeMenuButton() const
{
    auto *button = new QToolButton;
    button->setObjectName(QStringLiteral("triageMenuButton"));
    button->setText(m_menu->title());
    button->setToolTip(tr("Every triage action and its shortcut"));
    button->setMenu(m_menu);
    button->setPopupMode(QToolButton::InstantPopup);
    return button;
}

bool TriageBar::wholeProduct() const
{
    return m_wholeProduct->isChecked();
}

void TriageBar::update(const QList<const anomalies::FlagRow *> &selected, bool canTriage, const QString &whyNot)
{
    m_selection->setText(selected.isEmpty()     ? tr("No flag selected")
                         : selected.size() == 1 ? tr("1 flag selected")
                                                : tr("%1 flags selected").arg(selected.size()));
    for (auto it = m_actions.cbegin(); it != m_actions.cend(); ++it) {
        const FlagStatus target = it.key();
        QString why;
        if (!canTriage)
            why = whyNot;
        else if (selected.isEmpty())
            why = tr("Select one or more flags first.");
        else {
            for (const anomalies::FlagRow *flag : selected) {
                if (!anomalies::transitionAllowed(flag->status, target)) {
                    why = tr("Flag %1 is %2: it cannot become %3.")
                              .arg(flag->flagId)
                              .arg(flagtext::statusLabel(flag->status), flagtext::statusLabel(target));
                    break;
                }
            }
        }
        QAction *action = it.value();
        action->setEnabled(why.isEmpty());
        // The shortcut shows either way: a user learns it before it applies.
        action->setToolTip(why.isEmpty()
                               ? tr("Mark the selected flags %1 (%2)").arg(action->text(), shortcutText(action))
                               : tr("%1 (%2)").arg(why, shortcutText(action)));
    }
    m_wholeProduct->setEnabled(canTriage);
    m_note->setEnabled(canTriage);
}

} // namespace ecomops::widgets

#pragma once
// Progress in the Runs views as a slim bar with its percentage. Its colour
// comes from the model's tone role through toneColor(), so it follows light
// and dark palettes; states are pills (common/StatusPillDelegate.h).
#include <QStyledItemDelegate>

namespace ecomops::widgets {

class ProgressBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // fractionRole: double 0…1, or negative when unknown.
    ProgressBarDelegate(int fractionRole, int toneRole, QObject *parent);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_fractionRole;
    int m_toneRole;
};

} // namespace ecomops::widgets

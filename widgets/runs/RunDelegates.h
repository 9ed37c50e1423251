#pragma once
// Painting shared by the Runs views: a state as a coloured pill, progress as
// a slim bar with its percentage. Colours come from the model's tone role
// through toneColor(), so they follow light and dark palettes.
#include <QStyledItemDelegate>

namespace ecomops::widgets {

class StatusPillDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    StatusPillDelegate(int toneRole, QObject *parent);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_toneRole;
};

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

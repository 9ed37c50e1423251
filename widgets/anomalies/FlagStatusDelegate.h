#pragma once
// Paints a flag's status as a soft pill in its colour, readable on light and
// dark palettes alike.
#include <QStyledItemDelegate>

namespace ecomops::widgets {

class FlagStatusDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // `statusRole` holds an anomalies::FlagStatus.
    explicit FlagStatusDelegate(int statusRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_statusRole;
};

} // namespace ecomops::widgets

#include "anomalies/FlagStatusDelegate.h"

#include "anomalies/FlagText.h"

#include <QApplication>
#include <QPainter>

namespace ecomops::widgets {

FlagStatusDelegate::FlagStatusDelegate(int statusRole, QObject *parent)
    : QStyledItemDelegate(parent), m_statusRole(statusRole)
{
}

void FlagStatusDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant value = index.data(m_statusRole);
    if (!value.canConvert<anomalies::FlagStatus>()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const auto status = value.value<anomalies::FlagStatus>();
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QPalette &palette = option.palette;
    const QFontMetrics metrics(opt.font);
    const int padding = metrics.height() / 2;
    const int height = metrics.height() + 4;
    const int width = metrics.horizontalAdvance(text) + 2 * padding;
    QRect pill(option.rect.left() + 4, option.rect.center().y() - height / 2 + 1, width, height);
    pill = pill.intersected(option.rect.adjusted(2, 1, -2, -1));

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(flagtext::statusFill(status, palette));
    painter->drawRoundedRect(pill, height / 2.0, height / 2.0);
    painter->setFont(opt.font);
    painter->setPen(flagtext::statusColor(status, palette));
    painter->drawText(pill, Qt::AlignCenter, text);
    painter->restore();
}

QSize FlagStatusDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics metrics(option.font);
    size.setWidth(size.width() + metrics.height() + 8);
    size.setHeight(std::max(size.height(), metrics.height() + 8));
    return size;
}

} // namespace ecomops::widgets

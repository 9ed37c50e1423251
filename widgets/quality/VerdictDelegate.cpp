#include "quality/VerdictDelegate.h"

#include "quality/QualityText.h"

#include <QApplication>
#include <QPainter>

namespace ecomops::widgets {

VerdictDelegate::VerdictDelegate(int verdictRole, QObject *parent)
    : QStyledItemDelegate(parent), m_verdictRole(verdictRole)
{
}

void VerdictDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant value = index.data(m_verdictRole);
    const auto verdict = static_cast<qualitytext::Verdict>(value.toInt());
    if (!value.isValid() || verdict == qualitytext::Verdict::None) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    const Qt::Alignment alignment = opt.displayAlignment;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QFontMetrics metrics(opt.font);
    const int height = metrics.height() + 4;
    const int width = std::min(option.rect.width() - 6, metrics.horizontalAdvance(text) + metrics.height());
    const int left = alignment & Qt::AlignRight ? option.rect.right() - 3 - width : option.rect.left() + 3;
    const QRect pill(left, option.rect.center().y() - height / 2 + 1, width, height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(qualitytext::verdictFill(verdict, option.palette));
    painter->drawRoundedRect(pill, height / 2.0, height / 2.0);
    painter->setFont(opt.font);
    painter->setPen(qualitytext::verdictColor(verdict, option.palette));
    painter->drawText(pill, Qt::AlignCenter, metrics.elidedText(text, Qt::ElideRight, pill.width() - 4));
    painter->restore();
}

QSize VerdictDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(size.width() + QFontMetrics(option.font).height() + 6);
    return size;
}

} // namespace ecomops::widgets

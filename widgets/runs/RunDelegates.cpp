#include "runs/RunDelegates.h"

#include "common/StatusPillDelegate.h"
#include "common/Theme.h"
#include "runs/RunText.h"

#include <QApplication>
#include <QPainter>

namespace ecomops::widgets {
namespace {

bool isSelected(const QStyleOptionViewItem &option)
{
    return option.state.testFlag(QStyle::State_Selected);
}

} // namespace

ProgressBarDelegate::ProgressBarDelegate(int fractionRole, int toneRole, QObject *parent)
    : QStyledItemDelegate(parent), m_fractionRole(fractionRole), m_toneRole(toneRole)
{
}

void ProgressBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    paintItemBackground(painter, opt);

    const double fraction = index.data(m_fractionRole).toDouble();
    const QColor tone = toneColor(Tone(index.data(m_toneRole).toInt()), opt.palette);
    const QFontMetrics fm(opt.font);
    const int textWidth = fm.horizontalAdvance(QStringLiteral("100 %")) + 8;
    const QRectF track(opt.rect.left() + 6, opt.rect.center().y() - 3.0,
                       std::max(10, opt.rect.width() - textWidth - 12), 7.0);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(theme::mix(opt.palette.color(QPalette::Base), opt.palette.color(QPalette::Text),
                                 theme::isDark(opt.palette) ? 0.16 : 0.09));
    painter->drawRoundedRect(track, 3.5, 3.5);
    if (fraction > 0) {
        QRectF filled = track;
        filled.setWidth(std::max(track.height(), track.width() * std::min(1.0, fraction)));
        painter->setBrush(tone);
        painter->drawRoundedRect(filled, 3.5, 3.5);
    }
    painter->setFont(opt.font);
    painter->setPen(isSelected(opt) ? opt.palette.color(QPalette::HighlightedText) : theme::mutedText(opt.palette));
    const QRectF textRect(track.right() + 6, opt.rect.top(), textWidth, opt.rect.height());
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignRight, opt.text);
    painter->restore();
}

QSize ProgressBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 160));
    return size;
}

} // namespace ecomops::widgets

#include "runs/RunDelegates.h"

#include "common/Theme.h"
#include "runs/RunText.h"

#include <QApplication>
#include <QPainter>

namespace ecomops::widgets {
namespace {

// The row's background, selection and focus, without its text.
void paintItemBackground(QPainter *painter, QStyleOptionViewItem option)
{
    option.text.clear();
    option.icon = QIcon();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &option, painter, widget);
}

bool isSelected(const QStyleOptionViewItem &option)
{
    return option.state.testFlag(QStyle::State_Selected);
}

} // namespace

StatusPillDelegate::StatusPillDelegate(int toneRole, QObject *parent)
    : QStyledItemDelegate(parent), m_toneRole(toneRole)
{
}

void StatusPillDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    paintItemBackground(painter, opt);

    const QString text = opt.text;
    const QColor tone = toneColor(Tone(index.data(m_toneRole).toInt()), opt.palette);
    const QFontMetrics fm(opt.font);
    const int height = fm.height() + 4;
    const int width = std::min(fm.horizontalAdvance(text) + 26, opt.rect.width() - 8);
    const QRectF pill(opt.rect.left() + 6, opt.rect.center().y() - height / 2.0 + 0.5, width, height);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor fill = tone;
    fill.setAlphaF(isSelected(opt) ? 0.30f : (theme::isDark(opt.palette) ? 0.22f : 0.12f));
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(pill, height / 2.0, height / 2.0);
    painter->setBrush(tone);
    painter->drawEllipse(QPointF(pill.left() + 10, pill.center().y()), 3.2, 3.2);
    painter->setFont(opt.font);
    painter->setPen(isSelected(opt) ? opt.palette.color(QPalette::HighlightedText) : tone);
    const QRectF textRect = pill.adjusted(18, 0, -6, 0);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                      fm.elidedText(text, Qt::ElideRight, int(textRect.width())));
    painter->restore();
}

QSize StatusPillDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += 26;
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 10));
    return size;
}

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

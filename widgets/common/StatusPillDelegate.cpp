#include "common/StatusPillDelegate.h"

#include "common/Theme.h"

#include <QApplication>
#include <QPainter>

namespace ecomops::widgets {
namespace {

constexpr int kDotSpace = 18; // the dot and the gap before the text
constexpr int kPadding = 8;   // after the text

} // namespace

void paintItemBackground(QPainter *painter, QStyleOptionViewItem option)
{
    option.text.clear();
    option.icon = QIcon();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &option, painter, widget);
}

StatusPillDelegate::StatusPillDelegate(int role, QObject *parent)
    : StatusPillDelegate(
          role, [](const QVariant &status) { return std::optional<Tone>(Tone(status.toInt())); }, parent)
{
}

StatusPillDelegate::StatusPillDelegate(int role, ToneOf toneOf, QObject *parent)
    : QStyledItemDelegate(parent), m_role(role), m_toneOf(std::move(toneOf))
{
}

std::optional<Tone> StatusPillDelegate::toneAt(const QModelIndex &index) const
{
    const QVariant status = index.data(m_role);
    return status.isValid() ? m_toneOf(status) : std::nullopt;
}

void StatusPillDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const std::optional<Tone> tone = toneAt(index);
    if (!tone) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    paintItemBackground(painter, opt);

    const bool selected = opt.state.testFlag(QStyle::State_Selected);
    const QColor ink = toneColor(*tone, opt.palette);
    const QFontMetrics fm(opt.font);
    const int height = fm.height() + 4;
    const int width = std::min(fm.horizontalAdvance(opt.text) + kDotSpace + kPadding, opt.rect.width() - 8);
    const qreal left = opt.displayAlignment & Qt::AlignRight ? opt.rect.right() - 4 - width : opt.rect.left() + 4;
    const QRectF pill(left, opt.rect.center().y() - height / 2.0 + 0.5, width, height);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(selected ? theme::mix(opt.palette.color(QPalette::Highlight), ink, 0.35)
                               : toneFill(*tone, opt.palette));
    painter->drawRoundedRect(pill, height / 2.0, height / 2.0);
    painter->setBrush(selected ? opt.palette.color(QPalette::HighlightedText) : ink);
    painter->drawEllipse(QPointF(pill.left() + 10, pill.center().y()), 3.2, 3.2);
    painter->setFont(opt.font);
    painter->setPen(selected ? opt.palette.color(QPalette::HighlightedText) : ink);
    const QRectF textRect = pill.adjusted(kDotSpace, 0, -kPadding / 2.0, 0);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                      fm.elidedText(opt.text, Qt::ElideRight, int(textRect.width())));
    painter->restore();
}

QSize StatusPillDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += kDotSpace + kPadding + 8;
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 10));
    return size;
}

} // namespace ecomops::widgets

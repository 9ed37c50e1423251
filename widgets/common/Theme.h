#pragma once
// Colours derived from the current palette, so custom painting reads well on
// light and dark themes alike.
#include <QBoxLayout>
#include <QColor>
#include <QFont>
#include <QPalette>
#include <QWidget>

namespace ecomops::widgets::theme {

inline bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

inline QColor mix(const QColor &a, const QColor &b, qreal amountOfB)
{
    const qreal keep = 1.0 - amountOfB;
    return QColor::fromRgbF(static_cast<float>(a.redF() * keep + b.redF() * amountOfB),
                            static_cast<float>(a.greenF() * keep + b.greenF() * amountOfB),
                            static_cast<float>(a.blueF() * keep + b.blueF() * amountOfB));
}

// Secondary text: between the text colour and its background.
inline QColor mutedText(const QPalette &palette, QPalette::ColorRole background = QPalette::Base)
{
    return mix(palette.color(QPalette::Text), palette.color(background), 0.42);
}

// Gives `widget` secondary text, derived from `source` (its parent's
// palette) on `background`. Both text roles are set: a widget on a
// Base-coloured parent draws with Text, elsewhere with WindowText.
inline void setMutedText(QWidget *widget, const QPalette &source, QPalette::ColorRole background)
{
    QPalette muted = source;
    const QColor color = mutedText(source, background);
    muted.setColor(QPalette::WindowText, color);
    muted.setColor(QPalette::Text, color);
    widget->setPalette(muted);
}

// Headings and small print, relative to the user's chosen font size.
inline QFont scaledFont(const QFont &base, qreal factor, QFont::Weight weight = QFont::Normal)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * factor);
    font.setWeight(weight);
    return font;
}

// An icon beside a title with a line under it (the sidebar's brand, a
// page's header); callers add margins and whatever follows on the right.
inline QHBoxLayout *titleRow(QWidget *icon, QWidget *title, QWidget *subtitle, int lineSpacing)
{
    auto *titles = new QVBoxLayout;
    titles->setSpacing(lineSpacing);
    titles->addWidget(title);
    titles->addWidget(subtitle);
    auto *row = new QHBoxLayout;
    row->addWidget(icon, 0, Qt::AlignVCenter);
    row->addLayout(titles, 1);
    return row;
}

// Hairlines between areas.
inline QColor separator(const QPalette &palette)
{
    return mix(palette.color(QPalette::Window), palette.color(QPalette::Text), isDark(palette) ? 0.22 : 0.13);
}

} // namespace ecomops::widgets::theme

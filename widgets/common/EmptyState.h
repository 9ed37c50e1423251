#pragma once
// What a view shows before it has anything to show: an icon, a heading, a
// sentence in words and, optionally, a card listing what will appear here.
#include "common/Icons.h"

#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace ecomops::widgets {

// A glyph on a soft circle of its accent colour.
class GlyphBadge : public QWidget
{
    Q_OBJECT
public:
    explicit GlyphBadge(int diameter, QWidget *parent = nullptr);
    void setGlyph(icons::Glyph glyph, const QColor &accent);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    icons::Glyph m_glyph = icons::Glyph::App;
    QColor m_accent;
};

class EmptyState : public QWidget
{
    Q_OBJECT
public:
    explicit EmptyState(QWidget *parent = nullptr);

    void setGlyph(icons::Glyph glyph, const QColor &accent);
    void setTitle(const QString &title);
    void setText(const QString &text);
    // A card headed `heading` with one row per item; an empty list hides it.
    void setUpcoming(const QString &heading, const QStringList &items);

    QString title() const;
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColors();
    void rebuildCard();

    GlyphBadge *m_badge;
    QLabel *m_title;
    QLabel *m_text;
    QWidget *m_card;
    QLabel *m_cardHeading;
    QVBoxLayout *m_cardItems;
    QColor m_accent;
    QString m_upcomingHeading;
    QStringList m_upcomingItems;
};

} // namespace ecomops::widgets

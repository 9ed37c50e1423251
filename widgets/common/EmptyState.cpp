#include "common/EmptyState.h"

#include "common/Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace ecomops::widgets {

namespace {

constexpr int columnWidth = 600;

// The rounded card behind the "what will appear here" list.
class Card : public QWidget
{
public:
    using QWidget::QWidget;

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(theme::separator(palette()), 1));
        painter.setBrush(palette().color(QPalette::AlternateBase));
        painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 10, 10);
    }
};

class Bullet : public QWidget
{
public:
    Bullet(const QColor &color, QWidget *parent) : QWidget(parent), m_color(color)
    {
        setFixedSize(16, fontMetrics().height());
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(m_color);
        painter.drawEllipse(QPointF(5, height() / 2.0), 3, 3);
    }

private:
    QColor m_color;
};

} // namespace

GlyphBadge::GlyphBadge(int diameter, QWidget *parent) : QWidget(parent)
{
    setFixedSize(diameter, diameter);
}

void GlyphBadge::setGlyph(icons::Glyph glyph, const QColor &accent)
{
    m_glyph = glyph;
    m_accent = accent;
    update();
}

void GlyphBadge::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QColor soft = m_accent;
    soft.setAlphaF(theme::isDark(palette()) ? 0.22f : 0.12f);
    painter.setPen(Qt::NoPen);
    painter.setBrush(soft);
    painter.drawEllipse(QRectF(rect()));
    const qreal inset = width() * 0.25;
    icons::paint(&painter, QRectF(rect()).adjusted(inset, inset, -inset, -inset), m_glyph, m_accent);
}

EmptyState::EmptyState(QWidget *parent)
    : QWidget(parent), m_badge(new GlyphBadge(96, this)), m_title(new QLabel(this)), m_text(new QLabel(this)),
      m_card(new Card(this)), m_cardHeading(new QLabel(m_card)), m_cardItems(new QVBoxLayout)
{
    // Wrapped labels need a definite width to compute their height: they
    // fill a centred column instead of being centred one by one.
    auto *column = new QWidget(this);
    column->setMaximumWidth(columnWidth);
    column->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_badge->setParent(column);
    m_title->setParent(column);
    m_text->setParent(column);
    m_card->setParent(column);

    m_title->setObjectName(QStringLiteral("emptyStateTitle"));
    m_title->setFont(theme::scaledFont(font(), 1.45, QFont::DemiBold));
    m_title->setAlignment(Qt::AlignHCenter);
    m_title->setWordWrap(true);

    m_text->setObjectName(QStringLiteral("emptyStateText"));
    m_text->setFont(theme::scaledFont(font(), 1.08, QFont::Normal));
    m_text->setAlignment(Qt::AlignHCenter);
    m_text->setWordWrap(true);

    m_cardHeading->setFont(theme::scaledFont(font(), 0.9, QFont::DemiBold));
    auto *cardLayout = new QVBoxLayout(m_card);
    cardLayout->setContentsMargins(24, 18, 24, 20);
    cardLayout->setSpacing(12);
    cardLayout->addWidget(m_cardHeading);
    m_cardItems->setSpacing(10);
    cardLayout->addLayout(m_cardItems);
    m_card->hide();

    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->setSpacing(0);
    columnLayout->addWidget(m_badge, 0, Qt::AlignHCenter);
    columnLayout->addSpacing(22);
    columnLayout->addWidget(m_title);
    columnLayout->addSpacing(10);
    columnLayout->addWidget(m_text);
    columnLayout->addSpacing(30);
    columnLayout->addWidget(m_card);

    auto *centred = new QHBoxLayout;
    centred->addStretch(1);
    centred->addWidget(column, 100);
    centred->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->setSpacing(0);
    layout->addStretch(2);
    layout->addLayout(centred);
    layout->addStretch(3);

    applyColors();
}

void EmptyState::setGlyph(icons::Glyph glyph, const QColor &accent)
{
    m_accent = accent;
    m_badge->setGlyph(glyph, accent);
    rebuildCard();
}

void EmptyState::setTitle(const QString &title)
{
    m_title->setText(title);
}

void EmptyState::setText(const QString &text)
{
    m_text->setText(text);
}

QString EmptyState::title() const
{
    return m_title->text();
}

QString EmptyState::text() const
{
    return m_text->text();
}

void EmptyState::setUpcoming(const QString &heading, const QStringList &items)
{
    m_upcomingHeading = heading;
    m_upcomingItems = items;
    rebuildCard();
}

void EmptyState::rebuildCard()
{
    while (QLayoutItem *row = m_cardItems->takeAt(0)) {
        if (QLayout *rowLayout = row->layout()) {
            while (QLayoutItem *cell = rowLayout->takeAt(0)) {
                delete cell->widget();
                delete cell;
            }
        }
        delete row;
    }
    m_cardHeading->setText(m_upcomingHeading.toUpper());
    for (const QString &item : std::as_const(m_upcomingItems)) {
        auto *row = new QHBoxLayout;
        row->setSpacing(6);
        row->addWidget(new Bullet(m_accent, m_card), 0, Qt::AlignTop);
        auto *label = new QLabel(item, m_card);
        label->setWordWrap(true);
        row->addWidget(label, 1);
        m_cardItems->addLayout(row);
    }
    m_card->setVisible(!m_upcomingItems.isEmpty());
}

void EmptyState::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void EmptyState::applyColors()
{
    theme::setMutedText(m_text, palette(), QPalette::Base);
    theme::setMutedText(m_cardHeading, palette(), QPalette::AlternateBase);
}

} // namespace ecomops::widgets

#include "common/InlineMessage.h"

#include "common/Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace ecomops::widgets {

InlineMessage::InlineMessage(QWidget *parent)
    : QFrame(parent), m_title(new QLabel(this)), m_text(new QLabel(this)),
      m_detailsButton(new QPushButton(tr("Details…"), this)), m_close(new QToolButton(this))
{
    m_title->setObjectName(QStringLiteral("messageTitle"));
    m_title->setFont(theme::scaledFont(font(), 1.0, QFont::DemiBold));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailsButton->setObjectName(QStringLiteral("messageDetails"));
    m_detailsButton->setAutoDefault(false);
    m_close->setObjectName(QStringLiteral("messageClose"));
    m_close->setText(QStringLiteral("✕"));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss message"));

    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    texts->addWidget(m_title);
    texts->addWidget(m_text);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(18, 10, 10, 10);
    layout->setSpacing(10);
    layout->addLayout(texts, 1);
    layout->addWidget(m_detailsButton, 0, Qt::AlignVCenter);
    layout->addWidget(m_close, 0, Qt::AlignTop);

    connect(m_detailsButton, &QPushButton::clicked, this, &InlineMessage::showDetails);
    connect(m_close, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT closed();
    });
    hide();
}

void InlineMessage::showMessage(Tone tone, const QString &title, const QString &text, const QString &details)
{
    m_tone = tone;
    m_details = details;
    m_title->setText(title);
    m_title->setVisible(!title.isEmpty());
    m_text->setText(text);
    m_text->setVisible(!text.isEmpty());
    m_detailsButton->setVisible(!details.isEmpty());
    setAccessibleName(title);
    setAccessibleDescription(text);
    applyColors();
    show();
}

QString InlineMessage::title() const
{
    return m_title->text();
}

QString InlineMessage::text() const
{
    return m_text->text();
}

void InlineMessage::setClosable(bool closable)
{
    m_close->setVisible(closable);
}

void InlineMessage::showDetails()
{
    auto *box = new QMessageBox(m_tone == Tone::Bad ? QMessageBox::Warning : QMessageBox::Information,
                                m_title->text().isEmpty() ? tr("Details") : m_title->text(), m_text->text(),
                                QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("messageDetailsBox"));
    box->setDetailedText(m_details);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void InlineMessage::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor tone = toneColor(m_tone, palette());
    QColor fill = tone;
    fill.setAlphaF(theme::isDark(palette()) ? 0.18f : 0.08f);
    QColor border = tone;
    border.setAlphaF(0.35f);
    const QRectF r = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    p.setPen(Qt::NoPen);
    p.setBrush(palette().color(QPalette::Base));
    p.drawRoundedRect(r, 8, 8);
    p.setPen(QPen(border, 1));
    p.setBrush(fill);
    p.drawRoundedRect(r, 8, 8);
    p.setPen(Qt::NoPen);
    p.setBrush(tone);
    p.drawRoundedRect(QRectF(r.left() + 5, r.top() + 8, 4, r.height() - 16), 2, 2);
}

void InlineMessage::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void InlineMessage::applyColors()
{
    QPalette titlePalette = palette();
    titlePalette.setColor(QPalette::WindowText, toneColor(m_tone, palette()));
    m_title->setPalette(titlePalette);
    update();
}

} // namespace ecomops::widgets

#include "kpis/KpiCard.h"

#include "common/Theme.h"
#include "kpis/KpiStyle.h"

#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QVBoxLayout>

#include <cmath>

namespace ecomops::widgets {

KpiCard::KpiCard(const QString &title, QWidget *parent)
    : KpiCardFrame(parent), m_title(new QLabel(title, this)), m_valueLabel(new QLabel(this)),
      m_comparison(new QLabel(this)), m_caption(new QLabel(this))
{
    setObjectName(title);
    m_title->setFont(theme::scaledFont(font(), 0.92, QFont::DemiBold));
    m_valueLabel->setFont(theme::scaledFont(font(), 2.0, QFont::DemiBold));
    m_valueLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_comparison->setFont(theme::scaledFont(font(), 0.88, QFont::DemiBold));
    m_caption->setFont(theme::scaledFont(font(), 0.88));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(18, 12, 18, 14);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_valueLabel);
    auto *bottom = new QHBoxLayout;
    bottom->setSpacing(8);
    bottom->addWidget(m_comparison);
    bottom->addWidget(m_caption, 1);
    layout->addLayout(bottom);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setAccessibleName(title);
    clear();
    applyColors();
}

void KpiCard::setValue(double value, const QString &text, const QString &toolTip)
{
    m_value = value;
    m_valueLabel->setText(text);
    m_valueLabel->setToolTip(toolTip);
    setAccessibleDescription(text);
}

void KpiCard::setComparison(std::optional<double> change, const QString &against)
{
    m_change = change;
    if (!change) {
        m_comparison->setText(QStringLiteral("—"));
        m_comparison->setToolTip(tr("No earlier period of the same length to compare with"));
    } else {
        const double pct = *change * 100.0;
        const QString arrow = std::abs(pct) < 0.05 ? QStringLiteral("■")
                              : pct > 0            ? QStringLiteral("▲")
                                                   : QStringLiteral("▼");
        m_comparison->setText(arrow + QLatin1Char(' ') + QLocale().toString(std::abs(pct), 'f', 1) +
                              QStringLiteral(" %"));
        m_comparison->setToolTip(tr("Change against %1").arg(against));
    }
    applyColors();
}

void KpiCard::setCaption(const QString &caption)
{
    m_caption->setText(caption);
}

void KpiCard::clear()
{
    m_value = 0;
    m_valueLabel->setText(QStringLiteral("—"));
    m_comparison->clear();
    m_caption->clear();
    m_change.reset();
}

QString KpiCard::title() const
{
    return m_title->text();
}

QString KpiCard::valueText() const
{
    return m_valueLabel->text();
}

QString KpiCard::comparisonText() const
{
    return m_comparison->text();
}

void KpiCard::changeEvent(QEvent *event)
{
    KpiCardFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void KpiCard::paintEvent(QPaintEvent *event)
{
    KpiCardFrame::paintEvent(event);
    // An accent stripe along the left edge ties the cards to the charts' colours.
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(kpis::accent(palette()));
    p.drawRoundedRect(QRectF(5, 12, 3.5, height() - 24), 1.75, 1.75);
}

void KpiCard::applyColors()
{
    const QPalette pal = palette();
    theme::setMutedText(m_title, pal, QPalette::Base);
    theme::setMutedText(m_caption, pal, QPalette::Base);
    QPalette valuePalette = pal;
    valuePalette.setColor(QPalette::WindowText, pal.color(QPalette::Text));
    m_valueLabel->setPalette(valuePalette);
    QPalette comparison = pal;
    const QColor tone = !m_change || std::abs(*m_change) < 0.0005 ? theme::mutedText(pal)
                        : *m_change > 0                           ? kpis::goodColor(pal)
                                                                  : kpis::badColor(pal);
    comparison.setColor(QPalette::WindowText, tone);
    m_comparison->setPalette(comparison);
}

} // namespace ecomops::widgets

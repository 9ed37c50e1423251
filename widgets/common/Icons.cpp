#include "common/Icons.h"

#include <QGuiApplication>
#include <QIconEngine>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

namespace ecomops::widgets::icons {

namespace {

// Every glyph is drawn on a 24×24 grid.
constexpr qreal grid = 24.0;

QPen strokePen(const QColor &color, qreal width = 1.9)
{
    return QPen(color, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
}

void paintRuns(QPainter &p, const QColor &c)
{
    p.setPen(strokePen(c));
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(QPointF(12, 12), 9.2, 9.2);
    QPainterPath play;
    play.moveTo(10, 7.8);
    play.lineTo(16.6, 12);
    play.lineTo(10, 16.2);
    play.closeSubpath();
    p.setPen(strokePen(c, 1.2));
    p.setBrush(c);
    p.drawPath(play);
}

void paintQuality(QPainter &p, const QColor &c)
{
    QPainterPath shield;
    shield.moveTo(12, 2.6);
    shield.lineTo(19.8, 5.6);
    shield.lineTo(19.8, 11.4);
    shield.cubicTo(19.8, 16.2, 16.5, 19.8, 12, 21.4);
    shield.cubicTo(7.5, 19.8, 4.2, 16.2, 4.2, 11.4);
    shield.lineTo(4.2, 5.6);
    shield.closeSubpath();
    p.setPen(strokePen(c));
    p.setBrush(Qt::NoBrush);
    p.drawPath(shield);
    p.drawPolyline(QPolygonF({QPointF(8.6, 12), QPointF(11, 14.4), QPointF(15.6, 9.4)}));
}

void paintAnomalies(QPainter &p, const QColor &c)
{
    p.setPen(strokePen(c));
    p.setBrush(Qt::NoBrush);
    p.drawPolyline(QPolygonF({QPointF(2.6, 16.5), QPointF(6, 14), QPointF(9, 15.6), QPointF(12, 6.2), QPointF(15, 15.6),
                              QPointF(18, 13.4), QPointF(21.4, 14.6)}));
    p.setPen(strokePen(c, 1.4));
    p.drawLine(QPointF(2.6, 20.6), QPointF(21.4, 20.6));
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawEllipse(QPointF(12, 4.6), 2.4, 2.4);
}

void paintKpis(QPainter &p, const QColor &c)
{
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawRoundedRect(QRectF(3.6, 12.5, 4.2, 8), 1.2, 1.2);
    p.drawRoundedRect(QRectF(9.9, 8, 4.2, 12.5), 1.2, 1.2);
    p.drawRoundedRect(QRectF(16.2, 3.5, 4.2, 17), 1.2, 1.2);
}

void paintSettings(QPainter &p, const QColor &c)
{
    const qreal rows[] = {6, 12, 18};
    const qreal knobs[] = {15.5, 8.5, 13};
    for (int i = 0; i < 3; ++i) {
        p.setPen(strokePen(c));
        p.drawLine(QPointF(3.5, rows[i]), QPointF(20.5, rows[i]));
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawEllipse(QPointF(knobs[i], rows[i]), 2.9, 2.9);
    }
}

void paintReconnect(QPainter &p, const QColor &c)
{
    p.setPen(strokePen(c));
    p.setBrush(Qt::NoBrush);
    const QRectF circle(4, 4, 16, 16);
    p.drawArc(circle, 60 * 16, 280 * 16);
    QPainterPath head;
    head.moveTo(19.6, 2.8);
    head.lineTo(19.2, 8.6);
    head.lineTo(13.6, 7.4);
    p.drawPath(head);
}

void paintAbout(QPainter &p, const QColor &c)
{
    p.setPen(strokePen(c));
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(QPointF(12, 12), 9.2, 9.2);
    p.drawLine(QPointF(12, 11), QPointF(12, 16.8));
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawEllipse(QPointF(12, 7.4), 1.35, 1.35);
}

void paintDatabase(QPainter &p, const QColor &c)
{
    p.setPen(strokePen(c));
    p.setBrush(Qt::NoBrush);
    const QRectF top(4.5, 3, 15, 5.2);
    p.drawEllipse(top);
    QPainterPath body;
    body.moveTo(4.5, 5.6);
    body.lineTo(4.5, 18.4);
    body.arcTo(QRectF(4.5, 15.8, 15, 5.2), 180, 180);
    body.lineTo(19.5, 5.6);
    p.drawPath(body);
    p.drawArc(QRectF(4.5, 9.4, 15, 5.2), 180 * 16, 180 * 16);
}

void paintServer(QPainter &p, const QColor &c)
{
    p.setPen(strokePen(c));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(QRectF(3.5, 4, 17, 7), 2, 2);
    p.drawRoundedRect(QRectF(3.5, 13, 17, 7), 2, 2);
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawEllipse(QPointF(7.2, 7.5), 1.3, 1.3);
    p.drawEllipse(QPointF(7.2, 16.5), 1.3, 1.3);
}

void paintApp(QPainter &p)
{
    QLinearGradient background(0, 0, grid, grid);
    background.setColorAt(0, QColor(0x25, 0x63, 0xeb));
    background.setColorAt(1, QColor(0x7c, 0x3a, 0xed));
    p.setPen(Qt::NoPen);
    p.setBrush(background);
    p.drawRoundedRect(QRectF(0.5, 0.5, 23, 23), 5.5, 5.5);

    const QColor bars(255, 255, 255, 110);
    p.setBrush(bars);
    p.drawRoundedRect(QRectF(5, 13.5, 3.4, 5.5), 0.9, 0.9);
    p.drawRoundedRect(QRectF(10.3, 11, 3.4, 8), 0.9, 0.9);
    p.drawRoundedRect(QRectF(15.6, 8, 3.4, 11), 0.9, 0.9);

    p.setPen(strokePen(Qt::white, 1.7));
    p.setBrush(Qt::NoBrush);
    p.drawPolyline(QPolygonF({QPointF(4.8, 11), QPointF(9.6, 7.8), QPointF(13, 9.4), QPointF(18.6, 4.8)}));
    p.setPen(Qt::NoPen);
    p.setBrush(Qt::white);
    p.drawEllipse(QPointF(18.6, 4.8), 1.6, 1.6);
}

class GlyphIconEngine : public QIconEngine
{
public:
    GlyphIconEngine(Glyph glyph, const QColor &color) : m_glyph(glyph), m_color(color) {}

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        icons::paint(painter, rect, m_glyph, colorFor(mode));
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            paint(&painter, QRect(QPoint(), image.size()), mode, state);
        }
        image.setDevicePixelRatio(scale);
        return QPixmap::fromImage(image);
    }

    QIconEngine *clone() const override { return new GlyphIconEngine(m_glyph, m_color); }
    QString key() const override { return QStringLiteral("ecomops-glyph"); }

private:
    QColor colorFor(QIcon::Mode mode) const
    {
        const QPalette palette = QGuiApplication::palette();
        if (mode == QIcon::Disabled)
            return palette.color(QPalette::Disabled, QPalette::WindowText);
        if (mode == QIcon::Selected && !m_color.isValid())
            return palette.color(QPalette::HighlightedText);
        return m_color.isValid() ? m_color : palette.color(QPalette::WindowText);
    }

    Glyph m_glyph;
    QColor m_color;
};

} // namespace

QIcon icon(Glyph glyph, const QColor &color)
{
    return QIcon(new GlyphIconEngine(glyph, color));
}

void paint(QPainter *painter, const QRectF &rect, Glyph glyph, const QColor &color)
{
    const qreal side = qMin(rect.width(), rect.height());
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->translate(rect.center().x() - side / 2, rect.center().y() - side / 2);
    painter->scale(side / grid, side / grid);
    switch (glyph) {
    case Glyph::App:
        paintApp(*painter);
        break;
    case Glyph::Runs:
        paintRuns(*painter, color);
        break;
    case Glyph::Quality:
        paintQuality(*painter, color);
        break;
    case Glyph::Anomalies:
        paintAnomalies(*painter, color);
        break;
    case Glyph::Kpis:
        paintKpis(*painter, color);
        break;
    case Glyph::Settings:
        paintSettings(*painter, color);
        break;
    case Glyph::Reconnect:
        paintReconnect(*painter, color);
        break;
    case Glyph::About:
        paintAbout(*painter, color);
        break;
    case Glyph::Database:
        paintDatabase(*painter, color);
        break;
    case Glyph::Server:
        paintServer(*painter, color);
        break;
    }
    painter->restore();
}

} // namespace ecomops::widgets::icons

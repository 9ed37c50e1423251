#include "kpis/KpiCardFrame.h"

#include "kpis/KpiStyle.h"

#include <QPainter>

namespace ecomops::widgets {

KpiCardFrame::KpiCardFrame(QWidget *parent) : QFrame(parent)
{
    setAttribute(Qt::WA_StyledBackground, false);
}

void KpiCardFrame::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    p.setPen(QPen(kpis::cardBorder(palette()), 1.0));
    p.setBrush(kpis::cardColor(palette()));
    p.drawRoundedRect(r, 8, 8);
}

} // namespace ecomops::widgets

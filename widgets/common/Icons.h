#pragma once
// The console's icons, painted from vector paths: crisp at any size and
// device pixel ratio, no SVG plugin needed, and in any colour (an accent, or
// the palette's text colour when none is given, so they follow dark themes).
#include <QColor>
#include <QIcon>

class QPainter;
class QRectF;

namespace ecomops::widgets::icons {

enum class Glyph { App, Runs, Quality, Anomalies, Kpis, Settings, Reconnect, About, Database, Server };

// color invalid: the application palette's text colour at paint time.
QIcon icon(Glyph glyph, const QColor &color = {});

// Paints the glyph into rect (kept square, centred).
void paint(QPainter *painter, const QRectF &rect, Glyph glyph, const QColor &color);

} // namespace ecomops::widgets::icons

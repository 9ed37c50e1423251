#include "common/Palette.h"

#include "common/Theme.h"

namespace ecomops::widgets {

QColor toneColor(Tone tone, const QPalette &palette)
{
    const bool dark = theme::isDark(palette);
    switch (tone) {
    case Tone::Neutral:
        return theme::mutedText(palette);
    case Tone::Active:
        return dark ? QColor(0x6c, 0xa8, 0xff) : QColor(0x25, 0x63, 0xeb);
    case Tone::Good:
        return dark ? QColor(0x4a, 0xd3, 0x8a) : QColor(0x15, 0x80, 0x3d);
    case Tone::Warning:
        return dark ? QColor(0xfb, 0xbf, 0x24) : QColor(0xb4, 0x53, 0x09);
    case Tone::Bad:
        return dark ? QColor(0xf8, 0x71, 0x71) : QColor(0xc8, 0x1e, 0x1e);
    }
    return palette.color(QPalette::Text);
}

QColor toneFill(Tone tone, const QPalette &palette)
{
    return theme::mix(palette.color(QPalette::Base), toneColor(tone, palette), theme::isDark(palette) ? 0.24 : 0.13);
}

} // namespace ecomops::widgets

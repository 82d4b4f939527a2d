#include "Contrast.h"

#include <algorithm>
#include <cmath>

namespace oc {
namespace {
double channel(double c)
{
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
} // namespace

double Contrast::luminance(const QColor &c)
{
    const QColor rgb = c.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
}

double Contrast::ratio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor Contrast::readableOn(const QColor &accent, const QColor &background, double minRatio)
{
    if (ratio(accent, background) >= minRatio)
        return accent;
    const bool lighten = isDark(background);
    QColor c = accent.toHsl();
    // Small steps in HSL lightness: the first colour that passes is the one
    // closest to the designer's.
    for (int step = 0; step < 40; ++step) {
        const double l = std::clamp(c.lightnessF() + (lighten ? 0.025 : -0.025), 0.0, 1.0);
        c.setHslF(c.hslHueF(), c.hslSaturationF(), l, c.alphaF());
        if (ratio(c, background) >= minRatio)
            return c.toRgb();
    }
    return lighten ? QColor(Qt::white) : QColor(Qt::black);
}

} // namespace oc

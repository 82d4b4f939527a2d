#pragma once

#include <QColor>

namespace oc {

// WCAG contrast arithmetic, so accent colours (status text, sparklines) stay
// readable on whatever background the palette has: light, dark or custom.
class Contrast
{
public:
    // Relative luminance, 0 (black) to 1 (white).
    static double luminance(const QColor &c);
    // 1 (same) to 21 (black on white).
    static double ratio(const QColor &a, const QColor &b);
    // `accent` with its lightness moved away from `background` until the ratio
    // reaches `minRatio` (4.5 for text, 3 for lines and large text); the hue
    // stays, so red still reads as red on a dark window.
    static QColor readableOn(const QColor &accent, const QColor &background, double minRatio = 4.5);
    static bool isDark(const QColor &background) { return luminance(background) < 0.18; }
};

} // namespace oc

#pragma once

#include "MapStyle.h"

#include <QColor>
#include <QImage>
#include <QRectF>

#include <array>
#include <cstdint>
#include <vector>

namespace oc {

// The few glyphs cluster counts need ("0"-"9", ".", "k", "M"), drawn once
// into one small image. Labels are then textured quads from it, so hundreds
// of counts cost one geometry node instead of a text layout each per frame.
class CountLabelAtlas
{
public:
    struct Quad
    {
        QRectF target; // item coordinates
        QRectF source; // pixels in image()
    };

    // Glyphs in `text`: the theme's label colour (MapStyle::Theme).
    explicit CountLabelAtlas(qreal devicePixelRatio = 1.0, const QColor &text = MapStyle::labelText());
    QColor textColor() const { return m_text; }

    const QImage &image() const { return m_image; }
    qreal devicePixelRatio() const { return m_dpr; }

    // "7", "512", "1.2k", "48k", "1.1M": at most four glyphs.
    static std::array<char, 8> format(std::uint64_t count);
    // Appends the glyph quads of `text` centred on `center`.
    void layout(const char *text, QPointF center, std::vector<Quad> &out) const;

private:
    struct Glyph
    {
        QRectF source;
        qreal advance = 0; // logical pixels
    };
    static int slot(char c);

    QImage m_image;
    qreal m_dpr = 1;
    QColor m_text;
    qreal m_height = 0; // logical pixels
    std::array<Glyph, 13> m_glyphs {};
};

} // namespace oc

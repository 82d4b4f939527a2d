#include "CountLabelAtlas.h"

#include "MapStyle.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPainter>

#include <cmath>
#include <cstdio>

namespace oc {

namespace {
constexpr char kGlyphs[] = "0123456789.kM";
}

CountLabelAtlas::CountLabelAtlas(qreal devicePixelRatio, const QColor &text)
    : m_dpr(devicePixelRatio > 0 ? devicePixelRatio : 1.0)
    , m_text(text)
{
    QFont font;
    font.setPixelSize(11);
    font.setBold(true);
    const QFontMetricsF fm(font);
    m_height = std::ceil(fm.height());
    qreal x = 0;
    for (int i = 0; i < 13; ++i) {
        const qreal advance = fm.horizontalAdvance(QChar::fromLatin1(kGlyphs[i]));
        // One pixel of air on each side so linear filtering never bleeds in a neighbour.
        m_glyphs[std::size_t(i)].source = QRectF((x + 1) * m_dpr, 0, advance * m_dpr, m_height * m_dpr);
        m_glyphs[std::size_t(i)].advance = advance;
        x += std::ceil(advance) + 2;
    }
    m_image = QImage(int(std::ceil(x * m_dpr)), int(std::ceil(m_height * m_dpr)), QImage::Format_ARGB32_Premultiplied);
    m_image.fill(Qt::transparent);
    QPainter p(&m_image);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.scale(m_dpr, m_dpr);
    p.setFont(font);
    p.setPen(m_text);
    for (int i = 0; i < 13; ++i) {
        const QRectF &s = m_glyphs[std::size_t(i)].source;
        p.drawText(QPointF(s.x() / m_dpr, fm.ascent()), QString(QChar::fromLatin1(kGlyphs[i])));
    }
}

int CountLabelAtlas::slot(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    switch (c) {
    case '.': return 10;
    case 'k': return 11;
    case 'M': return 12;
    default: return -1;
    }
}

std::array<char, 8> CountLabelAtlas::format(std::uint64_t count)
{
    std::array<char, 8> out {};
    const auto scaled = [&](double v, char unit) {
        // "1.2k" below ten units, "48k" above: four glyphs at most.
        if (v < 9.95)
            std::snprintf(out.data(), out.size(), "%.1f%c", v, unit);
        else
            std::snprintf(out.data(), out.size(), "%d%c", int(std::lround(v)), unit);
    };
    if (count < 1000)
        std::snprintf(out.data(), out.size(), "%u", unsigned(count));
    else if (count < 999500)
        scaled(double(count) / 1e3, 'k');
    else
        scaled(std::min(double(count) / 1e6, 999.0), 'M');
    return out;
}

void CountLabelAtlas::layout(const char *text, QPointF center, std::vector<Quad> &out) const
{
    qreal width = 0;
    for (const char *c = text; *c; ++c) {
        const int s = slot(*c);
        if (s >= 0)
            width += m_glyphs[std::size_t(s)].advance;
    }
    // Whole pixels keep the glyphs crisp.
    qreal x = std::round(center.x() - width / 2);
    const qreal y = std::round(center.y() - m_height / 2);
    for (const char *c = text; *c; ++c) {
        const int s = slot(*c);
        if (s < 0)
            continue;
        const Glyph &g = m_glyphs[std::size_t(s)];
        out.push_back({QRectF(x, y, g.source.width() / m_dpr, g.source.height() / m_dpr), g.source});
        x += g.advance;
    }
}

} // namespace oc

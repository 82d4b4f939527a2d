#include "MarkerSprites.h"

#include "MapStyle.h"

#include <QPainter>

#include <cmath>

namespace oc {

MarkerSprites::MarkerSprites(qreal dpr)
{
    if (dpr <= 0)
        dpr = 1;
    const qreal outer = MapStyle::kEventRadius + MapStyle::kEventBorder;
    m_half = std::ceil(outer + 1);
    const int px = int(std::ceil(2 * m_half * dpr));
    for (std::size_t s = 0; s < m_sprites.size(); ++s) {
        QImage img(px, px, QImage::Format_ARGB32_Premultiplied);
        img.setDevicePixelRatio(dpr);
        img.fill(Qt::transparent);
        QPainter p(&img);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        const QPointF c(m_half, m_half);
        p.setBrush(MapStyle::markerBorder());
        p.drawEllipse(c, outer, outer);
        p.setBrush(MapStyle::stateColors()[s]);
        p.drawEllipse(c, MapStyle::kEventRadius, MapStyle::kEventRadius);
        p.end();
        m_sprites[s] = img;
    }
}

} // namespace oc

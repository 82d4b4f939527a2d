#pragma once

#include "ClusterPoint.h"

#include <QImage>

#include <array>

namespace oc {

// Single-event markers pre-drawn per state, for the QPainter (software)
// path: at street zoom most markers are single events, and a blit is far
// cheaper than two antialiased ellipses each.
class MarkerSprites
{
public:
    explicit MarkerSprites(qreal devicePixelRatio = 1.0);
    const QImage &sprite(int state) const { return m_sprites[std::size_t(std::clamp(state, 0, 3))]; }
    // Logical pixels from the sprite's top-left corner to the marker centre.
    qreal halfSize() const { return m_half; }

private:
    std::array<QImage, ClusterPoint::kStateCount> m_sprites;
    qreal m_half = 0;
};

} // namespace oc

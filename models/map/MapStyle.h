#pragma once

#include "ClusterPoint.h"

#include <QColor>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace oc {

// The map's palette in one place, so the marker layer, the legend and the
// results list agree on what amber or green means.
struct MapStyle
{
    // Indexed by ClusterPoint::State (== MarkerState).
    static const std::array<QColor, ClusterPoint::kStateCount> &stateColors()
    {
        static const std::array<QColor, ClusterPoint::kStateCount> colors {
            QColor(0xF2, 0x9D, 0x12), // needs review: amber
            QColor(0x2E, 0x9E, 0x4F), // approved: green
            QColor(0x2F, 0x6F, 0xDE), // full: blue
            QColor(0x9A, 0xA0, 0xA6), // cancelled / rejected: grey
        };
        return colors;
    }
    static QColor stateColor(int state) { return stateColors()[std::size_t(std::clamp(state, 0, 3))]; }

    static QColor background() { return QColor(0xEE, 0xF2, 0xF5); }
    static QColor nationalLine() { return QColor(0x5B, 0x67, 0x73); }
    static QColor stateLine() { return QColor(0xA7, 0xB1, 0xBB); }
    static QColor foreignLine() { return QColor(0xC3, 0xCA, 0xD1); }
    static QColor markerBorder() { return QColor(0xFF, 0xFF, 0xFF); }
    static QColor clusterFace() { return QColor(0xFF, 0xFF, 0xFF, 0xF0); }
    static QColor labelText() { return QColor(0x20, 0x26, 0x2C); }

    static constexpr double kEventRadius = 6.0;
    static constexpr double kEventBorder = 1.5;
    static double clusterRadius(std::uint32_t count);
    // Inner face of a cluster (white, with the count); the ring outside it shows the state mix.
    static constexpr double kClusterFace = 0.64;
};

} // namespace oc

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

    // Everything that is not a state colour, per colour scheme. The offline
    // basemap is outlines on one background (land and water alike); tiles,
    // when configured, cover it.
    struct Theme
    {
        QColor background; // the map where nothing is drawn: land and water
        QColor nationalLine, stateLine, foreignLine;
        QColor markerBorder;
        QColor clusterFace; // inside a cluster's ring, behind its count
        QColor labelText; // cluster counts
        QColor panel, panelBorder, panelText; // the boxes over the map (legend, notices)
    };
    static const Theme &theme(bool dark)
    {
        static const Theme light {QColor(0xEE, 0xF2, 0xF5), QColor(0x5B, 0x67, 0x73),
                                  QColor(0xA7, 0xB1, 0xBB), QColor(0xC3, 0xCA, 0xD1),
                                  QColor(0xFF, 0xFF, 0xFF), QColor(0xFF, 0xFF, 0xFF, 0xF0),
                                  QColor(0x20, 0x26, 0x2C), QColor(0xFF, 0xFF, 0xFF, 0xE6),
                                  QColor(0xB0, 0xB8, 0xC0), QColor(0x20, 0x26, 0x2C)};
        static const Theme darkTheme {QColor(0x1B, 0x20, 0x26), QColor(0x9A, 0xA6, 0xB2),
                                      QColor(0x5E, 0x69, 0x74), QColor(0x46, 0x4F, 0x58),
                                      QColor(0x1B, 0x20, 0x26), QColor(0x2A, 0x30, 0x37, 0xF0),
                                      QColor(0xE8, 0xEC, 0xF0), QColor(0x26, 0x2C, 0x33, 0xE6),
                                      QColor(0x5E, 0x69, 0x74), QColor(0xE8, 0xEC, 0xF0)};
        return dark ? darkTheme : light;
    }

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

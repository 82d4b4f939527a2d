#pragma once

#include <cstdint>

namespace oc {

// Defaults match supercluster's so the two can be compared point for point.
struct ClusterOptions
{
    int minZoom = 0;
    int maxZoom = 16; // clusters are built for minZoom..maxZoom; above it points stand alone
    double radius = 40; // in pixels of a tile of `extent` pixels
    double extent = 512;
    std::uint32_t minPoints = 2; // fewer points than this within radius stay separate markers
    // Threads a build may use, the caller's included; 0: one per core, at
    // most four. Only the speed depends on it, never the result.
    unsigned threads = 0;
};

} // namespace oc

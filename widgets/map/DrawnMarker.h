#pragma once

#include "ClusterItem.h"

#include <QPointF>

namespace oc {

// A marker as laid out for one frame: where it sits on screen and how big it
// is, next to what it stands for.
struct DrawnMarker
{
    QPointF pos;
    float radius = 0;
    ClusterItem item;
};

} // namespace oc

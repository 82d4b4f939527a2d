#pragma once

#include <QMargins>
#include <QRect>
#include <QSize>

namespace oc {

// Where a top-level window opens: the geometry it had last time when that
// still fits the screen it opens on (a laptop after a day at a 1080p
// monitor), else the preferred size shrunk to the screen's available
// geometry and centred. Rectangles are client areas in logical pixels;
// `frame` is the window manager's decoration around them.
class WindowPlacement
{
public:
    static QRect place(const QRect &saved, const QRect &available, const QSize &preferred, const QMargins &frame);
    static bool fits(const QRect &client, const QRect &available, const QMargins &frame);
};

} // namespace oc

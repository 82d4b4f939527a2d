#pragma once

#include <QImage>

class QWidget;

namespace oc {

// A picture of a whole window as the user sees it. QWidget::grab() renders
// widgets through QPainter, which leaves a QQuickWidget (the map) blank on
// the offscreen platform and under some RHI backends; its scene is read back
// from its own framebuffer and composed in at its position.
class WindowCapture
{
public:
    static QImage capture(QWidget *window);
};

} // namespace oc

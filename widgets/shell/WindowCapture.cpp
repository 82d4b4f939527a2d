#include "WindowCapture.h"

#include <QPainter>
#include <QQuickWidget>
#include <QWidget>

namespace oc {

QImage WindowCapture::capture(QWidget *window)
{
    QImage image = window->grab().toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied);
    const qreal dpr = image.devicePixelRatio();
    QPainter painter(&image);
    for (QQuickWidget *quick : window->findChildren<QQuickWidget *>()) {
        if (!quick->isVisibleTo(window) || quick->size().isEmpty())
            continue;
        QImage scene = quick->grabFramebuffer();
        if (scene.isNull())
            continue;
        scene.setDevicePixelRatio(dpr);
        const QRect area(quick->mapTo(window, QPoint(0, 0)), quick->size());
        painter.drawImage(area, scene);
        // Widgets floating over the scene (legends, banners) were painted
        // before it; paint them again on top.
        for (QWidget *child : quick->findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
            if (child->isVisibleTo(window))
                child->render(&painter, child->mapTo(window, QPoint(0, 0)), QRegion(), QWidget::DrawChildren);
    }
    painter.end();
    return image;
}

} // namespace oc

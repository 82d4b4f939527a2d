#pragma once

#include "BasemapOutlines.h"
#include "MapLayerItem.h"

#include <QPolygonF>

#include <array>
#include <vector>

namespace oc {

// The offline basemap: US coastline and borders, state borders and the
// neighbours' coasts (BasemapOutlines), drawn by us above the Map's tiles, so
// the map is readable with no tile server at all and still readable when one
// fails. Lines are re-projected each frame from cached Mercator coordinates
// and thinned to one vertex per pixel, which keeps the country view cheap.
class BasemapLayer : public MapLayerItem
{
    Q_OBJECT
    Q_PROPERTY(int vertexCount READ vertexCount NOTIFY framePrepared)
public:
    explicit BasemapLayer(QQuickItem *parent = nullptr);

    int vertexCount() const { return m_vertexCount; }

Q_SIGNALS:
    void framePrepared();

protected:
    void updatePolish() override;
    QSGNode *updatePaintNode(QSGNode *old, UpdatePaintNodeData *) override;

private:
    struct Line
    {
        int kind = 0;
        std::vector<QPointF> points; // Mercator unit square
        double minX = 0, minY = 0, maxX = 0, maxY = 0;
    };
    static constexpr int kKinds = 3;

    void loadLines();
    void appendVisibleRuns(const Line &line, double shift, const MapCamera &cam, const QRectF &view);

    std::vector<Line> m_lines;
    std::array<std::vector<QPolygonF>, kKinds> m_frame; // item coordinates, per kind
    int m_vertexCount = 0;
};

} // namespace oc

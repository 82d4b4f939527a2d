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
    // The outlines' colours follow the map's theme (MapController::darkTheme).
    Q_PROPERTY(bool dark READ isDark WRITE setDark NOTIFY darkChanged)
public:
    explicit BasemapLayer(QQuickItem *parent = nullptr);

    int vertexCount() const { return m_vertexCount; }
    bool isDark() const { return m_dark; }
    void setDark(bool dark);
    // The colour the outlines of one kind are drawn with now (0 foreign,
    // 1 state, 2 national).
    QColor lineColor(int kind) const;

Q_SIGNALS:
    void framePrepared();
    void darkChanged(bool dark);

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
    bool m_dark = false;
};

} // namespace oc

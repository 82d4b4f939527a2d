#pragma once

#include "CountLabelAtlas.h"
#include "DrawnMarker.h"
#include "MapLayerItem.h"
#include "MapSnapshot.h"
#include "MarkerSprites.h"

#include <QPointF>
#include <QPointer>

#include <memory>
#include <vector>

namespace oc {

class MapController;

// Every event marker and cluster of the map in one scene-graph geometry node
// (plus one for the count labels), whatever the number of events: per frame
// it queries the controller's cluster index for the visible box at the
// camera's zoom and re-tessellates the few hundred markers that come back.
// Stock QtLocation items would each be a QQuickItem repositioned on every
// camera change, which stops scaling at a few thousand.
//
// Picking (click, hover) is done here against the markers of the last frame,
// so what the user points at is exactly what was drawn.
class EventMarkerLayer : public MapLayerItem
{
    Q_OBJECT
    Q_MOC_INCLUDE("MapController.h")
    Q_PROPERTY(oc::MapController *controller READ controller WRITE setController NOTIFY controllerChanged)
    Q_PROPERTY(int markerCount READ markerCount NOTIFY markersChanged)
    Q_PROPERTY(int clusterCount READ clusterCount NOTIFY markersChanged)
    Q_PROPERTY(QString hoverText READ hoverText NOTIFY hoverChanged)
    Q_PROPERTY(QPointF hoverPoint READ hoverPoint NOTIFY hoverChanged)
public:
    explicit EventMarkerLayer(QQuickItem *parent = nullptr);
    ~EventMarkerLayer() override;

    MapController *controller() const { return m_controller; }
    void setController(MapController *controller);

    int markerCount() const { return int(m_markers.size()); }
    int clusterCount() const { return m_clusters; }
    QString hoverText() const { return m_hoverText; }
    QPointF hoverPoint() const { return m_hoverPoint; }
    const std::vector<DrawnMarker> &markers() const { return m_markers; }
    // The camera markers() were laid out for (layout waits for the next frame).
    MapCamera drawnCamera() const { return m_drawnCamera; }

    // Index into markers() of the top-most marker under `pos`, or -1.
    int markerAt(QPointF pos) const;
    // A click: zooms into a cluster, selects an event, or clears the selection.
    Q_INVOKABLE bool activate(qreal x, qreal y);
    Q_INVOKABLE void hover(qreal x, qreal y);
    Q_INVOKABLE void clearHover();

Q_SIGNALS:
    void controllerChanged();
    void markersChanged();
    void hoverChanged();

protected:
    void updatePolish() override;
    QSGNode *updatePaintNode(QSGNode *old, UpdatePaintNodeData *) override;
    void itemChange(ItemChange change, const ItemChangeData &value) override;
    void releaseResources() override;

private:
    void setHover(const QString &text, QPointF at);

    QPointer<MapController> m_controller;
    std::shared_ptr<const MapSnapshot> m_snapshot; // the one the markers came from
    std::vector<ClusterItem> m_queryBuffer;
    std::vector<DrawnMarker> m_markers;
    std::vector<CountLabelAtlas::Quad> m_labels;
    int m_clusters = 0;
    MapCamera m_drawnCamera;
    std::shared_ptr<const CountLabelAtlas> m_atlas;
    std::shared_ptr<const MarkerSprites> m_sprites;
    qreal m_atlasDpr = 0;
    QColor m_clusterFace = MapStyle::clusterFace(); // from the controller's theme
    QColor m_markerBorder = MapStyle::markerBorder();
    bool m_atlasChanged = false;
    QString m_hoverText;
    QPointF m_hoverPoint;
};

} // namespace oc

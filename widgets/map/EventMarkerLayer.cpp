#include "EventMarkerLayer.h"

#include "LiveSource.h"
#include "MapController.h"
#include "MapStyle.h"
#include "MarkerPaintNode.h"
#include "MarkerTessellator.h"

#include <QQuickWindow>
#include <QSGGeometryNode>
#include <QSGTextureMaterial>
#include <QSGVertexColorMaterial>

#include <algorithm>
#include <cstring>

namespace oc {

namespace {

// Both children of the RHI variant, plus the atlas texture they share.
class MarkerSceneNode : public QSGNode
{
public:
    MarkerSceneNode()
    {
        auto *g = new QSGGeometry(QSGGeometry::defaultAttributes_ColoredPoint2D(), 0, 0, QSGGeometry::UnsignedIntType);
        g->setDrawingMode(QSGGeometry::DrawTriangles);
        g->setVertexDataPattern(QSGGeometry::StreamPattern);
        g->setIndexDataPattern(QSGGeometry::StreamPattern);
        shapes = new QSGGeometryNode;
        shapes->setGeometry(g);
        shapes->setMaterial(new QSGVertexColorMaterial);
        shapes->setFlags(QSGNode::OwnsGeometry | QSGNode::OwnsMaterial);
        appendChildNode(shapes);

        auto *t = new QSGGeometry(QSGGeometry::defaultAttributes_TexturedPoint2D(), 0, 0, QSGGeometry::UnsignedIntType);
        t->setDrawingMode(QSGGeometry::DrawTriangles);
        t->setVertexDataPattern(QSGGeometry::StreamPattern);
        t->setIndexDataPattern(QSGGeometry::StreamPattern);
        labels = new QSGGeometryNode;
        labels->setGeometry(t);
        labelMaterial = new QSGTextureMaterial;
        labelMaterial->setFiltering(QSGTexture::Linear);
        labels->setMaterial(labelMaterial);
        labels->setFlags(QSGNode::OwnsGeometry | QSGNode::OwnsMaterial);
        appendChildNode(labels);
    }
    ~MarkerSceneNode() override { delete texture; }

    // Children, owned (and deleted) by this node.
    QSGGeometryNode *shapes = nullptr;
    QSGGeometryNode *labels = nullptr;
    QSGTextureMaterial *labelMaterial = nullptr;
    QSGTexture *texture = nullptr;
    MarkerTessellator tessellator;
    std::vector<QSGGeometry::TexturedPoint2D> labelVertices;
    std::vector<quint32> labelIndices;
};

template<typename V>
void upload(QSGGeometryNode &node, const std::vector<V> &vertices, const std::vector<quint32> &indices)
{
    QSGGeometry *g = node.geometry();
    g->allocate(int(vertices.size()), int(indices.size()));
    if (!vertices.empty())
        std::memcpy(g->vertexData(), vertices.data(), vertices.size() * sizeof(V));
    if (!indices.empty())
        std::memcpy(g->indexData(), indices.data(), indices.size() * sizeof(quint32));
    node.markDirty(QSGNode::DirtyGeometry);
}

} // namespace

EventMarkerLayer::EventMarkerLayer(QQuickItem *parent)
    : MapLayerItem(parent)
{
    setAcceptedMouseButtons(Qt::NoButton); // the Map's handlers pick through activate()/hover()
}

EventMarkerLayer::~EventMarkerLayer() = default;

void EventMarkerLayer::setController(MapController *controller)
{
    if (controller == m_controller)
        return;
    if (m_controller)
        disconnect(m_controller, nullptr, this, nullptr);
    m_controller = controller;
    if (m_controller) {
        connect(m_controller, &MapController::snapshotChanged, this, &QQuickItem::polish);
        connect(m_controller, &MapController::themeChanged, this, &QQuickItem::polish);
    }
    Q_EMIT controllerChanged();
    polish();
}

void EventMarkerLayer::itemChange(ItemChange change, const ItemChangeData &value)
{
    MapLayerItem::itemChange(change, value);
    if (change == ItemDevicePixelRatioHasChanged || change == ItemSceneChange)
        polish();
}

void EventMarkerLayer::updatePolish()
{
    m_markers.clear();
    m_labels.clear();
    m_clusters = 0;
    const MapCamera cam = camera();
    m_drawnCamera = cam;
    m_snapshot = m_controller ? m_controller->snapshot() : nullptr;

    const qreal dpr = window() ? window()->effectiveDevicePixelRatio() : 1.0;
    const MapStyle::Theme &theme = MapStyle::theme(m_controller && m_controller->darkTheme());
    m_clusterFace = theme.clusterFace;
    m_markerBorder = theme.markerBorder;
    if (!m_atlas || dpr != m_atlasDpr || m_atlas->textColor() != theme.labelText) {
        m_atlas = std::make_shared<const CountLabelAtlas>(dpr, theme.labelText);
        m_sprites = std::make_shared<const MarkerSprites>(dpr);
        m_atlasDpr = dpr;
        m_atlasChanged = true;
    }

    if (m_snapshot && m_snapshot->index && cam.isValid()) {
        const ClusterIndex &index = *m_snapshot->index;
        const double clusterZoom = m_controller->mapZoomToClusterZoom(cam.zoom());
        // A marker just outside the view still shows its edge.
        const MapCamera::Box box = cam.visibleBox(30);
        index.query(box.west, box.south, box.east, box.north, clusterZoom, m_queryBuffer);
        m_markers.reserve(m_queryBuffer.size());
        const QRectF visible = QRectF(QPointF(0, 0), size()).adjusted(-30, -30, 30, 30);
        for (const ClusterItem &it : m_queryBuffer) {
            const QPointF pos = cam.toScreen(it.lng, it.lat);
            if (!visible.contains(pos))
                continue; // the box of a rotated view is larger than the view
            const float r = it.isCluster ? float(MapStyle::clusterRadius(it.count)) : float(MapStyle::kEventRadius);
            m_markers.push_back({pos, r, it});
        }
        // Big clusters on top: the eye looks for them first.
        std::stable_sort(m_markers.begin(), m_markers.end(),
                         [](const DrawnMarker &a, const DrawnMarker &b) { return a.item.count < b.item.count; });
        for (const DrawnMarker &m : m_markers) {
            if (!m.item.isCluster)
                continue;
            ++m_clusters;
            m_atlas->layout(CountLabelAtlas::format(m.item.count).data(), m.pos, m_labels);
        }
    }
    update();
    Q_EMIT markersChanged();
}

QSGNode *EventMarkerLayer::updatePaintNode(QSGNode *old, UpdatePaintNodeData *)
{
    if (softwareRendering()) {
        auto *node = static_cast<MarkerPaintNode *>(old);
        if (!node)
            node = new MarkerPaintNode(window());
        node->setContent(m_markers, m_labels, m_atlas, m_sprites, QRectF(QPointF(0, 0), size()), m_clusterFace);
        return node;
    }

    auto *node = static_cast<MarkerSceneNode *>(old);
    if (!node)
        node = new MarkerSceneNode;
    node->tessellator.build(m_markers, m_clusterFace, m_markerBorder);
    upload(*node->shapes, node->tessellator.vertices(), node->tessellator.indices());

    if ((m_atlasChanged || !node->texture) && m_atlas) {
        delete node->texture;
        node->texture = window()->createTextureFromImage(m_atlas->image());
        node->labelMaterial->setTexture(node->texture);
        node->labels->markDirty(QSGNode::DirtyMaterial);
        m_atlasChanged = false;
    }
    if (node->texture) {
        MarkerTessellator::buildLabels(m_labels, m_atlas->image().size(), node->texture->normalizedTextureSubRect(),
                                       node->labelVertices, node->labelIndices);
        upload(*node->labels, node->labelVertices, node->labelIndices);
    }
    return node;
}

void EventMarkerLayer::releaseResources()
{
    // The texture belongs to the node, which the scene graph deletes with it.
    m_atlasChanged = true;
}

int EventMarkerLayer::markerAt(QPointF pos) const
{
    for (int i = int(m_markers.size()) - 1; i >= 0; --i) {
        const DrawnMarker &m = m_markers[std::size_t(i)];
        const double slop = m.item.isCluster ? 1.0 : 3.0; // single markers are small targets
        const QPointF d = m.pos - pos;
        if (QPointF::dotProduct(d, d) <= (m.radius + slop) * (m.radius + slop))
            return i;
    }
    return -1;
}

bool EventMarkerLayer::activate(qreal x, qreal y)
{
    if (!m_controller)
        return false;
    const int i = markerAt({x, y});
    if (i < 0) {
        m_controller->clearSelection();
        return false;
    }
    const ClusterItem &it = m_markers[std::size_t(i)].item;
    if (it.isCluster) {
        const int zoom = m_snapshot && m_snapshot->index ? m_snapshot->index->expansionZoom(it.id) : -1;
        if (zoom >= 0)
            m_controller->zoomToCluster(it.lat, it.lng, zoom);
        return true;
    }
    if (const LiveSource *feed = m_controller->feed(); feed && it.id < feed->events().size())
        m_controller->selectEvent(feed->events()[it.id].id);
    return true;
}

void EventMarkerLayer::hover(qreal x, qreal y)
{
    const int i = m_controller ? markerAt({x, y}) : -1;
    if (i < 0) {
        clearHover();
        return;
    }
    const DrawnMarker &m = m_markers[std::size_t(i)];
    setHover(m_controller->toolTipFor(m.item), m.pos + QPointF(m.radius + 4, m.radius + 4));
}

void EventMarkerLayer::clearHover()
{
    setHover({}, m_hoverPoint);
}

void EventMarkerLayer::setHover(const QString &text, QPointF at)
{
    if (text == m_hoverText && at == m_hoverPoint)
        return;
    m_hoverText = text;
    m_hoverPoint = at;
    Q_EMIT hoverChanged();
}

} // namespace oc

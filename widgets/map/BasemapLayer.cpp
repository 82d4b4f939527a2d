#include "BasemapLayer.h"

#include "LogCategories.h"
#include "MapStyle.h"
#include "MercatorProjection.h"
#include "OutlinePaintNode.h"

#include <QSGFlatColorMaterial>
#include <QSGGeometryNode>

#include <algorithm>
#include <cmath>

namespace oc {

namespace {

int kindIndex(BasemapOutlines::Kind k)
{
    switch (k) {
    case BasemapOutlines::Kind::Foreign: return 0;
    case BasemapOutlines::Kind::State: return 1;
    case BasemapOutlines::Kind::National: return 2; // drawn last, on top
    }
    return 0;
}

QColor kindColor(int i, bool dark)
{
    const MapStyle::Theme &t = MapStyle::theme(dark);
    return i == 0 ? t.foreignLine : i == 1 ? t.stateLine : t.nationalLine;
}

// Three line nodes (one per kind) for RHI backends.
class OutlineSceneNode : public QSGNode
{
public:
    OutlineSceneNode()
    {
        for (int i = 0; i < 3; ++i) {
            auto *g = new QSGGeometry(QSGGeometry::defaultAttributes_Point2D(), 0);
            g->setDrawingMode(QSGGeometry::DrawLines);
            g->setVertexDataPattern(QSGGeometry::StreamPattern);
            // Honoured by OpenGL only; elsewhere lines are one pixel wide.
            g->setLineWidth(i == 2 ? 1.5f : 1.0f);
            auto *m = new QSGFlatColorMaterial;
            m->setColor(kindColor(i, false));
            nodes[i] = new QSGGeometryNode;
            nodes[i]->setGeometry(g);
            nodes[i]->setMaterial(m);
            nodes[i]->setFlags(QSGNode::OwnsGeometry | QSGNode::OwnsMaterial);
            appendChildNode(nodes[i]);
        }
    }
    QSGGeometryNode *nodes[3] = {};
};

} // namespace

BasemapLayer::BasemapLayer(QQuickItem *parent)
    : MapLayerItem(parent)
{
    setAcceptedMouseButtons(Qt::NoButton);
    loadLines();
}

void BasemapLayer::loadLines()
{
    const BasemapOutlines &outlines = BasemapOutlines::builtIn();
    if (outlines.isEmpty())
        logcat::map()->warn("no basemap outlines: is the oc_resources library linked?");
    m_lines.reserve(outlines.lines().size());
    for (const auto &pl : outlines.lines()) {
        if (pl.points.size() < 2)
            continue;
        Line line;
        line.kind = kindIndex(pl.kind);
        line.points.reserve(std::size_t(pl.points.size()));
        line.minX = line.minY = 2;
        line.maxX = line.maxY = -2;
        for (const QPointF &p : pl.points) {
            // Not wrapped: the data never crosses the antimeridian, and x just
            // past 1 keeps a line whole (see the per-line shift in updatePolish).
            const QPointF m(p.x() / 360.0 + 0.5, MercatorProjection::latToY(p.y()));
            line.points.push_back(m);
            line.minX = std::min(line.minX, m.x());
            line.maxX = std::max(line.maxX, m.x());
            line.minY = std::min(line.minY, m.y());
            line.maxY = std::max(line.maxY, m.y());
        }
        m_lines.push_back(std::move(line));
    }
}

void BasemapLayer::appendVisibleRuns(const Line &line, double shift, const MapCamera &cam, const QRectF &view)
{
    // Zoomed in, most of a coastline is off screen: keep only the runs of
    // segments that can touch the view (a segment whose box meets it), and
    // thin what is kept to about one vertex per pixel.
    auto &out = m_frame[std::size_t(line.kind)];
    QPolygonF run;
    QPointF prev = cam.toScreenProjected(line.points[0].x() + shift, line.points[0].y());
    QPointF lastKept(1e30, 1e30);
    const auto flush = [&] {
        if (run.size() >= 2) {
            m_vertexCount += int(run.size());
            out.push_back(std::move(run));
        }
        run = QPolygonF();
    };
    for (std::size_t i = 1; i < line.points.size(); ++i) {
        const QPointF cur = cam.toScreenProjected(line.points[i].x() + shift, line.points[i].y());
        const bool touches = std::max(prev.x(), cur.x()) >= view.left() &&
            std::min(prev.x(), cur.x()) <= view.right() && std::max(prev.y(), cur.y()) >= view.top() &&
            std::min(prev.y(), cur.y()) <= view.bottom();
        if (!touches) {
            flush();
        } else {
            if (run.isEmpty()) {
                run.append(prev);
                lastKept = prev;
            }
            const bool last = i + 1 == line.points.size();
            if (last || std::abs(cur.x() - lastKept.x()) >= 0.75 || std::abs(cur.y() - lastKept.y()) >= 0.75) {
                run.append(cur);
                lastKept = cur;
            }
        }
        prev = cur;
    }
    flush();
}

void BasemapLayer::updatePolish()
{
    for (auto &k : m_frame)
        k.clear();
    m_vertexCount = 0;
    const MapCamera cam = camera();
    if (cam.isValid()) {
        const QRectF view = QRectF(QPointF(0, 0), size()).adjusted(-2, -2, 2, 2);
        for (const Line &line : m_lines) {
            // Each line is drawn on the copy of the world nearest the camera,
            // as a whole: this is what moves the western Aleutians (+172..+180)
            // to -188..-180, next to the rest of Alaska, when looking at the US.
            const double mid = (line.minX + line.maxX) / 2;
            const double shift = cam.nearestCopy(mid) - mid;
            // Cull with the projected box; its corners bound a rotated view too.
            const QPointF corners[] = {cam.toScreenProjected(line.minX + shift, line.minY),
                                       cam.toScreenProjected(line.maxX + shift, line.minY),
                                       cam.toScreenProjected(line.minX + shift, line.maxY),
                                       cam.toScreenProjected(line.maxX + shift, line.maxY)};
            QRectF box(corners[0], QSizeF(0, 0));
            for (const QPointF &c : corners)
                box = box.united(QRectF(c, QSizeF(0.001, 0.001)));
            if (!box.intersects(view))
                continue;
            appendVisibleRuns(line, shift, cam, view);
        }
    }
    update();
    Q_EMIT framePrepared();
}

QSGNode *BasemapLayer::updatePaintNode(QSGNode *old, UpdatePaintNodeData *)
{
    if (softwareRendering()) {
        auto *node = static_cast<OutlinePaintNode *>(old);
        if (!node)
            node = new OutlinePaintNode(window());
        std::vector<OutlinePaintNode::Layer> layers(kKinds);
        for (int i = 0; i < kKinds; ++i) {
            layers[std::size_t(i)].color = kindColor(i, m_dark);
            layers[std::size_t(i)].width = i == 2 ? 1.4 : 1.0;
            layers[std::size_t(i)].lines = m_frame[std::size_t(i)];
        }
        node->setContent(std::move(layers), QRectF(QPointF(0, 0), size()));
        return node;
    }

    auto *node = static_cast<OutlineSceneNode *>(old);
    if (!node)
        node = new OutlineSceneNode;
    for (int i = 0; i < kKinds; ++i) {
        const auto &lines = m_frame[std::size_t(i)];
        int segments = 0;
        for (const QPolygonF &l : lines)
            segments += int(l.size()) - 1;
        QSGGeometry *g = node->nodes[i]->geometry();
        g->allocate(2 * segments);
        QSGGeometry::Point2D *v = g->vertexDataAsPoint2D();
        for (const QPolygonF &l : lines) {
            for (qsizetype j = 1; j < l.size(); ++j) {
                (v++)->set(float(l[j - 1].x()), float(l[j - 1].y()));
                (v++)->set(float(l[j].x()), float(l[j].y()));
            }
        }
        node->nodes[i]->markDirty(QSGNode::DirtyGeometry);
        auto *m = static_cast<QSGFlatColorMaterial *>(node->nodes[i]->material());
        if (m->color() != kindColor(i, m_dark)) {
            m->setColor(kindColor(i, m_dark));
            node->nodes[i]->markDirty(QSGNode::DirtyMaterial);
        }
    }
    return node;
}

void BasemapLayer::setDark(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    Q_EMIT darkChanged(dark);
    update();
}

QColor BasemapLayer::lineColor(int kind) const
{
    return kindColor(std::clamp(kind, 0, kKinds - 1), m_dark);
}

} // namespace oc

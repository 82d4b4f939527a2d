// The map's scene-graph helpers: the cluster count labels' glyph atlas and the
// marker tessellation. They need QtQuick's geometry types, so they are tested
// here rather than in tst_mapcore, which links oc_mapcore only.
#include "CountLabelAtlas.h"
#include "DrawnMarker.h"
#include "MarkerTessellator.h"

#include <QTest>

#include <cmath>

using namespace oc;

class TestMapRender : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countLabels()
    {
        QCOMPARE(QByteArray(CountLabelAtlas::format(7).data()), QByteArray("7"));
        QCOMPARE(QByteArray(CountLabelAtlas::format(999).data()), QByteArray("999"));
        QCOMPARE(QByteArray(CountLabelAtlas::format(1234).data()), QByteArray("1.2k"));
        QCOMPARE(QByteArray(CountLabelAtlas::format(48321).data()), QByteArray("48k"));
        QCOMPARE(QByteArray(CountLabelAtlas::format(999999).data()), QByteArray("1.0M"));
        QCOMPARE(QByteArray(CountLabelAtlas::format(1000000).data()), QByteArray("1.0M"));
        QCOMPARE(QByteArray(CountLabelAtlas::format(12500000).data()), QByteArray("13M"));
        const CountLabelAtlas atlas;
        QVERIFY(!atlas.image().isNull());
        std::vector<CountLabelAtlas::Quad> quads;
        atlas.layout("1.2k", QPointF(50, 50), quads);
        QCOMPARE(quads.size(), std::size_t(4));
        QVERIFY(quads.front().target.left() < 50 && quads.back().target.right() > 50);
    }

    void tessellationIsOneTriangleList()
    {
        DrawnMarker single {QPointF(10, 10), 6, {}};
        single.item.count = 1;
        single.item.stateCounts = {0, 1, 0, 0};
        DrawnMarker cluster {QPointF(50, 50), 16, {}};
        cluster.item.isCluster = true;
        cluster.item.count = 10;
        cluster.item.stateCounts = {2, 5, 2, 1};
        MarkerTessellator t;
        t.build({single, cluster});
        QVERIFY(!t.vertices().empty());
        QCOMPARE(t.indices().size() % 3, std::size_t(0));
        for (quint32 i : t.indices())
            QVERIFY(i < t.vertices().size());
        // All vertices stay within the markers plus their one-pixel fringe.
        for (const auto &v : t.vertices()) {
            const bool nearSingle = std::hypot(v.x - 10, v.y - 10) <= 6 + 1.5 + 1.01;
            const bool nearCluster = std::hypot(v.x - 50, v.y - 50) <= 16 + 1.01;
            QVERIFY(nearSingle || nearCluster);
        }
    }
};

QTEST_MAIN(TestMapRender) // the label atlas draws with fonts
#include "tst_maprender.moc"

#include "BasemapOutlines.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>

using oc::BasemapOutlines;
using Kind = oc::BasemapOutlines::Kind;

class TstBasemapOutlines : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void loadsAllKinds();
    void coordinatesInRange();
    void coversTheUs();
    void aleutiansReachTheAntimeridian();
    void noLineJumpsAcrossTheMap();
    void rejectsBadFiles();

private:
    const BasemapOutlines &outlines() const { return BasemapOutlines::builtIn(); }
};

void TstBasemapOutlines::initTestCase()
{
    QVERIFY2(QFile::exists(BasemapOutlines::defaultPath()), "us-outlines.json resource is not linked into the test");
    BasemapOutlines o;
    QString error;
    QVERIFY2(o.load(BasemapOutlines::defaultPath(), &error), qPrintable(error));
}

void TstBasemapOutlines::loadsAllKinds()
{
    QVERIFY(!outlines().isEmpty());
    std::map<Kind, int> perKind;
    for (const auto &line : outlines().lines()) {
        QVERIFY(line.points.size() >= 2);
        ++perKind[line.kind];
    }
    QVERIFY(perKind[Kind::National] > 50); // mainland plus hundreds of islands
    QVERIFY(perKind[Kind::State] > 20);
    QVERIFY(perKind[Kind::Foreign] > 20);
    QVERIFY(outlines().pointCount() > 10000);
    QCOMPARE(BasemapOutlines::kindName(Kind::State), QStringLiteral("state"));
}

void TstBasemapOutlines::coordinatesInRange()
{
    for (const auto &line : outlines().lines()) {
        for (const QPointF &p : line.points) {
            QVERIFY(p.x() >= -180 && p.x() <= 180);
            QVERIFY(p.y() >= -90 && p.y() <= 90);
            QVERIFY(line.bounds.contains(p) || line.bounds.width() == 0 || line.bounds.height() == 0);
        }
        if (line.kind != Kind::Foreign) {
            // Everything US lies between American Samoa and Alaska's north coast.
            QVERIFY(line.bounds.top() > -15 && line.bounds.bottom() < 72);
        }
    }
}

void TstBasemapOutlines::coversTheUs()
{
    // A state border runs through Kansas/Missouri near Kansas City, and the
    // national outline reaches Maine, Florida, and Point Barrow.
    auto anyPointNear = [&](Kind kind, double lng, double lat, double tol) {
        return std::any_of(outlines().lines().begin(), outlines().lines().end(), [&](const auto &line) {
            return line.kind == kind && std::any_of(line.points.begin(), line.points.end(), [&](const QPointF &p) {
                       return std::abs(p.x() - lng) < tol && std::abs(p.y() - lat) < tol;
                   });
        });
    };
    QVERIFY(anyPointNear(Kind::State, -94.61, 39.1, 0.3));
    QVERIFY(anyPointNear(Kind::National, -67.0, 44.8, 0.5));
    QVERIFY(anyPointNear(Kind::National, -80.6, 25.1, 0.5));
    QVERIFY(anyPointNear(Kind::National, -156.8, 71.3, 0.5));
    QVERIFY(anyPointNear(Kind::Foreign, -63.6, 44.6, 1.0)); // Halifax, Canada
}

void TstBasemapOutlines::aleutiansReachTheAntimeridian()
{
    // Attu and the Near Islands lie west of 180°, so their longitudes are
    // positive; a map must not lose them or treat them as Asia.
    bool westOfAntimeridian = false;
    bool eastOfAntimeridian = false;
    for (const auto &line : outlines().lines()) {
        if (line.kind != Kind::National)
            continue;
        for (const QPointF &p : line.points) {
            if (p.y() > 50 && p.y() < 55) {
                westOfAntimeridian |= p.x() > 172 && p.x() <= 180;
                eastOfAntimeridian |= p.x() < -175 && p.x() >= -180;
            }
        }
    }
    QVERIFY(westOfAntimeridian);
    QVERIFY(eastOfAntimeridian);
}

void TstBasemapOutlines::noLineJumpsAcrossTheMap()
{
    for (const auto &line : outlines().lines()) {
        for (qsizetype i = 1; i < line.points.size(); ++i)
            QVERIFY(std::abs(line.points[i].x() - line.points[i - 1].x()) < 180);
    }
}

void TstBasemapOutlines::rejectsBadFiles()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    auto write = [&](const char *name, const QByteArray &content) {
        QFile f(tmp.filePath(QString::fromLatin1(name)));
        if (!f.open(QIODevice::WriteOnly))
            return QString();
        f.write(content);
        return f.fileName();
    };
    BasemapOutlines o;
    QString error;
    QVERIFY(!o.load(tmp.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY(error.contains(QStringLiteral("Cannot open")));
    QVERIFY(!o.load(write("junk.json", "{not json"), &error));
    QVERIFY(!o.load(write("other.json", R"({"type":"Topology"})"), &error));
    QVERIFY(error.contains(QStringLiteral("not an outlines file")));
    QVERIFY(!o.load(write("v2.json", R"({"format":"oc-outlines","version":2,"layers":[]})"), &error));
    QVERIFY(error.contains(QStringLiteral("version")));

    // Unknown layers and broken lines are skipped, the rest is kept.
    const QString mixed = write("mixed.json", R"({"format":"oc-outlines","version":1,"layers":[
        {"kind":"state","lines":[[-100,40,-101,41],[-100,40,-101],[500,40,0,0]]},
        {"kind":"rivers","lines":[[-100,40,-101,41]]}]})");
    QVERIFY2(o.load(mixed, &error), qPrintable(error));
    QCOMPARE(o.lines().size(), size_t(1));
    QCOMPARE(o.lines().front().kind, Kind::State);
    QCOMPARE(o.lines().front().bounds, QRectF(QPointF(-101, 40), QPointF(-100, 41)));
}

QTEST_GUILESS_MAIN(TstBasemapOutlines)
#include "tst_basemapoutlines.moc"

// Frame time of the event map while panning and zooming, and its peak memory.
//
//   bench_mapframes [--steps N] [--size WxH]     the tables (spawns itself for memory)
//   bench_mapframes --rss-child N [--stock]      one memory run, prints "rss ..." lines
//
// Each frame is one scripted camera change followed by a synchronous render
// (QQuickWindow::grabWindow: polish, sync, render), so the time covers
// everything the camera change costs -- QtLocation moving its items, our
// layers re-querying and re-tessellating, rasterising -- and nothing of the
// event loop's frame pacing. Every configuration runs the same script on the
// same Map (itemsoverlay plugin, our outlines) in the same process.

#include "ClusterIndex.h"
#include "MapController.h"
#include "MapPanel.h"
#include "MapPoint.h"
#include "ZipDirectory.h"

#include <QAbstractListModel>
#include <QColor>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QGeoCoordinate>
#include <QGuiApplication>
#include <QProcess>
#include <QQuickItem>
#include <QQuickView>
#include <QRandomGenerator>
#include <QSGRendererInterface>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numeric>
#include <vector>

using namespace oc;

namespace {

// Events where people live: random residential ZIP centroids with a little
// jitter, so density follows population as in a real campaign.
std::vector<MapPoint> makePoints(int n, quint32 seed)
{
    const auto &places = ZipDirectory::builtIn().places();
    std::vector<const ZipDirectory::Place *> residential;
    for (const auto &p : places)
        if (p.residential)
            residential.push_back(&p);
    QRandomGenerator rng(seed);
    std::vector<MapPoint> out(std::size_t(std::max(n, 0)));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (MapPoint &p : out) {
        const auto *z = residential[rng.bounded(quint32(residential.size()))];
        p.lat = z->lat + (rng.generateDouble() - 0.5) * 0.06;
        p.lng = z->lng + (rng.generateDouble() - 0.5) * 0.06;
        p.hasLocation = true;
        p.campaignId = 1;
        p.startsMs = now + qint64(rng.bounded(30)) * 86400000;
        p.rsvps = rng.bounded(60u);
        const quint32 r = rng.bounded(100u);
        p.state = std::uint8_t(r < 25 ? 0 : r < 80 ? 1 : r < 92 ? 2 : 3);
    }
    return out;
}

// The stock delegate's model: one row per event.
class PointsModel : public QAbstractListModel
{
public:
    enum { LatRole = Qt::UserRole + 1, LngRole, ColorRole };
    explicit PointsModel(std::vector<MapPoint> points)
        : m_points(std::move(points))
    {
    }
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_points.size()); }
    QVariant data(const QModelIndex &index, int role) const override
    {
        const MapPoint &p = m_points[std::size_t(index.row())];
        static const QColor colors[] = {QColor(0xF2, 0x9D, 0x12), QColor(0x2E, 0x9E, 0x4F), QColor(0x2F, 0x6F, 0xDE),
                                        QColor(0x9A, 0xA0, 0xA6)};
        switch (role) {
        case LatRole: return p.lat;
        case LngRole: return p.lng;
        case ColorRole: return colors[p.state & 3];
        default: return {};
        }
    }
    QHash<int, QByteArray> roleNames() const override
    {
        return {{LatRole, "lat"}, {LngRole, "lng"}, {ColorRole, "markerColor"}};
    }

private:
    std::vector<MapPoint> m_points;
};

struct Camera
{
    double lat, lng, zoom;
};

// Country view -> zoom into the north-east while drifting -> pan along the
// coast at state zoom -> back out: the moves a coordinator makes on launch day.
std::vector<Camera> script(int steps)
{
    std::vector<Camera> out;
    const int a = steps / 3, b = steps / 3, c = steps - a - b;
    for (int i = 0; i < a; ++i) {
        const double t = double(i) / std::max(1, a - 1);
        out.push_back({39.5 + t * (40.7 - 39.5), -98.35 + t * (-76.0 + 98.35), 3.8 + t * (7.5 - 3.8)});
    }
    for (int i = 0; i < b; ++i) {
        const double t = double(i) / std::max(1, b - 1);
        out.push_back({40.7 - t * 6.0, -76.0 - t * 8.0, 7.5});
    }
    for (int i = 0; i < c; ++i) {
        const double t = double(i) / std::max(1, c - 1);
        out.push_back({34.7 + t * (39.5 - 34.7), -84.0 + t * (-98.35 + 84.0), 7.5 - t * (7.5 - 3.8)});
    }
    return out;
}

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

struct Scene
{
    std::unique_ptr<MapController> controller;
    std::unique_ptr<PointsModel> model;
    std::unique_ptr<QQuickView> view;
    double buildMs = 0;
    std::size_t indexBytes = 0;
};

// Ours: the production EventMap.qml over a controller holding `events` points.
// Stock: StockMap.qml with one MapQuickItem per point.
std::unique_ptr<Scene> makeScene(bool stock, int events, QSize size)
{
    auto s = std::make_unique<Scene>();
    s->view = std::make_unique<QQuickView>();
    s->view->setResizeMode(QQuickView::SizeRootObjectToView);
    s->view->resize(size);
    if (stock) {
        s->model = std::make_unique<PointsModel>(makePoints(events, 7));
        s->view->setInitialProperties({{QStringLiteral("points"), QVariant::fromValue<QObject *>(s->model.get())}});
        s->view->setSource(QUrl(QStringLiteral("qrc:/bench/map/StockMap.qml")));
    } else {
        s->controller = std::make_unique<MapController>(nullptr);
        std::vector<MapPoint> points = makePoints(events, 7);
        QElapsedTimer t;
        t.start();
        s->controller->replacePoints(std::move(points));
        if (!waitFor([&] { return s->controller->generation() > 0 && !s->controller->isBuilding(); }, 120000))
            qFatal("index build timed out");
        s->buildMs = double(t.nsecsElapsed()) / 1e6;
        s->indexBytes = s->controller->snapshot()->index->memoryBytes();
        s->view->setInitialProperties(
            {{QStringLiteral("controller"), QVariant::fromValue<QObject *>(s->controller.get())}});
        s->view->setSource(QUrl(QStringLiteral("qrc:/oc/map/EventMap.qml")));
    }
    if (s->view->status() != QQuickView::Ready) {
        for (const auto &e : s->view->errors())
            std::fprintf(stderr, "%s\n", qPrintable(e.toString()));
        qFatal("QML failed to load");
    }
    s->view->show();
    waitFor([&] { return s->view->isExposed(); }, 5000);
    if (stock) {
        // MapItemView creates its delegates from the event loop; measure
        // only once every marker exists.
        QQuickItem *map = s->view->rootObject();
        if (!waitFor([&] { return map->property("mapItems").toList().size() >= events; }, 300000))
            qFatal("stock delegates were not all created");
    }
    return s;
}

struct FrameStats
{
    double mean = 0, p50 = 0, p95 = 0, max = 0;
};

FrameStats summarize(std::vector<double> ms)
{
    FrameStats s;
    if (ms.empty())
        return s;
    s.mean = std::accumulate(ms.begin(), ms.end(), 0.0) / double(ms.size());
    std::sort(ms.begin(), ms.end());
    s.p50 = ms[ms.size() / 2];
    s.p95 = ms[std::min(ms.size() - 1, std::size_t(double(ms.size()) * 0.95))];
    s.max = ms.back();
    return s;
}

// One frame: move the camera, then render synchronously.
double frame(QQuickView &view, const Camera &c)
{
    QQuickItem *map = view.rootObject();
    QElapsedTimer t;
    t.start();
    map->setProperty("zoomLevel", c.zoom);
    map->setProperty("center", QVariant::fromValue(QGeoCoordinate(c.lat, c.lng)));
    const QImage img = view.grabWindow();
    const double ms = double(t.nsecsElapsed()) / 1e6;
    if (img.isNull())
        qFatal("grabWindow returned no image");
    return ms;
}

void warmUp(QQuickView &view)
{
    // First layout, glyph caches, item creation: not what panning costs.
    for (const Camera &c : script(12))
        frame(view, c);
}

// The stock items must move within the measured frame, not later from the
// event loop, or the baseline would be timing stale markers.
void checkStockItemsFollow(QQuickView &view)
{
    QQuickItem *map = view.rootObject();
    const QVariantList items = map->property("mapItems").toList();
    if (items.isEmpty())
        return;
    frame(view, {41.0, -80.0, 6.3});
    auto *item = qvariant_cast<QQuickItem *>(items.front());
    const QGeoCoordinate c = item->property("coordinate").value<QGeoCoordinate>();
    QPointF expected;
    QMetaObject::invokeMethod(map, "fromCoordinate", Q_RETURN_ARG(QPointF, expected), Q_ARG(QGeoCoordinate, c),
                              Q_ARG(bool, false));
    const QPointF anchor = item->property("anchorPoint").toPointF();
    const QPointF actual = item->position() + anchor;
    if ((actual - expected).manhattanLength() > 2)
        qFatal("stock MapQuickItem did not follow the camera within the frame (%.1f,%.1f vs %.1f,%.1f)", actual.x(),
               actual.y(), expected.x(), expected.y());
}

long vmHwmKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

QString grouped(long long n)
{
    QString s = QString::number(n);
    for (int i = int(s.size()) - 3; i > 0; i -= 3)
        s.insert(i, QLatin1Char(','));
    return s;
}

int rssChild(int events, bool stock, int steps, QSize size)
{
    auto scene = makeScene(stock, events, size);
    warmUp(*scene->view);
    for (const Camera &c : script(steps))
        frame(*scene->view, c);
    std::printf("rss events=%d stock=%d vmhwm_kb=%ld index_bytes=%zu build_ms=%.1f\n", events, stock ? 1 : 0, vmHwmKb(),
                scene->indexBytes, scene->buildMs);
    std::fflush(stdout);
    return 0;
}

struct RssResult
{
    long kb = -1;
    double indexMb = 0;
    double buildMs = 0;
};

RssResult spawnRss(int events, bool stock, int steps, QSize size)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList args {QStringLiteral("--rss-child"), QString::number(events),
                      QStringLiteral("--steps"),     QString::number(steps),
                      QStringLiteral("--size"),      QStringLiteral("%1x%2").arg(size.width()).arg(size.height())};
    if (stock)
        args << QStringLiteral("--stock");
    p.start(QCoreApplication::applicationFilePath(), args);
    if (!p.waitForFinished(600000) || p.exitCode() != 0)
        return {};
    RssResult r;
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        if (!line.startsWith("rss "))
            continue;
        for (const QByteArray &kv : line.mid(4).split(' ')) {
            const auto parts = kv.split('=');
            if (parts.value(0) == "vmhwm_kb")
                r.kb = parts.value(1).toLong();
            else if (parts.value(0) == "index_bytes")
                r.indexMb = parts.value(1).toDouble() / (1024.0 * 1024.0);
            else if (parts.value(0) == "build_ms")
                r.buildMs = parts.value(1).toDouble();
        }
    }
    return r;
}

QString backendName(QQuickWindow *w)
{
    switch (w->rendererInterface()->graphicsApi()) {
    case QSGRendererInterface::Software: return QStringLiteral("software (QPainter)");
    case QSGRendererInterface::OpenGL: return QStringLiteral("RHI OpenGL");
    case QSGRendererInterface::Vulkan: return QStringLiteral("RHI Vulkan");
    case QSGRendererInterface::Null: return QStringLiteral("RHI null (no rasterisation)");
    default: return QStringLiteral("other");
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (!qEnvironmentVariableIsSet("QT_QUICK_BACKEND") && !qEnvironmentVariableIsSet("QSG_RHI_BACKEND"))
        qputenv("QT_QUICK_BACKEND", "software");
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_mapframes"));

    QCommandLineParser cli;
    cli.addHelpOption();
    cli.addOption({QStringLiteral("steps"), QStringLiteral("Camera changes per configuration."), QStringLiteral("n"),
                   QStringLiteral("150")});
    cli.addOption(
        {QStringLiteral("size"), QStringLiteral("Window size."), QStringLiteral("WxH"), QStringLiteral("1280x800")});
    cli.addOption({QStringLiteral("rss-child"), QStringLiteral("Internal: one memory run."), QStringLiteral("events")});
    cli.addOption({QStringLiteral("stock"), QStringLiteral("Internal: memory run with stock items.")});
    cli.addOption({QStringLiteral("skip-rss"), QStringLiteral("Frame times only.")});
    cli.process(app);
    const int steps = std::max(9, cli.value(QStringLiteral("steps")).toInt());
    const QStringList wh = cli.value(QStringLiteral("size")).split(QLatin1Char('x'));
    const QSize size(wh.value(0).toInt(), wh.value(1).toInt());

    MapPanel::registerQmlTypes();
    if (cli.isSet(QStringLiteral("rss-child")))
        return rssChild(cli.value(QStringLiteral("rss-child")).toInt(), cli.isSet(QStringLiteral("stock")), 30, size);

    struct Config
    {
        const char *name;
        bool stock;
        int events;
        FrameStats stats;
    };
    std::vector<Config> configs {{"outlines only (no markers)", false, 0, {}},
                                 {"our EventMarkerLayer", false, 100000, {}},
                                 {"our EventMarkerLayer", false, 1000000, {}},
                                 {"stock MapItemView + MapQuickItem", true, 5000, {}},
                                 {"stock MapItemView + MapQuickItem", true, 10000, {}}};
    // All scenes live side by side and take turns frame by frame, so load
    // from elsewhere on the machine lands on every configuration alike.
    std::vector<std::unique_ptr<Scene>> scenes;
    for (const Config &c : configs) {
        std::fprintf(stderr, "[bench] preparing %s, %d events...\n", c.name, c.events);
        scenes.push_back(makeScene(c.stock, c.events, size));
        warmUp(*scenes.back()->view);
        if (c.stock)
            checkStockItemsFollow(*scenes.back()->view);
    }
    const QString backend = backendName(scenes.front()->view.get());
    std::vector<std::vector<double>> times(configs.size());
    std::fprintf(stderr, "[bench] %d frames each...\n", steps);
    for (const Camera &cam : script(steps)) {
        // No event processing in between: the windows' own update requests
        // would render (and on X11 present) frames outside the measurement.
        for (std::size_t i = 0; i < configs.size(); ++i)
            times[i].push_back(frame(*scenes[i]->view, cam));
    }
    for (std::size_t i = 0; i < configs.size(); ++i)
        configs[i].stats = summarize(times[i]);
    scenes.clear();
    const double stock5k = configs[3].stats.mean;

    std::printf("\nEvent map frame time: %d scripted camera changes (zoom 3.8 -> 7.5 -> pan -> 3.8), "
                "%dx%d, offscreen, %s\n",
                steps, size.width(), size.height(), qPrintable(backend));
    std::printf("%-34s %10s %9s %8s %8s %8s %12s\n", "configuration", "events", "mean ms", "p50 ms", "p95 ms", "max ms",
                "mean/stock5k");
    for (const Config &c : configs) {
        std::printf("%-34s %10s %9.2f %8.2f %8.2f %8.2f %11.2fx\n", c.name, qPrintable(grouped(c.events)), c.stats.mean,
                    c.stats.p50, c.stats.p95, c.stats.max, c.stats.mean / stock5k);
    }
    std::printf("goal: our 100k frame < stock 5k frame: %s\n", configs[1].stats.mean < stock5k ? "met" : "NOT met");

    if (cli.isSet(QStringLiteral("skip-rss")))
        return 0;
    std::printf("\nPeak RSS (VmHWM), one process per row, after 30 frames of the same script\n");
    std::printf("%-34s %10s %12s %10s %14s\n", "configuration", "events", "VmHWM MB", "index MB", "index build ms");
    struct RssRow
    {
        const char *name;
        bool stock;
        int events;
    };
    for (const RssRow &r :
         {RssRow {"outlines only (no markers)", false, 0}, RssRow {"our EventMarkerLayer", false, 100000},
          RssRow {"our EventMarkerLayer", false, 1000000}, RssRow {"stock MapItemView + MapQuickItem", true, 10000}}) {
        std::fprintf(stderr, "[bench] memory: %s, %d events...\n", r.name, r.events);
        const RssResult m = spawnRss(r.events, r.stock, 30, size);
        if (r.stock)
            std::printf("%-34s %10s %12.1f %10s %14s\n", r.name, qPrintable(grouped(r.events)), double(m.kb) / 1024.0,
                        "-", "-");
        else
            std::printf("%-34s %10s %12.1f %10.1f %14.1f\n", r.name, qPrintable(grouped(r.events)),
                        double(m.kb) / 1024.0, m.indexMb, m.buildMs);
    }
    return 0;
}

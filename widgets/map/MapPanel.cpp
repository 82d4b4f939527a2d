#include "MapPanel.h"

#include "BasemapLayer.h"
#include "EventDetailsPanel.h"
#include "EventMarkerLayer.h"
#include "LogCategories.h"
#include "MapController.h"
#include "MapSearchPanel.h"

#include <QGroupBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickWidget>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include <mutex>

namespace oc {

void MapPanel::registerQmlTypes()
{
    static std::once_flag once;
    std::call_once(once, [] {
        qmlRegisterType<BasemapLayer>("Oc.Map", 1, 0, "BasemapLayer");
        qmlRegisterType<EventMarkerLayer>("Oc.Map", 1, 0, "EventMarkerLayer");
        qmlRegisterUncreatableType<MapController>("Oc.Map", 1, 0, "MapController",
                                                  QStringLiteral("MapController is owned by MapPanel"));
    });
}

MapPanel::MapPanel(LiveSource *feed, QWidget *parent)
    : QWidget(parent)
    , m_controller(new MapController(feed, this))
{
    registerQmlTypes();
    m_controller->loadTileSource();
    // Dark mode is the palette's (ThemeSetup applies the scheme to it): a
    // dark window gets a dark map.
    m_controller->setDarkTheme(palette().color(QPalette::Window).lightness() < 128);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *split = new QSplitter(Qt::Horizontal, this);
    layout->addWidget(split);

    m_quick = new QQuickWidget(split);
    m_quick->setResizeMode(QQuickWidget::SizeRootObjectToView);
    m_quick->setMinimumSize(240, 200);
    m_quick->setAccessibleName(tr("Event map"));
    m_quick->setAccessibleDescription(
        tr("Every event as a marker; the search and the list beside the map reach the same events by keyboard."));
    // QQuickWidget has no setInitialProperties() before Qt 6.9; the scene
    // picks the controller up from its context once, into a typed property.
    m_quick->rootContext()->setContextProperty(QStringLiteral("mapController"), m_controller);
    connect(m_quick, &QQuickWidget::statusChanged, this, [this](QQuickWidget::Status status) {
        if (status != QQuickWidget::Error)
            return;
        for (const QQmlError &e : m_quick->errors())
            logcat::map()->error("map QML: {}", e.toString().toStdString());
    });
    m_quick->setSource(QUrl(QStringLiteral("qrc:/oc/map/MapScene.qml")));
    split->addWidget(m_quick);

    // The search and details column scrolls on a short screen instead of
    // making the whole window taller than a laptop's.
    auto *sideScroll = new QScrollArea(split);
    sideScroll->setWidgetResizable(true);
    sideScroll->setFrameShape(QFrame::NoFrame);
    auto *side = new QWidget(sideScroll);
    sideScroll->setWidget(side);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(4, 0, 0, 0);
    auto *searchBox = new QGroupBox(tr("Find events near a place"), side);
    auto *searchLayout = new QVBoxLayout(searchBox);
    m_search = new MapSearchPanel(m_controller, searchBox);
    searchLayout->addWidget(m_search);
    auto *detailsBox = new QGroupBox(tr("Selected event"), side);
    auto *detailsLayout = new QVBoxLayout(detailsBox);
    m_details = new EventDetailsPanel(m_controller, detailsBox);
    detailsLayout->addWidget(m_details);
    sideLayout->addWidget(searchBox, 3);
    sideLayout->addWidget(detailsBox, 2);
    sideScroll->setMinimumWidth(sideScroll->fontMetrics().averageCharWidth() * 24);
    split->addWidget(sideScroll);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
}

void MapPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_controller->setDarkTheme(palette().color(QPalette::Window).lightness() < 128);
    QWidget::changeEvent(event);
}

MapPanel::~MapPanel()
{
    // The QML holds a pointer to the controller; tear the scene down first.
    delete m_quick;
    m_quick = nullptr;
}

QQuickItem *MapPanel::findItem(const char *objectName) const
{
    QQuickItem *root = m_quick ? m_quick->rootObject() : nullptr;
    return root ? root->findChild<QQuickItem *>(QLatin1String(objectName)) : nullptr;
}

QQuickItem *MapPanel::mapItem() const
{
    return findItem("eventMap");
}

EventMarkerLayer *MapPanel::markerLayer() const
{
    return qobject_cast<EventMarkerLayer *>(findItem("markerLayer"));
}

BasemapLayer *MapPanel::basemapLayer() const
{
    return qobject_cast<BasemapLayer *>(findItem("basemapLayer"));
}

QString MapPanel::tileUrl() const
{
    return m_controller->tileUrl();
}

void MapPanel::setTileUrl(const QString &url, const QString &attribution)
{
    m_controller->rememberTileSource(url, attribution);
}

} // namespace oc

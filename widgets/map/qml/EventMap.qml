import QtQuick
import QtLocation
import QtPositioning
import Oc.Map 1.0

// The QtLocation Map draws only the basemap: raster tiles when a tile server
// is configured, nothing at all otherwise (the "itemsoverlay" plugin, so an
// offline console never reaches out). Our layers draw the outlines and every
// marker; stock map items are used only for the selection and the search
// radius.
Map {
    id: map
    objectName: "eventMap"
    required property MapController controller

    // For screen readers (issue 16): the map is a picture one acts on with
    // the pointer; the search and the list beside it reach the same events
    // by keyboard.
    Accessible.role: Accessible.Graphic
    Accessible.name: qsTr("Event map")
    Accessible.description: qsTr("Drag to move the map, scroll to zoom; the search beside the map finds events by keyboard")

    plugin: Plugin {
        name: map.controller.online ? "osm" : "itemsoverlay"
        PluginParameter { name: "osm.mapping.providersrepository.disabled"; value: true }
        PluginParameter { name: "osm.mapping.custom.host"; value: map.controller.tileUrl }
        PluginParameter { name: "osm.mapping.cache.directory"; value: map.controller.tileCacheDirectory }
        PluginParameter { name: "osm.useragent"; value: "OrganizerConsole" }
    }
    // Land and water alike (the offline basemap is outlines only); dark
    // in a dark scheme (MapController::backgroundColor, from the palette).
    color: map.controller.backgroundColor
    copyrightsVisible: false
    minimumZoomLevel: 2
    maximumZoomLevel: 18
    maximumTilt: 0

    function pickTileType() {
        for (let i = 0; i < supportedMapTypes.length; ++i) {
            if (supportedMapTypes[i].style === MapType.CustomMap) {
                activeMapType = supportedMapTypes[i]
                return
            }
        }
    }
    onSupportedMapTypesChanged: pickTileType()

    // The controller owns the camera. The Map starts at its own default
    // (London); the controller's start camera is applied once the Map is
    // ready and has a size, and nothing is reported before that.
    property bool startCameraApplied: false
    function applyStartCamera() {
        if (startCameraApplied || !mapReady || width <= 0 || height <= 0)
            return
        // Plain numbers: a QGeoCoordinate read from the controller is a
        // reference to its property and would follow the first report.
        const lat = controller.center.latitude
        const lon = controller.center.longitude
        const startZoom = controller.zoomLevel
        startCameraApplied = true
        zoomLevel = startZoom
        center = QtPositioning.coordinate(lat, lon)
        report()
    }
    function report() {
        if (startCameraApplied)
            controller.reportCamera(center, zoomLevel, width, height)
    }
    onCenterChanged: report()
    onZoomLevelChanged: report()
    onWidthChanged: { applyStartCamera(); report() }
    onHeightChanged: { applyStartCamera(); report() }
    onMapReadyChanged: applyStartCamera()
    Component.onCompleted: {
        pickTileType()
        applyStartCamera()
    }

    Connections {
        target: map.controller
        function onCameraRequested(center, zoomLevel) {
            map.zoomLevel = zoomLevel
            map.center = center
        }
    }

    BasemapLayer {
        objectName: "basemapLayer"
        anchors.fill: parent
        z: 1
        dark: map.controller.darkTheme
        mapCenter: map.center
        zoomLevel: map.zoomLevel
        bearing: map.bearing
    }

    MapCircle {
        objectName: "searchRadius"
        z: 2
        Accessible.role: Accessible.Graphic
        Accessible.name: qsTr("Search radius")
        Accessible.ignored: !visible
        visible: map.controller.searchActive
        center: map.controller.searchActive ? map.controller.searchCenter : QtPositioning.coordinate(0, 0)
        radius: Math.max(1, map.controller.searchRadiusMeters)
        color: "#1A2F6FDE"
        border.color: "#2F6FDE"
        border.width: 2
    }

    EventMarkerLayer {
        id: markers
        objectName: "markerLayer"
        anchors.fill: parent
        z: 3
        Accessible.role: Accessible.Graphic
        Accessible.name: qsTr("Event markers")
        Accessible.description: qsTr("Click a marker to see its event, or a numbered cluster to zoom in on it")
        controller: map.controller
        mapCenter: map.center
        zoomLevel: map.zoomLevel
        bearing: map.bearing
    }

    MapQuickItem {
        objectName: "selectionHighlight"
        z: 4
        Accessible.role: Accessible.Indicator
        Accessible.name: qsTr("Selected event")
        Accessible.ignored: !visible
        visible: map.controller.hasSelection && map.controller.selectedCoordinate.isValid
        coordinate: map.controller.selectedCoordinate.isValid ? map.controller.selectedCoordinate
                                                              : QtPositioning.coordinate(0, 0)
        anchorPoint.x: ring.width / 2
        anchorPoint.y: ring.height / 2
        sourceItem: Rectangle {
            id: ring
            width: 26
            height: 26
            radius: 13
            color: "transparent"
            border.width: 3
            border.color: "#D0021B"
        }
    }

    // Gestures: Map has none of its own (MapView.qml adds them the same way).
    DragHandler {
        target: null
        onTranslationChanged: (delta) => map.pan(-delta.x, -delta.y)
    }
    WheelHandler {
        id: wheel
        target: null
        acceptedDevices: PointerDevice.Mouse | PointerDevice.TouchPad
        onWheel: (event) => {
            const p = wheel.point.position
            const c = map.toCoordinate(p, false)
            map.zoomLevel = Math.max(map.minimumZoomLevel,
                                     Math.min(map.maximumZoomLevel, map.zoomLevel + event.angleDelta.y / 240))
            map.alignCoordinateToPoint(c, p)
        }
    }
    PinchHandler {
        id: pinch
        target: null
        property var startCentroid
        onActiveChanged: if (active) startCentroid = map.toCoordinate(pinch.centroid.position, false)
        onScaleChanged: (delta) => {
            map.zoomLevel += Math.log2(delta)
            map.alignCoordinateToPoint(pinch.startCentroid, pinch.centroid.position)
        }
    }
    TapHandler {
        onTapped: (eventPoint) => markers.activate(eventPoint.position.x, eventPoint.position.y)
    }
    HoverHandler {
        id: hover
        onPointChanged: markers.hover(hover.point.position.x, hover.point.position.y)
        onHoveredChanged: if (!hovered) markers.clearHover()
    }

    // The tooltip; plain text, since titles are typed by the public.
    Rectangle {
        z: 10
        Accessible.role: Accessible.ToolTip
        Accessible.name: markers.hoverText
        Accessible.ignored: !visible
        visible: markers.hoverText.length > 0
        x: Math.max(2, Math.min(markers.hoverPoint.x, map.width - width - 2))
        y: Math.max(2, Math.min(markers.hoverPoint.y, map.height - height - 2))
        width: tip.implicitWidth + 12
        height: tip.implicitHeight + 8
        radius: 3
        color: map.controller.panelColor
        border.color: map.controller.panelBorderColor
        Text {
            id: tip
            anchors.centerIn: parent
            textFormat: Text.PlainText
            font.pixelSize: 12
            color: map.controller.panelTextColor
            text: markers.hoverText
        }
    }
}

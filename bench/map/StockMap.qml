import QtQuick
import QtLocation
import QtPositioning
import Oc.Map 1.0

// The baseline: the same Map and outlines as EventMap.qml, with one stock
// MapQuickItem per event (QtLocation cannot cluster), the way the QtLocation
// examples place markers.
Map {
    id: map
    required property var points
    plugin: Plugin { name: "itemsoverlay" }
    color: "#EEF2F5"
    copyrightsVisible: false
    minimumZoomLevel: 2
    maximumZoomLevel: 18
    zoomLevel: 4
    center: QtPositioning.coordinate(39.5, -98.35)

    BasemapLayer {
        anchors.fill: parent
        z: 1
        mapCenter: map.center
        zoomLevel: map.zoomLevel
        bearing: map.bearing
    }

    MapItemView {
        model: map.points
        delegate: MapQuickItem {
            required property real lat
            required property real lng
            required property color markerColor
            z: 3
            coordinate: QtPositioning.coordinate(lat, lng)
            anchorPoint.x: 7.5
            anchorPoint.y: 7.5
            sourceItem: Rectangle {
                width: 15
                height: 15
                radius: 7.5
                color: markerColor
                border.color: "white"
                border.width: 1.5
            }
        }
    }
}

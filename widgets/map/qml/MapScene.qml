import QtQuick
import Oc.Map 1.0

// The map view: the Map itself (EventMap.qml, recreated when the tile source
// changes, since a Plugin reads its parameters once) and the overlays that
// explain it. Everything shown comes from the MapController.
Item {
    id: root
    // Set by MapPanel as the context property "mapController".
    property MapController controller: mapController

    Loader {
        id: mapLoader
        anchors.fill: parent
        sourceComponent: EventMap {
            controller: root.controller
        }
    }

    Connections {
        target: root.controller
        function onTileSourceChanged() {
            mapLoader.active = false
            mapLoader.active = true
        }
    }

    // Events that cannot be placed are counted here and listed beside the map.
    Rectangle {
        objectName: "unlocatedBadge"
        visible: root.controller.unlocatedEvents > 0
        Accessible.role: Accessible.StaticText
        Accessible.name: unlocatedText.text
        Accessible.ignored: !visible
        anchors { left: parent.left; top: parent.top; margins: 8 }
        width: unlocatedText.implicitWidth + 16
        height: unlocatedText.implicitHeight + 8
        radius: 4
        color: root.controller.panelColor
        border.color: "#F29D12"
        Text {
            id: unlocatedText
            anchors.centerIn: parent
            textFormat: Text.PlainText
            font.pixelSize: 12
            color: root.controller.panelTextColor
            text: root.controller.unlocatedEvents === 1
                  ? qsTr("1 event without a location (see the list)")
                  : qsTr("%1 events without a location (see the list)").arg(root.controller.unlocatedEvents)
        }
    }

    Rectangle {
        objectName: "staleBanner"
        visible: root.controller.stale
        Accessible.role: Accessible.AlertMessage
        Accessible.name: staleText.text
        Accessible.ignored: !visible
        anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; margins: 8 }
        width: staleText.implicitWidth + 16
        height: staleText.implicitHeight + 8
        radius: 4
        color: root.controller.panelColor
        border.color: "#B03A2E"
        Text {
            id: staleText
            anchors.centerIn: parent
            textFormat: Text.PlainText
            font.pixelSize: 12
            color: root.controller.darkTheme ? "#FF8A80" : "#B03A2E"
            text: qsTr("Live updates paused: showing the last known state")
        }
    }

    // Legend: what the marker colours mean.
    Rectangle {
        anchors { left: parent.left; bottom: parent.bottom; margins: 8 }
        width: legend.implicitWidth + 12
        height: legend.implicitHeight + 10
        radius: 4
        color: root.controller.panelColor
        Column {
            id: legend
            objectName: "legend"
            anchors.centerIn: parent
            spacing: 3
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Legend: what the marker colours mean")
            Repeater {
                model: 4
                Row {
                    required property int index
                    spacing: 6
                    Accessible.role: Accessible.ListItem
                    Accessible.name: root.controller.stateLabel(index)
                    Rectangle {
                        width: 10; height: 10; radius: 5
                        anchors.verticalCenter: parent.verticalCenter
                        color: root.controller.stateColor(index)
                    }
                    Text {
                        textFormat: Text.PlainText
                        font.pixelSize: 11
                        color: root.controller.panelTextColor
                        text: root.controller.stateLabel(index)
                    }
                }
            }
        }
    }

    Text {
        objectName: "attribution"
        Accessible.role: Accessible.StaticText
        Accessible.name: text
        anchors { right: parent.right; bottom: parent.bottom; margins: 4 }
        textFormat: Text.PlainText
        font.pixelSize: 10
        color: root.controller.panelTextColor
        opacity: 0.75
        text: root.controller.online && root.controller.tileAttribution.length > 0
              ? root.controller.tileAttribution + " · " + root.controller.offlineAttribution
              : root.controller.offlineAttribution
    }
}

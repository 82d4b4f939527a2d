#pragma once

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <vector>

namespace oc {

// Offline map outlines (US coastline and borders, state borders, and the
// neighbouring countries) from resources/data/us-outlines.json, so the map
// shows where things are without any tile server. See SOURCES.md for origin.
//
// Read-only after load(), so one instance can be shared between threads.
class BasemapOutlines
{
public:
    enum class Kind {
        National, // US coastline and international border: draw boldest
        State, // border between two US states or territories
        Foreign, // other countries' coastlines and borders, for context
    };

    struct Polyline
    {
        Kind kind = Kind::National;
        // x = longitude, y = latitude, in degrees. Lines never jump across
        // the antimeridian; Alaska's western Aleutians have longitudes near
        // +172..+180, so a renderer centred on the US should map lng > 0 to
        // lng - 360.
        QList<QPointF> points;
        QRectF bounds; // of `points`, same axes, for culling
    };

    BasemapOutlines() = default;

    static QString defaultPath() { return QStringLiteral(":/oc/data/us-outlines.json"); }

    // Replaces the contents with the outlines file at `path`; false with
    // `error` set when it cannot be read or is not an outlines file.
    bool load(const QString &path = defaultPath(), QString *error = nullptr);
    // The built-in outlines, loaded on first use (thread-safe).
    static const BasemapOutlines &builtIn();

    const std::vector<Polyline> &lines() const { return m_lines; }
    bool isEmpty() const { return m_lines.empty(); }
    qsizetype pointCount() const;

    static QString kindName(Kind kind);

private:
    std::vector<Polyline> m_lines;
};

} // namespace oc

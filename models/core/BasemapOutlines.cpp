#include "BasemapOutlines.h"

#include "LogCategories.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <optional>

namespace oc {
namespace {

std::optional<BasemapOutlines::Kind> kindFromName(const QString &name)
{
    for (auto kind : {BasemapOutlines::Kind::National, BasemapOutlines::Kind::State, BasemapOutlines::Kind::Foreign}) {
        if (BasemapOutlines::kindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

} // namespace

bool BasemapOutlines::load(const QString &path, QString *error)
{
    auto fail = [&](const QString &msg) {
        if (error)
            *error = msg;
        return false;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot open %1: %2").arg(path, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (doc.isNull())
        return fail(QStringLiteral("%1: %2").arg(path, parseError.errorString()));
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("format")).toString() != QLatin1String("oc-outlines"))
        return fail(QStringLiteral("%1 is not an outlines file").arg(path));
    if (root.value(QLatin1String("version")).toInt() != 1)
        return fail(QStringLiteral("%1: unsupported outlines version %2")
                        .arg(path)
                        .arg(root.value(QLatin1String("version")).toInt()));

    std::vector<Polyline> lines;
    int skipped = 0;
    for (const QJsonValue &layerValue : root.value(QLatin1String("layers")).toArray()) {
        const QJsonObject layer = layerValue.toObject();
        const QString kindText = layer.value(QLatin1String("kind")).toString();
        const std::optional<Kind> kind = kindFromName(kindText);
        if (!kind) {
            // A newer generator may add layers; old code just doesn't draw them.
            logcat::map()->warn("{}: ignoring unknown outline layer '{}'", path.toStdString(), kindText.toStdString());
            continue;
        }
        for (const QJsonValue &lineValue : layer.value(QLatin1String("lines")).toArray()) {
            const QJsonArray flat = lineValue.toArray();
            Polyline line;
            line.kind = *kind;
            line.points.reserve(flat.size() / 2);
            double minX = 180, maxX = -180, minY = 90, maxY = -90;
            bool valid = flat.size() >= 4 && flat.size() % 2 == 0;
            for (qsizetype i = 0; valid && i + 1 < flat.size(); i += 2) {
                const double lng = flat.at(i).toDouble(1000);
                const double lat = flat.at(i + 1).toDouble(1000);
                valid = lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90;
                line.points.append(QPointF(lng, lat));
                minX = std::min(minX, lng);
                maxX = std::max(maxX, lng);
                minY = std::min(minY, lat);
                maxY = std::max(maxY, lat);
            }
            if (!valid) {
                ++skipped;
                continue;
            }
            line.bounds = QRectF(QPointF(minX, minY), QPointF(maxX, maxY));
            lines.push_back(std::move(line));
        }
    }
    if (lines.empty())
        return fail(QStringLiteral("%1 has no outlines").arg(path));
    if (skipped > 0)
        logcat::map()->warn("{}: skipped {} malformed outlines", path.toStdString(), skipped);
    m_lines = std::move(lines);
    if (error)
        error->clear();
    return true;
}

const BasemapOutlines &BasemapOutlines::builtIn()
{
    static const BasemapOutlines instance = [] {
        BasemapOutlines o;
        QString err;
        if (!o.load(defaultPath(), &err))
            logcat::map()->error("Basemap outlines unavailable: {}", err.toStdString());
        return o;
    }();
    return instance;
}

qsizetype BasemapOutlines::pointCount() const
{
    qsizetype n = 0;
    for (const Polyline &line : m_lines)
        n += line.points.size();
    return n;
}

QString BasemapOutlines::kindName(Kind kind)
{
    switch (kind) {
    case Kind::National: return QStringLiteral("national");
    case Kind::State: return QStringLiteral("state");
    case Kind::Foreign: return QStringLiteral("foreign");
    }
    return {};
}

} // namespace oc

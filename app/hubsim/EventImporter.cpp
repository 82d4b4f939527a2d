#include "EventImporter.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTimeZone>

#include <cmath>

namespace oc {
namespace {

QString excerptOf(QString s)
{
    s.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return s.size() > 80 ? s.left(77) + QStringLiteral("...") : s;
}

// Shared validation for both formats: the reasons a real list's row is unusable.
std::optional<QString> validate(ImportedEvent &e, const QString &lat, const QString &lng, const QString &capacity,
                                const QString &start)
{
    if (e.title.trimmed().isEmpty())
        return QStringLiteral("missing title");
    e.title = e.title.trimmed().left(500);
    if (lat.trimmed().isEmpty() || lng.trimmed().isEmpty())
        return QStringLiteral("missing coordinates");
    bool okLat = false, okLng = false;
    e.latitude = lat.trimmed().toDouble(&okLat);
    e.longitude = lng.trimmed().toDouble(&okLng);
    if (!okLat || !okLng || !std::isfinite(e.latitude) || !std::isfinite(e.longitude))
        return QStringLiteral("coordinates are not numbers");
    if (e.latitude < -90 || e.latitude > 90 || e.longitude < -180 || e.longitude > 180)
        return QStringLiteral("coordinates out of range (%1, %2)").arg(lat.trimmed(), lng.trimmed());
    if (e.latitude == 0 && e.longitude == 0)
        return QStringLiteral("coordinates are (0, 0), a failed geocode");
    if (capacity.trimmed().isEmpty() || capacity.trimmed().compare(QLatin1String("null"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("missing size (capacity)");
    bool okCap = false;
    e.capacity = capacity.trimmed().toInt(&okCap);
    if (!okCap || e.capacity <= 0)
        return QStringLiteral("size must be a positive whole number, got '%1'").arg(excerptOf(capacity.trimmed()));
    e.startsAt = QDateTime::fromString(start.trimmed(), Qt::ISODate);
    if (!e.startsAt.isValid())
        return QStringLiteral("missing or unreadable start time '%1' (expected ISO 8601)")
            .arg(excerptOf(start.trimmed()));
    if (e.timezone.isEmpty())
        e.timezone = QStringLiteral("America/New_York");
    if (!QTimeZone(e.timezone.toUtf8()).isValid())
        return QStringLiteral("unknown time zone '%1'").arg(excerptOf(e.timezone));
    e.state = e.state.trimmed().toUpper();
    if (!e.state.isEmpty() && (e.state.size() != 2 || !e.state.at(0).isLetter() || !e.state.at(1).isLetter()))
        return QStringLiteral("state must be a two-letter code, got '%1'").arg(excerptOf(e.state));
    return std::nullopt;
}

QString dedupKey(const ImportedEvent &e)
{
    return e.title.toCaseFolded().simplified() + QLatin1Char('|') + e.startsAt.toUTC().toString(Qt::ISODate) +
        QLatin1Char('|') + QString::number(e.latitude, 'f', 4) + QLatin1Char('|') +
        QString::number(e.longitude, 'f', 4);
}

void accept(EventImporter::Report &r, QHash<QString, int> &seen, ImportedEvent e, int row, const QString &excerpt)
{
    const QString key = dedupKey(e);
    if (auto it = seen.constFind(key); it != seen.constEnd()) {
        r.rejected.append({row, QStringLiteral("duplicate of row %1").arg(*it), excerpt});
        return;
    }
    seen.insert(key, row);
    r.events.append(std::move(e));
}

} // namespace

QString EventImporter::Report::summary() const
{
    if (!fatal.isEmpty())
        return fatal;
    return QStringLiteral("%1 events imported, %2 rows rejected").arg(events.size()).arg(rejected.size());
}

EventImporter::Report EventImporter::importFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        Report r;
        r.fatal = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return r;
    }
    const QByteArray data = f.readAll();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("json") || suffix == QLatin1String("geojson") || data.trimmed().startsWith('{'))
        return importGeoJson(data);
    return importCsv(data);
}

EventImporter::Report EventImporter::importGeoJson(const QByteArray &data)
{
    Report r;
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &perr);
    if (doc.isNull()) {
        r.fatal = QStringLiteral("not valid JSON: %1 at offset %2").arg(perr.errorString()).arg(perr.offset);
        return r;
    }
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("type")).toString() != QLatin1String("FeatureCollection")) {
        r.fatal = QStringLiteral("not a GeoJSON FeatureCollection");
        return r;
    }
    QHash<QString, int> seen;
    const QJsonArray features = root.value(QLatin1String("features")).toArray();
    for (int i = 0; i < features.size(); ++i) {
        const int row = i + 1;
        const QJsonObject f = features.at(i).toObject();
        const QJsonObject props = f.value(QLatin1String("properties")).toObject();
        const QString excerpt = excerptOf(QString::fromUtf8(QJsonDocument(props).toJson(QJsonDocument::Compact)));
        const QJsonObject geom = f.value(QLatin1String("geometry")).toObject();
        QString lat, lng;
        if (!geom.isEmpty()) {
            if (geom.value(QLatin1String("type")).toString() != QLatin1String("Point")) {
                r.rejected.append({row, QStringLiteral("geometry is not a Point"), excerpt});
                continue;
            }
            const QJsonArray c = geom.value(QLatin1String("coordinates")).toArray();
            if (c.size() >= 2 && c.at(0).isDouble() && c.at(1).isDouble()) {
                lng = QString::number(c.at(0).toDouble(), 'g', 12); // GeoJSON order: lon, lat
                lat = QString::number(c.at(1).toDouble(), 'g', 12);
            }
        }
        auto str = [&](const char *k) {
            const QJsonValue v = props.value(QLatin1String(k));
            return v.isDouble() ? QString::number(v.toDouble(), 'g', 12) : v.toString();
        };
        ImportedEvent e;
        e.title = str("title");
        e.description = str("description");
        e.timezone = str("timezone");
        e.venue = str("venue");
        e.address = str("address");
        e.city = str("city");
        e.state = str("state");
        e.postalCode = str("postal_code");
        e.hostName = str("host_name");
        e.hostEmail = str("host_email");
        const QJsonValue cap = props.value(QLatin1String("capacity"));
        const QString capacity = cap.isNull() || cap.isUndefined() ? QString() : str("capacity");
        if (auto why = validate(e, lat, lng, capacity, str("starts_at"))) {
            r.rejected.append({row, *why, excerpt});
            continue;
        }
        accept(r, seen, std::move(e), row, excerpt);
    }
    return r;
}

QList<QStringList> EventImporter::parseCsv(const QByteArray &bytes, QString *error)
{
    QList<QStringList> rows;
    QString data = QString::fromUtf8(bytes);
    if (data.startsWith(QChar(0xFEFF)))
        data.remove(0, 1);
    QStringList row;
    QString field;
    bool quoted = false, fieldStarted = false;
    for (qsizetype i = 0; i < data.size(); ++i) {
        const QChar ch = data.at(i);
        if (quoted) {
            if (ch == QLatin1Char('"')) {
                if (i + 1 < data.size() && data.at(i + 1) == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += ch;
            }
        } else if (ch == QLatin1Char('"') && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else if (ch == QLatin1Char(',')) {
            row << field;
            field.clear();
            fieldStarted = false;
        } else if (ch == QLatin1Char('\n') || ch == QLatin1Char('\r')) {
            if (ch == QLatin1Char('\r') && i + 1 < data.size() && data.at(i + 1) == QLatin1Char('\n'))
                ++i;
            row << field;
            if (!(row.size() == 1 && row.first().isEmpty()))
                rows << row;
            row.clear();
            field.clear();
            fieldStarted = false;
        } else {
            field += ch;
            fieldStarted = true;
        }
    }
    if (quoted && error)
        *error = QStringLiteral("unterminated quoted field at end of file");
    if (fieldStarted || !field.isEmpty() || !row.isEmpty()) {
        row << field;
        rows << row;
    }
    return rows;
}

EventImporter::Report EventImporter::importCsv(const QByteArray &data)
{
    Report r;
    QString perr;
    const QList<QStringList> rows = parseCsv(data, &perr);
    if (rows.isEmpty()) {
        r.fatal = QStringLiteral("the file is empty");
        return r;
    }
    QHash<QString, int> col;
    for (int i = 0; i < rows.first().size(); ++i)
        col.insert(rows.first().at(i).trimmed().toLower(), i);
    auto find = [&](std::initializer_list<const char *> names) {
        for (const char *n : names)
            if (auto it = col.constFind(QLatin1String(n)); it != col.constEnd())
                return *it;
        return -1;
    };
    const int cLat = find({"latitude", "lat"}), cLng = find({"longitude", "lng", "lon", "long"});
    if (cLat < 0 || cLng < 0) {
        r.fatal = QStringLiteral("the CSV header needs latitude and longitude columns (found: %1)")
                      .arg(rows.first().join(QStringLiteral(", ")));
        return r;
    }
    const int cTitle = find({"title", "name"}), cStart = find({"starts_at", "start", "start_time"}),
              cCap = find({"capacity", "size", "max_attendees"}), cTz = find({"timezone", "time_zone", "tz"}),
              cDesc = find({"description"}), cVenue = find({"venue"}), cAddr = find({"address", "address1"}),
              cCity = find({"city"}), cState = find({"state", "region"}),
              cZip = find({"postal_code", "zip", "zipcode"}), cHost = find({"host_name", "host"}),
              cEmail = find({"host_email", "email"});
    QHash<QString, int> seen;
    for (int i = 1; i < rows.size(); ++i) {
        const QStringList &f = rows.at(i);
        const int row = i;
        auto get = [&](int c) { return c >= 0 && c < f.size() ? f.at(c) : QString(); };
        const QString excerpt = excerptOf(f.join(QLatin1Char(',')));
        if (f.size() != rows.first().size()) {
            r.rejected.append(
                {row, QStringLiteral("has %1 fields, the header has %2").arg(f.size()).arg(rows.first().size()),
                 excerpt});
            continue;
        }
        ImportedEvent e;
        e.title = get(cTitle);
        e.description = get(cDesc);
        e.timezone = get(cTz).trimmed();
        e.venue = get(cVenue);
        e.address = get(cAddr);
        e.city = get(cCity);
        e.state = get(cState);
        e.postalCode = get(cZip).trimmed();
        e.hostName = get(cHost);
        e.hostEmail = get(cEmail).trimmed();
        if (auto why = validate(e, get(cLat), get(cLng), get(cCap), get(cStart))) {
            r.rejected.append({row, *why, excerpt});
            continue;
        }
        accept(r, seen, std::move(e), row, excerpt);
    }
    if (!perr.isEmpty())
        r.rejected.append({int(rows.size()) - 1, perr, QString()});
    return r;
}

} // namespace oc

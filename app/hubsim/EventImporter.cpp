#include "EventImporter.h"

#include "UsTimeZones.h"
#include "ZipDirectory.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <optional>
#include <tuple>

namespace oc::sim {
namespace {

using Field = FieldMapping::Field;

constexpr int kTitleLimit = 500; // events.title CHECK in 0001_hub_schema.sql
constexpr int kHostNameLimit = 300; // hosts.name
constexpr int kHostEmailLimit = 320; // hosts.email (RFC 5321 path limit)
constexpr double kLargestSize = 10'000'000; // beyond any recorded crowd: a typo, not an estimate
constexpr double kNearbyMiles = 100; // a ZIP centroid this close tells the state and zone

// One data row before validation, whatever the format.
struct SourceRow
{
    int row = 0;
    QStringList values; // aligned with the columns
    QString excerpt;
    // GeoJSON: coordinates from the geometry, which win over lat/lng properties.
    bool hasPoint = false;
    double pointLat = 0;
    double pointLng = 0;
    QString geometryProblem;
};

bool isNullish(const QString &v)
{
    static const QStringList nulls {QStringLiteral("null"), QStringLiteral("none"), QStringLiteral("n/a"),
                                    QStringLiteral("na"),   QStringLiteral("nan"),  QStringLiteral("unknown"),
                                    QStringLiteral("-"),    QStringLiteral("tbd"),  QStringLiteral("?")};
    const QString t = v.trimmed();
    return t.isEmpty() || nulls.contains(t, Qt::CaseInsensitive);
}

std::optional<QDate> parseDate(const QString &text)
{
    const QString t = text.trimmed();
    QDate d = QDate::fromString(t, Qt::ISODate);
    // US lists write month first; day-first dates would need a locale the
    // file does not carry, so they are left to --map and a cleaner source.
    for (const char *fmt : {"yyyy/M/d", "M/d/yyyy", "MMMM d, yyyy", "MMM d, yyyy", "d MMMM yyyy", "d MMM yyyy"}) {
        if (d.isValid())
            break;
        d = QDate::fromString(t, QString::fromLatin1(fmt));
    }
    return d.isValid() ? std::optional(d) : std::nullopt;
}

std::optional<QTime> parseTime(const QString &text)
{
    QString t = text.trimmed().toUpper();
    t.remove(QLatin1Char('.')); // "6 p.m."
    t.replace(QRegularExpression(QStringLiteral("\\s*(AM|PM)$")), QStringLiteral(" \\1"));
    for (const char *fmt : {"H:mm", "H:mm:ss", "h:mm AP", "h:mm:ss AP", "h AP", "HH:mm:ss.zzz"}) {
        const QTime tm = QTime::fromString(t, QString::fromLatin1(fmt));
        if (tm.isValid())
            return tm;
    }
    return std::nullopt;
}

// A date and time; without an offset the time is the wall clock at the event.
std::optional<QDateTime> parseDateTime(const QString &text, const QTimeZone &tz)
{
    QString t = text.trimmed();
    static const QRegularExpression spaced(QStringLiteral("^(\\d{4}-\\d{2}-\\d{2}) (\\d)"));
    t.replace(spaced, QStringLiteral("\\1T\\2"));
    QDateTime dt = QDateTime::fromString(t, Qt::ISODate);
    if (dt.isValid() && t.size() > 10) {
        if (dt.timeSpec() == Qt::LocalTime)
            dt = QDateTime(dt.date(), dt.time(), tz);
        return dt;
    }
    // "3/4/2017 6:00 PM": a date, a space, a time.
    const qsizetype sp = t.indexOf(QLatin1Char(' '), t.indexOf(QRegularExpression(QStringLiteral("\\d{4}"))));
    if (sp > 0) {
        const auto d = parseDate(t.left(sp));
        const auto tm = parseTime(t.mid(sp + 1));
        if (d && tm)
            return QDateTime(*d, *tm, tz);
    }
    return std::nullopt;
}

QString zoneFromLongitude(double lng)
{
    // Etc/GMT+N is N hours *behind* UTC (POSIX sign convention).
    const int offset = std::clamp(int(std::lround(lng / 15.0)), -12, 14);
    if (offset == 0)
        return QStringLiteral("UTC");
    return QStringLiteral("Etc/GMT%1%2").arg(offset < 0 ? QLatin1Char('+') : QLatin1Char('-')).arg(std::abs(offset));
}

std::optional<ZipDirectory::Place> nearbyZip(double lat, double lng)
{
    const auto near = ZipDirectory::builtIn().nearest(lat, lng, 1, false);
    if (near.empty() || ZipDirectory::distanceMiles(lat, lng, near.front().lat, near.front().lng) > kNearbyMiles)
        return std::nullopt;
    return near.front();
}

// Excel drops the leading zeros of New England ZIPs ("2139").
std::optional<ZipDirectory::Place> lookupZip(const QString &text)
{
    QString t = text.trimmed();
    static const QRegularExpression shortZip(QStringLiteral("^\\d{3,4}$"));
    if (shortZip.match(t).hasMatch())
        t = t.rightJustified(5, QLatin1Char('0'));
    return ZipDirectory::builtIn().lookupZip(t);
}

struct SizeResult
{
    int capacity = 0;
    QString warning;
};

SizeResult parseSize(const QString &raw)
{
    SizeResult r;
    if (isNullish(raw))
        return r;
    QString t = raw.trimmed();
    static const QRegularExpression approx(QStringLiteral("^(~|≈|about|approx\\.?|approximately|est\\.?)\\s*"),
                                           QRegularExpression::CaseInsensitiveOption);
    t.remove(approx);
    if (t.endsWith(QLatin1Char('+')))
        t.chop(1);
    t.remove(QLatin1Char(',')).remove(QLatin1Char('_')).remove(QLatin1Char(' '));
    double v = 0;
    bool ok = false;
    static const QRegularExpression range(QStringLiteral("^(\\d+(?:\\.\\d+)?)[-–](\\d+(?:\\.\\d+)?)$"));
    if (const auto m = range.match(t); m.hasMatch()) {
        v = (m.captured(1).toDouble() + m.captured(2).toDouble()) / 2;
        ok = true;
    } else {
        v = t.toDouble(&ok);
    }
    const QString shown = EventImporter::sanitizedExcerpt(raw.trimmed());
    if (!ok || !std::isfinite(v))
        r.warning = QStringLiteral("size '%1' is not a number; size left unknown").arg(shown);
    else if (std::lround(v) <= 0)
        r.warning = QStringLiteral("size %1 is not a size; size left unknown").arg(shown);
    else if (v > kLargestSize)
        r.warning = QStringLiteral("size %1 is implausibly large; size left unknown").arg(shown);
    else
        r.capacity = int(std::lround(v)); // crowd estimates come with fractions (averaged counts)
    return r;
}

QString dedupKey(const ImportedEvent &e)
{
    // Same title, same place (~100 m) and same local day: two partner groups
    // listing one event, or one list pasted twice.
    const QDate day = e.startsAt.toTimeZone(QTimeZone(e.timezone.toUtf8())).date();
    return e.title.toCaseFolded().simplified() + QLatin1Char('|') + day.toString(Qt::ISODate) + QLatin1Char('|') +
        QString::number(e.latitude, 'f', 3) + QLatin1Char('|') + QString::number(e.longitude, 'f', 3);
}

class RowReader
{
public:
    RowReader(EventImporter::Report &report, const FieldMapping::Resolved &map)
        : m_r(report)
        , m_map(map)
    {
    }

    void read(const SourceRow &src)
    {
        m_src = &src;
        m_warnings.clear();
        ImportedEvent e;
        e.sourceRow = src.row;
        if (std::any_of(src.values.begin(), src.values.end(), [](const QString &v) { return v.contains(QChar(0)); }))
            m_warnings << QStringLiteral("NUL characters removed (PostgreSQL text cannot hold them)");
        if (!readRow(e))
            return;
        const QString key = dedupKey(e);
        if (auto it = m_seen.constFind(key); it != m_seen.constEnd()) {
            m_r.duplicates.append(
                {src.row, QStringLiteral("same title, place and day as row %1: imported once").arg(*it), src.excerpt});
            return;
        }
        m_seen.insert(key, src.row);
        for (const QString &w : std::as_const(m_warnings))
            m_r.warnings.append({src.row, w, src.excerpt});
        m_r.events.append(std::move(e));
    }

private:
    // The first non-empty of the columns that matched the field: features
    // merged from several sources name the same thing differently ("size"
    // in one, "attendees" in another).
    QString value(Field f) const
    {
        QString v = valueAt(m_map.indexOf(f));
        for (const int c : m_map.alsoMatched.value(f)) {
            if (!isNullish(v))
                break;
            v = valueAt(c);
        }
        return v;
    }
    QString valueAt(int idx) const
    {
        if (idx < 0 || idx >= m_src->values.size())
            return {};
        QString v = m_src->values.at(idx).trimmed();
        v.remove(QChar(0));
        return v;
    }
    QString text(Field f) const
    {
        const QString v = value(f);
        return isNullish(v) ? QString() : v;
    }
    bool reject(const QString &why)
    {
        m_r.rejected.append({m_src->row, why, m_src->excerpt});
        return false;
    }

    bool readRow(ImportedEvent &e)
    {
        e.title = text(Field::Title);
        if (e.title.isEmpty())
            return reject(QStringLiteral("missing title"));
        if (e.title.size() > kTitleLimit) {
            m_warnings << QStringLiteral("title of %1 characters shortened to %2").arg(e.title.size()).arg(kTitleLimit);
            e.title = e.title.left(kTitleLimit);
        }
        e.description = text(Field::Description);
        e.venue = text(Field::Venue);
        e.address = text(Field::Address);
        e.city = text(Field::City);
        e.postalCode = text(Field::Zip);
        e.hostName = text(Field::HostName);
        if (e.hostName.size() > kHostNameLimit) {
            m_warnings << QStringLiteral("host name shortened to %1 characters").arg(kHostNameLimit);
            e.hostName = e.hostName.left(kHostNameLimit);
        }
        e.hostEmail = text(Field::HostEmail);
        if (e.hostEmail.size() > kHostEmailLimit) {
            m_warnings << QStringLiteral("host email longer than %1 characters dropped").arg(kHostEmailLimit);
            e.hostEmail.clear();
        }
        return readPlace(e) && readZone(e) && readStart(e) && readSize(e);
    }

    bool readPlace(ImportedEvent &e)
    {
        QString problem;
        if (m_src->hasPoint) {
            e.latitude = m_src->pointLat;
            e.longitude = m_src->pointLng;
        } else if (!m_src->geometryProblem.isEmpty()) {
            problem = m_src->geometryProblem;
        } else {
            const QString lat = text(Field::Latitude), lng = text(Field::Longitude);
            bool okLat = false, okLng = false;
            e.latitude = lat.toDouble(&okLat);
            e.longitude = lng.toDouble(&okLng);
            if (lat.isEmpty() || lng.isEmpty())
                problem = QStringLiteral("missing coordinates");
            else if (!okLat || !okLng)
                problem = QStringLiteral("coordinates are not numbers ('%1', '%2')")
                              .arg(EventImporter::sanitizedExcerpt(lat), EventImporter::sanitizedExcerpt(lng));
        }
        if (problem.isEmpty()) {
            if (!std::isfinite(e.latitude) || !std::isfinite(e.longitude) || e.latitude < -90 || e.latitude > 90 ||
                e.longitude < -180 || e.longitude > 180)
                problem = QStringLiteral("coordinates out of range (%1, %2)").arg(e.latitude).arg(e.longitude);
            else if (e.latitude == 0 && e.longitude == 0)
                problem = QStringLiteral("coordinates are (0, 0), a failed geocode");
        }
        if (problem.isEmpty())
            return true;
        if (e.postalCode.isEmpty())
            return reject(problem + QStringLiteral(" and no ZIP code to place it by"));
        const auto zip = lookupZip(e.postalCode);
        if (!zip)
            return reject(problem +
                          QStringLiteral(" and ZIP '%1' is not a known US ZIP code")
                              .arg(EventImporter::sanitizedExcerpt(e.postalCode)));
        e.latitude = zip->lat;
        e.longitude = zip->lng;
        e.placedByZip = true;
        m_warnings << problem +
                QStringLiteral("; placed at the centre of ZIP %1 (%2, %3)").arg(zip->zip, zip->city, zip->state);
        return true;
    }

    bool readZone(ImportedEvent &e)
    {
        const QString rawState = text(Field::State);
        const QString state = rawState.toUpper();
        static const QRegularExpression code(QStringLiteral("^[A-Z]{2}$"));
        std::optional<ZipDirectory::Place> near;
        bool nearDone = false;
        auto nearby = [&] {
            if (!nearDone) {
                near = e.placedByZip ? lookupZip(e.postalCode) : nearbyZip(e.latitude, e.longitude);
                nearDone = true;
            }
            return near;
        };
        if (code.match(state).hasMatch()) {
            e.state = state;
        } else if (!rawState.isEmpty()) {
            // The schema keeps two-letter codes; "California" or "Calif." is
            // replaced by what the place says rather than losing the row.
            if (const auto p = nearby()) {
                e.state = p->state;
                m_warnings << QStringLiteral("state '%1' is not a two-letter code; used %2 from the location")
                                  .arg(EventImporter::sanitizedExcerpt(rawState), p->state);
            } else {
                m_warnings << QStringLiteral("state '%1' is not a two-letter code; left empty")
                                  .arg(EventImporter::sanitizedExcerpt(rawState));
            }
        }
        const QString given = text(Field::Timezone);
        if (!given.isEmpty() && QTimeZone(given.toUtf8()).isValid()) {
            e.timezone = given;
            return true;
        }
        QString from;
        if (const auto z = UsTimeZones::find(e.state)) {
            e.timezone = *z;
            from = QStringLiteral("the state");
        } else if (const auto p = nearby(); p && UsTimeZones::find(p->state)) {
            e.timezone = *UsTimeZones::find(p->state);
            from = QStringLiteral("the location");
        } else {
            e.timezone = zoneFromLongitude(e.longitude);
            from = QStringLiteral("the longitude");
        }
        if (!given.isEmpty())
            m_warnings << QStringLiteral("unknown time zone '%1'; used %2 from %3")
                              .arg(EventImporter::sanitizedExcerpt(given), e.timezone, from);
        return true;
    }

    bool readStart(ImportedEvent &e)
    {
        const QTimeZone tz(e.timezone.toUtf8());
        // The start may be spread over "date" and "start_time" ("18:00"):
        // try every column that matched, the first-ranked first.
        QList<int> cols;
        if (m_map.has(Field::Start))
            cols << m_map.indexOf(Field::Start);
        cols << m_map.alsoMatched.value(Field::Start);
        std::optional<QDate> date;
        std::optional<QTime> time;
        QString shown;
        for (const int c : std::as_const(cols)) {
            const QString v = valueAt(c);
            if (isNullish(v))
                continue;
            if (shown.isEmpty())
                shown = v;
            if (const auto dt = parseDateTime(v, tz)) {
                e.startsAt = *dt;
                return true;
            }
            if (!date)
                date = parseDate(v);
            if (!time)
                time = parseTime(v);
        }
        if (!date) {
            if (shown.isEmpty())
                return reject(QStringLiteral("missing start date"));
            return reject(QStringLiteral("unreadable start '%1' (expected YYYY-MM-DD or an ISO 8601 date and time)")
                              .arg(EventImporter::sanitizedExcerpt(shown)));
        }
        if (const QString t = text(Field::Time); !t.isEmpty()) {
            if (const auto tm = parseTime(t))
                time = tm;
            else
                m_warnings << QStringLiteral("unreadable time '%1'; imported as an all-day event")
                                  .arg(EventImporter::sanitizedExcerpt(t));
        }
        if (time) {
            e.startsAt = QDateTime(*date, *time, tz);
            return true;
        }
        e.startsAt = QDateTime(*date, QTime(0, 0), tz);
        e.allDay = true;
        return true;
    }

    bool readSize(ImportedEvent &e)
    {
        const SizeResult s = parseSize(value(Field::Size));
        e.capacity = s.capacity;
        if (!s.warning.isEmpty())
            m_warnings << s.warning;
        return true;
    }

    EventImporter::Report &m_r;
    const FieldMapping::Resolved &m_map;
    const SourceRow *m_src = nullptr;
    QStringList m_warnings;
    QHash<QString, int> m_seen;
};

void describeMapping(EventImporter::Report &r, const FieldMapping::Resolved &map, bool geometry)
{
    r.mapping << QStringLiteral("MAPPING %1 %2 (field <- column; rows numbered from 1 = first event)")
                     .arg(r.format)
                     .arg(r.format == QLatin1String("CSV") ? QStringLiteral("header") : QStringLiteral("properties"));
    auto quoted = [&](int idx) {
        return QLatin1Char('"') + EventImporter::sanitizedExcerpt(map.columns.value(idx)) + QLatin1Char('"');
    };
    QSet<int> used;
    for (const Field f : FieldMapping::fields()) {
        QString src;
        if (geometry && (f == Field::Latitude || f == Field::Longitude)) {
            src = QStringLiteral("geometry coordinates");
            if (map.has(f))
                src += QStringLiteral(" (features without geometry: %1)").arg(quoted(map.indexOf(f)));
        } else if (map.has(f)) {
            src = quoted(map.indexOf(f));
            if (map.overridden.value(f))
                src += QStringLiteral(" (--map)");
        } else {
            src = f == Field::Size ? QStringLiteral("(no column: sizes unknown)") : QStringLiteral("(no column)");
        }
        if (map.has(f))
            used.insert(map.indexOf(f));
        const QList<int> also = map.alsoMatched.value(f);
        if (!also.isEmpty()) {
            QStringList names;
            for (const int i : also) {
                names << quoted(i);
                used.insert(i);
            }
            src += QStringLiteral(", then %1 where empty").arg(names.join(QStringLiteral(", ")));
        }
        r.mapping << QStringLiteral("MAPPING %1 <- %2").arg(FieldMapping::name(f), src);
    }
    QStringList unused;
    for (int i = 0; i < map.columns.size(); ++i)
        if (!used.contains(i))
            unused << quoted(i);
    if (!unused.isEmpty())
        r.mapping << QStringLiteral("MAPPING ignored columns: %1").arg(unused.join(QStringLiteral(", ")));
}

EventImporter::Report importRows(EventImporter::Report r, const QStringList &columns, const QList<SourceRow> &rows,
                                 const FieldMapping &mapping, bool geometry)
{
    QString err;
    const auto map = mapping.resolve(columns, &err);
    if (!map) {
        r.fatal = err;
        return r;
    }
    describeMapping(r, *map, geometry);
    if (!geometry && (!map->has(Field::Latitude) || !map->has(Field::Longitude)) && !map->has(Field::Zip)) {
        r.fatal = QStringLiteral("no latitude/longitude or ZIP columns (columns: %1); name them with --map")
                      .arg(EventImporter::sanitizedExcerpt(columns.join(QStringLiteral(", "))));
        return r;
    }
    r.rows = int(rows.size());
    RowReader reader(r, *map);
    for (const SourceRow &row : rows)
        reader.read(row);
    return r;
}

QString jsonText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', 15);
    case QJsonValue::String: return v.toString();
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    default: return {};
    }
}

} // namespace

QString EventImporter::sanitizedExcerpt(const QString &text)
{
    QString out;
    out.reserve(std::min<qsizetype>(text.size(), 100));
    for (const QChar c : text) {
        const auto cat = c.category();
        if (c == u'\n' || c == u'\r' || c == u'\t')
            out += u' ';
        else if (cat == QChar::Other_Control || cat == QChar::Other_Format || cat == QChar::Other_Surrogate ||
                 cat == QChar::Other_NotAssigned)
            out += QChar(0xFFFD); // escape sequences, bidi overrides: shown, never obeyed
        else
            out += c;
        if (out.size() > 200)
            break;
    }
    out = out.simplified();
    if (out.size() > 80)
        out = out.left(77) + QStringLiteral("...");
    bool number = false;
    out.toDouble(&number); // "-5" is a number, not a formula
    if (!out.isEmpty() && QStringLiteral("=+-@").contains(out.front()) && !number)
        out.prepend(u'\'');
    return out;
}

QString EventImporter::Report::summary() const
{
    if (!fatal.isEmpty())
        return fatal;
    return QStringLiteral("%1 events (%2 all-day, %3 placed by ZIP, %4 without a size), %5 rows rejected, "
                          "%6 duplicates, %7 rows with warnings, of %8 rows")
        .arg(events.size())
        .arg(allDayCount())
        .arg(placedByZipCount())
        .arg(withoutSizeCount())
        .arg(rejected.size())
        .arg(duplicates.size())
        .arg(warnings.size())
        .arg(rows);
}

QStringList EventImporter::Report::lines() const
{
    QStringList out = mapping;
    struct Line
    {
        int row;
        int order;
        QString text;
    };
    QList<Line> rowsOut;
    auto add = [&](const QList<Rejection> &list, const char *kind, int order) {
        for (const Rejection &x : list)
            rowsOut.append(
                {x.row, order,
                 QStringLiteral("%1 row %2: %3 | %4").arg(QLatin1String(kind)).arg(x.row).arg(x.reason, x.excerpt)});
    };
    add(rejected, "REJECTED", 0);
    add(duplicates, "DUPLICATE", 1);
    add(warnings, "WARNING", 2);
    std::stable_sort(rowsOut.begin(), rowsOut.end(),
                     [](const Line &a, const Line &b) { return std::tie(a.row, a.order) < std::tie(b.row, b.order); });
    for (const Line &l : rowsOut)
        out << l.text;
    return out;
}

int EventImporter::Report::allDayCount() const
{
    return int(std::count_if(events.begin(), events.end(), [](const ImportedEvent &e) { return e.allDay; }));
}

int EventImporter::Report::placedByZipCount() const
{
    return int(std::count_if(events.begin(), events.end(), [](const ImportedEvent &e) { return e.placedByZip; }));
}

int EventImporter::Report::withoutSizeCount() const
{
    return int(std::count_if(events.begin(), events.end(), [](const ImportedEvent &e) { return e.capacity <= 0; }));
}

EventImporter::Report EventImporter::importFile(const QString &path, const FieldMapping &mapping)
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
        return importGeoJson(data, mapping);
    return importCsv(data, mapping);
}

EventImporter::Report EventImporter::importGeoJson(const QByteArray &data, const FieldMapping &mapping)
{
    Report r;
    r.format = QStringLiteral("GeoJSON");
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
    const QJsonArray features = root.value(QLatin1String("features")).toArray();
    // The columns are every property name any feature has, in first-seen order.
    QStringList columns;
    QHash<QString, int> index;
    for (const QJsonValue &fv : features) {
        const QJsonObject props = fv.toObject().value(QLatin1String("properties")).toObject();
        for (auto it = props.begin(); it != props.end(); ++it)
            if (!index.contains(it.key())) {
                index.insert(it.key(), int(columns.size()));
                columns << it.key();
            }
    }
    QList<SourceRow> rows;
    bool anyGeometry = false;
    for (int i = 0; i < features.size(); ++i) {
        SourceRow s;
        s.row = i + 1;
        const QJsonObject f = features.at(i).toObject();
        const QJsonObject props = f.value(QLatin1String("properties")).toObject();
        s.excerpt = sanitizedExcerpt(QString::fromUtf8(QJsonDocument(props).toJson(QJsonDocument::Compact)));
        s.values.resize(columns.size());
        for (auto it = props.begin(); it != props.end(); ++it)
            s.values[index.value(it.key())] = jsonText(it.value());
        const QJsonObject geom = f.value(QLatin1String("geometry")).toObject();
        if (!geom.isEmpty()) {
            anyGeometry = true;
            const QString type = geom.value(QLatin1String("type")).toString();
            const QJsonArray c = geom.value(QLatin1String("coordinates")).toArray();
            if (type != QLatin1String("Point"))
                s.geometryProblem = QStringLiteral("geometry is %1, not a Point")
                                        .arg(type.isEmpty() ? QStringLiteral("untyped") : sanitizedExcerpt(type));
            else if (c.size() < 2 || !c.at(0).isDouble() || !c.at(1).isDouble())
                s.geometryProblem = QStringLiteral("missing coordinates (Point without two numbers)");
            else {
                s.hasPoint = true;
                s.pointLng = c.at(0).toDouble(); // RFC 7946 order: longitude, latitude
                s.pointLat = c.at(1).toDouble();
            }
        }
        rows << s;
    }
    return importRows(std::move(r), columns, rows, mapping, anyGeometry);
}

QList<QStringList> EventImporter::parseCsv(const QByteArray &bytes, QString *error, QChar delimiter)
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
        } else if (ch == delimiter) {
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

EventImporter::Report EventImporter::importCsv(const QByteArray &data, const FieldMapping &mapping)
{
    Report r;
    r.format = QStringLiteral("CSV");
    // Spreadsheets in many locales save with ';' (or tabs): the header line
    // tells which.
    const QByteArray header = data.left(data.indexOf('\n'));
    QChar delimiter = u',';
    if (header.count(';') > header.count(',') && header.count(';') >= header.count('\t'))
        delimiter = u';';
    else if (header.count('\t') > header.count(','))
        delimiter = u'\t';
    QString perr;
    const QList<QStringList> table = parseCsv(data, &perr, delimiter);
    if (table.isEmpty()) {
        r.fatal = QStringLiteral("the file is empty");
        return r;
    }
    QStringList columns;
    for (const QString &c : table.first())
        columns << c.trimmed();
    QList<SourceRow> rows;
    QList<Rejection> malformed;
    for (int i = 1; i < table.size(); ++i) {
        SourceRow s;
        s.row = i;
        s.values = table.at(i);
        s.excerpt = sanitizedExcerpt(s.values.join(delimiter));
        if (s.values.size() != columns.size()) {
            malformed.append(
                {i, QStringLiteral("has %1 fields, the header has %2").arg(s.values.size()).arg(columns.size()),
                 s.excerpt});
            continue;
        }
        rows << s;
    }
    r = importRows(std::move(r), columns, rows, mapping, false);
    if (!r.fatal.isEmpty())
        return r;
    r.rows += int(malformed.size());
    r.rejected << malformed;
    if (!perr.isEmpty())
        r.rejected.append({int(table.size()) - 1, perr, QString()});
    return r;
}

} // namespace oc::sim

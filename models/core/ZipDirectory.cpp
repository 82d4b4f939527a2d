#include "ZipDirectory.h"

#include "GeoDistance.h"
#include "LogCategories.h"

#include <QFile>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <deque>
#include <numeric>
#include <string_view>
#include <unordered_map>

namespace oc {
namespace {

struct StateName
{
    const char *code;
    const char *name; // lower case, as cityKey-style words joined by spaces
};

// Includes territories so "San Juan, Puerto Rico" parses; only states and
// territories with ZIP rows in the data can ever match a city.
constexpr std::array<StateName, 56> kStates {{
    {"AL", "alabama"},
    {"AK", "alaska"},
    {"AZ", "arizona"},
    {"AR", "arkansas"},
    {"CA", "california"},
    {"CO", "colorado"},
    {"CT", "connecticut"},
    {"DE", "delaware"},
    {"DC", "district of columbia"},
    {"FL", "florida"},
    {"GA", "georgia"},
    {"HI", "hawaii"},
    {"ID", "idaho"},
    {"IL", "illinois"},
    {"IN", "indiana"},
    {"IA", "iowa"},
    {"KS", "kansas"},
    {"KY", "kentucky"},
    {"LA", "louisiana"},
    {"ME", "maine"},
    {"MD", "maryland"},
    {"MA", "massachusetts"},
    {"MI", "michigan"},
    {"MN", "minnesota"},
    {"MS", "mississippi"},
    {"MO", "missouri"},
    {"MT", "montana"},
    {"NE", "nebraska"},
    {"NV", "nevada"},
    {"NH", "new hampshire"},
    {"NJ", "new jersey"},
    {"NM", "new mexico"},
    {"NY", "new york"},
    {"NC", "north carolina"},
    {"ND", "north dakota"},
    {"OH", "ohio"},
    {"OK", "oklahoma"},
    {"OR", "oregon"},
    {"PA", "pennsylvania"},
    {"RI", "rhode island"},
    {"SC", "south carolina"},
    {"SD", "south dakota"},
    {"TN", "tennessee"},
    {"TX", "texas"},
    {"UT", "utah"},
    {"VT", "vermont"},
    {"VA", "virginia"},
    {"WA", "washington"},
    {"WV", "west virginia"},
    {"WI", "wisconsin"},
    {"WY", "wyoming"},
    {"PR", "puerto rico"},
    {"GU", "guam"},
    {"VI", "virgin islands"},
    {"AS", "american samoa"},
    {"MP", "northern mariana islands"},
}};

// Lower-case, accent-free words of `text`; every run of anything that is not
// a letter or digit separates words, so "Winston-Salem" and "Coeur d'Alene"
// split the way USPS spells them.
QStringList normalizedWords(const QString &text)
{
    QString s = text;
    bool ascii = true;
    for (QChar c : s) {
        if (c.unicode() >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (!ascii) {
        // Decompose so "é" becomes "e" + combining accent, then drop the accents.
        s = s.normalized(QString::NormalizationForm_KD);
        s.removeIf([](QChar c) { return c.category() == QChar::Mark_NonSpacing; });
    }
    QStringList words;
    QString cur;
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if ((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9')) {
            cur += c;
        } else if (u >= u'A' && u <= u'Z') {
            cur += QChar(char16_t(u + 32));
        } else if (u >= 0x80 && c.isLetterOrNumber()) {
            cur += c.toLower();
        } else if (!cur.isEmpty()) {
            words << cur;
            cur.clear();
        }
    }
    if (!cur.isEmpty())
        words << cur;
    return words;
}

QString keyFromWords(const QStringList &words)
{
    // USPS spells these out; people abbreviate them. Compass letters only
    // count inside longer names ("N Little Rock"), never as a whole name.
    auto expand = [multi = words.size() > 1](const QString &w) -> QLatin1StringView {
        if (w.size() > 3)
            return {};
        if (w == u"st")
            return QLatin1StringView("saint");
        if (w == u"ste")
            return QLatin1StringView("sainte");
        if (w == u"ft")
            return QLatin1StringView("fort");
        if (w == u"mt")
            return QLatin1StringView("mount");
        if (w == u"pt")
            return QLatin1StringView("point");
        if (multi && w == u"n")
            return QLatin1StringView("north");
        if (multi && w == u"s")
            return QLatin1StringView("south");
        if (multi && w == u"e")
            return QLatin1StringView("east");
        if (multi && w == u"w")
            return QLatin1StringView("west");
        return {};
    };
    QString key;
    key.reserve(32);
    for (const QString &w : words) {
        if (const QLatin1StringView full = expand(w); !full.isNull())
            key += full;
        else
            key += w;
    }
    return key;
}

// The two-letter code for a state given as code or name words, or empty.
QString stateFromWords(const QStringList &words)
{
    if (words.isEmpty())
        return {};
    const QString joined = words.join(QLatin1Char(' '));
    for (const StateName &s : kStates) {
        if (joined == QLatin1String(s.name) ||
            (words.size() == 1 && joined.compare(QLatin1String(s.code), Qt::CaseInsensitive) == 0))
            return QLatin1String(s.code);
    }
    return {};
}

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// "02139" or "02139-1234" -> "02139"; anything else -> empty.
QString zipPart(QStringView t)
{
    if (t.size() != 5 && t.size() != 10)
        return {};
    for (int i = 0; i < t.size(); ++i) {
        const bool ok = i == 5 ? t[i] == QLatin1Char('-') : isDigit(t[i]);
        if (!ok)
            return {};
    }
    return t.left(5).toString();
}

bool parseDouble(std::string_view v, double &out)
{
    const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    return ec == std::errc() && ptr == v.data() + v.size();
}

constexpr double kMinZipRadius = 3;
constexpr double kMaxZipRadius = 25;
constexpr double kMinCityRadius = 5;
constexpr double kMaxCityRadius = 60;

// The part of `text` holding its first `count` words (as normalizedWords()
// splits them), with the user's own spelling and case.
QString leadingWords(const QString &text, int count)
{
    int seen = 0;
    bool inWord = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const bool wordChar = text[i].isLetterOrNumber() || text[i].category() == QChar::Mark_NonSpacing;
        if (wordChar && !inWord && seen++ == count)
            return text.left(i).trimmed();
        inWord = wordChar;
    }
    return text;
}

QString noCityMessage(const QString &city)
{
    return QStringLiteral("No city named '%1' — try 'City, ST' or a ZIP code").arg(city);
}

} // namespace

bool ZipDirectory::load(const QString &path, QString *error)
{
    auto fail = [&](const QString &msg) {
        if (error)
            *error = msg;
        return false;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot open %1: %2").arg(path, file.errorString()));
    const QByteArray data = file.readAll();

    // Hand-rolled parsing over the raw bytes: splitting into QStrings per
    // field costs several times the 100 ms the whole load may take.
    const char *p = data.constData();
    const char *const end = p + data.size();
    const char *eol = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
    const std::string_view header(p, size_t((eol ? eol : end) - p));
    if (!header.starts_with("zip,lat,lng,city,state"))
        return fail(QStringLiteral("%1 is not a ZIP table (header '%2')")
                        .arg(path, QString::fromUtf8(header.data(), qsizetype(header.size()))));
    p = eol ? eol + 1 : end;

    std::vector<Place> places;
    places.reserve(size_t(data.size() / 36));
    // City and state names repeat a lot; sharing one QString per distinct
    // name saves most of the memory and the UTF-8 decoding, and the ids let
    // the city grouping below work on integers.
    std::unordered_map<std::string_view, int> nameIds;
    std::vector<QString> nameTexts;
    auto intern = [&](std::string_view v) {
        auto [it, inserted] = nameIds.try_emplace(v, int(nameTexts.size()));
        if (inserted)
            nameTexts.push_back(QString::fromUtf8(v.data(), qsizetype(v.size())));
        return it->second;
    };
    struct Ids
    {
        int city;
        int state;
    };
    std::vector<Ids> ids; // parallel to places
    ids.reserve(places.capacity());
    int badRows = 0;
    std::vector<std::string_view> fields;
    std::string unquoted;
    std::deque<std::string> quotedStore; // keeps unquoted fields alive (and unmoved) for intern()

    while (p < end) {
        const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        const char *lineEnd = nl ? nl : end;
        const char *next = nl ? nl + 1 : end;
        if (lineEnd > p && lineEnd[-1] == '\r')
            --lineEnd;
        if (lineEnd == p) {
            p = next;
            continue;
        }
        fields.clear();
        const char *f = p;
        for (;;) {
            const char *fe = nullptr; // the comma ending this field, or lineEnd
            if (f < lineEnd && *f == '"') {
                unquoted.clear();
                const char *q = f + 1;
                for (; q < lineEnd; ++q) {
                    if (*q == '"') {
                        if (q + 1 < lineEnd && q[1] == '"')
                            ++q;
                        else
                            break;
                    }
                    unquoted += *q;
                }
                quotedStore.push_back(unquoted);
                fields.emplace_back(quotedStore.back());
                fe = q < lineEnd ? q + 1 : lineEnd;
                if (const void *c = std::memchr(fe, ',', size_t(lineEnd - fe)))
                    fe = static_cast<const char *>(c);
            } else {
                const void *c = std::memchr(f, ',', size_t(lineEnd - f));
                fe = c ? static_cast<const char *>(c) : lineEnd;
                fields.emplace_back(f, size_t(fe - f));
            }
            if (fe >= lineEnd)
                break;
            f = fe + 1;
        }
        p = next;

        double lat = 0;
        double lng = 0;
        const bool ok = fields.size() >= 5 && fields[0].size() == 5 &&
            std::all_of(fields[0].begin(), fields[0].end(), [](char c) { return c >= '0' && c <= '9'; }) &&
            parseDouble(fields[1], lat) && parseDouble(fields[2], lng) && lat >= -90 && lat <= 90 && lng >= -180 &&
            lng <= 180 && !fields[3].empty() && fields[4].size() == 2;
        if (!ok) {
            ++badRows;
            continue;
        }
        Place place;
        place.zip = QString::fromLatin1(fields[0].data(), 5);
        place.lat = lat;
        place.lng = lng;
        const Ids id {intern(fields[3]), intern(fields[4])};
        place.city = nameTexts[size_t(id.city)];
        place.state = nameTexts[size_t(id.state)];
        ids.push_back(id);
        // Files without the kind column (older or hand-made) count as all-residential.
        place.residential = fields.size() < 6 || fields[5] != "P";
        places.push_back(std::move(place));
    }
    if (places.empty())
        return fail(QStringLiteral("%1 has no valid ZIP rows").arg(path));
    if (badRows > 0)
        logcat::map()->warn("{}: skipped {} malformed ZIP rows", path.toStdString(), badRows);

    auto zipLess = [&](int a, int b) { return places[size_t(a)].zip < places[size_t(b)].zip; };
    std::vector<int> order(places.size());
    std::iota(order.begin(), order.end(), 0);
    if (!std::is_sorted(order.begin(), order.end(), zipLess)) {
        std::stable_sort(order.begin(), order.end(), zipLess);
        std::vector<Place> sortedPlaces;
        std::vector<Ids> sortedIds;
        sortedPlaces.reserve(places.size());
        sortedIds.reserve(ids.size());
        for (int i : order) {
            sortedPlaces.push_back(std::move(places[size_t(i)]));
            sortedIds.push_back(ids[size_t(i)]);
        }
        places = std::move(sortedPlaces);
        ids = std::move(sortedIds);
    }
    std::vector<int> byZip(100000, -1);
    for (size_t i = 0; i < places.size(); ++i)
        byZip[size_t(places[i].zip.toInt())] = int(i);

    // Group ZIPs into cities by (normalized name, state). Different spellings
    // ("Mc Lean", "Mclean") share a key, so keys get ids of their own.
    struct Acc
    {
        double latSum = 0, lngSum = 0, allLatSum = 0, allLngSum = 0;
        int residential = 0, all = 0;
        std::vector<int> members;
    };
    std::vector<int> keyIdOfName(nameTexts.size(), -1);
    QHash<QString, int> keyIds;
    std::vector<QString> keys;
    std::unordered_map<quint64, int> cityOfGroup; // keyId << 32 | stateId -> index
    std::vector<City> cities;
    std::vector<Acc> accs;
    std::vector<int> cityKeyIds;
    for (size_t i = 0; i < places.size(); ++i) {
        const Place &pl = places[i];
        int &keyId = keyIdOfName[size_t(ids[i].city)];
        if (keyId < 0) {
            const QString key = cityKey(pl.city);
            auto it = keyIds.constFind(key);
            if (it == keyIds.cend()) {
                it = keyIds.insert(key, int(keys.size()));
                keys.push_back(key);
            }
            keyId = *it;
        }
        const quint64 group = (quint64(quint32(keyId)) << 32) | quint32(ids[i].state);
        auto [git, newCity] = cityOfGroup.try_emplace(group, int(cities.size()));
        if (newCity) {
            City c;
            c.name = pl.city;
            c.state = pl.state;
            cities.push_back(c);
            accs.emplace_back();
            cityKeyIds.push_back(keyId);
        }
        Acc &a = accs[size_t(git->second)];
        a.allLatSum += pl.lat;
        a.allLngSum += pl.lng;
        ++a.all;
        if (pl.residential) {
            a.latSum += pl.lat;
            a.lngSum += pl.lng;
            ++a.residential;
            a.members.push_back(int(i));
        }
    }
    std::vector<QList<int>> citiesOfKey(keys.size());
    for (size_t i = 0; i < cities.size(); ++i) {
        City &c = cities[i];
        const Acc &a = accs[i];
        c.zipCount = a.residential;
        c.lat = a.residential ? a.latSum / a.residential : a.allLatSum / a.all;
        c.lng = a.residential ? a.lngSum / a.residential : a.allLngSum / a.all;
        double spread = 0;
        for (int m : a.members)
            spread = std::max(spread, GeoDistance::miles(c.lat, c.lng, places[size_t(m)].lat, places[size_t(m)].lng));
        c.radiusMiles = std::clamp(spread + kMinZipRadius, kMinCityRadius, kMaxCityRadius);
        citiesOfKey[size_t(cityKeyIds[i])].append(int(i));
    }
    QHash<QString, QList<int>> byKey;
    byKey.reserve(qsizetype(keys.size()));
    for (size_t k = 0; k < keys.size(); ++k) {
        QList<int> &list = citiesOfKey[k];
        std::sort(list.begin(), list.end(), [&](int a, int b) {
            const City &ca = cities[size_t(a)];
            const City &cb = cities[size_t(b)];
            if (ca.zipCount != cb.zipCount)
                return ca.zipCount > cb.zipCount;
            if (accs[size_t(a)].all != accs[size_t(b)].all)
                return accs[size_t(a)].all > accs[size_t(b)].all;
            return ca.state < cb.state;
        });
        byKey.insert(keys[k], std::move(list));
    }

    m_places = std::move(places);
    m_byZip = std::move(byZip);
    m_cities = std::move(cities);
    m_citiesByKey = std::move(byKey);
    if (error)
        error->clear();
    return true;
}

const ZipDirectory &ZipDirectory::builtIn()
{
    static const ZipDirectory instance = [] {
        ZipDirectory d;
        QString err;
        if (!d.load(defaultPath(), &err))
            logcat::map()->error("ZIP directory unavailable: {}", err.toStdString());
        return d;
    }();
    return instance;
}

std::optional<ZipDirectory::Place> ZipDirectory::lookupZip(const QString &text, QString *error) const
{
    auto fail = [&](const QString &msg) -> std::optional<Place> {
        if (error)
            *error = msg;
        return std::nullopt;
    };
    const QString t = text.trimmed();
    if (t.isEmpty())
        return fail(QStringLiteral("Enter a 5-digit ZIP code"));
    const QString zip = zipPart(t);
    if (zip.isEmpty()) {
        if (std::all_of(t.begin(), t.end(), isDigit))
            return fail(QStringLiteral("A US ZIP code has 5 digits; '%1' has %2").arg(t).arg(t.size()));
        return fail(
            QStringLiteral("'%1' is not a ZIP code — use 5 digits like 02139, or ZIP+4 like 02139-4307").arg(t));
    }
    const int idx = m_byZip.empty() ? -1 : m_byZip[size_t(zip.toInt())];
    if (idx < 0)
        return fail(QStringLiteral("No US ZIP code %1").arg(zip));
    if (error)
        error->clear();
    return m_places[size_t(idx)];
}

QList<ZipDirectory::City> ZipDirectory::matchCity(const QString &key, const QString &state) const
{
    QList<City> out;
    for (int i : m_citiesByKey.value(key)) {
        const City &c = m_cities[size_t(i)];
        if (state.isEmpty() || c.state == state)
            out << c;
    }
    return out;
}

QList<ZipDirectory::City> ZipDirectory::lookupCity(const QString &text, QString *error) const
{
    auto fail = [&](const QString &msg) {
        if (error)
            *error = msg;
        return QList<City> {};
    };
    auto succeed = [&](const QList<City> &found) {
        if (error)
            error->clear();
        return found;
    };
    const QString t = text.trimmed();
    if (t.isEmpty())
        return fail(QStringLiteral("Enter a city, e.g. 'Cambridge, MA'"));

    QString cityText; // as the user typed it, for messages
    QStringList cityWords;
    QString state;
    if (const qsizetype comma = t.lastIndexOf(QLatin1Char(',')); comma >= 0) {
        cityText = t.left(comma).trimmed();
        const QString stateText = t.mid(comma + 1).trimmed();
        cityWords = normalizedWords(cityText);
        if (!stateText.isEmpty()) {
            state = stateFromWords(normalizedWords(stateText));
            if (state.isEmpty())
                return fail(
                    QStringLiteral("'%1' is not a US state — try 'City, ST', e.g. 'Cambridge, MA'").arg(stateText));
        }
        if (cityWords.isEmpty())
            return fail(QStringLiteral("Enter a city name before the state, e.g. 'Cambridge, MA'"));
        if (const QList<City> found = matchCity(keyFromWords(cityWords), state); !found.isEmpty())
            return succeed(found);
    } else {
        const QStringList words = normalizedWords(t);
        if (words.isEmpty())
            return fail(noCityMessage(t));
        // "cambridge ma", "Portland Oregon", "Charleston West Virginia": try a
        // trailing state, longest first, keeping at least one word of city.
        for (int n = std::min<int>(3, int(words.size()) - 1); n >= 1; --n) {
            const QString st = stateFromWords(words.mid(words.size() - n));
            if (st.isEmpty())
                continue;
            const QStringList head = words.first(words.size() - n);
            if (const QList<City> found = matchCity(keyFromWords(head), st); !found.isEmpty())
                return succeed(found);
            if (state.isEmpty()) { // the longest split explains a failure best
                state = st;
                cityWords = head;
                cityText = leadingWords(t, int(head.size()));
            }
        }
        // "Kansas City", "Virginia Beach", "Washington": a state word that is
        // part of the name.
        if (const QList<City> found = matchCity(keyFromWords(words), QString()); !found.isEmpty())
            return succeed(found);
        if (state.isEmpty()) {
            cityWords = words;
            cityText = t;
        }
    }

    if (!state.isEmpty()) {
        const QList<City> elsewhere = matchCity(keyFromWords(cityWords), QString());
        if (!elsewhere.isEmpty()) {
            QStringList states;
            for (const City &c : elsewhere)
                states << c.state;
            return fail(QStringLiteral("No city named '%1' in %2 — there is one in %3")
                            .arg(elsewhere.first().name, state, states.join(QStringLiteral(", "))));
        }
    }
    return fail(noCityMessage(cityText));
}

ZipDirectory::SearchResult ZipDirectory::search(const QString &text) const
{
    SearchResult r;
    const QString t = text.trimmed();
    if (t.isEmpty()) {
        r.error = QStringLiteral("Enter a ZIP code or a city, e.g. 02139 or 'Cambridge, MA'");
        return r;
    }
    const bool hasLetters = std::any_of(t.begin(), t.end(), [](QChar c) { return c.isLetter(); });
    QString zipText;
    if (!hasLetters) {
        zipText = t;
    } else {
        // "Cambridge, MA 02139": the ZIP is the more precise part.
        for (const QString &token : t.split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts)) {
            if (!zipPart(token).isEmpty()) {
                zipText = token;
                break;
            }
        }
    }
    if (!zipText.isEmpty()) {
        const std::optional<Place> place = lookupZip(zipText, &r.error);
        if (!place)
            return r;
        r.ok = true;
        r.lat = place->lat;
        r.lng = place->lng;
        r.zip = place->zip;
        r.label = QStringLiteral("%1, %2 %3").arg(place->city, place->state, place->zip);
        r.radiusMiles = zipRadiusMiles(*place);
        return r;
    }
    QList<City> cities = lookupCity(t, &r.error);
    if (cities.isEmpty())
        return r;
    const City best = cities.takeFirst();
    r.ok = true;
    r.lat = best.lat;
    r.lng = best.lng;
    r.label = best.label();
    r.radiusMiles = best.radiusMiles;
    r.alternatives = cities;
    return r;
}

double ZipDirectory::zipRadiusMiles(const Place &place) const
{
    // A ZIP's size is unknown, but its spacing to the nearest neighbour
    // tracks it: ~1 mile apart downtown, tens of miles apart in the plains.
    double nearestMiles = kMaxZipRadius;
    for (const Place &other : m_places) {
        if (!other.residential || other.zip == place.zip)
            continue;
        // Cheap reject before the trigonometry: a degree of latitude is ~69 miles.
        if (std::abs(other.lat - place.lat) * 69.0 > nearestMiles)
            continue;
        nearestMiles = std::min(nearestMiles, GeoDistance::miles(place.lat, place.lng, other.lat, other.lng));
    }
    return std::clamp(nearestMiles * 1.5, kMinZipRadius, kMaxZipRadius);
}

std::vector<ZipDirectory::Place> ZipDirectory::nearest(double lat, double lng, int count, bool residentialOnly) const
{
    std::vector<std::pair<double, int>> byDistance;
    byDistance.reserve(m_places.size());
    for (size_t i = 0; i < m_places.size(); ++i) {
        const Place &pl = m_places[i];
        if (!residentialOnly || pl.residential)
            byDistance.emplace_back(GeoDistance::miles(lat, lng, pl.lat, pl.lng), int(i));
    }
    const size_t n = std::min(byDistance.size(), size_t(std::max(0, count)));
    std::partial_sort(byDistance.begin(), byDistance.begin() + qsizetype(n), byDistance.end());
    std::vector<Place> out;
    out.reserve(n);
    for (size_t i = 0; i < n; ++i)
        out.push_back(m_places[size_t(byDistance[i].second)]);
    return out;
}

double ZipDirectory::distanceMiles(double lat1, double lng1, double lat2, double lng2)
{
    return GeoDistance::miles(lat1, lng1, lat2, lng2);
}

QString ZipDirectory::cityKey(const QString &name)
{
    return keyFromWords(normalizedWords(name));
}

} // namespace oc

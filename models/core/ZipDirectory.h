#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace oc {

// Offline US ZIP code and city gazetteer, built from resources/data/zips.csv
// (Census ZCTA centroids named with USPS city/state names; see SOURCES.md).
// Lets organizers type "02139" or "Cambridge, MA" without any network lookup,
// and gives the simulator real places where people live.
//
// Read-only after load(), so one instance can be shared between threads.
class ZipDirectory
{
public:
    struct Place
    {
        QString zip; // always 5 digits
        double lat = 0;
        double lng = 0;
        QString city; // USPS "preferred" city name, e.g. "Saint Paul"
        QString state; // two-letter code
        // False for PO-box and similar ZIPs without a Census area of their
        // own: they sit at their town's centroid and have no residents.
        bool residential = true;
    };

    struct City
    {
        QString name;
        QString state;
        double lat = 0; // mean of the city's residential ZIP centroids
        double lng = 0;
        int zipCount = 0; // residential ZIPs; how "big" the city is, since no
                          // population figure ships with the data
        double radiusMiles = 0; // covers the city's ZIP centroids, for a search radius
        QString label() const { return name + QStringLiteral(", ") + state; }
    };

    struct SearchResult
    {
        bool ok = false;
        double lat = 0;
        double lng = 0;
        QString label; // "02139 · Cambridge, MA" or "Cambridge, MA"
        double radiusMiles = 0; // sensible default search radius around the point
        QString zip; // set when the query was a ZIP code
        QList<City> alternatives; // other cities of that name, when it was ambiguous
        QString error; // human-readable, set when !ok
    };

    ZipDirectory() = default;

    static QString defaultPath() { return QStringLiteral(":/oc/data/zips.csv"); }

    // Replaces the contents with the CSV at `path`; false with `error` set
    // when it cannot be read or has no valid row.
    bool load(const QString &path = defaultPath(), QString *error = nullptr);
    // The built-in data, loaded on first use (thread-safe).
    static const ZipDirectory &builtIn();

    bool isEmpty() const { return m_places.empty(); }
    int size() const { return int(m_places.size()); }

    // Accepts "02139", "02139-1234" and surrounding spaces. Anything else, or
    // an unknown ZIP, gives nullopt and a reason in `error`.
    std::optional<Place> lookupZip(const QString &text, QString *error = nullptr) const;

    // Accepts "Cambridge, MA", "cambridge ma", "Cambridge Massachusetts",
    // "St. Paul", "SAN JOSÉ"; case, accents, punctuation and St/Ft/Mt
    // abbreviations don't matter. Returns every matching city, the most likely
    // (most ZIP codes) first; empty with a reason in `error` when none matches.
    QList<City> lookupCity(const QString &text, QString *error = nullptr) const;

    // Decides whether `text` is a ZIP code or a city and resolves it.
    SearchResult search(const QString &text) const;

    // Every ZIP, sorted by ZIP code. The simulator draws from those with
    // `residential` set to place events where people live.
    const std::vector<Place> &places() const { return m_places; }

    // The `count` ZIPs nearest to a point, nearest first.
    std::vector<Place> nearest(double lat, double lng, int count, bool residentialOnly = true) const;

    static double distanceMiles(double lat1, double lng1, double lat2, double lng2);

    // "st. paul" -> "saintpaul": the form both queries and data are compared in.
    static QString cityKey(const QString &name);

private:
    QList<City> matchCity(const QString &key, const QString &state) const;
    double zipRadiusMiles(const Place &place) const;

    std::vector<Place> m_places;
    std::vector<int> m_byZip; // 100000 slots: ZIP number -> index or -1
    std::vector<City> m_cities;
    QHash<QString, QList<int>> m_citiesByKey; // cityKey -> indexes into m_cities, biggest first
};

} // namespace oc

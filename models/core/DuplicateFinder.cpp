#include "DuplicateFinder.h"

#include "GeoDistance.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace oc {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kMilesPerDegreeLat = GeoDistance::kEarthRadiusMiles * kPi / 180.0;
// Levenshtein is quadratic; titles that agree on their first 160 normalized
// characters are near-identical for our purpose anyway.
constexpr qsizetype kMaxLevenshteinChars = 160;

struct Prepared
{
    QString norm;
    QStringList tokens; // sorted, unique
};

qint64 floorToInt(double v)
{
    return qint64(std::floor(v));
}

struct CellKey
{
    qint64 row;
    qint64 col;
    bool operator==(const CellKey &o) const { return row == o.row && col == o.col; }
};
struct CellHash
{
    size_t operator()(const CellKey &k) const noexcept
    {
        return std::hash<qint64>()(k.row * 1000003LL) ^ std::hash<qint64>()(k.col);
    }
};

} // namespace

QString DuplicateFinder::normalizeTitle(const QString &title)
{
    const QString decomposed = title.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    bool space = true;
    for (const QChar c : decomposed) {
        const QChar::Category cat = c.category();
        // Accents and invisible format characters (bidi marks, zero-width
        // joiners) must not make two copies of a title look different.
        if (cat == QChar::Mark_NonSpacing || cat == QChar::Mark_SpacingCombining || cat == QChar::Mark_Enclosing ||
            cat == QChar::Other_Format)
            continue;
        if (c.isLetterOrNumber() || c.isSurrogate()) {
            out += c.toCaseFolded();
            space = false;
        } else if (!space) {
            out += QLatin1Char(' ');
            space = true;
        }
    }
    if (out.endsWith(QLatin1Char(' ')))
        out.chop(1);
    return out;
}

double DuplicateFinder::levenshteinRatio(const QString &a0, const QString &b0)
{
    const QString a = a0.left(kMaxLevenshteinChars);
    const QString b = b0.left(kMaxLevenshteinChars);
    const qsizetype n = a.size(), m = b.size();
    if (n == 0 || m == 0)
        return 0;
    std::vector<int> prev(size_t(m) + 1), cur(size_t(m) + 1);
    for (qsizetype j = 0; j <= m; ++j)
        prev[size_t(j)] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[size_t(j)] = std::min({prev[size_t(j)] + 1, cur[size_t(j) - 1] + 1, prev[size_t(j) - 1] + cost});
        }
        std::swap(prev, cur);
    }
    return 1.0 - double(prev[size_t(m)]) / double(std::max(n, m));
}

double DuplicateFinder::tokenJaccard(const QStringList &a, const QStringList &b)
{
    if (a.isEmpty() || b.isEmpty())
        return 0;
    qsizetype i = 0, j = 0, common = 0;
    while (i < a.size() && j < b.size()) {
        const int c = a[i].compare(b[j]);
        if (c == 0) {
            ++common;
            ++i;
            ++j;
        } else if (c < 0) {
            ++i;
        } else {
            ++j;
        }
    }
    return double(common) / double(a.size() + b.size() - common);
}

static QStringList tokensOf(const QString &norm)
{
    QStringList t = norm.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    std::sort(t.begin(), t.end());
    t.erase(std::unique(t.begin(), t.end()), t.end());
    return t;
}

double DuplicateFinder::titleSimilarity(const QString &normalizedA, const QString &normalizedB)
{
    if (normalizedA.isEmpty() || normalizedB.isEmpty())
        return 0;
    if (normalizedA == normalizedB)
        return 1;
    const double jac = tokenJaccard(tokensOf(normalizedA), tokensOf(normalizedB));
    return std::max(jac, levenshteinRatio(normalizedA, normalizedB));
}

std::vector<DuplicateFinder::Pair> DuplicateFinder::find(const std::vector<Candidate> &events) const
{
    const size_t n = events.size();
    std::vector<Prepared> prep(n);
    for (size_t i = 0; i < n; ++i) {
        prep[i].norm = normalizeTitle(events[i].title);
        prep[i].tokens = tokensOf(prep[i].norm);
    }
    const double minSim = m_options.minTitleSimilarity;
    auto similarity = [&](size_t i, size_t j) {
        const QString &a = prep[i].norm, &b = prep[j].norm;
        if (a.isEmpty() || b.isEmpty())
            return 0.0;
        if (a == b)
            return 1.0;
        const double jac = tokenJaccard(prep[i].tokens, prep[j].tokens);
        if (jac >= minSim)
            return jac;
        // The edit distance is at least the length difference, so most
        // pairs are ruled out without the quadratic part.
        const double la = double(std::min(a.size(), kMaxLevenshteinChars));
        const double lb = double(std::min(b.size(), kMaxLevenshteinChars));
        if (1.0 - std::abs(la - lb) / std::max(la, lb) < minSim)
            return jac;
        return std::max(jac, levenshteinRatio(a, b));
    };
    auto milesBetween = [&](size_t i, size_t j) {
        const Candidate &a = events[i], &b = events[j];
        if (!a.latitude || !a.longitude || !b.latitude || !b.longitude)
            return -1.0;
        return GeoDistance::miles(*a.latitude, *a.longitude, *b.latitude, *b.longitude);
    };

    std::map<std::pair<qint64, qint64>, Pair> found;
    auto add = [&](size_t i, size_t j, unsigned reason, double sim, double miles) {
        qint64 a = events[i].id, b = events[j].id;
        if (a == b)
            return;
        if (a > b)
            std::swap(a, b);
        Pair &p = found[{a, b}];
        p.a = a;
        p.b = b;
        p.reasons |= reason;
        p.titleSimilarity = sim;
        p.miles = miles;
    };

    std::unordered_map<qint64, std::vector<size_t>> byDay;
    for (size_t i = 0; i < n; ++i)
        if (events[i].localDay.isValid())
            byDay[events[i].localDay.toJulianDay()].push_back(i);

    const double radius = m_options.radiusMiles;
    // Cells are one radius tall; a cell's width is one radius at its
    // pole-ward edge, so a neighbour within the radius is always in the
    // 3 x k block of cells searched below.
    const double cellLat = radius / kMilesPerDegreeLat;
    auto lonCellWidth = [&](qint64 row) {
        const double edge =
            std::min(89.0, std::max(std::abs(double(row) * cellLat), std::abs(double(row + 1) * cellLat)));
        return cellLat / std::cos(edge * kPi / 180.0);
    };

    for (auto &[day, idx] : byDay) {
        Q_UNUSED(day);
        if (idx.size() < 2)
            continue;

        std::unordered_map<qint64, std::vector<size_t>> byHost;
        for (size_t i : idx)
            if (events[i].hostId != 0)
                byHost[events[i].hostId].push_back(i);
        for (auto &[host, group] : byHost) {
            Q_UNUSED(host);
            if (group.size() < 2 || int(group.size()) > m_options.maxSameHostGroup)
                continue;
            for (size_t x = 0; x < group.size(); ++x)
                for (size_t y = x + 1; y < group.size(); ++y)
                    add(group[x], group[y], SameHost, similarity(group[x], group[y]), milesBetween(group[x], group[y]));
        }

        if (radius <= 0)
            continue;
        std::unordered_map<CellKey, std::vector<size_t>, CellHash> grid;
        for (size_t i : idx) {
            const Candidate &e = events[i];
            if (!e.latitude || !e.longitude)
                continue;
            const qint64 row = floorToInt(*e.latitude / cellLat);
            grid[{row, floorToInt(*e.longitude / lonCellWidth(row))}].push_back(i);
        }
        for (size_t i : idx) {
            const Candidate &e = events[i];
            if (!e.latitude || !e.longitude || prep[i].norm.isEmpty())
                continue;
            const double lat = *e.latitude, lon = *e.longitude;
            const double maxLat = std::min(89.0, std::abs(lat) + cellLat);
            const double dLon = radius / (kMilesPerDegreeLat * std::cos(maxLat * kPi / 180.0));
            for (qint64 row = floorToInt((lat - cellLat) / cellLat); row <= floorToInt((lat + cellLat) / cellLat);
                 ++row) {
                const double w = lonCellWidth(row);
                for (qint64 col = floorToInt((lon - dLon) / w); col <= floorToInt((lon + dLon) / w); ++col) {
                    const auto it = grid.find({row, col});
                    if (it == grid.end())
                        continue;
                    for (size_t j : it->second) {
                        if (j <= i)
                            continue; // each unordered pair once
                        const double miles = milesBetween(i, j);
                        if (miles < 0 || miles > radius)
                            continue;
                        const double sim = similarity(i, j);
                        if (sim >= minSim)
                            add(i, j, SimilarTitleNearby, sim, miles);
                    }
                }
            }
        }
    }

    std::vector<Pair> out;
    out.reserve(found.size());
    for (auto &[key, p] : found)
        out.push_back(p);
    return out;
}

} // namespace oc

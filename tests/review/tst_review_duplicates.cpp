#include "DuplicateFinder.h"
#include "GeoDistance.h"

#include <QRandomGenerator>
#include <QTest>

#include <set>

using namespace oc;
using Cand = DuplicateFinder::Candidate;

namespace {

const QDate kDay(2026, 10, 3);

Cand ev(qint64 id, qint64 host, const QString &title, double lat, double lon, QDate day = kDay)
{
    Cand c;
    c.id = id;
    c.hostId = host;
    c.title = title;
    c.latitude = lat;
    c.longitude = lon;
    c.localDay = day;
    return c;
}

// Miles to degrees of latitude.
double dLat(double miles)
{
    return miles / (GeoDistance::kEarthRadiusMiles * 3.14159265358979323846 / 180.0);
}

} // namespace

class TestReviewDuplicates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void normalization()
    {
        QCOMPARE(DuplicateFinder::normalizeTitle(QStringLiteral("  Caf\u00e9 RALLY!!  in   Erie ")),
                 QStringLiteral("cafe rally in erie"));
        // Bidi and zero-width characters must not make copies look different.
        QCOMPARE(DuplicateFinder::normalizeTitle(QStringLiteral("Door\u200b-knock \u202eErie")),
                 QStringLiteral("door knock erie"));
        QCOMPARE(DuplicateFinder::normalizeTitle(QStringLiteral("!!!")), QString());
    }

    void similarityMeasures()
    {
        QCOMPARE(DuplicateFinder::levenshteinRatio(QStringLiteral("kitten"), QStringLiteral("sitting")),
                 1.0 - 3.0 / 7.0);
        QCOMPARE(DuplicateFinder::levenshteinRatio(QStringLiteral("abc"), QStringLiteral("abc")), 1.0);
        QCOMPARE(DuplicateFinder::levenshteinRatio(QString(), QStringLiteral("abc")), 0.0);
        QCOMPARE(DuplicateFinder::tokenJaccard({QStringLiteral("a"), QStringLiteral("b")},
                                               {QStringLiteral("b"), QStringLiteral("c")}),
                 1.0 / 3.0);
        // Word order does not matter to the token measure.
        QCOMPARE(DuplicateFinder::titleSimilarity(QStringLiteral("canvass kickoff erie"),
                                                  QStringLiteral("erie canvass kickoff")),
                 1.0);
    }

    void craftedCases()
    {
        std::vector<Cand> v {
            // 1 & 2: same host, same day, far apart, different titles -> same host
            ev(1, 10, QStringLiteral("Phone bank"), 40.44, -79.99),
            ev(2, 10, QStringLiteral("Evening canvass"), 41.00, -80.50),
            // 3: same host as 1, other day -> not a duplicate of 1 or 2
            ev(3, 10, QStringLiteral("Phone bank"), 40.44, -79.99, kDay.addDays(1)),
            // 4 & 5: near-identical titles 0.3 mi apart, same day, different hosts
            ev(4, 20, QStringLiteral("Canvass Kickoff in Pittsburgh!"), 40.4406, -79.9959),
            ev(5, 21, QStringLiteral("canvass kick-off in pittsburgh"), 40.4406 + dLat(0.3), -79.9959),
            // 6: same title as 4, but 5 miles away
            ev(6, 22, QStringLiteral("Canvass Kickoff in Pittsburgh"), 40.4406 + dLat(5), -79.9959),
            // 7: same title and place as 4, another day
            ev(7, 23, QStringLiteral("Canvass Kickoff in Pittsburgh"), 40.4406, -79.9959, kDay.addDays(2)),
            // 8: same place and day as 4, unrelated title
            ev(8, 24, QStringLiteral("Debate watch party"), 40.4406, -79.9959),
            // 9: no location, same title as 4 -> only host rules could match it
            Cand {9, 25, QStringLiteral("Canvass Kickoff in Pittsburgh"), std::nullopt, std::nullopt, kDay},
            // 10: no host known (0) on same day as others -> never a same-host pair
            ev(10, 0, QStringLiteral("Rally"), 30.0, -90.0),
            ev(11, 0, QStringLiteral("March"), 31.0, -91.0),
        };
        const auto pairs = DuplicateFinder().find(v);
        std::set<std::pair<qint64, qint64>> got;
        for (const auto &p : pairs)
            got.insert({p.a, p.b});
        const std::set<std::pair<qint64, qint64>> want {{1, 2}, {4, 5}};
        QCOMPARE(got, want);
        for (const auto &p : pairs) {
            if (p.a == 1) {
                QCOMPARE(p.reasons, unsigned(DuplicateFinder::SameHost));
            } else {
                QCOMPARE(p.reasons, unsigned(DuplicateFinder::SimilarTitleNearby));
                QVERIFY(p.miles > 0.29 && p.miles < 0.31);
                QVERIFY(p.titleSimilarity >= 0.8);
            }
        }
    }

    void bothReasonsAreMerged()
    {
        std::vector<Cand> v {ev(1, 5, QStringLiteral("Town hall"), 39.0, -77.0),
                             ev(2, 5, QStringLiteral("Town Hall"), 39.0, -77.0)};
        const auto pairs = DuplicateFinder().find(v);
        QCOMPARE(pairs.size(), size_t(1));
        QCOMPARE(pairs[0].reasons, unsigned(DuplicateFinder::SameHost | DuplicateFinder::SimilarTitleNearby));
        QCOMPARE(pairs[0].miles, 0.0);
    }

    void acrossCellBoundariesAndLongitudes()
    {
        // Points straddling grid lines in both directions, at a high latitude
        // where a degree of longitude is short, and across the prime meridian.
        const double cell = dLat(1.0);
        std::vector<Cand> v {
            ev(1, 1, QStringLiteral("Vigil"), cell * 1000 - dLat(0.2), 10.0),
            ev(2, 2, QStringLiteral("Vigil"), cell * 1000 + dLat(0.2), 10.0),
            ev(3, 3, QStringLiteral("Vigil north"), 64.0, -0.005),
            ev(4, 4, QStringLiteral("Vigil north"), 64.0, 0.005),
        };
        std::set<std::pair<qint64, qint64>> got;
        for (const auto &p : DuplicateFinder().find(v))
            got.insert({p.a, p.b});
        QVERIFY(got.count({1, 2}));
        QVERIFY(got.count({3, 4}));
    }

    void gridMatchesBruteForce()
    {
        // Dense random events in three metro areas: the grid must find
        // exactly the pairs an all-pairs comparison finds.
        QRandomGenerator rng(20261003);
        const QStringList titles {QStringLiteral("Canvass kickoff"), QStringLiteral("Canvass kick-off"),
                                  QStringLiteral("Phone bank"),      QStringLiteral("Phonebank!"),
                                  QStringLiteral("Debate watch"),    QStringLiteral("Postcard party")};
        const double centers[3][2] = {{40.44, -79.99}, {47.6, -122.3}, {25.77, -80.19}};
        std::vector<Cand> v;
        for (int i = 0; i < 1500; ++i) {
            const auto &c = centers[i % 3];
            v.push_back(ev(i + 1, 1000 + rng.bounded(900), titles[rng.bounded(int(titles.size()))],
                           c[0] + (rng.generateDouble() - 0.5) * 0.2, c[1] + (rng.generateDouble() - 0.5) * 0.2,
                           kDay.addDays(rng.bounded(3))));
        }
        const DuplicateFinder finder;
        std::set<std::pair<qint64, qint64>> grid;
        for (const auto &p : finder.find(v))
            grid.insert({p.a, p.b});
        std::set<std::pair<qint64, qint64>> brute;
        for (size_t i = 0; i < v.size(); ++i)
            for (size_t j = i + 1; j < v.size(); ++j) {
                const Cand &a = v[i], &b = v[j];
                if (a.localDay != b.localDay)
                    continue;
                const bool host = a.hostId != 0 && a.hostId == b.hostId;
                const double miles = GeoDistance::miles(*a.latitude, *a.longitude, *b.latitude, *b.longitude);
                const double sim = DuplicateFinder::titleSimilarity(DuplicateFinder::normalizeTitle(a.title),
                                                                    DuplicateFinder::normalizeTitle(b.title));
                if (host || (miles <= 1.0 && sim >= 0.8))
                    brute.insert({std::min(a.id, b.id), std::max(a.id, b.id)});
            }
        QVERIFY(!brute.empty());
        QCOMPARE(grid, brute);
    }

    void tenThousandPendingEvents()
    {
        // Scale check: 10k events spread over the country finish (the ctest
        // timeout is the bound; nothing here measures time).
        QRandomGenerator rng(7);
        std::vector<Cand> v;
        v.reserve(10000);
        for (int i = 0; i < 10000; ++i)
            v.push_back(ev(i + 1, i + 1, QStringLiteral("Event number %1 in town").arg(rng.bounded(500)),
                           25 + rng.generateDouble() * 23, -124 + rng.generateDouble() * 57,
                           kDay.addDays(rng.bounded(30))));
        v.push_back(
            ev(20001, 1, QStringLiteral("Event number 1 in town"), *v[0].latitude, *v[0].longitude, v[0].localDay));
        const auto pairs = DuplicateFinder().find(v);
        bool found = false;
        for (const auto &p : pairs)
            found = found || (p.a == 1 && p.b == 20001);
        QVERIFY(found);
    }
};

QTEST_GUILESS_MAIN(TestReviewDuplicates)
#include "tst_review_duplicates.moc"

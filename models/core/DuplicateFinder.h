#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace oc {

// Finds events that are probably the same event entered twice: the same host
// on the same local day, or near-identical titles within a short distance on
// the same local day. Pure and deterministic; for 10k pending events it
// compares only events that share a day and a ~radius-sized grid cell (or a
// neighbouring one), never all pairs.
class DuplicateFinder
{
public:
    struct Candidate
    {
        qint64 id = 0;
        qint64 hostId = 0; // 0 = unknown host
        QString title;
        std::optional<double> latitude;
        std::optional<double> longitude;
        QDate localDay; // the day in the event's own time zone
    };

    enum Reason : unsigned { SameHost = 1, SimilarTitleNearby = 2 };

    struct Pair
    {
        qint64 a = 0; // a < b
        qint64 b = 0;
        unsigned reasons = 0;
        double titleSimilarity = 0; // 0..1
        double miles = -1; // -1 when either has no location

        friend bool operator==(const Pair &, const Pair &) = default;
    };

    struct Options
    {
        double radiusMiles = 1.0;
        double minTitleSimilarity = 0.8;
        // A host with more events than this on one day is an organization
        // running a series, not a double submission; pairing them all would
        // be quadratic noise.
        int maxSameHostGroup = 25;
    };

    DuplicateFinder() = default;
    explicit DuplicateFinder(Options o)
        : m_options(o)
    {
    }

    // Pairs sorted by (a, b).
    std::vector<Pair> find(const std::vector<Candidate> &events) const;

    // Lowercased, accents folded, punctuation dropped, whitespace collapsed.
    static QString normalizeTitle(const QString &title);
    // Max of token Jaccard and Levenshtein ratio of the normalized titles.
    static double titleSimilarity(const QString &normalizedA, const QString &normalizedB);
    static double levenshteinRatio(const QString &a, const QString &b);
    static double tokenJaccard(const QStringList &a, const QStringList &b);

private:
    Options m_options;
};

} // namespace oc

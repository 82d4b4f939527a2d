#pragma once

#include "ImportedEvent.h"

#include <QList>
#include <QString>

#include <cstdint>

namespace oc {
class PgSession;
} // namespace oc

namespace oc::sim {

// Fills an empty hub with a campaign, hosts, supporters and events placed
// where people live (random residential ZIP centroids, so dense regions get
// more events), plus an initial RSVP history.
class Seeder
{
public:
    struct Options
    {
        QString campaignSlug = QStringLiteral("day-of-action");
        QString campaignTitle = QStringLiteral("Day of Action");
        int events = 2000;
        int supporters = 20000;
        qint64 rsvps = 20000;
        double approvedShare = 0.80;
        double needsReviewShare = 0.15; // the rest is cancelled
        double noCoordinatesShare = 0.01; // failed geocodes, as in real lists
        quint32 seed = 42;
    };

    explicit Seeder(PgSession &session)
        : m_session(session)
    {
    }

    // Returns the campaign id. Does nothing but return the id if the campaign exists.
    qint64 seed(const Options &o);
    // Inserts imported events (as needing review) into the campaign.
    int insertImported(qint64 campaignId, const QList<ImportedEvent> &events);

private:
    PgSession &m_session;
};

} // namespace oc::sim

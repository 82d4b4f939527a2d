#pragma once

#include <QString>
#include <QStringList>

namespace oc {
class PgSession;
} // namespace oc

namespace oc::sim {

// Fills a Mobilize-mirror-shaped database (resources/sql/mobilize/mirror.sql:
// private tables behind views named and typed as Mobilize's SQL data
// dictionary) the way a real organization's mirror looks: our own events at
// US ZIP centroids plus events promoted from another organization, a main
// event campaign and a few others, failed geocodes, events waiting for
// approval (some duplicates, some hostile text), users and a participation
// history with confirmations, cancellations and cross-firewall rows.
class MirrorSeeder
{
public:
    struct Options
    {
        QString campaignSlug = QStringLiteral("day-of-action");
        QStringList otherSlugs {QStringLiteral("phone-bank-week"), QStringLiteral("voter-registration"),
                                QStringLiteral("house-parties")};
        int events = 2000;
        int users = 20000;
        qint64 participations = 20000;
        double mainCampaignShare = 0.7;
        double promotedShare = 0.08; // owned by the partner organization
        double noCoordinatesShare = 0.03; // geocoding failed or not done yet
        double needsApprovalShare = 0.12;
        double crossFirewallShare = 0.02;
        quint32 seed = 42;
    };

    // The organizations the mirror belongs to and promotes; the streamer
    // writes under the same ids.
    static constexpr int kOwnOrganization = 1001;
    static constexpr int kPartnerOrganization = 2002;

    explicit MirrorSeeder(PgSession &session)
        : m_session(session)
    {
    }

    // Applies mirror.sql when the dictionary's views are missing; true if it did.
    // Our own demo database only: the console never creates anything in a
    // customer's mirror.
    bool ensureSchema();
    // Seeds once: a mirror that already has events is left as it is.
    // Returns the number of events in the mirror afterwards.
    qint64 seed(const Options &o);

private:
    PgSession &m_session;
};

} // namespace oc::sim

#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace oc {

enum class Approval : quint8 { NeedsApproval = 0, Approved = 1, Rejected = 2, Cancelled = 3 };

// What the map shows: needs review / approved / full / cancelled.
enum class MarkerState : quint8 { NeedsReview = 0, Approved = 1, Full = 2, Cancelled = 3 };

// One event as the console knows it: the row plus its live RSVP count.
struct EventRecord
{
    qint64 id = 0;
    qint64 campaignId = 0;
    qint64 hostId = 0;
    QString title;
    QString hostName;
    QString hostEmail;
    QString hostPhone;
    QString hostPrep;
    QDateTime startsAt;
    QString timezone;
    QString venue;
    QString address;
    QString city;
    QString state;
    QString postalCode;
    std::optional<double> latitude;
    std::optional<double> longitude;
    int capacity = 0; // 0 = unlimited
    Approval approval = Approval::NeedsApproval;
    bool flagged = false;
    QString reviewedBy;
    QDateTime createdAt;
    QDateTime updatedAt;
    int version = 0;
    qint64 rsvps = 0;
    // A Mobilize mirror lists events of organizations it promotes next to its
    // own; the hub has none (HubFeed leaves it false).
    bool promoted = false;
    // Deleted in a Mobilize mirror (deleted_date set): kept at its row (rows
    // never move) with approval Cancelled and no RSVPs; the map leaves it out.
    bool deleted = false;
    // Where the event's public page is (Mobilize's browser_url); empty on the hub.
    QString browserUrl;

    bool hasLocation() const { return latitude.has_value() && longitude.has_value(); }
    bool isFull() const { return capacity > 0 && rsvps >= capacity; }
    MarkerState markerState() const
    {
        switch (approval) {
        case Approval::NeedsApproval: return MarkerState::NeedsReview;
        case Approval::Approved: return isFull() ? MarkerState::Full : MarkerState::Approved;
        case Approval::Rejected:
        case Approval::Cancelled: return MarkerState::Cancelled;
        }
        return MarkerState::Cancelled;
    }
    static Approval approvalFromDb(const QByteArray &s);
    static QString approvalLabel(Approval a);
    static QString markerStateLabel(MarkerState s);
};

} // namespace oc

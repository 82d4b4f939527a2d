#include "ReviewEvent.h"

#include "DbTable.h"

#include <QTimeZone>

namespace oc {
namespace {

QDateTime msToUtc(const DbTable &t, int row, int col)
{
    if (t.isNull(row, col))
        return {};
    return QDateTime::fromMSecsSinceEpoch(t.toInt64(row, col), QTimeZone::UTC);
}

QString iso(const QDateTime &d)
{
    return d.isValid() ? d.toUTC().toString(Qt::ISODate) : QString();
}

} // namespace

const char *ReviewEvent::selectColumns()
{
    return "e.id, e.version, e.campaign_id, e.host_id, e.title, e.description, "
           "(extract(epoch FROM e.starts_at) * 1000)::bigint, (extract(epoch FROM e.ends_at) * 1000)::bigint, "
           "e.timezone, e.venue, e.address, e.city, e.state, e.postal_code, e.capacity, e.approval_status, "
           "e.flagged, e.reviewed_by, (extract(epoch FROM e.reviewed_at) * 1000)::bigint, e.rejection_message, "
           "e.claimed_by, (extract(epoch FROM e.claimed_until) * 1000)::bigint, "
           "(extract(epoch FROM e.created_at) * 1000)::bigint, (extract(epoch FROM e.updated_at) * 1000)::bigint, "
           "h.name, h.email, h.phone";
}

ReviewEvent ReviewEvent::fromTable(const DbTable &t, int r)
{
    ReviewEvent e;
    e.id = t.toInt64(r, 0);
    e.version = int(t.toInt64(r, 1));
    e.campaignId = t.toInt64(r, 2);
    e.hostId = t.toInt64(r, 3);
    e.title = t.text(r, 4);
    e.description = t.text(r, 5);
    e.startsAt = msToUtc(t, r, 6);
    e.endsAt = msToUtc(t, r, 7);
    e.timezone = t.text(r, 8);
    e.venue = t.text(r, 9);
    e.address = t.text(r, 10);
    e.city = t.text(r, 11);
    e.state = t.text(r, 12);
    e.postalCode = t.text(r, 13);
    e.capacity = int(t.toInt64(r, 14));
    e.approval = EventRecord::approvalFromDb(t.raw(r, 15));
    e.flagged = t.toBool(r, 16);
    e.reviewedBy = t.text(r, 17);
    e.reviewedAt = msToUtc(t, r, 18);
    e.rejectionMessage = t.text(r, 19);
    e.claimedBy = t.text(r, 20);
    e.claimedUntil = msToUtc(t, r, 21);
    e.createdAt = msToUtc(t, r, 22);
    e.updatedAt = msToUtc(t, r, 23);
    e.hostName = t.text(r, 24);
    e.hostEmail = t.text(r, 25);
    e.hostPhone = t.text(r, 26);
    e.hasDetails = true;
    return e;
}

ReviewEvent ReviewEvent::fromRecord(const EventRecord &r)
{
    ReviewEvent e;
    e.id = r.id;
    e.version = r.version;
    e.campaignId = r.campaignId;
    e.hostId = r.hostId;
    e.title = r.title;
    e.startsAt = r.startsAt;
    e.timezone = r.timezone;
    e.venue = r.venue;
    e.address = r.address;
    e.city = r.city;
    e.state = r.state;
    e.postalCode = r.postalCode;
    e.capacity = r.capacity;
    e.approval = r.approval;
    e.flagged = r.flagged;
    e.reviewedBy = r.reviewedBy;
    e.createdAt = r.createdAt;
    e.updatedAt = r.updatedAt;
    e.hostName = r.hostName;
    e.hostEmail = r.hostEmail;
    e.hostPhone = r.hostPhone;
    e.hasDetails = false;
    return e;
}

QString ReviewEvent::approvalToDb(Approval a)
{
    switch (a) {
    case Approval::NeedsApproval: return QStringLiteral("needs_approval");
    case Approval::Approved: return QStringLiteral("approved");
    case Approval::Rejected: return QStringLiteral("rejected");
    case Approval::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

QList<FieldChange> ReviewEvent::editedFields(const ReviewEvent &a, const ReviewEvent &b)
{
    QList<FieldChange> out;
    auto cmp = [&](const char *name, const QString &x, const QString &y) {
        if (x != y)
            out.append({QString::fromLatin1(name), x, y});
    };
    cmp("title", a.title, b.title);
    if (a.hasDetails && b.hasDetails)
        cmp("description", a.description, b.description);
    cmp("starts_at", iso(a.startsAt), iso(b.startsAt));
    if (a.hasDetails && b.hasDetails)
        cmp("ends_at", iso(a.endsAt), iso(b.endsAt));
    cmp("venue", a.venue, b.venue);
    cmp("address", a.address, b.address);
    cmp("city", a.city, b.city);
    cmp("state", a.state, b.state);
    cmp("postal_code", a.postalCode, b.postalCode);
    if (a.capacity != b.capacity)
        out.append({QStringLiteral("capacity"), QString::number(a.capacity), QString::number(b.capacity)});
    return out;
}

QList<FieldChange> ReviewEvent::diff(const ReviewEvent &a, const ReviewEvent &b)
{
    QList<FieldChange> out;
    if (a.approval != b.approval)
        out.append({QStringLiteral("approval_status"), approvalToDb(a.approval), approvalToDb(b.approval)});
    if (a.flagged != b.flagged)
        out.append({QStringLiteral("flagged"), a.flagged ? QStringLiteral("true") : QStringLiteral("false"),
                    b.flagged ? QStringLiteral("true") : QStringLiteral("false")});
    if (a.reviewedBy != b.reviewedBy)
        out.append({QStringLiteral("reviewed_by"), a.reviewedBy, b.reviewedBy});
    if (a.hasDetails && b.hasDetails) {
        if (a.rejectionMessage != b.rejectionMessage)
            out.append({QStringLiteral("rejection_message"), a.rejectionMessage, b.rejectionMessage});
        if (a.claimedBy != b.claimedBy)
            out.append({QStringLiteral("claimed_by"), a.claimedBy, b.claimedBy});
    }
    out += editedFields(a, b);
    if (a.hostId != b.hostId)
        out.append({QStringLiteral("host_id"), QString::number(a.hostId), QString::number(b.hostId)});
    return out;
}

} // namespace oc

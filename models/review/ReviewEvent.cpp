#include "ReviewEvent.h"

#include "DbTable.h"
#include "LogCategories.h"
#include "RowReader.h"

#include <QTimeZone>

namespace oc {
namespace {

// The columns, declared once: name and SQL, in the order of Col. The SELECT
// list is generated from this table and every result is checked against it
// by name before a row is read (ColumnList), so the SQL and the decoder
// cannot drift apart.
enum class Col {
    Id,
    Version,
    CampaignId,
    HostId,
    Title,
    Description,
    StartsMs,
    EndsMs,
    Timezone,
    Venue,
    Address,
    City,
    State,
    PostalCode,
    Capacity,
    Approval,
    Flagged,
    ReviewedBy,
    ReviewedMs,
    RejectionMessage,
    ClaimedBy,
    ClaimedUntilMs,
    CreatedMs,
    UpdatedMs,
    HostName,
    HostEmail,
    HostPhone
};
struct Column
{
    const char *name;
    const char *sql;
};
constexpr Column kColumns[] = {
    {"id", "e.id"},
    {"version", "e.version"},
    {"campaign_id", "e.campaign_id"},
    {"host_id", "e.host_id"},
    {"title", "e.title"},
    {"description", "e.description"},
    {"starts_ms", "(extract(epoch FROM e.starts_at) * 1000)::bigint"},
    {"ends_ms", "(extract(epoch FROM e.ends_at) * 1000)::bigint"},
    {"timezone", "e.timezone"},
    {"venue", "e.venue"},
    {"address", "e.address"},
    {"city", "e.city"},
    {"state", "e.state"},
    {"postal_code", "e.postal_code"},
    {"capacity", "e.capacity"},
    {"approval_status", "e.approval_status"},
    {"flagged", "e.flagged"},
    {"reviewed_by", "e.reviewed_by"},
    {"reviewed_ms", "(extract(epoch FROM e.reviewed_at) * 1000)::bigint"},
    {"rejection_message", "e.rejection_message"},
    {"claimed_by", "e.claimed_by"},
    {"claimed_until_ms", "(extract(epoch FROM e.claimed_until) * 1000)::bigint"},
    {"created_ms", "(extract(epoch FROM e.created_at) * 1000)::bigint"},
    {"updated_ms", "(extract(epoch FROM e.updated_at) * 1000)::bigint"},
    {"host_name", "h.name"},
    {"host_email", "h.email"},
    {"host_phone", "h.phone"},
};
static_assert(std::size(kColumns) == size_t(Col::HostPhone) + 1, "one kColumns entry per Col");

QDateTime msToUtc(const RowReader &t, int row, Col c)
{
    if (t.isNull(row, c))
        return {};
    return QDateTime::fromMSecsSinceEpoch(t.toInt64(row, c), QTimeZone::UTC);
}

QString iso(const QDateTime &d)
{
    return d.isValid() ? d.toUTC().toString(Qt::ISODate) : QString();
}

} // namespace

const ColumnList &ReviewEvent::columns()
{
    static const ColumnList list = [] {
        QStringList names;
        for (const Column &c : kColumns)
            names << QString::fromLatin1(c.name);
        return ColumnList(QStringLiteral("review event"), names);
    }();
    return list;
}

const char *ReviewEvent::selectColumns()
{
    static const QByteArray sql = [] {
        QByteArrayList parts;
        for (const Column &c : kColumns)
            parts << QByteArray(c.sql) + " AS " + c.name;
        return parts.join(", ");
    }();
    return sql.constData();
}

ReviewEvent ReviewEvent::fromTable(const DbTable &table, int r)
{
    QString error;
    const auto t = RowReader::bind(columns(), table, &error);
    if (!t) {
        // A programming error (SQL and decoder disagree), not bad data: say
        // which column, and show no event rather than a shifted one.
        logcat::review()->error("{}", error.toStdString());
        return {};
    }
    ReviewEvent e;
    e.id = t->toInt64(r, Col::Id);
    e.version = int(t->toInt64(r, Col::Version));
    e.campaignId = t->toInt64(r, Col::CampaignId);
    e.hostId = t->toInt64(r, Col::HostId);
    e.title = t->text(r, Col::Title);
    e.description = t->text(r, Col::Description);
    e.startsAt = msToUtc(*t, r, Col::StartsMs);
    e.endsAt = msToUtc(*t, r, Col::EndsMs);
    e.timezone = t->text(r, Col::Timezone);
    e.venue = t->text(r, Col::Venue);
    e.address = t->text(r, Col::Address);
    e.city = t->text(r, Col::City);
    e.state = t->text(r, Col::State);
    e.postalCode = t->text(r, Col::PostalCode);
    e.capacity = int(t->toInt64(r, Col::Capacity));
    e.approval = EventRecord::approvalFromDb(t->raw(r, Col::Approval));
    e.flagged = t->toBool(r, Col::Flagged);
    e.reviewedBy = t->text(r, Col::ReviewedBy);
    e.reviewedAt = msToUtc(*t, r, Col::ReviewedMs);
    e.rejectionMessage = t->text(r, Col::RejectionMessage);
    e.claimedBy = t->text(r, Col::ClaimedBy);
    e.claimedUntil = msToUtc(*t, r, Col::ClaimedUntilMs);
    e.createdAt = msToUtc(*t, r, Col::CreatedMs);
    e.updatedAt = msToUtc(*t, r, Col::UpdatedMs);
    e.hostName = t->text(r, Col::HostName);
    e.hostEmail = t->text(r, Col::HostEmail);
    e.hostPhone = t->text(r, Col::HostPhone);
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
    e.browserUrl = r.browserUrl;
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

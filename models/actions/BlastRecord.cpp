#include "BlastRecord.h"

#include <QHash>
#include <QJsonDocument>
#include <QTimeZone>

namespace oc {

BlastRecord::State BlastRecord::state() const
{
    static const QHash<QString, State> states = {
        {QStringLiteral("pending_approval"), State::PendingApproval},
        {QStringLiteral("approved"), State::Approved},
        {QStringLiteral("declined"), State::Declined},
        {QStringLiteral("queued"), State::Queued},
        {QStringLiteral("sending"), State::Sending},
        {QStringLiteral("sent"), State::Sent},
        {QStringLiteral("cancelled"), State::Cancelled},
        {QStringLiteral("failed"), State::Failed},
    };
    return states.value(status, State::Unknown);
}

bool BlastRecord::isFinal() const
{
    switch (state()) {
    case State::Sent:
    case State::Cancelled:
    case State::Declined:
    case State::Failed: return true;
    default: return false;
    }
}

bool BlastRecord::awaitsDispatch() const
{
    const State s = state();
    return remoteId.isEmpty() && (s == State::Queued || s == State::Approved || s == State::Sending);
}

bool BlastRecord::isRemoteActive() const
{
    const State s = state();
    return !remoteId.isEmpty() && (s == State::Queued || s == State::Sending || s == State::Approved);
}

QJsonObject BlastRecord::apiBody() const
{
    return {{QStringLiteral("channel"), channel},
            {QStringLiteral("campaign"), campaignSlug},
            {QStringLiteral("audience"), audience},
            {QStringLiteral("audience_size"), audienceSize},
            {QStringLiteral("message"), message}};
}

const char *BlastRecord::selectSql()
{
    return "SELECT b.id, b.idempotency_key::text, b.campaign_id, c.slug, b.channel::text, b.audience::text, "
           "b.audience_size, b.message, b.status::text, b.requested_by, b.approved_by, b.remote_id, b.sent_count, "
           "b.last_error, (extract(epoch FROM b.created_at) * 1000)::bigint, "
           "(extract(epoch FROM b.updated_at) * 1000)::bigint "
           "FROM blasts b JOIN campaigns c ON c.id = b.campaign_id ";
}

BlastRecord BlastRecord::fromRow(const DbTable &t, int r)
{
    BlastRecord b;
    b.id = t.toInt64(r, 0);
    b.key = QUuid::fromString(t.text(r, 1));
    b.campaignId = t.toInt64(r, 2);
    b.campaignSlug = t.text(r, 3);
    b.channel = t.text(r, 4);
    b.audience = QJsonDocument::fromJson(t.raw(r, 5)).object();
    b.audienceSize = t.toInt64(r, 6);
    b.message = t.text(r, 7);
    b.status = t.text(r, 8);
    b.requestedBy = t.text(r, 9);
    b.approvedBy = t.text(r, 10);
    b.remoteId = t.text(r, 11);
    b.sentCount = t.toInt64(r, 12);
    b.lastError = t.text(r, 13);
    b.createdAt = QDateTime::fromMSecsSinceEpoch(t.toInt64(r, 14), QTimeZone::UTC);
    b.updatedAt = QDateTime::fromMSecsSinceEpoch(t.toInt64(r, 15), QTimeZone::UTC);
    return b;
}

} // namespace oc

#include "BlastService.h"

#include "ActionAudit.h"
#include "LogCategories.h"
#include "OpsApiClient.h"

#include <QJsonDocument>
#include <QLocale>

namespace oc {

namespace {

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString keyText(const QUuid &k)
{
    return k.toString(QUuid::WithoutBraces);
}

DbQuery selectByKey(const QUuid &key)
{
    return DbQuery(QByteArray(BlastRecord::selectSql()) + "WHERE b.idempotency_key = $1::uuid").bind(keyText(key));
}

DbQuery selectById(qint64 id)
{
    return DbQuery(QByteArray(BlastRecord::selectSql()) + "WHERE b.id = $1").bind(id);
}

std::optional<BlastRecord> firstRecord(const DbTable &t)
{
    if (t.rowCount() == 0)
        return std::nullopt;
    return BlastRecord::fromRow(t, 0);
}

// Statuses the backend reports that the console's enum knows.
QString knownRemoteStatus(const QString &s)
{
    static const QStringList known {QStringLiteral("queued"), QStringLiteral("sending"), QStringLiteral("sent"),
                                    QStringLiteral("cancelled"), QStringLiteral("failed")};
    return known.contains(s) ? s : QString();
}

// The backend is the truth about a blast it has; answers can arrive out of
// order, so a status only moves forward -- except that the final word of the
// backend ("sent", "cancelled") always wins, and a console-side belief
// ("cancelled" before the backend confirmed, "failed") yields to what the
// backend actually did.
constexpr const char *kApplyRemote =
    "UPDATE blasts SET remote_id = coalesce(remote_id, nullif($2, '')), "
    " status = CASE "
    "   WHEN $3 = '' THEN status "
    "   WHEN $3 IN ('sent', 'cancelled') THEN $3::blast_status "
    "   WHEN status IN ('cancelled', 'failed') AND $3 IN ('queued', 'sending') THEN $3::blast_status "
    "   WHEN (CASE $3 WHEN 'queued' THEN 2 WHEN 'sending' THEN 3 ELSE 4 END) > "
    "        (CASE status WHEN 'pending_approval' THEN 0 WHEN 'approved' THEN 1 WHEN 'queued' THEN 2 "
    "                     WHEN 'sending' THEN 3 ELSE 4 END) THEN $3::blast_status "
    "   ELSE status END, "
    " sent_count = greatest(sent_count, $4), last_error = NULL "
    "WHERE idempotency_key = $1::uuid AND status <> 'declined'";

} // namespace

BlastService::BlastService(DbConnection *db, OpsApiClient *api, QString operatorName, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_api(api)
    , m_operator(std::move(operatorName))
{
    m_follow.setInterval(1000);
    connect(&m_follow, &QTimer::timeout, this, &BlastService::follow);
}

QUuid BlastService::newKey()
{
    return QUuid::createUuid();
}

void BlastService::setAutoRetry(int attempts, int delayMs)
{
    m_autoRetries = std::max(0, attempts);
    m_retryDelayMs = std::max(0, delayMs);
}

void BlastService::setFollowIntervalMs(int ms)
{
    m_follow.setInterval(std::max(50, ms));
}

std::optional<BlastRecord> BlastService::record(const QUuid &key) const
{
    const auto it = m_records.constFind(key);
    if (it == m_records.cend())
        return std::nullopt;
    return *it;
}

QString BlastService::dbMessage(const DbError &e) const
{
    if (e.isPermissionDenied())
        return tr("Your database role may not send or decide blasts (operators only).");
    if (e.sqlState == QLatin1String("23514")) // check_violation: the two-person rule and friends
        return e.message;
    if (e.connectionLost)
        return tr("The database connection is down (%1).").arg(e.message);
    return tr("The database refused it: %1").arg(e.message);
}

DbQuery BlastService::audienceCountQuery(const QString &channel, qint64 campaignId, double radiusMiles)
{
    // Events are spread over the 3x3 grid cells around them (cells at least
    // `radius` wide at every US latitude up to 72.5 degrees), so supporters
    // pair only with events near them: an equality hash join instead of
    // every supporter against every event. Exact distance decides.
    return DbQuery(
               "WITH g AS (SELECT greatest($3::float8, 0.1) / 69.0 AS dlat, "
               "                  greatest($3::float8, 0.1) / (69.0 * 0.3) AS dlng), "
               "ev AS (SELECT floor(e.latitude / g.dlat)::bigint AS cy, floor(e.longitude / g.dlng)::bigint AS cx, "
               "              e.latitude AS lat, e.longitude AS lng "
               "       FROM events e JOIN campaigns c ON c.id = e.campaign_id AND c.status <> 'ended', g "
               "       WHERE e.campaign_id = $2 AND e.approval_status = 'approved' "
               "         AND e.starts_at > now() - interval '3 hours' AND e.latitude IS NOT NULL), "
               "evn AS (SELECT ev.cy + dy AS cy, ev.cx + dx AS cx, ev.lat, ev.lng "
               "        FROM ev, generate_series(-1, 1) dy, generate_series(-1, 1) dx), "
               "cand AS (SELECT s.id, s.latitude AS lat, s.longitude AS lng, "
               "                floor(s.latitude / g.dlat)::bigint AS cy, floor(s.longitude / g.dlng)::bigint AS cx "
               "         FROM supporters s, g WHERE s.latitude IS NOT NULL AND CASE WHEN $1 = 'sms' "
               "           THEN s.sms_opt_in AND coalesce(s.phone, '') <> '' "
               "           ELSE s.email_opt_in AND coalesce(s.email, '') <> '' END), "
               "near AS (SELECT DISTINCT c.id FROM cand c JOIN evn e ON e.cy = c.cy AND e.cx = c.cx "
               "         WHERE 2 * 3958.7613 * asin(least(1, sqrt(power(sin(radians(e.lat - c.lat) / 2), 2) "
               "               + cos(radians(c.lat)) * cos(radians(e.lat)) * power(sin(radians(e.lng - c.lng) / 2), "
               "2)))) "
               "               <= $3::float8) "
               "SELECT count(*) FROM near n WHERE NOT EXISTS ("
               "  SELECT 1 FROM rsvps r JOIN events e2 ON e2.id = r.event_id "
               "  WHERE r.supporter_id = n.id AND e2.campaign_id = $2)")
        .bind(channel)
        .bind(campaignId)
        .bind(radiusMiles);
}

void BlastService::countAudience(const QString &channel, qint64 campaignId, double radiusMiles, QObject *context,
                                 CountDone done)
{
    if (!m_db) {
        if (done)
            done(-1, tr("no database connection"));
        return;
    }
    m_db->exec({audienceCountQuery(channel, campaignId, radiusMiles)}, context, [done](const DbConnection::Outcome &o) {
        if (!done)
            return;
        if (const DbError *e = DbConnection::error(o)) {
            done(-1, e->message);
            return;
        }
        done(DbConnection::tables(o)->front().toInt64(0, 0), QString());
    });
}

void BlastService::loadPolicy()
{
    if (!m_db)
        return;
    m_db->exec({DbQuery("SELECT blast_approval_threshold()")}, this, [this](const DbConnection::Outcome &o) {
        if (const DbError *e = DbConnection::error(o)) {
            logcat::actions()->warn("blast policy not readable: {}", e->message.toStdString());
            return;
        }
        const int t = int(DbConnection::tables(o)->front().toInt64(0, 0, -1));
        if (t != m_threshold) {
            m_threshold = t;
            Q_EMIT approvalThresholdChanged(t);
        }
    });
}

void BlastService::setBusy(const QUuid &key, bool busy)
{
    Q_EMIT busyChanged(key, busy);
}

void BlastService::track(const BlastRecord &b)
{
    const auto it = m_records.constFind(b.key);
    const bool changed = it == m_records.cend() || !(*it == b);
    m_records.insert(b.key, b);
    if (changed)
        Q_EMIT blastUpdated(b);
    if (b.status == QLatin1String("sent"))
        noteSent(b);
    updateFollowTimer();
}

void BlastService::updateFollowTimer()
{
    bool any = false;
    for (const BlastRecord &b : std::as_const(m_records))
        any = any || !b.isFinal();
    if (any && !m_follow.isActive())
        m_follow.start();
    else if (!any)
        m_follow.stop();
}

void BlastService::send(const BlastRequest &r)
{
    auto log = logcat::actions();
    if (r.key.isNull() || r.campaignId <= 0 || r.message.trimmed().isEmpty() || r.audienceSize < 0 ||
        (r.channel != QLatin1String("email") && r.channel != QLatin1String("sms"))) {
        Q_EMIT rejected(tr("The blast is incomplete (campaign, channel, audience and message are required)."));
        return;
    }
    if (m_recording.contains(r.key) || m_busy.contains(r.key)) {
        log->info("blast {}: already in progress, second request ignored", keyText(r.key).toStdString());
        return;
    }
    if (m_records.contains(r.key)) {
        // The same dialog's key again: that is a retry, never a second blast.
        retry(r.key);
        return;
    }
    if (!m_db) {
        Q_EMIT rejected(tr("no database connection"));
        return;
    }
    m_recording.insert(r.key);
    setBusy(r.key, true);
    const QJsonObject params {{QStringLiteral("idempotency_key"), keyText(r.key)},
                              {QStringLiteral("channel"), r.channel},
                              {QStringLiteral("campaign_id"), r.campaignId},
                              {QStringLiteral("audience"), r.audience()},
                              {QStringLiteral("audience_size"), r.audienceSize}};
    // One statement: the blast row and its audit intent, or neither. A second
    // insert with the same key inserts nothing (and audits nothing).
    DbQuery intent =
        DbQuery(
            "WITH ins AS (INSERT INTO blasts (idempotency_key, campaign_id, channel, audience, audience_size, "
            "message, status, requested_by) VALUES ($1::uuid, $2, $3::blast_channel, $4::jsonb, $5, $6, "
            "CASE WHEN $5::integer > blast_approval_threshold() THEN 'pending_approval' ELSE 'queued' END"
            "::blast_status, $7) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, status), "
            "aud AS (INSERT INTO audit_log (actor, action, phase, target_type, target_id, params, result) "
            "SELECT $7, 'blast', 'intent', 'blast', ins.id::text, $8::jsonb, ins.status::text FROM ins RETURNING id) "
            "SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM aud)")
            .bind(keyText(r.key))
            .bind(r.campaignId)
            .bind(r.channel)
            .bind(json(r.audience()))
            .bind(r.audienceSize)
            .bind(r.message)
            .bind(m_operator)
            .bind(json(params));
    const QUuid key = r.key;
    m_db->exec({intent, selectByKey(key)}, this, [this, key, r](const DbConnection::Outcome &o) {
        m_recording.remove(key);
        auto lg = logcat::actions();
        if (const DbError *e = DbConnection::error(o)) {
            setBusy(key, false);
            lg->warn("blast {}: intent not recorded ({}): {}", keyText(key).toStdString(), e->sqlState.toStdString(),
                     e->message.toStdString());
            Q_EMIT rejected(tr("The blast was not recorded, so nothing was sent. %1").arg(dbMessage(*e)));
            return;
        }
        const auto &tables = *DbConnection::tables(o);
        const auto row = firstRecord(tables.at(1));
        if (!row || row->requestedBy != m_operator || row->message != r.message) {
            setBusy(key, false);
            Q_EMIT rejected(tr("The blast could not be recorded under its key; nothing was sent."));
            return;
        }
        const bool inserted = tables.at(0).toInt64(0, 0) > 0;
        lg->info("blast {} (#{}): intent {} as {} for {} recipients", keyText(key).toStdString(), row->id,
                 inserted ? "recorded" : "already recorded", row->status.toStdString(), row->audienceSize);
        track(*row);
        Q_EMIT intentRecorded(*row);
        if (row->awaitsDispatch() && row->status != QLatin1String("pending_approval")) {
            m_retriesLeft.insert(key, m_autoRetries);
            dispatch(key);
        } else {
            setBusy(key, false);
        }
    });
}

void BlastService::retry(const QUuid &key)
{
    if (isBusy(key) || !m_db)
        return;
    // Re-read: another console may have moved it on since we last looked.
    m_recording.insert(key);
    setBusy(key, true);
    m_db->exec({selectByKey(key)}, this, [this, key](const DbConnection::Outcome &o) {
        m_recording.remove(key);
        const DbError *e = DbConnection::error(o);
        const auto row = e ? std::nullopt : firstRecord(DbConnection::tables(o)->front());
        if (!row) {
            setBusy(key, false);
            Q_EMIT attemptFailed(key, e ? dbMessage(*e) : tr("The blast is not in the database."));
            return;
        }
        track(*row);
        if (row->awaitsDispatch()) {
            m_retriesLeft.insert(key, 0);
            dispatch(key);
        } else {
            setBusy(key, false);
        }
    });
}

void BlastService::dispatch(const QUuid &key)
{
    const auto it = m_records.constFind(key);
    if (it == m_records.cend() || m_busy.contains(key) || !m_api)
        return;
    const BlastRecord b = *it;
    m_busy.insert(key);
    setBusy(key, true);
    logcat::actions()->info("blast {} (#{}): calling the backend", keyText(key).toStdString(), b.id);
    m_api->createBlast(key, b.apiBody(), this, [this, key](const ApiResult &r) { onDispatched(key, r); });
}

void BlastService::onDispatched(const QUuid &key, const ApiResult &r)
{
    m_busy.remove(key);
    setBusy(key, false);
    if (r.ok())
        applyRemote(key, r.json, true);
    else
        dispatchFailed(key, r);
}

void BlastService::applyRemote(const QUuid &key, const QJsonObject &remote, bool auditAccepted)
{
    if (!m_db)
        return;
    const QString remoteId = remote.value(QStringLiteral("id")).toVariant().toString();
    const QString status = knownRemoteStatus(remote.value(QStringLiteral("status")).toString());
    const qint64 sent = remote.value(QStringLiteral("sent_count")).toInteger();
    std::vector<DbQuery> batch {
        DbQuery(kApplyRemote).bind(keyText(key)).bind(remoteId).bind(status).bind(sent),
    };
    const auto rec = record(key);
    if (auditAccepted && rec)
        batch.push_back(ActionAudit::outcomeQuery(m_operator, QStringLiteral("blast"), QStringLiteral("blast"),
                                                  QString::number(rec->id),
                                                  {{QStringLiteral("idempotency_key"), keyText(key)},
                                                   {QStringLiteral("remote_id"), remoteId},
                                                   {QStringLiteral("status"), status}},
                                                  ActionAudit::okResult(tr("accepted as %1").arg(remoteId))));
    batch.push_back(selectByKey(key));
    m_db->exec(std::move(batch), this, [this, key](const DbConnection::Outcome &o) {
        if (const DbError *e = DbConnection::error(o)) {
            // The backend has it; the follow loop records its status later.
            logcat::actions()->warn("blast {}: backend status not recorded: {}", keyText(key).toStdString(),
                                    e->message.toStdString());
            return;
        }
        if (const auto row = firstRecord(DbConnection::tables(o)->back()))
            track(*row);
    });
}

void BlastService::dispatchFailed(const QUuid &key, const ApiResult &r)
{
    const auto rec = record(key);
    if (!rec || !m_db)
        return;
    auto log = logcat::actions();
    if (r.problemType == QLatin1String("blast-not-approved")) {
        // The database says it must not go out (pending, declined, cancelled).
        reload(key);
        Q_EMIT attemptFailed(key, r.message);
        return;
    }
    // Definitive refusals: the backend will never send this request.
    const bool definitive = r.error == ApiResult::Error::Client && r.httpStatus != 401 && r.httpStatus != 403 &&
        r.httpStatus != 408 && r.httpStatus != 429;
    const QString err = r.message.left(2000);
    std::vector<DbQuery> batch;
    if (definitive)
        batch.push_back(DbQuery("UPDATE blasts SET status = 'failed', last_error = $2 "
                                "WHERE idempotency_key = $1::uuid AND remote_id IS NULL "
                                "AND status IN ('queued', 'approved')")
                            .bind(keyText(key))
                            .bind(err));
    else
        batch.push_back(
            DbQuery("UPDATE blasts SET last_error = $2 WHERE idempotency_key = $1::uuid AND remote_id IS NULL")
                .bind(keyText(key))
                .bind(err));
    batch.push_back(ActionAudit::outcomeQuery(
        m_operator, QStringLiteral("blast"), QStringLiteral("blast"), QString::number(rec->id),
        {{QStringLiteral("idempotency_key"), keyText(key)}, {QStringLiteral("http_status"), r.httpStatus}},
        ActionAudit::errorResult(err)));
    batch.push_back(selectByKey(key));
    m_db->exec(std::move(batch), this, [this, key](const DbConnection::Outcome &o) {
        if (const DbError *e = DbConnection::error(o)) {
            logcat::actions()->warn("blast {}: failure not recorded: {}", keyText(key).toStdString(),
                                    e->message.toStdString());
            return;
        }
        if (const auto row = firstRecord(DbConnection::tables(o)->back()))
            track(*row);
    });

    if (definitive) {
        log->warn("blast {}: refused by the backend: {}", keyText(key).toStdString(), err.toStdString());
        Q_EMIT attemptFailed(
            key, tr("The backend refused blast #%1; it was not sent. %2").arg(QString::number(rec->id), r.message));
        return;
    }
    const int left = m_retriesLeft.value(key, 0);
    const bool again = r.retryable() && left > 0;
    Q_EMIT attemptFailed(
        key,
        tr("%1 Blast #%2 stays recorded; %3 uses the same idempotency key, so it can never go out "
           "twice.")
            .arg(r.message, QString::number(rec->id),
                 again ? tr("the console retries in %n s and", nullptr, (m_retryDelayMs + 999) / 1000) : tr("Retry")));
    if (again) {
        m_retriesLeft.insert(key, left - 1);
        QTimer::singleShot(m_retryDelayMs, this, [this, key] {
            const auto b = record(key);
            if (b && b->awaitsDispatch())
                dispatch(key);
        });
    }
}

void BlastService::reload(const QUuid &key)
{
    if (!m_db)
        return;
    m_db->exec({selectByKey(key)}, this, [this](const DbConnection::Outcome &o) {
        if (DbConnection::error(o))
            return;
        if (const auto row = firstRecord(DbConnection::tables(o)->front()))
            track(*row);
    });
}

void BlastService::noteSent(const BlastRecord &b)
{
    if (m_notedSent.contains(b.key) || !m_db)
        return;
    m_notedSent.insert(b.key);
    // The chart marks the moment it went out; two consoles watching the
    // same blast write the note once between them.
    m_db->exec(
        {DbQuery("INSERT INTO audit_log (actor, action, phase, target_type, target_id, params, result) "
                 "SELECT $1, 'blast', 'note', 'blast', $2, $3::jsonb, $4 WHERE NOT EXISTS ("
                 "  SELECT 1 FROM audit_log WHERE target_type = 'blast' AND target_id = $2 "
                 "  AND action = 'blast' AND phase = 'note')")
             .bind(m_operator)
             .bind(QString::number(b.id))
             .bind(json({{QStringLiteral("sent_count"), b.sentCount}, {QStringLiteral("remote_id"), b.remoteId}}))
             .bind(tr("sent to %1").arg(b.sentCount))},
        this, [](const DbConnection::Outcome &) { });
}

void BlastService::follow()
{
    QStringList dbKeys;
    for (const BlastRecord &b : std::as_const(m_records)) {
        if (b.isFinal() || isBusy(b.key))
            continue;
        if (b.isRemoteActive() && m_api) {
            if (m_polling.contains(b.key))
                continue;
            m_polling.insert(b.key);
            const QUuid key = b.key;
            m_api->getBlast(keyText(key), this, [this, key](const ApiResult &r) {
                m_polling.remove(key);
                if (r.ok())
                    applyRemote(key, r.json, false);
            });
        } else {
            // Waiting on someone else (approval, or another console sending it).
            dbKeys << keyText(b.key);
        }
    }
    if (dbKeys.isEmpty() || !m_db || m_dbPollInFlight)
        return;
    m_dbPollInFlight = true;
    m_db->exec({DbQuery(QByteArray(BlastRecord::selectSql()) + "WHERE b.idempotency_key = ANY($1::uuid[])")
                    .bind(QLatin1Char('{') + dbKeys.join(QLatin1Char(',')) + QLatin1Char('}'))},
               this, [this](const DbConnection::Outcome &o) {
                   m_dbPollInFlight = false;
                   if (DbConnection::error(o))
                       return;
                   const DbTable &t = DbConnection::tables(o)->front();
                   for (int r = 0; r < t.rowCount(); ++r)
                       track(BlastRecord::fromRow(t, r));
               });
}

void BlastService::resumeUnfinished()
{
    if (!m_db)
        return;
    m_db->exec({DbQuery(QByteArray(BlastRecord::selectSql()) +
                        "WHERE b.status IN ('pending_approval', 'approved', 'queued', 'sending') "
                        "AND (b.requested_by = $1 OR b.approved_by = $1) ORDER BY b.id")
                    .bind(m_operator)},
               this, [this](const DbConnection::Outcome &o) {
                   if (const DbError *e = DbConnection::error(o)) {
                       logcat::actions()->warn("unfinished blasts not readable: {}", e->message.toStdString());
                       Q_EMIT resumed(0);
                       return;
                   }
                   const DbTable &t = DbConnection::tables(o)->front();
                   int n = 0;
                   for (int r = 0; r < t.rowCount(); ++r) {
                       const BlastRecord b = BlastRecord::fromRow(t, r);
                       if (isBusy(b.key))
                           continue;
                       track(b);
                       ++n;
                       if (b.awaitsDispatch()) {
                           logcat::actions()->info("blast {} (#{}): resuming with its original key",
                                                   keyText(b.key).toStdString(), b.id);
                           m_retriesLeft.insert(b.key, m_autoRetries);
                           dispatch(b.key);
                       }
                   }
                   Q_EMIT resumed(n);
               });
}

void BlastService::approve(qint64 blastId)
{
    if (!m_db)
        return;
    DbQuery q = DbQuery("WITH up AS (UPDATE blasts SET status = 'approved', approved_by = $2 "
                        "  WHERE id = $1 AND status = 'pending_approval' AND requested_by <> $2 "
                        "  RETURNING id, audience_size, channel, requested_by), "
                        "aud AS (INSERT INTO audit_log (actor, action, phase, target_type, target_id, params, result) "
                        "  SELECT $2, 'blast_approved', 'outcome', 'blast', up.id::text, "
                        "  jsonb_build_object('audience_size', up.audience_size, 'channel', up.channel, "
                        "                     'requested_by', up.requested_by), 'approved' FROM up RETURNING id) "
                        "SELECT (SELECT count(*) FROM up), (SELECT count(*) FROM aud)")
                    .bind(blastId)
                    .bind(m_operator);
    m_db->exec({q, selectById(blastId)}, this, [this, blastId](const DbConnection::Outcome &o) {
        if (const DbError *e = DbConnection::error(o)) {
            Q_EMIT decisionFinished(blastId, false,
                                    tr("Blast #%1 was not approved. %2").arg(blastId).arg(dbMessage(*e)));
            return;
        }
        const auto &tables = *DbConnection::tables(o);
        const auto row = firstRecord(tables.at(1));
        if (!row) {
            Q_EMIT decisionFinished(blastId, false, tr("Blast #%1 does not exist.").arg(blastId));
            return;
        }
        if (tables.at(0).toInt64(0, 0) == 0) {
            QString why;
            if (row->requestedBy == m_operator)
                why = tr("You requested blast #%1; a second operator has to approve it.").arg(blastId);
            else if (row->status == QLatin1String("approved") || !row->approvedBy.isEmpty())
                why = tr("Blast #%1 was already approved by %2.").arg(QString::number(blastId), row->approvedBy);
            else
                why = tr("Blast #%1 is no longer waiting for approval (it is %2).")
                          .arg(QString::number(blastId), row->status);
            Q_EMIT decisionFinished(blastId, false, why);
            return;
        }
        logcat::actions()->info("blast #{} approved by {}", blastId, m_operator.toStdString());
        track(*row);
        Q_EMIT decisionFinished(blastId, true,
                                tr("Blast #%1 approved; sending it to %2 recipients.")
                                    .arg(QString::number(blastId), QLocale().toString(row->audienceSize)));
        // The approving console sends it; the requester's console (or a
        // restart of either) sending it too is harmless under the same key.
        m_retriesLeft.insert(row->key, m_autoRetries);
        dispatch(row->key);
    });
}

void BlastService::decline(qint64 blastId, const QString &reason)
{
    if (!m_db)
        return;
    const QString note = reason.trimmed().isEmpty() ? tr("Declined by %1").arg(m_operator)
                                                    : tr("Declined by %1: %2").arg(m_operator, reason.trimmed());
    DbQuery q = DbQuery("WITH up AS (UPDATE blasts SET status = 'declined', last_error = $3 "
                        "  WHERE id = $1 AND status = 'pending_approval' AND requested_by <> $2 RETURNING id), "
                        "aud AS (INSERT INTO audit_log (actor, action, phase, target_type, target_id, params, result) "
                        "  SELECT $2, 'blast_declined', 'outcome', 'blast', up.id::text, "
                        "  jsonb_build_object('reason', $4::text), 'declined' FROM up RETURNING id) "
                        "SELECT (SELECT count(*) FROM up)")
                    .bind(blastId)
                    .bind(m_operator)
                    .bind(note.left(2000))
                    .bind(reason.trimmed().left(2000));
    m_db->exec({q, selectById(blastId)}, this, [this, blastId](const DbConnection::Outcome &o) {
        if (const DbError *e = DbConnection::error(o)) {
            Q_EMIT decisionFinished(blastId, false,
                                    tr("Blast #%1 was not declined. %2").arg(blastId).arg(dbMessage(*e)));
            return;
        }
        const auto &tables = *DbConnection::tables(o);
        const auto row = firstRecord(tables.at(1));
        if (!row || tables.at(0).toInt64(0, 0) == 0) {
            Q_EMIT decisionFinished(blastId, false,
                                    row && row->requestedBy == m_operator
                                        ? tr("You requested blast #%1; cancel it instead.").arg(blastId)
                                        : tr("Blast #%1 is no longer waiting for approval.").arg(blastId));
            return;
        }
        track(*row);
        Q_EMIT decisionFinished(blastId, true, tr("Blast #%1 declined; it will not be sent.").arg(blastId));
    });
}

void BlastService::cancel(const QUuid &key)
{
    if (!m_db)
        return;
    // Local first when the backend has not confirmed it: the backend refuses
    // to send a key whose row says cancelled, so a late or retried call can
    // no longer go out. Then the backend, in case an earlier attempt did
    // reach it.
    DbQuery local = DbQuery("WITH up AS (UPDATE blasts SET status = 'cancelled', last_error = $2 "
                            "  WHERE idempotency_key = $1::uuid AND remote_id IS NULL "
                            "  AND status IN ('pending_approval', 'approved', 'queued') RETURNING id) "
                            "SELECT count(*) FROM up")
                        .bind(keyText(key))
                        .bind(tr("Cancelled by %1").arg(m_operator));
    DbQuery intent = DbQuery("INSERT INTO audit_log (actor, action, phase, target_type, target_id, params) "
                             "SELECT $2, 'blast_cancel', 'intent', 'blast', id::text, "
                             "jsonb_build_object('idempotency_key', $1::text) FROM blasts "
                             "WHERE idempotency_key = $1::uuid RETURNING id")
                         .bind(keyText(key))
                         .bind(m_operator);
    m_db->exec({intent, local, selectByKey(key)}, this, [this, key](const DbConnection::Outcome &o) {
        if (const DbError *e = DbConnection::error(o)) {
            Q_EMIT cancelFinished(key, false, tr("The blast was not cancelled. %1").arg(dbMessage(*e)));
            return;
        }
        const auto &tables = *DbConnection::tables(o);
        const qint64 intentId = tables.at(0).rowCount() ? tables.at(0).toInt64(0, 0) : 0;
        const bool cancelledHere = tables.at(1).toInt64(0, 0) > 0;
        const auto row = firstRecord(tables.at(2));
        if (!row) {
            Q_EMIT cancelFinished(key, false, tr("The blast is not in the database."));
            return;
        }
        track(*row);
        if (!cancelledHere && row->isFinal()) {
            Q_EMIT cancelFinished(key, false,
                                  tr("Blast #%1 is already %2.").arg(QString::number(row->id), row->status));
            return;
        }
        cancelRemote(*row, intentId, cancelledHere);
    });
}

void BlastService::cancelRemote(const BlastRecord &b, qint64 intentId, bool alreadyCancelledHere)
{
    if (!m_api)
        return;
    const QUuid key = b.key;
    const qint64 id = b.id;
    auto audit = [this, id, intentId](const QString &result) {
        if (!m_db)
            return;
        QJsonObject params;
        if (intentId > 0)
            params.insert(QStringLiteral("intent_id"), intentId);
        m_db->exec({ActionAudit::outcomeQuery(m_operator, QStringLiteral("blast_cancel"), QStringLiteral("blast"),
                                              QString::number(id), params, result)},
                   this, [](const DbConnection::Outcome &) { });
    };
    m_api->cancelBlast(keyText(key), this, [this, key, id, alreadyCancelledHere, audit](const ApiResult &r) {
        if (r.ok()) {
            applyRemote(key, r.json, false);
            audit(ActionAudit::okResult(QStringLiteral("cancelled")));
            Q_EMIT cancelFinished(key, true, tr("Blast #%1 is cancelled; nothing was sent.").arg(id));
            return;
        }
        if (alreadyCancelledHere && r.httpStatus == 404) {
            // The backend never received it: the local cancel is the whole story.
            audit(ActionAudit::okResult(QStringLiteral("cancelled before it reached the backend")));
            Q_EMIT cancelFinished(key, true, tr("Blast #%1 is cancelled; it never reached the backend.").arg(id));
            return;
        }
        audit(ActionAudit::errorResult(r.message));
        // Whatever the backend did, its status is the truth from here on.
        if (r.error == ApiResult::Error::Client)
            m_api->getBlast(keyText(key), this, [this, key](const ApiResult &g) {
                if (g.ok())
                    applyRemote(key, g.json, false);
            });
        Q_EMIT cancelFinished(key, false,
                              r.problemType == QLatin1String("blast-not-cancellable")
                                  ? tr("Blast #%1 can no longer be cancelled: %2").arg(QString::number(id), r.message)
                                  : tr("Cancelling blast #%1 failed. %2").arg(QString::number(id), r.message));
    });
}

} // namespace oc

#include "RsvpQueue.h"

#include "LogCategories.h"
#include "PgArray.h"
#include "PgSessionPool.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace oc::sim {

namespace {
constexpr int kBatch = 500;
}

RsvpQueue::RsvpQueue(PgSessionPool &pool, QString journalPath, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_path(std::move(journalPath))
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(1000);
    connect(&m_retry, &QTimer::timeout, this, &RsvpQueue::flush);
}

void RsvpQueue::ensureSchema(PgSession &s)
{
    s.execScript("CREATE TABLE IF NOT EXISTS hubsim_rsvp_flushed ("
                 "  qid uuid PRIMARY KEY,"
                 "  rsvp_id bigint,"
                 "  flushed_at timestamptz NOT NULL DEFAULT now())");
}

QByteArray RsvpQueue::line(const Item &item)
{
    return QJsonDocument(QJsonObject {{QStringLiteral("qid"), item.qid.toString(QUuid::WithoutBraces)},
                                      {QStringLiteral("event_id"), item.eventId},
                                      {QStringLiteral("email"), item.email},
                                      {QStringLiteral("utm_source"), item.utmSource},
                                      {QStringLiteral("utm_medium"), item.utmMedium},
                                      {QStringLiteral("utm_campaign"), item.utmCampaign},
                                      {QStringLiteral("at"), item.queuedAt.toString(Qt::ISODateWithMs)}})
               .toJson(QJsonDocument::Compact) +
        '\n';
}

bool RsvpQueue::open(QString *error)
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QFile in(m_path);
    if (in.exists()) {
        if (!in.open(QIODevice::ReadOnly)) {
            if (error)
                *error = QStringLiteral("cannot read RSVP journal %1: %2").arg(m_path, in.errorString());
            return false;
        }
        while (!in.atEnd()) {
            const QByteArray l = in.readLine().trimmed();
            const QJsonObject o = QJsonDocument::fromJson(l).object();
            Item it;
            it.qid = QUuid::fromString(o.value(QStringLiteral("qid")).toString());
            it.eventId = o.value(QStringLiteral("event_id")).toInteger();
            it.email = o.value(QStringLiteral("email")).toString();
            it.utmSource = o.value(QStringLiteral("utm_source")).toString();
            it.utmMedium = o.value(QStringLiteral("utm_medium")).toString();
            it.utmCampaign = o.value(QStringLiteral("utm_campaign")).toString();
            it.queuedAt = QDateTime::fromString(o.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
            // A torn last line (crash mid-write) was never acknowledged.
            if (!it.qid.isNull() && it.eventId > 0)
                m_items.append(it);
        }
        in.close();
        if (!m_items.isEmpty())
            logcat::api()->info("RSVP journal {}: {} queued RSVPs from an earlier run", m_path.toStdString(),
                                m_items.size());
    }
    m_journal.setFileName(m_path);
    if (!m_journal.open(QIODevice::WriteOnly | QIODevice::Append)) {
        if (error)
            *error = QStringLiteral("cannot write RSVP journal %1: %2").arg(m_path, m_journal.errorString());
        return false;
    }
    Q_EMIT pendingChanged(pending());
    return true;
}

bool RsvpQueue::enqueue(Item item, QString *error)
{
    if (item.qid.isNull())
        item.qid = QUuid::createUuid();
    if (!item.queuedAt.isValid())
        item.queuedAt = QDateTime::currentDateTimeUtc();
    const QByteArray l = line(item);
    if (!m_journal.isOpen() || m_journal.write(l) != l.size() || !m_journal.flush()) {
        if (error)
            *error = QStringLiteral("RSVP journal not writable: %1").arg(m_journal.errorString());
        return false;
    }
    m_items.append(std::move(item));
    Q_EMIT pendingChanged(pending());
    return true;
}

void RsvpQueue::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused)
        flush();
}

void RsvpQueue::flush()
{
    if (m_paused || m_inFlight || m_items.isEmpty())
        return;
    flushBatch();
}

void RsvpQueue::flushBatch()
{
    m_inFlight = true;
    const QList<Item> batch = m_items.mid(0, kBatch);
    QStringList qids, emails, at, src, med, camp;
    std::vector<qint64> events;
    for (const auto &it : batch) {
        qids << it.qid.toString(QUuid::WithoutBraces);
        events.push_back(it.eventId);
        emails << it.email;
        at << it.queuedAt.toString(Qt::ISODateWithMs);
        src << it.utmSource;
        med << it.utmMedium;
        camp << it.utmCampaign;
    }
    DbQuery q(
        "WITH q AS (SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::timestamptz[], "
        "                                 $5::text[], $6::text[], $7::text[]) "
        "           AS u(qid, event_id, email, queued_at, utm_source, utm_medium, utm_campaign)), "
        // Queue ids already flushed by an earlier run are skipped here.
        "fresh AS (INSERT INTO hubsim_rsvp_flushed (qid) SELECT qid FROM q ON CONFLICT DO NOTHING RETURNING qid), "
        "todo AS (SELECT q.* FROM q JOIN fresh USING (qid) JOIN events e ON e.id = q.event_id), "
        "known AS (SELECT DISTINCT ON (s.email) s.email, s.id FROM supporters s "
        "          WHERE s.email IN (SELECT email FROM todo) ORDER BY s.email, s.id), "
        "newsup AS (INSERT INTO supporters (email) SELECT DISTINCT t.email FROM todo t "
        "           WHERE NOT EXISTS (SELECT 1 FROM known k WHERE k.email = t.email) RETURNING email, id), "
        "sup AS (SELECT email, id FROM known UNION ALL SELECT email, id FROM newsup), "
        "ins AS (INSERT INTO rsvps (event_id, supporter_id, created_at, source, utm_source, utm_medium, utm_campaign) "
        "        SELECT t.event_id, sup.id, t.queued_at, 'web', nullif(t.utm_source, ''), "
        "               nullif(t.utm_medium, ''), nullif(t.utm_campaign, '') "
        "        FROM todo t JOIN sup USING (email) RETURNING id) "
        "SELECT (SELECT count(*) FROM fresh), (SELECT count(*) FROM ins)");
    q.bind(PgArray::text(qids))
        .bind(PgArray::numbers(events))
        .bind(PgArray::text(emails))
        .bind(PgArray::text(at))
        .bind(PgArray::text(src))
        .bind(PgArray::text(med))
        .bind(PgArray::text(camp));
    m_pool.run([q](PgSession &s) { return s.exec(q); })
        .then(this, [this, n = batch.size()](const PgSessionPool::Outcome<DbTable> &o) {
            m_inFlight = false;
            if (!o.ok()) {
                logcat::api()->warn("flushing queued RSVPs failed, retrying: {}", o.error.message.toStdString());
                m_retry.start();
                return;
            }
            const qint64 fresh = o.value->toInt64(0, 0), inserted = o.value->toInt64(0, 1);
            if (fresh != inserted)
                logcat::api()->warn("{} queued RSVPs named events that no longer exist and were dropped",
                                    fresh - inserted);
            m_flushedTotal += inserted;
            m_items.remove(0, n);
            QString err;
            if (!rewriteJournal(&err))
                logcat::api()->error("{}", err.toStdString());
            logcat::api()->info("flushed {} queued RSVPs ({} left)", inserted, m_items.size());
            Q_EMIT pendingChanged(pending());
            if (m_items.isEmpty())
                Q_EMIT drained();
            else
                flush();
        });
}

bool RsvpQueue::rewriteJournal(QString *error)
{
    m_journal.close();
    QSaveFile out(m_path);
    bool ok = out.open(QIODevice::WriteOnly);
    for (const auto &it : std::as_const(m_items))
        ok = ok && out.write(line(it)) >= 0;
    ok = ok && out.commit();
    if (!ok && error)
        *error = QStringLiteral("cannot rewrite RSVP journal %1: %2").arg(m_path, out.errorString());
    m_journal.open(QIODevice::WriteOnly | QIODevice::Append);
    return ok;
}

} // namespace oc::sim

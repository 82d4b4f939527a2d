#include "BlastProvider.h"

#include "LogCategories.h"
#include "OpsProblem.h"
#include "PgSessionPool.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QTimer>

namespace oc::sim {

namespace {

using Status = HttpReply::Status;

constexpr const char *kColumns =
    "id, idempotency_key::text, status, channel, campaign_slug, audience_size, sent_count, "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
    "to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), request_hash";

QByteArray sql(const char *prefix, const char *suffix = "")
{
    return QByteArray(prefix) + kColumns + suffix;
}

QString remoteId(qint64 id)
{
    return QStringLiteral("hsb-%1").arg(id);
}

QJsonObject blastJson(const DbTable &t, int r = 0)
{
    return {{QStringLiteral("id"), remoteId(t.toInt64(r, 0))}, {QStringLiteral("idempotency_key"), t.text(r, 1)},
            {QStringLiteral("status"), t.text(r, 2)},          {QStringLiteral("channel"), t.text(r, 3)},
            {QStringLiteral("campaign"), t.text(r, 4)},        {QStringLiteral("audience_size"), t.toInt64(r, 5)},
            {QStringLiteral("sent_count"), t.toInt64(r, 6)},   {QStringLiteral("created_at"), t.text(r, 7)},
            {QStringLiteral("updated_at"), t.text(r, 8)}};
}

// "hsb-12", "12" or the idempotency key; binds $1 (key) and $2 (id), one of them NULL.
std::optional<DbQuery> byRef(QByteArray statement, const QString &ref)
{
    DbQuery q(std::move(statement));
    const QUuid key = QUuid::fromString(ref);
    if (!key.isNull())
        return q.bind(key.toString(QUuid::WithoutBraces)).bindNull();
    QString digits = ref;
    if (digits.startsWith(QLatin1String("hsb-")))
        digits = digits.mid(4);
    bool ok = false;
    const qint64 id = digits.toLongLong(&ok);
    if (!ok || id <= 0)
        return std::nullopt;
    return q.bindNull().bind(id);
}

HttpReply notFound(const QString &ref)
{
    return opsProblem(Status::NotFound, OpsProblem::BlastNotFound, QStringLiteral("No such blast"),
                      QStringLiteral("No blast has the id or idempotency key \"%1\".").arg(ref));
}

HttpReply unavailable(const DbError &e)
{
    logcat::api()->warn("blast: database error: {}", e.message.toStdString());
    return opsProblem(Status::ServiceUnavailable, OpsProblem::BackendUnavailable,
                      QStringLiteral("The provider's database is unavailable"),
                      QStringLiteral("Nothing was sent; retry with the same Idempotency-Key."))
        .withHeader("Retry-After", "2");
}

} // namespace

BlastProvider::BlastProvider(Options o, PgSessionPool &pool, QObject *parent)
    : QObject(parent)
    , m_o(o)
    , m_pool(pool)
{
}

void BlastProvider::ensureSchema(PgSession &s)
{
    s.execScript("CREATE TABLE IF NOT EXISTS hubsim_sent_blasts ("
                 "  idempotency_key uuid PRIMARY KEY,"
                 "  id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,"
                 "  request_hash text NOT NULL,"
                 "  channel text NOT NULL,"
                 "  campaign_slug text NOT NULL,"
                 "  audience jsonb NOT NULL,"
                 "  audience_size integer NOT NULL CHECK (audience_size >= 0),"
                 "  message text NOT NULL,"
                 "  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'cancelled')),"
                 "  sent_count integer NOT NULL DEFAULT 0,"
                 "  created_at timestamptz NOT NULL DEFAULT now(),"
                 "  updated_at timestamptz NOT NULL DEFAULT now())");
}

void BlastProvider::resume(PgSession &s)
{
    const DbTable t =
        s.exec("SELECT id, status FROM hubsim_sent_blasts WHERE status IN ('queued', 'sending') ORDER BY id");
    for (int r = 0; r < t.rowCount(); ++r)
        schedule(t.toInt64(r, 0), t.text(r, 1), t.text(r, 1) == QLatin1String("queued") ? m_o.queuedMs : m_o.sendingMs);
    if (t.rowCount() > 0)
        logcat::api()->info("resuming {} unfinished blast sends", t.rowCount());
}

std::optional<BlastProvider::Request> BlastProvider::parse(const QUuid &key, const QJsonObject &body, QString *error)
{
    Request r;
    r.key = key;
    r.channel = body.value(QStringLiteral("channel")).toString();
    r.campaign = body.value(QStringLiteral("campaign")).toString();
    r.audience = body.value(QStringLiteral("audience")).toObject();
    const QJsonValue size = body.value(QStringLiteral("audience_size"));
    r.message = body.value(QStringLiteral("message")).toString();
    if (r.channel != QLatin1String("email") && r.channel != QLatin1String("sms"))
        *error = QStringLiteral("\"channel\" must be \"email\" or \"sms\"");
    else if (r.campaign.isEmpty())
        *error = QStringLiteral("\"campaign\" (a campaign slug) is required");
    else if (!body.value(QStringLiteral("audience")).isObject())
        *error = QStringLiteral("\"audience\" must be an object");
    else if (!size.isDouble() || size.toDouble() < 0 || size.toDouble() != double(size.toInteger()) ||
             size.toDouble() > 1e9)
        *error = QStringLiteral("\"audience_size\" must be a non-negative integer");
    else if (r.message.isEmpty() || r.message.size() > 20000)
        *error = QStringLiteral("\"message\" must be 1 to 20000 characters");
    if (!error->isEmpty())
        return std::nullopt;
    r.audienceSize = int(size.toInteger());
    r.fingerprint =
        QCryptographicHash::hash(QJsonDocument(body).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256)
            .toHex();
    return r;
}

QFuture<HttpReply> BlastProvider::create(const Request &req)
{
    enum class Kind { Created, Replayed, Mismatch, UnknownCampaign, NotApproved };
    struct Result
    {
        Kind kind = Kind::Created;
        DbTable row;
        QString consoleStatus;
    };
    const QString key = req.key.toString(QUuid::WithoutBraces);
    auto job = [req, key](PgSession &s) {
        return s.transaction([&] {
            Result res;
            auto existing = [&] {
                res.row =
                    s.exec(DbQuery(sql("SELECT ", " FROM hubsim_sent_blasts WHERE idempotency_key = $1")).bind(key));
                res.kind = res.row.text(0, 9).toLatin1() == req.fingerprint ? Kind::Replayed : Kind::Mismatch;
                return res;
            };
            if (s.exec(DbQuery("SELECT 1 FROM hubsim_sent_blasts WHERE idempotency_key = $1").bind(key)).rowCount() > 0)
                return existing();
            if (s.exec(DbQuery("SELECT 1 FROM campaigns WHERE slug = $1").bind(req.campaign)).rowCount() == 0) {
                res.kind = Kind::UnknownCampaign;
                return res;
            }
            const DbTable console =
                s.exec(DbQuery("SELECT status::text FROM blasts WHERE idempotency_key = $1").bind(key));
            res.consoleStatus = console.rowCount() ? console.text(0, 0) : QString();
            // The console's own record says this blast must not go out.
            if (res.consoleStatus == QLatin1String("pending_approval") ||
                res.consoleStatus == QLatin1String("declined") || res.consoleStatus == QLatin1String("cancelled")) {
                res.kind = Kind::NotApproved;
                return res;
            }
            // Concurrent calls with one key queue on the unique index here;
            // all but the first find the row and insert nothing.
            res.row = s.exec(DbQuery(sql("INSERT INTO hubsim_sent_blasts (idempotency_key, request_hash, channel, "
                                         "campaign_slug, audience, audience_size, message) "
                                         "VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) "
                                         "ON CONFLICT (idempotency_key) DO NOTHING RETURNING "))
                                 .bind(key)
                                 .bind(req.fingerprint)
                                 .bind(req.channel)
                                 .bind(req.campaign)
                                 .bind(QJsonDocument(req.audience).toJson(QJsonDocument::Compact))
                                 .bind(req.audienceSize)
                                 .bind(req.message));
            if (res.row.rowCount() == 0)
                return existing();
            if (console.rowCount())
                s.exec(DbQuery("UPDATE blasts SET status = 'queued', remote_id = $2, last_error = NULL "
                               "WHERE idempotency_key = $1")
                           .bind(key)
                           .bind(remoteId(res.row.toInt64(0, 0))));
            res.kind = Kind::Created;
            return res;
        });
    };
    return m_pool.run(std::move(job)).then(this, [this, req](const PgSessionPool::Outcome<Result> &o) {
        if (!o.ok())
            return unavailable(o.error);
        const Result &r = *o.value;
        switch (r.kind) {
        case Kind::UnknownCampaign:
            return opsProblem(Status::UnprocessableEntity, OpsProblem::UnknownCampaign,
                              QStringLiteral("Unknown campaign"),
                              QStringLiteral("No campaign has the slug \"%1\".").arg(req.campaign));
        case Kind::NotApproved:
            return opsProblem(Status::Conflict, OpsProblem::BlastNotApproved,
                              QStringLiteral("The blast is not approved"),
                              QStringLiteral("The console's blasts row for this key is \"%1\"; nothing was sent.")
                                  .arg(r.consoleStatus));
        case Kind::Mismatch:
            return opsProblem(Status::UnprocessableEntity, OpsProblem::IdempotencyKeyReused,
                              QStringLiteral("Idempotency-Key reused with a different request"),
                              QStringLiteral("Key %1 was first used with another body; use a new key for a "
                                             "new blast.")
                                  .arg(req.key.toString(QUuid::WithoutBraces)));
        case Kind::Replayed:
            return HttpReply::json(blastJson(r.row), Status::Accepted).withHeader("Idempotent-Replayed", "true");
        case Kind::Created: break;
        }
        const qint64 id = r.row.toInt64(0, 0);
        logcat::api()->info("blast {} queued: {} to {} recipients", remoteId(id).toStdString(),
                            req.channel.toStdString(), req.audienceSize);
        schedule(id, QStringLiteral("queued"), m_o.queuedMs);
        return HttpReply::json(blastJson(r.row), Status::Accepted);
    });
}

QFuture<HttpReply> BlastProvider::get(const QString &idOrKey)
{
    const auto q =
        byRef(sql("SELECT ", " FROM hubsim_sent_blasts WHERE idempotency_key = $1::uuid OR id = $2::bigint"), idOrKey);
    if (!q)
        return QtFuture::makeReadyValueFuture(notFound(idOrKey));
    return m_pool.run([q = *q](PgSession &s) { return s.exec(q); })
        .then(this, [idOrKey](const PgSessionPool::Outcome<DbTable> &o) {
            if (!o.ok())
                return unavailable(o.error);
            if (o.value->rowCount() == 0)
                return notFound(idOrKey);
            return HttpReply::json(blastJson(*o.value));
        });
}

QFuture<HttpReply> BlastProvider::cancel(const QString &idOrKey)
{
    const auto q = byRef(sql("SELECT ",
                             " FROM hubsim_sent_blasts WHERE idempotency_key = $1::uuid OR id = $2::bigint "
                             "FOR UPDATE"),
                         idOrKey);
    if (!q)
        return QtFuture::makeReadyValueFuture(notFound(idOrKey));
    struct Result
    {
        DbTable row;
        bool cancelledNow = false;
    };
    auto job = [q = *q](PgSession &s) {
        return s.transaction([&] {
            Result r;
            // The row lock orders us against the queued -> sending step.
            r.row = s.exec(q);
            if (r.row.rowCount() == 0 || r.row.text(0, 2) != QLatin1String("queued"))
                return r;
            r.row = s.exec(DbQuery(sql("UPDATE hubsim_sent_blasts SET status = 'cancelled', updated_at = now() "
                                       "WHERE id = $1 RETURNING "))
                               .bind(r.row.toInt64(0, 0)));
            s.exec(DbQuery("UPDATE blasts SET status = 'cancelled' WHERE idempotency_key = $1::uuid")
                       .bind(r.row.text(0, 1)));
            r.cancelledNow = true;
            return r;
        });
    };
    return m_pool.run(std::move(job)).then(this, [idOrKey](const PgSessionPool::Outcome<Result> &o) {
        if (!o.ok())
            return unavailable(o.error);
        const Result &r = *o.value;
        if (r.row.rowCount() == 0)
            return notFound(idOrKey);
        const QString status = r.row.text(0, 2);
        if (r.cancelledNow || status == QLatin1String("cancelled")) {
            if (r.cancelledNow)
                logcat::api()->info("blast {} cancelled", remoteId(r.row.toInt64(0, 0)).toStdString());
            return HttpReply::json(blastJson(r.row));
        }
        return opsProblem(Status::Conflict, OpsProblem::BlastNotCancellable,
                          QStringLiteral("The blast can no longer be cancelled"),
                          QStringLiteral("Blast %1 is already %2.").arg(remoteId(r.row.toInt64(0, 0)), status));
    });
}

void BlastProvider::schedule(qint64 id, const QString &from, int delayMs)
{
    QTimer::singleShot(delayMs, this, [this, id, from] { advance(id, from); });
}

void BlastProvider::advance(qint64 id, const QString &from)
{
    const QString to = from == QLatin1String("queued") ? QStringLiteral("sending") : QStringLiteral("sent");
    auto job = [id, from, to](PgSession &s) {
        return s.transaction([&] {
            const DbTable t =
                s.exec(DbQuery("UPDATE hubsim_sent_blasts SET status = $2, updated_at = now(), "
                               "sent_count = CASE WHEN $2 = 'sent' THEN audience_size ELSE 0 END "
                               "WHERE id = $1 AND status = $3 RETURNING idempotency_key::text, sent_count")
                           .bind(id)
                           .bind(to)
                           .bind(from));
            if (t.rowCount())
                s.exec(DbQuery("UPDATE blasts SET status = $2::blast_status, sent_count = $3, "
                               "remote_id = coalesce(remote_id, $4) WHERE idempotency_key = $1::uuid")
                           .bind(t.text(0, 0))
                           .bind(to)
                           .bind(t.toInt64(0, 1))
                           .bind(remoteId(id)));
            return t.rowCount() > 0;
        });
    };
    m_pool.run(std::move(job)).then(this, [this, id, from, to](const PgSessionPool::Outcome<bool> &o) {
        if (!o.ok()) {
            logcat::api()->warn("blast {}: {} -> {} failed, retrying: {}", remoteId(id).toStdString(),
                                from.toStdString(), to.toStdString(), o.error.message.toStdString());
            schedule(id, from, 1000);
            return;
        }
        // No row moved: cancelled in between.
        if (*o.value && to == QLatin1String("sending"))
            schedule(id, to, m_o.sendingMs);
        else if (*o.value)
            logcat::api()->info("blast {} sent", remoteId(id).toStdString());
    });
}

} // namespace oc::sim

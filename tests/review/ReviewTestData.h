#pragma once

#include "PgAsyncConnection.h"
#include "PgSession.h"
#include "TestDatabase.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace oc::test {

// Rows for review tests, written with a blocking session the way the
// backend would write them.
struct ReviewTestData
{
    PgSession s;
    qint64 campaign = 0;

    explicit ReviewTestData(const QString &conninfo)
        : s(conninfo)
    {
        campaign = s.exec(DbQuery("INSERT INTO campaigns (slug, title, status) VALUES ('fall', 'Fall push', 'live') "
                                  "RETURNING id"))
                       .toInt64(0, 0);
    }

    qint64 host(const QString &name, const QString &prep = QStringLiteral("not_contacted"),
                const QString &phone = QStringLiteral("+1 412 555 0100"))
    {
        return s
            .exec(DbQuery("INSERT INTO hosts (name, email, phone, prep_status) "
                          "VALUES ($1, lower($1) || '@example.org', $2, $3::prep_status) RETURNING id")
                      .bind(name)
                      .bind(phone)
                      .bind(prep))
            .toInt64(0, 0);
    }

    // `createdMinutesAgo` orders the queue; `startsInHours` places the event.
    qint64 event(const QString &title, qint64 hostId, int createdMinutesAgo, double startsInHours = 48,
                 double lat = 40.4406, double lon = -79.9959, const QString &state = QStringLiteral("PA"),
                 const QString &approval = QStringLiteral("needs_approval"), qint64 campaignId = 0)
    {
        DbQuery q("INSERT INTO events (campaign_id, host_id, title, description, starts_at, timezone, venue, "
                  "address, city, state, postal_code, latitude, longitude, approval_status, created_at) "
                  "VALUES ($1, $2, $3, 'Bring a friend.', now() + make_interval(secs => $4::float8 * 3600), "
                  "'America/New_York', 'Union Hall', '1 Main St', 'Pittsburgh', $5, '15222', $6, $7, "
                  "$8::approval_status, now() - make_interval(mins => $9::int)) RETURNING id");
        q.bind(campaignId ? campaignId : campaign);
        if (hostId)
            q.bind(hostId);
        else
            q.bindNull();
        q.bind(title).bind(startsInHours).bind(state).bind(lat).bind(lon).bind(approval).bind(createdMinutesAgo);
        return s.exec(q).toInt64(0, 0);
    }

    QString text(const char *sql, qint64 id) { return s.exec(DbQuery(sql).bind(id)).text(0, 0); }
    qint64 number(const char *sql, qint64 id) { return s.exec(DbQuery(sql).bind(id)).toInt64(0, 0); }
};

inline std::unique_ptr<PgAsyncConnection> connectAsync(const QString &conninfo)
{
    auto c = std::make_unique<PgAsyncConnection>();
    QSignalSpy connected(c.get(), &DbConnection::connected);
    c->open(conninfo);
    if (c->state() != DbConnection::State::Connected && !connected.wait(15000))
        return nullptr;
    return c;
}

} // namespace oc::test

// The ops API end to end: real HTTP on loopback, a real private PostgreSQL.
#include "HttpTestClient.h"
#include "HubHttpServices.h"
#include "HubStreamer.h"
#include "OpsApiServer.h"
#include "PgSession.h"
#include "Seeder.h"
#include "TestDatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <memory>

using namespace oc;
using namespace oc::sim;
using oc::test::HttpTestClient;

namespace {

const QByteArray kToken = QByteArrayLiteral("s3cret-test-token"); // operator
const QByteArray kViewerToken = QByteArrayLiteral("viewer-test-token");
const QByteArray kTrainerToken = QByteArrayLiteral("trainer-test-token");

struct Hub
{
    QString conninfo;
    qint64 campaignId = 0;
    QTemporaryDir dir;
    std::unique_ptr<HubHttpServices> http;
    std::unique_ptr<HttpTestClient> api;
};

} // namespace

class TestOpsApiServer : public QObject
{
    Q_OBJECT

    std::unique_ptr<Hub> startHub(const QString &name, HubHttpServices::Options o = {})
    {
        auto hub = std::make_unique<Hub>();
        hub->conninfo = test::TestDatabase::instance().freshDatabase(name);
        PgSession s(hub->conninfo);
        Seeder::Options so;
        so.events = 60;
        so.supporters = 200;
        so.rsvps = 20;
        hub->campaignId = Seeder(s).seed(so);
        o.conninfo = hub->conninfo;
        o.campaignId = hub->campaignId;
        o.apiToken = kToken;
        o.apiViewerToken = kViewerToken;
        o.apiTrainerToken = kTrainerToken;
        o.testEndpoints = true;
        o.rsvpJournal = hub->dir.filePath(QStringLiteral("rsvp.jsonl"));
        hub->http = std::make_unique<HubHttpServices>(o);
        QString err;
        if (!hub->http->start(&err)) {
            qWarning("%s", qPrintable(err));
            return nullptr;
        }
        hub->api =
            std::make_unique<HttpTestClient>(QStringLiteral("http://127.0.0.1:%1").arg(hub->http->apiPort()), kToken);
        return hub;
    }

    static qint64 scalar(const QString &conninfo, const DbQuery &q)
    {
        PgSession s(conninfo);
        return s.exec(q).toInt64(0, 0);
    }
    static QString text(const QString &conninfo, const DbQuery &q)
    {
        PgSession s(conninfo);
        const DbTable t = s.exec(q);
        return t.rowCount() ? t.text(0, 0) : QString();
    }

    static QJsonObject blastBody(const QString &message = QStringLiteral("Rally tomorrow at noon!"))
    {
        return {{QStringLiteral("channel"), QStringLiteral("email")},
                {QStringLiteral("campaign"), QStringLiteral("day-of-action")},
                {QStringLiteral("audience"),
                 QJsonObject {{QStringLiteral("zip"), QStringLiteral("02139")}, {QStringLiteral("radius_miles"), 25}}},
                {QStringLiteral("audience_size"), 1234},
                {QStringLiteral("message"), message}};
    }
    static HttpTestClient::Headers keyHeader(const QUuid &key)
    {
        return {{"Idempotency-Key", key.toString(QUuid::WithoutBraces).toLatin1()}};
    }

    static void verifyProblem(const HttpTestClient::Response &r, int status, const QString &type)
    {
        QCOMPARE(r.status, status);
        QVERIFY2(r.contentType.startsWith("application/problem+json"), r.contentType.constData());
        QCOMPARE(r.json.value(QStringLiteral("status")).toInt(), status);
        QVERIFY2(r.json.value(QStringLiteral("type")).toString().endsWith(QLatin1Char('/') + type),
                 qPrintable(r.json.value(QStringLiteral("type")).toString()));
        QVERIFY(!r.json.value(QStringLiteral("title")).toString().isEmpty());
    }

    static void verifyForbidden(const HttpTestClient::Response &r, const QString &tokenRole)
    {
        verifyProblem(r, 403, QStringLiteral("forbidden"));
        QCOMPARE(r.json.value(QStringLiteral("required_role")).toString(), QStringLiteral("operator"));
        QCOMPARE(r.json.value(QStringLiteral("token_role")).toString(), tokenRole);
        QVERIFY2(r.json.value(QStringLiteral("detail")).toString().contains(QLatin1String("operator")),
                 qPrintable(r.json.value(QStringLiteral("detail")).toString()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
    }

    void missingOrWrongTokenIs401Problem()
    {
        auto hub = startHub(QStringLiteral("api_auth"));
        QVERIFY(hub);
        auto r = hub->api->get(QStringLiteral("/api/v1/site"), false);
        verifyProblem(r, 401, QStringLiteral("unauthorized"));
        QVERIFY(r.headers.value("www-authenticate").startsWith("Bearer"));

        HttpTestClient wrong(QStringLiteral("http://127.0.0.1:%1").arg(hub->http->apiPort()), "not-the-token");
        verifyProblem(wrong.get(QStringLiteral("/api/v1/site")), 401, QStringLiteral("invalid-token"));
        // Nothing happened behind the refusal.
        verifyProblem(wrong.request("POST", QStringLiteral("/api/v1/campaigns/day-of-action/launch")), 401,
                      QStringLiteral("invalid-token"));
        QCOMPARE(text(hub->conninfo, "SELECT status::text FROM campaigns"), QStringLiteral("draft"));

        verifyProblem(hub->api->get(QStringLiteral("/api/v1/nope")), 404, QStringLiteral("not-found"));
        QCOMPARE(hub->api->get(QStringLiteral("/api/v1/site")).status, 200);
    }

    void lesserRolesReadButCannotAct()
    {
        HubHttpServices::Options o;
        o.blastQueuedMs = 600000; // the operator's blast stays cancellable throughout
        auto hub = startHub(QStringLiteral("api_roles"), o);
        QVERIFY(hub);
        const QString api = QStringLiteral("http://127.0.0.1:%1").arg(hub->http->apiPort());
        HttpTestClient viewer(api, kViewerToken);
        HttpTestClient trainer(api, kTrainerToken);
        const HttpTestClient::Headers actor {{"X-Actor", "mallory"}};

        // The operator uploads a snapshot and queues a blast, so every refusal
        // below is about the role alone, not a missing precondition.
        const auto snap =
            hub->api->request("PUT", QStringLiteral("/api/v1/site/snapshot"),
                              {{QStringLiteral("events"), QJsonArray {QJsonObject {{QStringLiteral("id"), 1}}}},
                               {QStringLiteral("html"), QStringLiteral("<html>STATIC</html>")}});
        QCOMPARE(snap.status, 200);
        const QString snapId = snap.json.value(QStringLiteral("snapshot_id")).toString();
        const auto queued =
            hub->api->request("POST", QStringLiteral("/api/v1/blasts"), blastBody(), keyHeader(QUuid::createUuid()));
        QCOMPARE(queued.status, 202);
        const QString blastId = queued.json.value(QStringLiteral("id")).toString();
        const QString siteBefore = text(hub->conninfo, "SELECT mode::text || ' ' || changed_at::text FROM site_state");

        for (HttpTestClient *c : {&viewer, &trainer}) {
            const QString role = c == &viewer ? QStringLiteral("viewer") : QStringLiteral("trainer");
            // Reads are allowed.
            auto r = c->get(QStringLiteral("/api/v1/site"));
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json.value(QStringLiteral("mode")).toString(), QStringLiteral("dynamic"));
            r = c->get(QStringLiteral("/api/v1/blasts/") + blastId);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));

            // Acting is not, and says which role would be needed.
            verifyForbidden(c->request("POST", QStringLiteral("/api/v1/campaigns/day-of-action/launch"), {}, actor),
                            role);
            verifyForbidden(c->request("PUT", QStringLiteral("/api/v1/site/mode"),
                                       {{QStringLiteral("mode"), QStringLiteral("static")},
                                        {QStringLiteral("snapshot_id"), snapId}},
                                       actor),
                            role);
            verifyForbidden(c->request("PUT", QStringLiteral("/api/v1/site/mode"),
                                       {{QStringLiteral("mode"), QStringLiteral("dynamic")}}, actor),
                            role);
            verifyForbidden(c->request("PUT", QStringLiteral("/api/v1/site/snapshot"),
                                       {{QStringLiteral("events"), QJsonArray {}}}, actor),
                            role);
            const QUuid key = QUuid::createUuid();
            verifyForbidden(c->request("POST", QStringLiteral("/api/v1/blasts"), blastBody(), keyHeader(key) + actor),
                            role);
            verifyForbidden(c->request("POST", QStringLiteral("/api/v1/blasts/%1/cancel").arg(blastId), {}, actor),
                            role);
            verifyForbidden(c->request("POST", QStringLiteral("/api/v1/_test/faults"),
                                       {{QStringLiteral("kind"), QStringLiteral("500")}}, actor),
                            role);
            QCOMPARE(scalar(hub->conninfo,
                            DbQuery("SELECT count(*) FROM hubsim_sent_blasts WHERE idempotency_key = "
                                    "$1::uuid")
                                .bind(key.toString(QUuid::WithoutBraces))),
                     0);
        }

        // Nothing changed behind the refusals.
        QCOMPARE(text(hub->conninfo, "SELECT status::text FROM campaigns"), QStringLiteral("draft"));
        QCOMPARE(text(hub->conninfo, "SELECT mode::text || ' ' || changed_at::text FROM site_state"), siteBefore);
        QVERIFY(siteBefore.startsWith(QLatin1String("dynamic")));
        QCOMPARE(hub->api->get(QStringLiteral("/api/v1/site")).json.value(QStringLiteral("mode")).toString(),
                 QStringLiteral("dynamic"));
        QCOMPARE(scalar(hub->conninfo, "SELECT count(*) FROM hubsim_sent_blasts"), 1);
        QCOMPARE(scalar(hub->conninfo, "SELECT count(*) FROM blasts"), 0);
        QCOMPARE(text(hub->conninfo,
                      DbQuery("SELECT status FROM hubsim_sent_blasts WHERE id = $1").bind(blastId.mid(4).toLongLong())),
                 QStringLiteral("queued"));
        QCOMPARE(
            hub->api->get(QStringLiteral("/api/v1/_test/faults")).json.value(QStringLiteral("faults")).toArray().size(),
            0);

        // An unknown token is still 401, not 403: it says nothing about roles.
        HttpTestClient stranger(api, "viewer-test-token-2");
        verifyProblem(stranger.get(QStringLiteral("/api/v1/site")), 401, QStringLiteral("invalid-token"));
        verifyProblem(stranger.request("POST", QStringLiteral("/api/v1/campaigns/day-of-action/launch")), 401,
                      QStringLiteral("invalid-token"));

        // The operator token does all of it.
        auto r = hub->api->request("POST", QStringLiteral("/api/v1/campaigns/day-of-action/launch"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("live"));
        r = hub->api->request(
            "PUT", QStringLiteral("/api/v1/site/mode"),
            {{QStringLiteral("mode"), QStringLiteral("static")}, {QStringLiteral("snapshot_id"), snapId}});
        QCOMPARE(r.status, 200);
        QCOMPARE(text(hub->conninfo, "SELECT mode::text FROM site_state"), QStringLiteral("static"));
        QCOMPARE(viewer.get(QStringLiteral("/api/v1/site")).json.value(QStringLiteral("mode")).toString(),
                 QStringLiteral("static"));
        r = hub->api->request("POST", QStringLiteral("/api/v1/blasts/%1/cancel").arg(blastId));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
    }

    void launchSetsCampaignLiveAndStartsStreamerOnce()
    {
        auto hub = startHub(QStringLiteral("api_launch"));
        QVERIFY(hub);
        Scenario::Options sco;
        sco.autoLaunch = false;
        sco.baseViewsPerMin = 0;
        HubStreamer::Options sto;
        sto.conninfo = hub->conninfo;
        sto.campaignId = hub->campaignId;
        sto.eventsPerSimDay = 0;
        auto *streamer = new HubStreamer(sto, Scenario(sco));
        QThread writer;
        streamer->moveToThread(&writer);
        connect(&writer, &QThread::started, streamer, &HubStreamer::start);
        connect(&writer, &QThread::finished, streamer, &QObject::deleteLater);
        QString phase;
        connect(streamer, &HubStreamer::phaseChanged, this, [&](const QString &p) { phase = p; });
        hub->http->setStreamer(streamer);
        writer.start();
        QTRY_COMPARE_WITH_TIMEOUT(phase, QStringLiteral("quiet"), 10000);

        auto r = hub->api->request("POST", QStringLiteral("/api/v1/campaigns/day-of-action/launch"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("live"));
        QCOMPARE(r.json.value(QStringLiteral("changed")).toBool(), true);
        const QString launchAt = r.json.value(QStringLiteral("launch_at")).toString();
        QVERIFY(!launchAt.isEmpty());
        QCOMPARE(text(hub->conninfo, "SELECT status::text FROM campaigns"), QStringLiteral("live"));
        QTRY_COMPARE_WITH_TIMEOUT(phase, QStringLiteral("launch"), 10000);

        // Launching a live campaign is not an error and changes nothing.
        r = hub->api->request("POST", QStringLiteral("/api/v1/campaigns/day-of-action/launch"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("changed")).toBool(), false);
        QCOMPARE(r.json.value(QStringLiteral("launch_at")).toString(), launchAt);

        verifyProblem(hub->api->request("POST", QStringLiteral("/api/v1/campaigns/no-such/launch")), 404,
                      QStringLiteral("campaign-not-found"));

        hub->http->setStreamer(nullptr);
        QMetaObject::invokeMethod(streamer, &HubStreamer::stop, Qt::BlockingQueuedConnection);
        writer.quit();
        writer.wait();
    }

    void snapshotUploadAndModeFlip()
    {
        auto hub = startHub(QStringLiteral("api_site"));
        QVERIFY(hub);
        HttpTestClient site(QStringLiteral("http://127.0.0.1:%1").arg(hub->http->sitePort()));
        auto r = hub->api->get(QStringLiteral("/api/v1/site"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("mode")).toString(), QStringLiteral("dynamic"));
        QVERIFY(r.json.value(QStringLiteral("snapshot_id")).isNull());

        auto page = site.get(QStringLiteral("/"), false);
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains("Find an event near you"));
        auto events = site.get(QStringLiteral("/events.json"), false);
        QCOMPARE(events.status, 200);
        const QJsonArray list = events.json.value(QStringLiteral("events")).toArray();
        QVERIFY(!list.isEmpty());

        // Static needs a snapshot, and one that was uploaded.
        verifyProblem(hub->api->request("PUT", QStringLiteral("/api/v1/site/mode"),
                                        {{QStringLiteral("mode"), QStringLiteral("static")}}),
                      422, QStringLiteral("snapshot-required"));
        verifyProblem(hub->api->request("PUT", QStringLiteral("/api/v1/site/mode"),
                                        {{QStringLiteral("mode"), QStringLiteral("static")},
                                         {QStringLiteral("snapshot_id"), QStringLiteral("snap-nope")}}),
                      409, QStringLiteral("unknown-snapshot"));

        const QJsonObject snapshot {
            {QStringLiteral("events"), list},
            {QStringLiteral("html"), QStringLiteral("<html><body>STATIC-MARKER</body></html>")}};
        r = hub->api->request("PUT", QStringLiteral("/api/v1/site/snapshot"), snapshot);
        QCOMPARE(r.status, 200);
        const QString snapId = r.json.value(QStringLiteral("snapshot_id")).toString();
        QVERIFY(!snapId.isEmpty());
        QCOMPARE(r.json.value(QStringLiteral("event_count")).toInt(), list.size());
        // Same content, same id: a retried upload is harmless.
        QCOMPARE(hub->api->request("PUT", QStringLiteral("/api/v1/site/snapshot"), snapshot)
                     .json.value(QStringLiteral("snapshot_id"))
                     .toString(),
                 snapId);

        r = hub->api->request(
            "PUT", QStringLiteral("/api/v1/site/mode"),
            {{QStringLiteral("mode"), QStringLiteral("static")}, {QStringLiteral("snapshot_id"), snapId}},
            {{"X-Actor", "alice@campaign.org"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("mode")).toString(), QStringLiteral("static"));
        QCOMPARE(r.json.value(QStringLiteral("persisted")).toBool(), true);
        {
            PgSession s(hub->conninfo);
            const DbTable t =
                s.exec("SELECT mode::text, snapshot_id, changed_by FROM site_state WHERE site = 'events'");
            QCOMPARE(t.text(0, 0), QStringLiteral("static"));
            QCOMPARE(t.text(0, 1), snapId);
            QCOMPARE(t.text(0, 2), QStringLiteral("alice@campaign.org"));
        }
        page = site.get(QStringLiteral("/?zip=02139"), false);
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains("STATIC-MARKER"));
        events = site.get(QStringLiteral("/events.json"), false);
        QCOMPARE(events.json.value(QStringLiteral("snapshot_id")).toString(), snapId);
        QCOMPARE(events.json.value(QStringLiteral("events")).toArray().size(), list.size());
        r = hub->api->get(QStringLiteral("/api/v1/site"));
        QCOMPARE(r.json.value(QStringLiteral("mode")).toString(), QStringLiteral("static"));
        QCOMPARE(r.json.value(QStringLiteral("snapshot_id")).toString(), snapId);

        // Idempotent: flipping to the mode it is in is fine.
        QCOMPARE(
            hub->api
                ->request("PUT", QStringLiteral("/api/v1/site/mode"),
                          {{QStringLiteral("mode"), QStringLiteral("static")}, {QStringLiteral("snapshot_id"), snapId}})
                .status,
            200);
        r = hub->api->request("PUT", QStringLiteral("/api/v1/site/mode"),
                              {{QStringLiteral("mode"), QStringLiteral("dynamic")}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("mode")).toString(), QStringLiteral("dynamic"));
        QCOMPARE(text(hub->conninfo, "SELECT mode::text FROM site_state WHERE site = 'events'"),
                 QStringLiteral("dynamic"));
        page = site.get(QStringLiteral("/?zip=02139"), false);
        QCOMPARE(page.status, 200);
        QVERIFY(!page.body.contains("STATIC-MARKER"));
        QVERIFY(page.body.contains("Events nearest 02139"));

        verifyProblem(hub->api->request("PUT", QStringLiteral("/api/v1/site/mode"),
                                        {{QStringLiteral("mode"), QStringLiteral("sideways")}}),
                      422, QStringLiteral("invalid-mode"));
    }

    void blastIdempotencyStorm()
    {
        HubHttpServices::Options o;
        o.blastQueuedMs = 200;
        o.blastSendingMs = 200;
        auto hub = startHub(QStringLiteral("api_storm"), o);
        QVERIFY(hub);
        const QUuid key = QUuid::createUuid();
        const QByteArray body = QJsonDocument(blastBody()).toJson(QJsonDocument::Compact);
        // QNetworkAccessManager opens at most six connections per host, so
        // spread the storm over many managers to make it really concurrent.
        std::vector<std::unique_ptr<HttpTestClient>> clients;
        for (int i = 0; i < 17; ++i)
            clients.push_back(std::make_unique<HttpTestClient>(
                QStringLiteral("http://127.0.0.1:%1").arg(hub->http->apiPort()), kToken));
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 100; ++i)
            replies << clients[size_t(i) % clients.size()]->start("POST", QStringLiteral("/api/v1/blasts"), body,
                                                                  keyHeader(key));
        QSet<QString> ids;
        int replayed = 0;
        for (auto *reply : replies) {
            const auto r = HttpTestClient::wait(reply);
            QCOMPARE(r.status, 202);
            ids.insert(r.json.value(QStringLiteral("id")).toString());
            replayed += r.headers.value("idempotent-replayed") == "true";
        }
        QCOMPARE(ids.size(), 1);
        QCOMPARE(replayed, 99);
        QCOMPARE(scalar(hub->conninfo, "SELECT count(*) FROM hubsim_sent_blasts"), 1);

        // Same key, different body: refused, nothing sent.
        verifyProblem(hub->api->request("POST", QStringLiteral("/api/v1/blasts"), blastBody(QStringLiteral("Other")),
                                        keyHeader(key)),
                      422, QStringLiteral("idempotency-key-reused"));
        // A new key is a new send.
        const auto second =
            hub->api->request("POST", QStringLiteral("/api/v1/blasts"), blastBody(), keyHeader(QUuid::createUuid()));
        QCOMPARE(second.status, 202);
        QVERIFY(second.json.value(QStringLiteral("id")).toString() != *ids.begin());
        QCOMPARE(scalar(hub->conninfo, "SELECT count(*) FROM hubsim_sent_blasts"), 2);

        // The send completes asynchronously, by id or by key.
        const QString id = *ids.begin();
        QTRY_COMPARE_WITH_TIMEOUT(
            hub->api->get(QStringLiteral("/api/v1/blasts/") + id).json.value(QStringLiteral("status")).toString(),
            QStringLiteral("sent"), 20000);
        const auto byKey = hub->api->get(QStringLiteral("/api/v1/blasts/") + key.toString(QUuid::WithoutBraces));
        QCOMPARE(byKey.json.value(QStringLiteral("id")).toString(), id);
        QCOMPARE(byKey.json.value(QStringLiteral("sent_count")).toInt(), 1234);

        verifyProblem(hub->api->request("POST", QStringLiteral("/api/v1/blasts"), blastBody()), 400,
                      QStringLiteral("idempotency-key-required"));
        QJsonObject bad = blastBody();
        bad.insert(QStringLiteral("channel"), QStringLiteral("fax"));
        verifyProblem(hub->api->request("POST", QStringLiteral("/api/v1/blasts"), bad, keyHeader(QUuid::createUuid())),
                      422, QStringLiteral("invalid-blast"));
        verifyProblem(hub->api->get(QStringLiteral("/api/v1/blasts/hsb-999999")), 404,
                      QStringLiteral("blast-not-found"));
    }

    void consoleBlastRowFollowsTheSend()
    {
        HubHttpServices::Options o;
        o.blastQueuedMs = 100;
        o.blastSendingMs = 100;
        auto hub = startHub(QStringLiteral("api_consolerow"), o);
        QVERIFY(hub);
        const QUuid key = QUuid::createUuid();
        const QString k = key.toString(QUuid::WithoutBraces);
        {
            // The console writes its intent first, with the same key, and a
            // second operator approves it (the two-person rule's triggers
            // allow nothing shorter).
            PgSession s(hub->conninfo);
            s.exec(
                DbQuery("INSERT INTO blasts (idempotency_key, campaign_id, channel, audience, audience_size, "
                        "message, status, requested_by) "
                        "VALUES ($1, $2, 'email', '{}', 1234, 'Rally tomorrow at noon!', 'pending_approval', 'alice')")
                    .bind(k)
                    .bind(hub->campaignId));
            s.exec(DbQuery("UPDATE blasts SET status = 'approved', approved_by = 'bob' WHERE idempotency_key = $1")
                       .bind(k));
        }
        const auto r = hub->api->request("POST", QStringLiteral("/api/v1/blasts"), blastBody(), keyHeader(key));
        QCOMPARE(r.status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(
            text(hub->conninfo, DbQuery("SELECT status::text FROM blasts WHERE idempotency_key = $1").bind(k)),
            QStringLiteral("sent"), 20000);
        PgSession s(hub->conninfo);
        const DbTable t =
            s.exec(DbQuery("SELECT remote_id, sent_count FROM blasts WHERE idempotency_key = $1").bind(k));
        QCOMPARE(t.text(0, 0), r.json.value(QStringLiteral("id")).toString());
        QCOMPARE(t.toInt64(0, 1), 1234);

        // A row the console has not approved is never sent.
        const QString pending = QUuid::createUuid().toString(QUuid::WithoutBraces);
        s.exec(DbQuery("INSERT INTO blasts (idempotency_key, campaign_id, channel, audience, audience_size, message, "
                       "status, requested_by) VALUES ($1, $2, 'sms', '{}', 5, 'hi', 'pending_approval', 'alice')")
                   .bind(pending)
                   .bind(hub->campaignId));
        verifyProblem(hub->api->request("POST", QStringLiteral("/api/v1/blasts"), blastBody(),
                                        {{"Idempotency-Key", pending.toLatin1()}}),
                      409, QStringLiteral("blast-not-approved"));
        QCOMPARE(s.exec(DbQuery("SELECT count(*) FROM hubsim_sent_blasts WHERE idempotency_key = $1").bind(pending))
                     .toInt64(0, 0),
                 0);
    }

    void errorAfterRecordThenRetrySendsOnce()
    {
        auto hub = startHub(QStringLiteral("api_fault"));
        QVERIFY(hub);
        auto f = hub->api->request("POST", QStringLiteral("/api/v1/_test/faults"),
                                   {{QStringLiteral("kind"), QStringLiteral("500-after-record")},
                                    {QStringLiteral("endpoint"), QStringLiteral("create-blast")},
                                    {QStringLiteral("count"), 1}});
        QCOMPARE(f.status, 200);
        QCOMPARE(f.json.value(QStringLiteral("faults")).toArray().size(), 1);

        const QUuid key = QUuid::createUuid();
        verifyProblem(hub->api->request("POST", QStringLiteral("/api/v1/blasts"), blastBody(), keyHeader(key)), 500,
                      QStringLiteral("injected-fault"));
        // The caller saw an error, but the send happened.
        QCOMPARE(scalar(hub->conninfo, "SELECT count(*) FROM hubsim_sent_blasts"), 1);
        const auto retry = hub->api->request("POST", QStringLiteral("/api/v1/blasts"), blastBody(), keyHeader(key));
        QCOMPARE(retry.status, 202);
        QCOMPARE(retry.headers.value("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(scalar(hub->conninfo, "SELECT count(*) FROM hubsim_sent_blasts"), 1);

        // A plain 500 does nothing; garbage is not JSON.
        hub->api->request("POST", QStringLiteral("/api/v1/_test/faults"),
                          {{QStringLiteral("faults"),
                            QJsonArray {QJsonObject {{QStringLiteral("kind"), QStringLiteral("500")},
                                                     {QStringLiteral("endpoint"), QStringLiteral("create-blast")},
                                                     {QStringLiteral("count"), 1}},
                                        QJsonObject {{QStringLiteral("kind"), QStringLiteral("garbage")},
                                                     {QStringLiteral("endpoint"), QStringLiteral("get-site")},
                                                     {QStringLiteral("count"), 1}}}}});
        verifyProblem(
            hub->api->request("POST", QStringLiteral("/api/v1/blasts"), blastBody(), keyHeader(QUuid::createUuid())),
            500, QStringLiteral("injected-fault"));
        QCOMPARE(scalar(hub->conninfo, "SELECT count(*) FROM hubsim_sent_blasts"), 1);
        const auto garbage = hub->api->get(QStringLiteral("/api/v1/site"));
        QCOMPARE(garbage.status, 200);
        QVERIFY(QJsonDocument::fromJson(garbage.body).isNull());
        QCOMPARE(hub->api->get(QStringLiteral("/api/v1/site")).json.value(QStringLiteral("mode")).toString(),
                 QStringLiteral("dynamic"));

        // A hang answers late but answers.
        hub->api->request("POST", QStringLiteral("/api/v1/_test/faults"),
                          {{QStringLiteral("kind"), QStringLiteral("hang")},
                           {QStringLiteral("endpoint"), QStringLiteral("get-site")},
                           {QStringLiteral("seconds"), 1},
                           {QStringLiteral("count"), 1}});
        QCOMPARE(hub->api->get(QStringLiteral("/api/v1/site")).status, 200);
        QCOMPARE(hub->api->request("DELETE", QStringLiteral("/api/v1/_test/faults"))
                     .json.value(QStringLiteral("faults"))
                     .toArray()
                     .size(),
                 0);
    }

    void cancelOnlyWhileQueued()
    {
        HubHttpServices::Options o;
        o.blastQueuedMs = 600000; // stays cancellable for the whole test
        auto hub = startHub(QStringLiteral("api_cancel"), o);
        QVERIFY(hub);
        const QUuid key = QUuid::createUuid();
        const auto created = hub->api->request("POST", QStringLiteral("/api/v1/blasts"), blastBody(), keyHeader(key));
        QCOMPARE(created.status, 202);
        QCOMPARE(created.json.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
        const QString id = created.json.value(QStringLiteral("id")).toString();

        auto r = hub->api->request("POST", QStringLiteral("/api/v1/blasts/%1/cancel").arg(id));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
        QCOMPARE(hub->api->get(QStringLiteral("/api/v1/blasts/") + id).json.value(QStringLiteral("status")).toString(),
                 QStringLiteral("cancelled"));
        // Cancelling again is harmless.
        QCOMPARE(hub->api->request("POST", QStringLiteral("/api/v1/blasts/%1/cancel").arg(id)).status, 200);
        // A retried create after the cancel does not resurrect it.
        const auto again = hub->api->request("POST", QStringLiteral("/api/v1/blasts"), blastBody(), keyHeader(key));
        QCOMPARE(again.json.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));

        const auto other =
            hub->api->request("POST", QStringLiteral("/api/v1/blasts"), blastBody(), keyHeader(QUuid::createUuid()));
        {
            // Past the queue: the provider is already sending.
            PgSession s(hub->conninfo);
            s.exec(DbQuery("UPDATE hubsim_sent_blasts SET status = 'sending' WHERE id = $1")
                       .bind(other.json.value(QStringLiteral("id")).toString().mid(4).toLongLong()));
        }
        verifyProblem(
            hub->api->request(
                "POST",
                QStringLiteral("/api/v1/blasts/%1/cancel").arg(other.json.value(QStringLiteral("id")).toString())),
            409, QStringLiteral("blast-not-cancellable"));
        verifyProblem(hub->api->request("POST", QStringLiteral("/api/v1/blasts/hsb-424242/cancel")), 404,
                      QStringLiteral("blast-not-found"));
    }
};

QTEST_GUILESS_MAIN(TestOpsApiServer)
#include "tst_opsapiserver.moc"

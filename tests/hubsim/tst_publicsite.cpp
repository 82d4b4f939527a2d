// The public site: static-mode RSVPs that survive everything, the mode flip
// under load, overload in dynamic mode, and served traffic reaching
// traffic_samples. Real HTTP on loopback, a real private PostgreSQL.
#include "HttpTestClient.h"
#include "HubHttpServices.h"
#include "HubStreamer.h"
#include "PgSession.h"
#include "PublicSite.h"
#include "RsvpQueue.h"
#include "Seeder.h"
#include "TestDatabase.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QThread>

#include <memory>

using namespace oc;
using namespace oc::sim;
using oc::test::HttpTestClient;

namespace {

const QByteArray kToken = QByteArrayLiteral("site-test-token");

// Keeps GET requests flowing over many connections until told to stop,
// counting every answer and every failure.
class LoadLoop : public QObject
{
public:
    LoadLoop(const QString &url, int clients, int perClient)
    {
        for (int i = 0; i < clients; ++i)
            m_clients.push_back(std::make_unique<HttpTestClient>(url));
        for (auto &c : m_clients)
            for (int j = 0; j < perClient; ++j)
                fire(c.get());
    }
    void stop() { m_stopping = true; }
    bool idle() const { return m_inFlight == 0; }

    int done = 0;
    int failed = 0;
    int staticAnswers = 0;
    int dynamicAnswers = 0;
    QList<QString> failures;

private:
    void fire(HttpTestClient *c)
    {
        ++m_inFlight;
        QNetworkReply *r = c->start("GET", QStringLiteral("/"), {}, {}, false);
        connect(r, &QNetworkReply::finished, this, [this, c, r] {
            --m_inFlight;
            const auto res = HttpTestClient::collect(r);
            r->deleteLater();
            ++done;
            if (!res.ok()) {
                ++failed;
                if (failures.size() < 10)
                    failures << QStringLiteral("status %1 error %2").arg(res.status).arg(int(res.error));
            } else if (res.body.contains("STATIC-MARKER")) {
                ++staticAnswers;
            } else {
                ++dynamicAnswers;
            }
            if (!m_stopping)
                fire(c);
        });
    }

    std::vector<std::unique_ptr<HttpTestClient>> m_clients;
    int m_inFlight = 0;
    bool m_stopping = false;
};

struct Hub
{
    QString conninfo;
    qint64 campaignId = 0;
    QTemporaryDir dir;
    HubHttpServices::Options options;
    std::unique_ptr<HubHttpServices> http;
    std::unique_ptr<HttpTestClient> api;
    std::unique_ptr<HttpTestClient> site;

    QString journal() const { return dir.filePath(QStringLiteral("rsvp.jsonl")); }
    bool start()
    {
        http = std::make_unique<HubHttpServices>(options);
        QString err;
        if (!http->start(&err)) {
            qWarning("%s", qPrintable(err));
            return false;
        }
        api = std::make_unique<HttpTestClient>(QStringLiteral("http://127.0.0.1:%1").arg(http->apiPort()), kToken);
        site = std::make_unique<HttpTestClient>(QStringLiteral("http://127.0.0.1:%1").arg(http->sitePort()));
        return true;
    }
    void stop()
    {
        site.reset();
        api.reset();
        http.reset();
    }
};

} // namespace

class TestPublicSite : public QObject
{
    Q_OBJECT

    std::unique_ptr<Hub> startHub(const QString &name, double capacity = 1e6)
    {
        auto hub = std::make_unique<Hub>();
        hub->conninfo = test::TestDatabase::instance().freshDatabase(name);
        PgSession s(hub->conninfo);
        Seeder::Options so;
        so.events = 80;
        so.supporters = 200;
        so.rsvps = 20;
        hub->campaignId = Seeder(s).seed(so);
        hub->options.conninfo = hub->conninfo;
        hub->options.campaignId = hub->campaignId;
        hub->options.apiToken = kToken;
        hub->options.siteCapacity = capacity;
        hub->options.rsvpJournal = hub->journal();
        if (!hub->start())
            return nullptr;
        return hub;
    }

    static qint64 scalar(const QString &conninfo, const DbQuery &q)
    {
        PgSession s(conninfo);
        return s.exec(q).toInt64(0, 0);
    }

    // Uploads /events.json as the snapshot, with a marker in the HTML; returns its id.
    static QString uploadSnapshot(Hub &hub)
    {
        const auto events = hub.site->get(QStringLiteral("/events.json"), false);
        const auto r =
            hub.api->request("PUT", QStringLiteral("/api/v1/site/snapshot"),
                             {{QStringLiteral("events"), events.json.value(QStringLiteral("events"))},
                              {QStringLiteral("html"), QStringLiteral("<html><body>STATIC-MARKER</body></html>")}});
        return r.json.value(QStringLiteral("snapshot_id")).toString();
    }
    static int setMode(Hub &hub, const QString &mode, const QString &snapshotId = {})
    {
        QJsonObject body {{QStringLiteral("mode"), mode}};
        if (!snapshotId.isEmpty())
            body.insert(QStringLiteral("snapshot_id"), snapshotId);
        return hub.api->request("PUT", QStringLiteral("/api/v1/site/mode"), body).status;
    }
    static QList<qint64> approvedEvents(const QString &conninfo, int n)
    {
        PgSession s(conninfo);
        const DbTable t = s.exec(DbQuery("SELECT id FROM events WHERE approval_status = 'approved' "
                                         "AND starts_at > now() ORDER BY id LIMIT $1")
                                     .bind(n));
        QList<qint64> ids;
        for (int r = 0; r < t.rowCount(); ++r)
            ids << t.toInt64(r, 0);
        return ids;
    }
    static qint64 rsvpsFrom(const QString &conninfo, const QString &emailLike)
    {
        return scalar(conninfo,
                      DbQuery("SELECT count(*) FROM rsvps r JOIN supporters s ON s.id = r.supporter_id "
                              "WHERE s.email LIKE $1")
                          .bind(emailLike));
    }
    static QNetworkReply *postRsvp(HttpTestClient &site, qint64 eventId, const QString &email)
    {
        return site.start(
            "POST", QStringLiteral("/rsvp"),
            QJsonDocument(QJsonObject {{QStringLiteral("event_id"), eventId}, {QStringLiteral("email"), email}})
                .toJson(QJsonDocument::Compact),
            {}, false);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
    }

    void dynamicRsvpIsWrittenAtOnce()
    {
        auto hub = startHub(QStringLiteral("site_rsvp_dynamic"));
        QVERIFY(hub);
        const qint64 event = approvedEvents(hub->conninfo, 1).value(0);
        QVERIFY(event > 0);
        auto r = HttpTestClient::wait(postRsvp(*hub->site, event, QStringLiteral("dyn@example.net")));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("confirmed"));
        QCOMPARE(rsvpsFrom(hub->conninfo, QStringLiteral("dyn@example.net")), 1);

        // A browser form post gets a page back.
        QNetworkReply *form =
            hub->site->start("POST", QStringLiteral("/rsvp"),
                             QStringLiteral("event_id=%1&email=form%2Bx%40example.net").arg(event).toUtf8(),
                             {{"Content-Type", "application/x-www-form-urlencoded"}}, false);
        r = HttpTestClient::wait(form);
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("Thanks!"));
        QCOMPARE(rsvpsFrom(hub->conninfo, QStringLiteral("form+x@example.net")), 1);

        r = HttpTestClient::wait(postRsvp(*hub->site, 987654321, QStringLiteral("ghost@example.net")));
        QCOMPARE(r.status, 422);
        r = HttpTestClient::wait(postRsvp(*hub->site, event, QStringLiteral("not-an-email")));
        QCOMPARE(r.status, 422);
    }

    void staticRsvpsAreQueuedAndFlushedWithNoneLost()
    {
        auto hub = startHub(QStringLiteral("site_rsvp_static"));
        QVERIFY(hub);
        const QList<qint64> events = approvedEvents(hub->conninfo, 5);
        QVERIFY(events.size() == 5);
        const QString snap = uploadSnapshot(*hub);
        QVERIFY(!snap.isEmpty());
        QCOMPARE(setMode(*hub, QStringLiteral("static"), snap), 200);

        constexpr int n = 60;
        QList<QNetworkReply *> replies;
        for (int i = 0; i < n; ++i)
            replies << postRsvp(*hub->site, events[i % events.size()], QStringLiteral("queued%1@example.net").arg(i));
        for (auto *reply : replies) {
            const auto r = HttpTestClient::wait(reply);
            QCOMPARE(r.status, 202);
            QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
        }
        // Static mode writes nothing to the database...
        QCOMPARE(rsvpsFrom(hub->conninfo, QStringLiteral("queued%@example.net")), 0);
        QCOMPARE(hub->api->get(QStringLiteral("/api/v1/site")).json.value(QStringLiteral("pending_rsvps")).toInt(), n);
        // ...and refuses what it could never deliver.
        QCOMPARE(HttpTestClient::wait(postRsvp(*hub->site, 987654321, QStringLiteral("x@example.net"))).status, 422);

        // Back to dynamic: the queue drains into rsvps.
        QCOMPARE(setMode(*hub, QStringLiteral("dynamic")), 200);
        QTRY_COMPARE_WITH_TIMEOUT(rsvpsFrom(hub->conninfo, QStringLiteral("queued%@example.net")), qint64(n), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(
            hub->api->get(QStringLiteral("/api/v1/site")).json.value(QStringLiteral("pending_rsvps")).toInt(), 0,
            10000);
        QFile journal(hub->journal());
        QVERIFY(journal.open(QIODevice::ReadOnly));
        QCOMPARE(journal.size(), 0);
    }

    void queuedRsvpsSurviveARestartExactlyOnce()
    {
        auto hub = startHub(QStringLiteral("site_rsvp_restart"));
        QVERIFY(hub);
        const qint64 event = approvedEvents(hub->conninfo, 1).value(0);
        const QString snap = uploadSnapshot(*hub);
        QCOMPARE(setMode(*hub, QStringLiteral("static"), snap), 200);
        constexpr int n = 25;
        for (int i = 0; i < n; ++i)
            QCOMPARE(HttpTestClient::wait(postRsvp(*hub->site, event, QStringLiteral("restart%1@example.net").arg(i)))
                         .status,
                     202);
        // The simulator dies while static: nothing reached the database.
        hub->stop();
        QCOMPARE(rsvpsFrom(hub->conninfo, QStringLiteral("restart%@example.net")), 0);
        QFile::copy(hub->journal(), hub->dir.filePath(QStringLiteral("before-flush.jsonl")));

        // It comes back dynamic and delivers the journal.
        QVERIFY(hub->start());
        QTRY_COMPARE_WITH_TIMEOUT(rsvpsFrom(hub->conninfo, QStringLiteral("restart%@example.net")), qint64(n), 20000);
        hub->stop();

        // A crash between the commit and the journal rewrite replays old
        // lines: none may be inserted twice.
        QFile::remove(hub->journal());
        QVERIFY(QFile::copy(hub->dir.filePath(QStringLiteral("before-flush.jsonl")), hub->journal()));
        QVERIFY(hub->start());
        QTRY_COMPARE_WITH_TIMEOUT(hub->http->rsvpQueue()->pending(), 0, 20000);
        QCOMPARE(rsvpsFrom(hub->conninfo, QStringLiteral("restart%@example.net")), qint64(n));
    }

    void flipUnderLoadDropsNothing()
    {
        // Capacity high enough that the dynamic phases never overload: the
        // flip itself must not cost a single request.
        auto hub = startHub(QStringLiteral("site_flip"), 1e6);
        QVERIFY(hub);
        const QString snap = uploadSnapshot(*hub);
        QVERIFY(!snap.isEmpty());
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(hub->http->sitePort());
        LoadLoop load(url, 8, 6); // 8 managers x 6 connections

        // Phases end after a number of answers, not after a time.
        QTRY_VERIFY_WITH_TIMEOUT(load.done >= 300, 60000);
        QCOMPARE(setMode(*hub, QStringLiteral("static"), snap), 200);
        const int atStatic = load.done;
        QTRY_VERIFY_WITH_TIMEOUT(load.staticAnswers >= 300, 60000);
        QCOMPARE(setMode(*hub, QStringLiteral("dynamic")), 200);
        const int atDynamic = load.done;
        QTRY_VERIFY_WITH_TIMEOUT(load.done >= atDynamic + 300, 60000);
        QCOMPARE(setMode(*hub, QStringLiteral("static"), snap), 200);
        QTRY_VERIFY_WITH_TIMEOUT(load.done >= atDynamic + 600, 60000);
        load.stop();
        QTRY_VERIFY_WITH_TIMEOUT(load.idle(), 60000);

        QVERIFY2(load.failed == 0, qPrintable(load.failures.join(QStringLiteral("; "))));
        QVERIFY(load.dynamicAnswers >= 300);
        QVERIFY(load.staticAnswers >= 300);
        QVERIFY(atStatic >= 300);
        // The meter saw what the clients saw.
        QVERIFY(hub->http->site()->meter().totalRequests() >= load.done);
        QCOMPARE(hub->http->site()->meter().total5xx(), 0);
    }

    void overloadedDynamicSiteFailsAndStaticDoesNot()
    {
        auto hub = startHub(QStringLiteral("site_overload"), 20);
        QVERIFY(hub);
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(hub->http->sitePort());
        const QString snap = uploadSnapshot(*hub);
        QVERIFY(!snap.isEmpty());
        {
            LoadLoop load(url, 4, 6);
            QTRY_VERIFY_WITH_TIMEOUT(load.failed >= 20, 60000);
            load.stop();
            QTRY_VERIFY_WITH_TIMEOUT(load.idle(), 60000);
        }
        QVERIFY(hub->http->site()->meter().total5xx() >= 20);
        QCOMPARE(setMode(*hub, QStringLiteral("static"), snap), 200);
        LoadLoop load(url, 4, 6);
        QTRY_VERIFY_WITH_TIMEOUT(load.done >= 500, 60000);
        load.stop();
        QTRY_VERIFY_WITH_TIMEOUT(load.idle(), 60000);
        QVERIFY2(load.failed == 0, qPrintable(load.failures.join(QStringLiteral("; "))));
    }

    void servedTrafficReplacesModeledTraffic()
    {
        auto hub = startHub(QStringLiteral("site_traffic"));
        QVERIFY(hub);
        Scenario::Options sco;
        sco.autoLaunch = false;
        sco.baseViewsPerMin = 0; // the model contributes nothing we could mistake for served traffic
        HubStreamer::Options sto;
        sto.conninfo = hub->conninfo;
        sto.campaignId = hub->campaignId;
        sto.eventsPerSimDay = 0;
        auto *streamer = new HubStreamer(sto, Scenario(sco));
        QThread writer;
        streamer->moveToThread(&writer);
        connect(&writer, &QThread::started, streamer, &HubStreamer::start);
        connect(&writer, &QThread::finished, streamer, &QObject::deleteLater);
        hub->http->setStreamer(streamer);
        writer.start();

        constexpr int n = 40;
        for (int i = 0; i < n; ++i)
            QCOMPARE(hub->site->get(QStringLiteral("/"), false).status, 200);
        // Reported once the current 10 s bucket has closed.
        QTRY_VERIFY_WITH_TIMEOUT(scalar(hub->conninfo,
                                        "SELECT coalesce(sum(requests), 0) FROM traffic_samples "
                                        "WHERE site = 'events'") >= n,
                                 40000);
        QCOMPARE(scalar(hub->conninfo, "SELECT coalesce(sum(errors_5xx), 0) FROM traffic_samples"), 0);
        QVERIFY(scalar(hub->conninfo, "SELECT count(*) FROM traffic_samples WHERE requests > 0 AND p95_ms > 0") > 0);

        hub->http->setStreamer(nullptr);
        QMetaObject::invokeMethod(streamer, &HubStreamer::stop, Qt::BlockingQueuedConnection);
        writer.quit();
        writer.wait();
    }
};

QTEST_GUILESS_MAIN(TestPublicSite)
#include "tst_publicsite.moc"

#include "ActionAudit.h"
#include "ActionsTestKit.h"
#include "CampaignLauncher.h"
#include "HubFeed.h"
#include "OpsApiClient.h"
#include "PgAsyncConnection.h"
#include "PgSession.h"
#include "SiteFlipper.h"
#include "StaticSnapshotBuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace oc;
using namespace oc::test;

// Launch and the site flip end to end: the console's classes against the
// real simulator (its ops API and public site) and a real PostgreSQL.
class TestActionsE2E : public QObject
{
    Q_OBJECT

    DemoEnvironment m_demo;
    std::unique_ptr<PgAsyncConnection> m_db;
    std::unique_ptr<OpsApiClient> m_api;
    std::unique_ptr<ActionAudit> m_audit;
    std::unique_ptr<StaticSnapshotBuilder> m_builder;
    std::unique_ptr<SiteFlipper> m_flipper;
    QNetworkAccessManager m_nam;

    QByteArray fetchSite(const QString &path)
    {
        QUrl u = m_demo.siteUrl();
        u.setPath(path);
        QNetworkReply *r = m_nam.get(QNetworkRequest(u));
        QSignalSpy done(r, &QNetworkReply::finished);
        if (!r->isFinished() && !done.wait(30000))
            return {};
        r->deleteLater();
        return r->error() == QNetworkReply::NoError ? r->readAll() : QByteArray();
    }

    QList<qint64> approvedUpcomingFromSql()
    {
        // Written independently of the builder's query on purpose.
        PgSession s(m_demo.conninfo());
        const DbTable t = s.exec("SELECT e.id FROM events e, campaigns c WHERE c.id = e.campaign_id "
                                 "AND c.status IN ('draft', 'live', 'paused') AND e.approval_status = 'approved' "
                                 "AND e.starts_at > now() - interval '3 hours' ORDER BY e.id");
        QList<qint64> ids;
        for (int r = 0; r < t.rowCount(); ++r)
            ids << t.toInt64(r, 0);
        return ids;
    }

    DbTable audit(const QString &action)
    {
        PgSession s(m_demo.conninfo());
        return s.exec(DbQuery("SELECT phase, actor, result, params::text FROM audit_log WHERE action = $1 ORDER BY id")
                          .bind(action));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        QVERIFY2(startSimulator(m_demo, {}, &err), qPrintable(err));
        m_db = std::make_unique<PgAsyncConnection>();
        QSignalSpy up(m_db.get(), &DbConnection::connected);
        m_db->open(m_demo.conninfo());
        QVERIFY(up.wait(15000));
        m_api = std::make_unique<OpsApiClient>(m_demo.apiUrl(), m_demo.apiToken());
        m_api->setActor(QStringLiteral("ops-alice"));
        m_audit = std::make_unique<ActionAudit>(m_db.get(), QStringLiteral("ops-alice"));
        m_builder = std::make_unique<StaticSnapshotBuilder>(m_db.get());
        m_flipper = std::make_unique<SiteFlipper>(m_audit.get(), m_api.get(), m_builder.get());
    }

    void cleanup() { QVERIFY(clearFaults(*m_api)); }

    void launchMakesTheCampaignLiveAndIsAudited()
    {
        PgSession s(m_demo.conninfo());
        const QString slug = s.exec("SELECT slug FROM campaigns ORDER BY id LIMIT 1").text(0, 0);
        QCOMPARE(s.exec("SELECT status::text FROM campaigns").text(0, 0), QStringLiteral("draft"));

        CampaignLauncher launcher(m_audit.get(), m_api.get());
        QSignalSpy done(&launcher, &CampaignLauncher::finished);
        launcher.launch(slug);
        launcher.launch(slug); // a double-click: ignored while in flight
        QVERIFY(launcher.isBusy());
        QVERIFY(done.wait(30000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        QCOMPARE(done.first().at(2).toJsonObject().value(QStringLiteral("status")).toString(), QStringLiteral("live"));
        QCOMPARE(s.exec(DbQuery("SELECT status::text FROM campaigns WHERE slug = $1").bind(slug)).text(0, 0),
                 QStringLiteral("live"));

        // Intent before, outcome after, both as the operator.
        QTRY_COMPARE_WITH_TIMEOUT(audit(QStringLiteral("launch")).rowCount(), 2, 10000);
        const DbTable a = audit(QStringLiteral("launch"));
        QCOMPARE(a.text(0, 0), QStringLiteral("intent"));
        QCOMPARE(a.text(1, 0), QStringLiteral("outcome"));
        QCOMPARE(a.text(0, 1), QStringLiteral("ops-alice"));
        QCOMPARE(a.text(1, 2), QStringLiteral("ok: live (was draft)"));
        QCOMPARE(done.size(), 1);

        // The chart's annotations come from these rows.
        HubFeed feed(m_db.get());
        feed.setIntervals(200, 500);
        QSignalSpy snap(&feed, &HubFeed::snapshotLoaded);
        feed.start();
        QVERIFY(snap.wait(30000));
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(feed.annotations().begin(), feed.annotations().end(),
                        [](const HubFeed::Annotation &x) { return x.action == QLatin1String("launch"); }),
            10000);
        feed.stop();

        // Launching again is harmless and says so.
        done.clear();
        launcher.launch(slug);
        QVERIFY(done.wait(30000));
        QVERIFY(done.first().at(0).toBool());
        QVERIFY(done.first().at(1).toString().contains(QLatin1String("already live")));
    }

    void launchErrorsAreClear()
    {
        QVERIFY(injectFault(*m_api,
                            {{QStringLiteral("kind"), QStringLiteral("garbage")},
                             {QStringLiteral("endpoint"), QStringLiteral("launch")},
                             {QStringLiteral("count"), 1}}));
        CampaignLauncher launcher(m_audit.get(), m_api.get());
        QSignalSpy done(&launcher, &CampaignLauncher::finished);
        launcher.launch(QStringLiteral("no-such-campaign"));
        QVERIFY(done.wait(30000));
        QCOMPARE(done.first().at(0).toBool(), false);
        QVERIFY2(done.first().at(1).toString().contains(QLatin1String("not JSON")),
                 qPrintable(done.first().at(1).toString()));
        done.clear();
        launcher.launch(QStringLiteral("no-such-campaign"));
        QVERIFY(done.wait(30000));
        QVERIFY2(done.first().at(1).toString().contains(QLatin1String("No such campaign")),
                 qPrintable(done.first().at(1).toString()));
        // Each attempt's intent has its outcome, the error included.
        PgSession s(m_demo.conninfo());
        QTRY_COMPARE_WITH_TIMEOUT(
            s.exec("SELECT count(*) FROM audit_log WHERE action = 'launch' AND target_id = 'no-such-campaign' "
                   "AND phase = 'outcome' AND result LIKE 'error: %'")
                .toInt64(0, 0),
            2, 10000);
    }

    void flipToStaticServesExactlyTheApprovedEvents()
    {
        QSignalSpy progress(m_flipper.get(), &SiteFlipper::progress);
        QSignalSpy done(m_flipper.get(), &SiteFlipper::finished);
        m_flipper->flipToStatic();
        QVERIFY(done.wait(60000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        QCOMPARE(progress.size(), SiteFlipper::kStaticSteps);
        QCOMPARE(progress.last().at(0).toInt(), SiteFlipper::kStaticSteps);
        QCOMPARE(m_flipper->mode(), QStringLiteral("static"));

        const QList<qint64> expected = approvedUpcomingFromSql();
        QVERIFY(expected.size() > 50);

        // The page the public gets is ours: it lists the soonest of those
        // events and /events.json (which it fetches on a search) all of them.
        const QString html = QString::fromUtf8(fetchSite(QStringLiteral("/")));
        QVERIFY(html.contains(QLatin1String("organizer-console static snapshot")));
        QVERIFY(html.contains(QLatin1String("Content-Security-Policy")));
        static const QRegularExpression idRe(QStringLiteral("<li data-id=\"(\\d+)\""));
        QList<qint64> listed;
        for (auto it = idRe.globalMatch(html); it.hasNext();)
            listed << it.next().captured(1).toLongLong();
        QCOMPARE(listed.size(), std::min<qsizetype>(expected.size(), StaticSnapshotBuilder::Options().firstPageEvents));
        for (qint64 id : listed)
            QVERIFY(expected.contains(id));
        QVERIFY(html.contains(QStringLiteral("Show all %1 events").arg(expected.size())));

        const QJsonObject json = QJsonDocument::fromJson(fetchSite(QStringLiteral("/events.json"))).object();
        QList<qint64> inJson;
        for (const auto &v : json.value(QStringLiteral("events")).toArray())
            inJson << v.toObject().value(QStringLiteral("id")).toInteger();
        std::sort(inJson.begin(), inJson.end());
        QCOMPARE(inJson, expected);
        QCOMPARE(json.value(QStringLiteral("snapshot_id")).toString(), m_flipper->snapshotId());

        ApiAnswer site;
        m_api->getSite(nullptr, site.callback());
        QTRY_VERIFY_WITH_TIMEOUT(site.done(), 10000);
        QCOMPARE(site.result().json.value(QStringLiteral("mode")).toString(), QStringLiteral("static"));

        PgSession s(m_demo.conninfo());
        QTRY_COMPARE_WITH_TIMEOUT(s.exec("SELECT mode::text FROM site_state WHERE site = 'events'").text(0, 0),
                                  QStringLiteral("static"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(audit(QStringLiteral("flip_static")).rowCount(), 2, 10000);
        const DbTable a = audit(QStringLiteral("flip_static"));
        QCOMPARE(a.text(0, 0), QStringLiteral("intent"));
        QCOMPARE(a.text(1, 0), QStringLiteral("outcome"));
        QVERIFY(a.text(1, 2).startsWith(QLatin1String("ok: static")));
        QVERIFY(a.text(1, 3).contains(QString::number(expected.size())));

        // A visitor can RSVP on the static page (queued by the backend).
        QUrl u = m_demo.siteUrl();
        u.setPath(QStringLiteral("/rsvp"));
        QNetworkRequest req(u);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        QNetworkReply *r =
            m_nam.post(req, "event_id=" + QByteArray::number(expected.first()) + "&email=v%40example.org");
        QSignalSpy posted(r, &QNetworkReply::finished);
        QVERIFY(posted.wait(30000));
        QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        r->deleteLater();
    }

    void flipBackRestoresTheDynamicSite()
    {
        QSignalSpy done(m_flipper.get(), &SiteFlipper::finished);
        m_flipper->flipToDynamic();
        QVERIFY(done.wait(30000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        QCOMPARE(m_flipper->mode(), QStringLiteral("dynamic"));
        const QString html = QString::fromUtf8(fetchSite(QStringLiteral("/")));
        QVERIFY(!html.isEmpty());
        QVERIFY(!html.contains(QLatin1String("organizer-console static snapshot")));
        PgSession s(m_demo.conninfo());
        QTRY_COMPARE_WITH_TIMEOUT(s.exec("SELECT mode::text FROM site_state WHERE site = 'events'").text(0, 0),
                                  QStringLiteral("dynamic"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(audit(QStringLiteral("flip_dynamic")).rowCount(), 2, 10000);
        QCOMPARE(audit(QStringLiteral("flip_dynamic")).text(1, 2), QStringLiteral("ok: dynamic"));
    }

    void aFailedUploadLeavesTheSiteAsItWas()
    {
        QVERIFY(injectFault(*m_api,
                            {{QStringLiteral("kind"), QStringLiteral("500")},
                             {QStringLiteral("endpoint"), QStringLiteral("upload-snapshot")},
                             {QStringLiteral("count"), 1}}));
        QSignalSpy done(m_flipper.get(), &SiteFlipper::finished);
        m_flipper->flipToStatic();
        QVERIFY(done.wait(60000));
        QCOMPARE(done.first().at(0).toBool(), false);
        const QString message = done.first().at(1).toString();
        QVERIFY2(message.contains(QLatin1String("not switched")) && message.contains(QLatin1String("500")),
                 qPrintable(message));
        QCOMPARE(m_flipper->mode(), QStringLiteral("dynamic"));
        QVERIFY(!QString::fromUtf8(fetchSite(QStringLiteral("/"))).contains(QLatin1String("static snapshot")));
        QTRY_VERIFY_WITH_TIMEOUT(audit(QStringLiteral("flip_static")).rowCount() == 4, 10000);
        QVERIFY(audit(QStringLiteral("flip_static")).text(3, 2).startsWith(QLatin1String("error: ")));

        // Flipping again just works; and back.
        done.clear();
        m_flipper->flipToStatic();
        QVERIFY(done.wait(60000));
        QVERIFY(done.first().at(0).toBool());
        done.clear();
        m_flipper->flipToDynamic();
        QVERIFY(done.wait(30000));
        QVERIFY(done.first().at(0).toBool());
    }
    void aViewerTokenIsRefusedClearlyAndAudited()
    {
        // A console whose database role could act but whose API token is a
        // viewer's (or a modified viewer console): the backend refuses, the
        // person reads why, and the audit log shows the refused outcome.
        OpsApiClient viewerApi(m_demo.apiUrl(), m_demo.viewerApiToken());
        viewerApi.setActor(QStringLiteral("viewer-bob"));
        ActionAudit audit(m_db.get(), QStringLiteral("viewer-bob"));
        PgSession s(m_demo.conninfo());
        const QString slug = s.exec("SELECT slug FROM campaigns ORDER BY id LIMIT 1").text(0, 0);
        const QString statusBefore =
            s.exec(DbQuery("SELECT status::text FROM campaigns WHERE slug = $1").bind(slug)).text(0, 0);

        ApiAnswer read;
        viewerApi.getSite(nullptr, read.callback());
        QTRY_VERIFY_WITH_TIMEOUT(read.done(), 10000);
        QVERIFY2(read.result().ok(), qPrintable(read.result().message));
        QCOMPARE(read.result().json.value(QStringLiteral("mode")).toString(), QStringLiteral("dynamic"));

        CampaignLauncher launcher(&audit, &viewerApi);
        QSignalSpy launched(&launcher, &CampaignLauncher::finished);
        launcher.launch(slug);
        QVERIFY(launched.wait(30000));
        QCOMPARE(launched.first().at(0).toBool(), false);
        const QString launchMessage = launched.first().at(1).toString();
        QVERIFY2(launchMessage.contains(QLatin1String("not allowed to launch campaigns")) &&
                     launchMessage.contains(QLatin1String("an operator token is needed")),
                 qPrintable(launchMessage));
        QCOMPARE(s.exec(DbQuery("SELECT status::text FROM campaigns WHERE slug = $1").bind(slug)).text(0, 0),
                 statusBefore);

        StaticSnapshotBuilder builder(m_db.get());
        SiteFlipper flipper(&audit, &viewerApi, &builder);
        QSignalSpy flipped(&flipper, &SiteFlipper::finished);
        flipper.flipToStatic();
        QVERIFY(flipped.wait(60000));
        QCOMPARE(flipped.first().at(0).toBool(), false);
        const QString flipMessage = flipped.first().at(1).toString();
        QVERIFY2(flipMessage.contains(QLatin1String("not switched")) &&
                     flipMessage.contains(QLatin1String("an operator token is needed")),
                 qPrintable(flipMessage));
        QVERIFY(!QString::fromUtf8(fetchSite(QStringLiteral("/"))).contains(QLatin1String("static snapshot")));
        QCOMPARE(s.exec("SELECT mode::text FROM site_state WHERE site = 'events'").text(0, 0),
                 QStringLiteral("dynamic"));

        // Intent and refused outcome, for each action, under the viewer's name.
        const auto rows = [&s](const char *action) {
            return s.exec(DbQuery("SELECT phase, result FROM audit_log WHERE actor = 'viewer-bob' AND action = $1 "
                                  "ORDER BY id")
                              .bind(QString::fromLatin1(action)));
        };
        for (const char *action : {"launch", "flip_static"}) {
            QTRY_COMPARE_WITH_TIMEOUT(rows(action).rowCount(), 2, 10000);
            const DbTable t = rows(action);
            QCOMPARE(t.text(0, 0), QStringLiteral("intent"));
            QCOMPARE(t.text(1, 0), QStringLiteral("outcome"));
            QVERIFY2(t.text(1, 1).startsWith(QLatin1String("error: ")) &&
                         t.text(1, 1).contains(QLatin1String("an operator token is needed")),
                     qPrintable(t.text(1, 1)));
        }
    }
};

QTEST_GUILESS_MAIN(TestActionsE2E)
#include "tst_actions_e2e.moc"

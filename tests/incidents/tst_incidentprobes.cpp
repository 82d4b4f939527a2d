// The rule engine's outside inputs end to end: the real simulator (started
// as the demo starts it, on a private PostgreSQL) serves the vendors'
// Statuspage pages and quota headers, the control routes and the ops API;
// VendorStatusProbe and OpsApiHealthProbe poll them over loopback HTTP and a
// real RuleEngine turns what they feed into alerts.
#include "DemoEnvironment.h"
#include "MetricIds.h"
#include "OpsApiClient.h"
#include "OpsApiHealthProbe.h"
#include "PgSession.h"
#include "RuleEngine.h"
#include "ThresholdRule.h"
#include "VendorStatusProbe.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace oc;

namespace {

std::unique_ptr<AlertRule> above(const QString &id, const QString &metric, double fireAt, double recoverAt)
{
    AlertRule::Spec spec;
    spec.id = id;
    spec.title = id;
    // Vendor metrics come once per poll: silence means a few polls missed.
    spec.staleAfterMs = 60000;
    return std::make_unique<ThresholdRule>(spec, metric, ThresholdRule::Direction::Above, fireAt, recoverAt);
}

Alert::State stateOf(const RuleEngine &e, const QString &rule)
{
    const auto a = e.alert(rule);
    return a ? a->state : Alert::State::Ok;
}

// A loopback port nobody listens on: bound, read, closed.
quint16 closedPort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = s.serverPort();
    s.close();
    return port;
}

// One request to the simulator's control routes; the HTTP status.
int send(const QByteArray &method, const QUrl &url, const QByteArray &json = {})
{
    QNetworkAccessManager nam;
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setTransferTimeout(10000);
    QNetworkReply *r = nam.sendCustomRequest(req, method, json);
    QSignalSpy done(r, &QNetworkReply::finished);
    if (!r->isFinished() && !done.wait(15000))
        return -1;
    const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r->deleteLater();
    return status;
}

} // namespace

class TestIncidentProbes : public QObject
{
    Q_OBJECT

    DemoEnvironment m_demo;
    QUrl m_control;

    QUrl control(const QString &path) const
    {
        QUrl u = m_control;
        u.setPath(path);
        return u;
    }

    VendorEndpoint endpoint(const QString &name, qint64 intervalMs) const
    {
        for (const auto &v : m_demo.vendors())
            if (v.name == name)
                return VendorEndpoint {v.name, v.statusUrl, v.quotaUrl, intervalMs};
        return {};
    }

    // The engine evaluates after every answer, as the controller does each second.
    static void evaluateOnPolls(VendorStatusProbe &probe, RuleEngine &engine)
    {
        QObject::connect(&probe, &VendorStatusProbe::statusPolled, &engine,
                         [&engine](const QString &, qint64 t) { engine.evaluate(t); });
        QObject::connect(&probe, &VendorStatusProbe::quotaPolled, &engine,
                         [&engine](const QString &, qint64 t) { engine.evaluate(t); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariable("OC_HUBSIM").isEmpty(), "OC_HUBSIM is not set (NEEDS_HUBSIM)");
        DemoEnvironment::Options o;
        o.events = 40;
        o.supporters = 200;
        o.seedRsvps = 100;
        // No automatic launch and mention: the surge happens when the test says so.
        o.extraArgs << QStringLiteral("--wait-for-launch");
        QString error;
        QVERIFY2(m_demo.start(o, &error), qPrintable(error));
        m_control = m_demo.vendorControlUrl();
        QVERIFY(m_control.isValid());
        QCOMPARE(m_demo.vendors().size(), 2);
        QVERIFY(endpoint(QStringLiteral("map-tiles"), 1000).statusUrl.isValid());
        QVERIFY(endpoint(QStringLiteral("messaging"), 1000).quotaUrl.isValid());
    }

    void cleanupTestCase() { m_demo.stop(); }

    // A component degraded through the control route raises the vendor's
    // alert at the next poll; its name is the alert's detail; recovery resolves it.
    void degradedComponentFires()
    {
        RuleEngine engine;
        const QString metric = metric::vendorStatus(QStringLiteral("messaging"));
        QVERIFY(engine.addRule(above(QStringLiteral("messaging"), metric, 0.5, 0.5)));
        VendorStatusProbe probe(&engine);
        evaluateOnPolls(probe, engine);
        probe.setEndpoints({endpoint(QStringLiteral("messaging"), 200)});
        probe.start();
        QTRY_VERIFY_WITH_TIMEOUT(probe.lastStatus(QStringLiteral("messaging")).has_value(), 10000);
        QCOMPARE(*probe.lastStatus(QStringLiteral("messaging")), 0.0);
        QCOMPARE(stateOf(engine, QStringLiteral("messaging")), Alert::State::Ok);
        QVERIFY(probe.detail(QStringLiteral("messaging")).isEmpty());

        QCOMPARE(send("PUT", control(QStringLiteral("/_control/vendors/messaging")),
                      R"({"component": "sms", "status": "partial_outage"})"),
                 200);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(engine, QStringLiteral("messaging")), Alert::State::Firing, 10000);
        QCOMPARE(*probe.lastStatus(QStringLiteral("messaging")), 2.0);
        QCOMPARE(probe.detail(QStringLiteral("messaging")), QStringLiteral("SMS: partial outage"));

        // Maintenance counts as degraded (1): still above 0.5.
        QCOMPARE(send("PUT", control(QStringLiteral("/_control/vendors/messaging")),
                      R"({"component": "sms", "status": "under_maintenance"})"),
                 200);
        QTRY_COMPARE_WITH_TIMEOUT(*probe.lastStatus(QStringLiteral("messaging")), 1.0, 10000);
        QCOMPARE(probe.detail(QStringLiteral("messaging")), QStringLiteral("SMS: under maintenance"));

        QCOMPARE(send("PUT", control(QStringLiteral("/_control/vendors/messaging")),
                      R"({"component": "sms", "status": "operational"})"),
                 200);
        QTRY_VERIFY_WITH_TIMEOUT(stateOf(engine, QStringLiteral("messaging")) != Alert::State::Firing, 10000);
        QVERIFY(probe.detail(QStringLiteral("messaging")).isEmpty());

        // The control route refuses what it does not know, with the reason.
        QCOMPARE(send("PUT", control(QStringLiteral("/_control/vendors/messaging")),
                      R"({"component": "sms", "status": "on_fire"})"),
                 400);
        QCOMPARE(send("PUT", control(QStringLiteral("/_control/vendors/nobody")), R"({"quota_used": 0.5})"), 404);
    }

    // Passing 80 % of a quota raises the alert, for both header spellings:
    // map-tiles sends X-RateLimit-*, messaging the IETF draft's RateLimit/RateLimit-Policy.
    void quotaAboveEightyPercentFires_data()
    {
        QTest::addColumn<QString>("vendor");
        QTest::newRow("X-RateLimit (map-tiles)") << QStringLiteral("map-tiles");
        QTest::newRow("IETF RateLimit (messaging)") << QStringLiteral("messaging");
    }
    void quotaAboveEightyPercentFires()
    {
        QFETCH(QString, vendor);
        RuleEngine engine;
        QVERIFY(engine.addRule(above(QStringLiteral("quota"), metric::vendorQuota(vendor), 0.8, 0.7)));
        VendorStatusProbe probe(&engine);
        evaluateOnPolls(probe, engine);
        QVERIFY(send("PUT", control(QStringLiteral("/_control/vendors/") + vendor), R"({"quota_used": 0.1})") == 200);
        probe.setEndpoints({endpoint(vendor, 200)});
        probe.start();
        QTRY_VERIFY_WITH_TIMEOUT(probe.lastQuotaUsed(vendor).has_value(), 10000);
        QVERIFY2(*probe.lastQuotaUsed(vendor) < 0.2, qPrintable(QString::number(*probe.lastQuotaUsed(vendor))));
        QCOMPARE(stateOf(engine, QStringLiteral("quota")), Alert::State::Ok);

        QCOMPARE(send("PUT", control(QStringLiteral("/_control/vendors/") + vendor), R"({"quota_used": 0.85})"), 200);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(engine, QStringLiteral("quota")), Alert::State::Firing, 10000);
        // Each probe call uses one unit of 10000: just over 0.85.
        QVERIFY(*probe.lastQuotaUsed(vendor) >= 0.85 && *probe.lastQuotaUsed(vendor) < 0.86);
        probe.stop();
        QCOMPARE(send("PUT", control(QStringLiteral("/_control/vendors/") + vendor), R"({"quota_used": 0})"), 200);
    }

    // An unreachable status URL, a 500, an answer that is not a summary and a
    // quota answer without rate-limit headers: Error (with the reason) within
    // 10 s of the first poll, never a value.
    void failuresShowError_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("reason");
        QTest::newRow("closed port") << QString() << QStringLiteral("refused");
        QTest::newRow("HTTP 500") << QStringLiteral("/500") << QStringLiteral("HTTP 500");
        QTest::newRow("malformed JSON") << QStringLiteral("/malformed") << QStringLiteral("not JSON");
        QTest::newRow("not a summary") << QStringLiteral("/other-json") << QStringLiteral("not a Statuspage summary");
        QTest::newRow("quota without headers")
            << QStringLiteral("quota:/other-json") << QStringLiteral("no rate-limit headers");
    }
    void failuresShowError()
    {
        QFETCH(QString, path);
        QFETCH(QString, reason);
        QHttpServer http;
        http.route(QStringLiteral("/500"), [] {
            return QHttpServerResponse("text/plain", "boom", QHttpServerResponse::StatusCode::InternalServerError);
        });
        http.route(QStringLiteral("/malformed"), [] {
            return QHttpServerResponse("application/json", "{\"components\": [", QHttpServerResponse::StatusCode::Ok);
        });
        http.route(QStringLiteral("/other-json"), [] { return QHttpServerResponse(QJsonObject {{"hello", "world"}}); });
        auto *tcp = new QTcpServer(&http);
        QVERIFY(tcp->listen(QHostAddress::LocalHost, 0) && http.bind(tcp));

        const bool quota = path.startsWith(QLatin1String("quota:"));
        const QString route = quota ? path.mid(6) : path;
        QUrl url(
            QStringLiteral("http://127.0.0.1:%1%2").arg(route.isEmpty() ? closedPort() : tcp->serverPort()).arg(route));
        RuleEngine engine;
        const QString metric =
            quota ? metric::vendorQuota(QStringLiteral("broken")) : metric::vendorStatus(QStringLiteral("broken"));
        QVERIFY(engine.addRule(above(QStringLiteral("broken"), metric, 0.5, 0.5)));
        VendorStatusProbe probe(&engine);
        evaluateOnPolls(probe, engine);
        VendorEndpoint e {QStringLiteral("broken"), {}, {}, 60000};
        (quota ? e.quotaUrl : e.statusUrl) = url;
        probe.setEndpoints({e});
        QElapsedTimer sincePoll;
        sincePoll.start();
        probe.start(); // the first poll is now; the next would be a minute away
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(engine, QStringLiteral("broken")), Alert::State::Error, 10000);
        QVERIFY(sincePoll.elapsed() < 10000);
        const auto last = engine.store().latest(metric);
        QVERIFY(last && last->kind == MetricSample::Kind::Error);
        QVERIFY2(last->error.contains(reason), qPrintable(last->error));
        QVERIFY(!engine.store().latestValue(metric));
        if (!quota)
            QVERIFY2(probe.detail(QStringLiteral("broken")).contains(reason),
                     qPrintable(probe.detail(QStringLiteral("broken"))));
    }

    // A status URL that accepts the connection and never answers: the transfer
    // timeout (default 5 s) turns it into an Error, well within 10 s.
    void silentVendorTimesOut()
    {
        QTcpServer silent; // accepts, never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        RuleEngine engine;
        const QString metric = metric::vendorStatus(QStringLiteral("silent"));
        QVERIFY(engine.addRule(above(QStringLiteral("silent"), metric, 0.5, 0.5)));
        VendorStatusProbe probe(&engine);
        QCOMPARE(probe.timeoutMs(), 5000);
        evaluateOnPolls(probe, engine);
        probe.setEndpoints({{QStringLiteral("silent"),
                             QUrl(QStringLiteral("http://127.0.0.1:%1/api/v2/summary.json").arg(silent.serverPort())),
                             {},
                             60000}});
        probe.start();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(engine, QStringLiteral("silent")), Alert::State::Error, 10000);
        QVERIFY2(engine.store().latest(metric)->error.contains(QStringLiteral("no answer")),
                 qPrintable(engine.store().latest(metric)->error));
    }

    // The ops API's cheap read with the operator's token: latency fed, no errors.
    void opsApiHealthy()
    {
        OpsApiClient api(m_demo.apiUrl(), m_demo.apiToken());
        RuleEngine engine;
        OpsApiHealthProbe probe(&engine, &api);
        QVERIFY(probe.configured());
        probe.setIntervalMs(200);
        QSignalSpy probed(&probe, &OpsApiHealthProbe::probed);
        probe.start();
        QTRY_VERIFY_WITH_TIMEOUT(probed.count() >= 3, 15000);
        QVERIFY(probed.last().at(1).toBool());
        const auto latency = engine.store().latestValue(metric::opsApiLatencyMs);
        QVERIFY(latency);
        QVERIFY(latency->value >= 0 && latency->value < 4000);
        QCOMPARE(engine.store().latestValue(metric::opsApiErrorRatio)->value, 0.0);
        qInfo("ops API probe latency: %.0f ms", latency->value);
    }

    // Nobody listening: every probe fails, the ratio over the last six is 1
    // and the latency is an error with the client's reason, not a number.
    void opsApiDownRatioOne()
    {
        OpsApiClient api(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort())), QStringLiteral("some-token"));
        RuleEngine engine;
        OpsApiHealthProbe probe(&engine, &api);
        probe.setIntervalMs(100);
        QSignalSpy probed(&probe, &OpsApiHealthProbe::probed);
        probe.start();
        QTRY_VERIFY_WITH_TIMEOUT(probed.count() >= 6, 15000);
        QCOMPARE(probe.errorRatio(), 1.0);
        QCOMPARE(engine.store().latestValue(metric::opsApiErrorRatio)->value, 1.0);
        const auto latency = engine.store().latest(metric::opsApiLatencyMs);
        QVERIFY(latency && latency->kind == MetricSample::Kind::Error);
        QVERIFY2(latency->error.contains(QStringLiteral("refused")), qPrintable(latency->error));
        QVERIFY(!latency->error.contains(QStringLiteral("some-token")));
    }

    void opsApiUnconfiguredFeedsNothing()
    {
        OpsApiClient api {QUrl(), QString()};
        RuleEngine engine;
        OpsApiHealthProbe probe(&engine, &api);
        QVERIFY(!probe.configured());
        probe.start();
        QVERIFY(!probe.isRunning());
        probe.probeNow();
        QCOMPARE(engine.store().sampleCount(metric::opsApiErrorRatio), 0);
        QCOMPARE(engine.store().sampleCount(metric::opsApiLatencyMs), 0);
    }

    // POST /_control/surge: the mention hits now and the site, past its
    // capacity, answers 5xx in traffic_samples within a bounded number of the
    // streamer's 10 s traffic writes; calm ends it.
    void surgeThenCalm()
    {
        PgSession db(m_demo.conninfo());
        const char *errorsSql = "SELECT count(*) FROM traffic_samples WHERE errors_5xx > 0 AND "
                                "bucket >= to_timestamp($1::float8 / 1000)";
        auto bucketsWithErrors = [&](qint64 sinceMs) {
            return db.exec(DbQuery(errorsSql).bind(sinceMs)).toInt64(0, 0);
        };
        // Quiet hours without a launch: the site copes.
        QCOMPARE(bucketsWithErrors(0), 0);
        const qint64 surgeAt = db.exec("SELECT (extract(epoch FROM now()) * 1000)::bigint").toInt64(0, 0);
        QCOMPARE(send("POST", control(QStringLiteral("/_control/surge"))), 202);
        // Traffic is written once per 10 s bucket; the surge ramps in ~2 s: three writes at most.
        QTRY_VERIFY_WITH_TIMEOUT(bucketsWithErrors(surgeAt / 10000 * 10000) > 0, 35000);
        const DbTable worst = db.exec(
            DbQuery("SELECT max(errors_5xx::float8 / greatest(requests, 1)) FROM traffic_samples WHERE bucket >= "
                    "to_timestamp($1::float8 / 1000)")
                .bind(surgeAt / 10000 * 10000));
        qInfo("surge: worst bucket %.0f %% 5xx", worst.toDouble(0, 0) * 100);
        QVERIFY(worst.toDouble(0, 0) > 0.3);

        QCOMPARE(send("POST", control(QStringLiteral("/_control/calm"))), 202);
        const qint64 calmAt = db.exec("SELECT (extract(epoch FROM now()) * 1000)::bigint").toInt64(0, 0);
        // The first bucket that starts after the calm is clean again.
        QTRY_VERIFY_WITH_TIMEOUT(
            db.exec(DbQuery("SELECT count(*) FROM traffic_samples WHERE bucket >= to_timestamp($1::float8 / 1000)")
                        .bind((calmAt / 10000 + 1) * 10000))
                    .toInt64(0, 0) > 0,
            35000);
        QCOMPARE(bucketsWithErrors((calmAt / 10000 + 1) * 10000), 0);
    }
};

QTEST_GUILESS_MAIN(TestIncidentProbes)
#include "tst_incidentprobes.moc"

#include "ActionsTestKit.h"
#include "OpsApiClient.h"

#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace oc;
using namespace oc::test;

namespace {

// A loopback HTTP server that answers every request with the same canned
// bytes (or never, or by hanging up), and remembers what it was sent.
class FakeHttpServer : public QObject
{
public:
    enum class Mode { Respond, Hang, HangUp, Immediately };

    FakeHttpServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
            }
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }
    void respond(int status, const QByteArray &contentType, const QByteArray &body, const QByteArray &extra = {})
    {
        m_mode = Mode::Respond;
        m_response = "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + contentType +
            "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" + extra + "\r\n" + body;
    }
    void setMode(Mode m) { m_mode = m; }
    const QList<QByteArray> &requests() const { return m_requests; }

private:
    void onData(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        if (m_mode == Mode::Immediately) {
            // Whatever arrived (a TLS hello, say) gets the canned bytes.
            m_requests << buf;
            buf.clear();
            s->write(m_response);
            return;
        }
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : buf.left(end).split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        if (buf.size() < end + 4 + length)
            return;
        m_requests << buf.left(end + 4 + length);
        buf.remove(0, end + 4 + length);
        switch (m_mode) {
        case Mode::Respond: s->write(m_response); break;
        case Mode::Hang: break;
        case Mode::HangUp: s->abort(); break;
        case Mode::Immediately: break;
        }
    }

    QTcpServer m_server;
    Mode m_mode = Mode::Respond;
    QByteArray m_response;
    QList<QByteArray> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

ApiResult callOnce(OpsApiClient &api, std::function<void(OpsApiClient &, OpsApiClient::Callback)> call)
{
    ApiAnswer a;
    call(api, a.callback());
    if (!QTest::qWaitFor([&] { return a.done(); }, 30000))
        return {};
    return a.result();
}

} // namespace

class TestOpsApiClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void interpretsProblemDetails()
    {
        const ApiResult r =
            OpsApiClient::interpret(409, "application/problem+json",
                                    "{\"type\":\"https://hubsim.invalid/problems/blast-not-approved\",\"title\":\"The "
                                    "blast is not approved\",\"status\":409,\"detail\":\"nothing was sent\"}");
        QCOMPARE(r.error, ApiResult::Error::Client);
        QCOMPARE(r.problemType, QStringLiteral("blast-not-approved"));
        QVERIFY(r.message.contains(QLatin1String("The blast is not approved: nothing was sent")));
        QVERIFY(r.message.contains(QLatin1String("409")));
        QVERIFY(!r.retryable());
    }

    void interpretsServerErrorsAndGarbage()
    {
        const ApiResult e500 = OpsApiClient::interpret(500, "text/html", "<h1>500 Internal Server Error</h1>");
        QCOMPARE(e500.error, ApiResult::Error::Server);
        QVERIFY(e500.outcomeUnknown());
        QVERIFY(e500.message.contains(QLatin1String("HTTP 500")));
        QVERIFY(e500.message.contains(QLatin1String("trying again is safe")));

        const ApiResult garbage = OpsApiClient::interpret(200, "application/json", "<html>upstream sent {\"id\": ");
        QCOMPARE(garbage.error, ApiResult::Error::BadResponse);
        QVERIFY(garbage.retryable());
        QVERIFY(garbage.message.contains(QLatin1String("not JSON")));

        QCOMPARE(OpsApiClient::interpret(200, "application/json", "").error, ApiResult::Error::BadResponse);
        QCOMPARE(OpsApiClient::interpret(200, "application/json", "[1,2]").error, ApiResult::Error::BadResponse);
        QCOMPARE(OpsApiClient::interpret(302, "text/html", "").error, ApiResult::Error::BadResponse);
        const ApiResult ok =
            OpsApiClient::interpret(202, "application/json", "{\"id\":\"hsb-1\",\"status\":\"queued\"}");
        QVERIFY(ok.ok());
        QCOMPARE(ok.json.value(QStringLiteral("id")).toString(), QStringLiteral("hsb-1"));
        QCOMPARE(OpsApiClient::interpret(401, "application/problem+json", "{}").error, ApiResult::Error::Client);
    }

    void forbiddenSaysWhichTokenIsNeeded()
    {
        const QByteArray problem =
            "{\"type\":\"https://hubsim.invalid/problems/forbidden\",\"title\":\"The token's role may not do "
            "this\",\"status\":403,\"detail\":\"POST /api/v1/blasts needs the operator role; this is a viewer "
            "token.\",\"required_role\":\"operator\",\"token_role\":\"viewer\"}";
        const ApiResult r = OpsApiClient::interpret(403, "application/problem+json", problem,
                                                    OpsApiClient::actionOf("POST", QStringLiteral("/api/v1/blasts")));
        QCOMPARE(r.error, ApiResult::Error::Client);
        QCOMPARE(r.problemType, QStringLiteral("forbidden"));
        QCOMPARE(r.message,
                 QStringLiteral("This console's API token is not allowed to send email/SMS blasts; an "
                                "operator token is needed. Nothing was done."));
        QVERIFY(!r.retryable());
        QVERIFY(!r.outcomeUnknown());

        QCOMPARE(OpsApiClient::actionOf("POST", QStringLiteral("/api/v1/campaigns/spring/launch")),
                 QStringLiteral("launch campaigns"));
        QCOMPARE(OpsApiClient::actionOf("PUT", QStringLiteral("/api/v1/site/mode")),
                 QStringLiteral("switch the public site between static and dynamic"));
        QCOMPARE(OpsApiClient::actionOf("POST", QStringLiteral("/api/v1/blasts/hsb-3/cancel")),
                 QStringLiteral("cancel blasts"));
        // A bare 403 (a proxy, say) still reads as a permission problem.
        QVERIFY(OpsApiClient::interpret(403, "text/html", "<h1>Forbidden</h1>")
                    .message.contains(QLatin1String("not allowed to do this")));
    }

    void refusesUnsafeConfiguration()
    {
        QString why;
        QVERIFY(!OpsApiClient(QUrl(QStringLiteral("http://ops.example.org")), QStringLiteral("t")).isUsable(&why));
        QVERIFY(why.contains(QLatin1String("https")));
        QVERIFY(OpsApiClient(QUrl(QStringLiteral("https://ops.example.org")), QStringLiteral("t")).isUsable());
        QVERIFY(OpsApiClient(QUrl(QStringLiteral("http://127.0.0.1:8080")), QStringLiteral("t")).isUsable());
        QVERIFY(!OpsApiClient(QUrl(QStringLiteral("http://127.0.0.1:8080")), QString()).isUsable());
        QVERIFY(!OpsApiClient(QUrl(), QStringLiteral("t")).isUsable());

        // Nothing leaves the machine for an unsafe URL.
        OpsApiClient api(QUrl(QStringLiteral("http://ops.example.org")), QStringLiteral("secret"));
        const ApiResult r = callOnce(api, [](OpsApiClient &c, auto cb) { c.getSite(nullptr, cb); });
        QCOMPARE(r.error, ApiResult::Error::Config);
    }

    void sendsTokenKeyAndActorAndNoRedirects()
    {
        FakeHttpServer server;
        server.respond(202, "application/json", "{\"id\":\"hsb-7\",\"status\":\"queued\"}");
        OpsApiClient api(server.url(), QStringLiteral("s3cret"));
        api.setActor(QStringLiteral("alice"));
        const QUuid key = QUuid::createUuid();
        const ApiResult r = callOnce(api, [key](OpsApiClient &c, auto cb) {
            c.createBlast(key, {{QStringLiteral("channel"), QStringLiteral("sms")}}, nullptr, cb);
        });
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(server.requests().size(), 1);
        const QByteArray req = server.requests().first();
        QVERIFY(req.startsWith("POST /api/v1/blasts HTTP/1.1"));
        // Header names travel in lower case (HTTP/2 style) from Qt 6.8 on.
        QVERIFY(req.toLower().contains("authorization: bearer s3cret"));
        QVERIFY(req.toLower().contains("idempotency-key: " + key.toString(QUuid::WithoutBraces).toLatin1()));
        QVERIFY(req.toLower().contains("x-actor: alice"));

        // A redirect is reported, never followed (the token stays home).
        server.respond(307, "text/plain", "", "Location: http://127.0.0.1:1/elsewhere\r\n");
        const ApiResult moved = callOnce(api, [](OpsApiClient &c, auto cb) { c.getSite(nullptr, cb); });
        QCOMPARE(moved.error, ApiResult::Error::BadResponse);
        QCOMPARE(server.requests().size(), 2);

        // Path arguments are identifiers, never free text.
        const ApiResult bad =
            callOnce(api, [](OpsApiClient &c, auto cb) { c.getBlast(QStringLiteral("../x"), nullptr, cb); });
        QCOMPARE(bad.error, ApiResult::Error::Config);
        QCOMPARE(server.requests().size(), 2);
    }

    void faultsBecomeClearErrors()
    {
        FakeHttpServer server;
        OpsApiClient api(server.url(), QStringLiteral("t"));
        auto get = [&] { return callOnce(api, [](OpsApiClient &c, auto cb) { c.getSite(nullptr, cb); }); };

        server.respond(500, "text/html", "<h1>500 Internal Server Error</h1>");
        ApiResult r = get();
        QCOMPARE(r.error, ApiResult::Error::Server);
        QCOMPARE(r.httpStatus, 500);

        server.respond(200, "application/json", "<html><head><title>502 Bad Gateway</title>");
        r = get();
        QCOMPARE(r.error, ApiResult::Error::BadResponse);
        QVERIFY(r.message.contains(QLatin1String("502 Bad Gateway")));

        server.respond(503, "application/problem+json",
                       "{\"type\":\"x/backend-unavailable\",\"title\":\"The database is unavailable\",\"status\":503}");
        r = get();
        QCOMPARE(r.error, ApiResult::Error::Server);
        QCOMPARE(r.problemType, QStringLiteral("backend-unavailable"));
        QVERIFY(r.message.contains(QLatin1String("The database is unavailable")));

        server.setMode(FakeHttpServer::Mode::Hang);
        api.setTimeoutMs(400);
        r = get();
        QCOMPARE(r.error, ApiResult::Error::Timeout);
        QVERIFY(r.outcomeUnknown());
        QVERIFY(r.message.contains(QLatin1String("did not answer")));

        server.setMode(FakeHttpServer::Mode::HangUp);
        api.setTimeoutMs(5000);
        r = get();
        QVERIFY(!r.ok());
        QVERIFY(r.retryable());

        OpsApiClient closed(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort())), QStringLiteral("t"));
        r = callOnce(closed, [](OpsApiClient &c, auto cb) { c.getSite(nullptr, cb); });
        QCOMPARE(r.error, ApiResult::Error::Refused);
        QVERIFY(r.message.contains(QLatin1String("refused")));
        QVERIFY(r.message.contains(QLatin1String("Nothing was sent")));
    }

    void tlsIsVerified()
    {
        // A server that does not speak TLS (or has no trusted certificate)
        // fails the call; nothing is ever ignored.
        FakeHttpServer server;
        server.respond(200, "application/json", "{}");
        server.setMode(FakeHttpServer::Mode::Immediately);
        QUrl url = server.url();
        url.setScheme(QStringLiteral("https"));
        OpsApiClient api(url, QStringLiteral("t"));
        api.setTimeoutMs(5000);
        const ApiResult r = callOnce(api, [](OpsApiClient &c, auto cb) { c.getSite(nullptr, cb); });
        QVERIFY(!r.ok());
        QVERIFY2(r.error == ApiResult::Error::Tls || r.error == ApiResult::Error::Network, qPrintable(r.message));
    }

    void contextDropsTheCallback()
    {
        FakeHttpServer server;
        server.respond(200, "application/json", "{}");
        OpsApiClient api(server.url(), QStringLiteral("t"));
        bool called = false;
        {
            QObject context;
            api.getSite(&context, [&](const ApiResult &) { called = true; });
        }
        QTRY_COMPARE_WITH_TIMEOUT(api.inFlight(), 0, 10000);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestOpsApiClient)
#include "tst_opsapiclient.moc"

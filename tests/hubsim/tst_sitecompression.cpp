// The static fallback served precompressed (issue 16): the console's own
// snapshot (StaticSnapshotBuilder over a seeded hub) uploaded through the ops
// API, then fetched over raw loopback HTTP with gzip, br and no
// Accept-Encoding. Every representation decodes to the same bytes, the
// headers say which one was sent and that the URL varies by Accept-Encoding,
// and the first page a visitor loads is small; the full list comes from
// /events.json, negotiated the same way.
#include "ContentCoding.h"
#include "HttpTestClient.h"
#include "HubHttpServices.h"
#include "PgSession.h"
#include "Seeder.h"
#include "StaticSnapshotBuilder.h"
#include "TestDatabase.h"
#include "ZipDirectory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace oc;
using namespace oc::sim;
using oc::test::HttpTestClient;

namespace {

const QByteArray kToken = QByteArrayLiteral("compression-test-token");

struct RawResponse
{
    int status = 0;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body; // as sent, still encoded
};

// One request on its own connection, headers exactly as given: QNetworkAccessManager
// would add (and undo) its own Accept-Encoding.
RawResponse rawGet(quint16 port, const QByteArray &path, const QByteArray &acceptEncoding, bool sendHeader)
{
    RawResponse out;
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(10000))
        return out;
    QByteArray req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (sendHeader)
        req += "Accept-Encoding: " + acceptEncoding + "\r\n";
    s.write(req + "\r\n");
    // Read until the headers and Content-Length bytes of body are in (the
    // server may keep the connection open).
    // The server runs on this thread: wait in the event loop, never in
    // waitForReadyRead.
    QSignalSpy ready(&s, &QTcpSocket::readyRead);
    QByteArray raw;
    qsizetype end = -1;
    qint64 length = -1;
    while (length < 0 || raw.size() < end + 4 + length) {
        if (!s.bytesAvailable() && !ready.wait(10000))
            break;
        raw += s.readAll();
        if (end < 0 && (end = raw.indexOf("\r\n\r\n")) >= 0) {
            const QList<QByteArray> lines = raw.left(end).split('\n');
            out.status = lines.first().split(' ').value(1).toInt();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    out.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
            }
            length = out.headers.value("content-length", "0").toLongLong();
        }
    }
    if (end >= 0)
        out.body = raw.mid(end + 4);
    return out;
}

} // namespace

class TestSiteCompression : public QObject
{
    Q_OBJECT

    QString m_conninfo;
    QTemporaryDir m_dir;
    std::unique_ptr<HubHttpServices> m_http;
    StaticSnapshot m_snapshot;
    QByteArray m_dynamicPage;

private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
        m_conninfo = test::TestDatabase::instance().freshDatabase(QStringLiteral("site_compression"));
        PgSession s(m_conninfo);
        Seeder::Options so;
        so.events = 2000; // what the demo and bench/flip seed
        so.supporters = 200;
        so.rsvps = 20;
        const qint64 campaign = Seeder(s).seed(so);

        HubHttpServices::Options ho;
        ho.conninfo = m_conninfo;
        ho.campaignId = campaign;
        ho.apiToken = kToken;
        ho.siteCapacity = 1e6;
        ho.rsvpJournal = m_dir.filePath(QStringLiteral("rsvp.jsonl"));
        m_http = std::make_unique<HubHttpServices>(ho);
        QVERIFY2(m_http->start(&err), qPrintable(err));
        m_dynamicPage = rawGet(m_http->sitePort(), "/", {}, false).body;
        QVERIFY(!m_dynamicPage.isEmpty());

        // The console's snapshot, built as SiteFlipper builds it.
        m_snapshot = StaticSnapshotBuilder::fromTable(s.exec(StaticSnapshotBuilder::eventsQuery()), {},
                                                      QDateTime::currentDateTimeUtc());
        QVERIFY(m_snapshot.events.size() > 1000);
        HttpTestClient api(QStringLiteral("http://127.0.0.1:%1").arg(m_http->apiPort()), kToken);
        const auto up = api.request("PUT", QStringLiteral("/api/v1/site/snapshot"),
                                    {{QStringLiteral("events"), m_snapshot.events},
                                     {QStringLiteral("html"), QString::fromUtf8(m_snapshot.html)}});
        QVERIFY2(up.ok(), up.body.constData());
        const auto mode = api.request("PUT", QStringLiteral("/api/v1/site/mode"),
                                      {{QStringLiteral("mode"), QStringLiteral("static")},
                                       {QStringLiteral("snapshot_id"), up.json.value(QStringLiteral("snapshot_id"))}});
        QVERIFY2(mode.ok(), mode.body.constData());
        // The upload answers before the compressed bodies are ready.
        QTRY_VERIFY_WITH_TIMEOUT(
            rawGet(m_http->sitePort(), "/events.json", "br", true).headers.contains("content-encoding"), 60000);
    }

    void cleanupTestCase() { m_http.reset(); }

    void choosesByAcceptEncoding_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<int>("expected");
        using C = ContentCoding::Coding;
        QTest::newRow("browser") << QByteArray("gzip, deflate, br, zstd") << int(C::Brotli);
        QTest::newRow("gzip only") << QByteArray("gzip") << int(C::Gzip);
        QTest::newRow("x-gzip") << QByteArray("x-gzip") << int(C::Gzip);
        QTest::newRow("br only, odd case") << QByteArray(" BR ") << int(C::Brotli);
        QTest::newRow("gzip preferred by q") << QByteArray("br;q=0.5, gzip") << int(C::Gzip);
        QTest::newRow("br refused") << QByteArray("gzip, br;q=0") << int(C::Gzip);
        QTest::newRow("star") << QByteArray("*") << int(C::Brotli);
        QTest::newRow("star refused, gzip listed") << QByteArray("gzip;q=0.2, *;q=0") << int(C::Gzip);
        QTest::newRow("empty") << QByteArray("") << int(C::Identity);
        QTest::newRow("identity") << QByteArray("identity") << int(C::Identity);
        QTest::newRow("unknown only") << QByteArray("compress, zstd") << int(C::Identity);
        QTest::newRow("all refused: identity anyway") << QByteArray("*;q=0") << int(C::Identity);
        QTest::newRow("malformed q") << QByteArray("br;q=x, gzip") << int(C::Gzip);
    }
    void choosesByAcceptEncoding()
    {
        QFETCH(QByteArray, header);
        QFETCH(int, expected);
        QCOMPARE(int(ContentCoding::choose(header)), expected);
    }

    void codecsRoundTrip()
    {
        const QByteArray text = QByteArray("<li>an event</li>\n").repeated(5000) + QByteArray(3, '\0');
        QCOMPARE(ContentCoding::gunzip(ContentCoding::gzip(text)).value_or(QByteArray()), text);
        QCOMPARE(ContentCoding::unbrotli(ContentCoding::brotli(text)).value_or(QByteArray()), text);
        QCOMPARE(ContentCoding::gunzip(ContentCoding::gzip({})).value_or(QByteArray("x")), QByteArray());
        // Truncated or foreign input is an error, not a short body.
        const QByteArray gz = ContentCoding::gzip(text);
        QVERIFY(!ContentCoding::gunzip(gz.left(gz.size() / 2)));
        QVERIFY(!ContentCoding::unbrotli(gz));
    }

    void staticPageInEveryCodingDecodesToTheSameBytes_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("page") << QByteArray("/");
        QTest::newRow("events.json") << QByteArray("/events.json");
    }
    void staticPageInEveryCodingDecodesToTheSameBytes()
    {
        QFETCH(QByteArray, path);
        const quint16 port = m_http->sitePort();
        const RawResponse none = rawGet(port, path, {}, false);
        const RawResponse identity = rawGet(port, path, "identity", true);
        const RawResponse gzip = rawGet(port, path, "gzip", true);
        const RawResponse br = rawGet(port, path, "gzip, deflate, br, zstd", true);
        for (const RawResponse *r : {&none, &identity, &gzip, &br}) {
            QCOMPARE(r->status, 200);
            QCOMPARE(r->headers.value("vary").toLower(), QByteArray("accept-encoding"));
            QCOMPARE(r->headers.value("content-length").toLongLong(), r->body.size());
        }
        QVERIFY(!none.headers.contains("content-encoding"));
        QVERIFY(!identity.headers.contains("content-encoding"));
        QCOMPARE(gzip.headers.value("content-encoding"), QByteArray("gzip"));
        QCOMPARE(br.headers.value("content-encoding"), QByteArray("br"));
        QCOMPARE(none.headers.value("content-type"),
                 path == "/" ? QByteArray("text/html; charset=utf-8") : QByteArray("application/json"));
        QCOMPARE(br.headers.value("content-type"), none.headers.value("content-type"));

        QCOMPARE(identity.body, none.body);
        QCOMPARE(ContentCoding::gunzip(gzip.body).value_or(QByteArray()), none.body);
        QCOMPARE(ContentCoding::unbrotli(br.body).value_or(QByteArray()), none.body);
        QVERIFY(br.body.size() < gzip.body.size());
        QVERIFY(gzip.body.size() < none.body.size() / 2.5);
        if (path == "/") {
            QCOMPARE(none.body, m_snapshot.html); // served as uploaded
        } else {
            const QJsonObject doc = QJsonDocument::fromJson(none.body).object();
            QCOMPARE(doc.value(QStringLiteral("events")).toArray().size(), m_snapshot.events.size());
            // The ZIP tables the page's search needs come with the full list.
            const QString zips = doc.value(QStringLiteral("zips")).toString();
            const QString zip3 = doc.value(QStringLiteral("zip3")).toString();
            QVERIFY(zips.size() > 11 * 1000);
            QCOMPARE(zips.size() % 11, 0);
            QVERIFY(zip3.size() > 9 * 800);
            QCOMPARE(zip3.size() % 9, 0);
        }
        qInfo("%s: identity %lld B, gzip %lld B, br %lld B", path.constData(), qint64(none.body.size()),
              qint64(gzip.body.size()), qint64(br.body.size()));
    }

    void firstLoadIsSmall()
    {
        const quint16 port = m_http->sitePort();
        const RawResponse br = rawGet(port, "/", "gzip, br", true);
        const RawResponse plain = rawGet(port, "/", {}, false);
        const RawResponse all = rawGet(port, "/events.json", {}, false);
        // The page lists the soonest events and offers the rest; the list
        // itself stays in /events.json until the visitor asks for it.
        static const QRegularExpression idRe(QStringLiteral("<li data-id=\"(\\d+)\""));
        const auto listed = idRe.globalMatch(QString::fromUtf8(plain.body));
        int n = 0;
        for (auto it = listed; it.hasNext(); it.next())
            ++n;
        QCOMPARE(n, StaticSnapshotBuilder::Options().firstPageEvents);
        QVERIFY(plain.body.contains(QStringLiteral("Show all %1 events").arg(m_snapshot.events.size()).toUtf8()));
        QVERIFY(plain.body.contains("fetch('/events.json'"));
        // Small: what a browser transfers for the first load is a fraction
        // of the dynamic page (uncompressed, a page of 100 events) and of
        // the whole list (with the ZIP tables) the page used to carry.
        QVERIFY(!plain.body.contains("id=\"zips\""));
        QVERIFY2(br.body.size() < 8 * 1024, QByteArray::number(br.body.size()));
        QVERIFY2(br.body.size() * 4 < m_dynamicPage.size(),
                 QByteArray::number(br.body.size()) + " vs " + QByteArray::number(m_dynamicPage.size()));
        QVERIFY2(plain.body.size() * 20 < all.body.size(),
                 QByteArray::number(plain.body.size()) + " vs " + QByteArray::number(all.body.size()));
        qInfo("first load: %lld B (br) / %lld B identity; dynamic page %lld B; events.json %lld B",
              qint64(br.body.size()), qint64(plain.body.size()), qint64(m_dynamicPage.size()), qint64(all.body.size()));
    }

    void dynamicModeAnswersWithVaryAndNoCoding()
    {
        HttpTestClient api(QStringLiteral("http://127.0.0.1:%1").arg(m_http->apiPort()), kToken);
        QVERIFY(api.request("PUT", QStringLiteral("/api/v1/site/mode"),
                            {{QStringLiteral("mode"), QStringLiteral("dynamic")}})
                    .ok());
        const RawResponse r = rawGet(m_http->sitePort(), "/", "gzip, br", true);
        QCOMPARE(r.status, 200);
        QVERIFY(!r.headers.contains("content-encoding"));
        QVERIFY(!r.body.contains("organizer-console static snapshot"));
    }
};

QTEST_GUILESS_MAIN(TestSiteCompression)
#include "tst_sitecompression.moc"

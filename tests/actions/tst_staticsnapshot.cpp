#include "StaticSnapshotBuilder.h"
#include "ZipDirectory.h"
#include "ZipLookupTable.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace oc;

namespace {

struct Row
{
    qint64 id;
    QString title;
    QString venue;
    QString city;
    QString state;
    QString zip;
    bool located;
    double lat;
    double lng;
};

DbTable table(const QList<Row> &rows)
{
    DbTable t({QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("starts_at"), QStringLiteral("timezone"),
               QStringLiteral("venue"), QStringLiteral("address"), QStringLiteral("city"), QStringLiteral("state"),
               QStringLiteral("postal_code"), QStringLiteral("latitude"), QStringLiteral("longitude")},
              int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const Row &x = rows[r];
        t.set(r, 0, QByteArray::number(x.id), false);
        t.set(r, 1, x.title.toUtf8(), false);
        t.set(r, 2, "2030-05-01T17:00:00Z", false);
        t.set(r, 3, "America/New_York", false);
        t.set(r, 4, x.venue.toUtf8(), false);
        t.set(r, 5, "1 Main St", false);
        t.set(r, 6, x.city.toUtf8(), false);
        t.set(r, 7, x.state.toUtf8(), false);
        t.set(r, 8, x.zip.toUtf8(), false);
        t.set(r, 9, x.located ? QByteArray::number(x.lat, 'f', 6) : QByteArray(), !x.located);
        t.set(r, 10, x.located ? QByteArray::number(x.lng, 'f', 6) : QByteArray(), !x.located);
    }
    return t;
}

QString between(const QString &html, const QString &open, const QString &close)
{
    const qsizetype a = html.indexOf(open);
    if (a < 0)
        return {};
    const qsizetype b = html.indexOf(close, a + open.size());
    return html.mid(a + open.size(), b - a - open.size());
}

} // namespace

class TestStaticSnapshot : public QObject
{
    Q_OBJECT

    const ZipDirectory &zips() { return ZipDirectory::builtIn(); }

private Q_SLOTS:
    void listsEveryEventOnceAndEscapesHostileText()
    {
        const QList<Row> rows {
            {11, QStringLiteral("</script><script>alert(1)</script>"),
             QStringLiteral("\"><img src=x onerror=alert(2)>"), QStringLiteral("Cambridge"), QStringLiteral("MA"),
             QStringLiteral("02139"), true, 42.3647, -71.1042},
            {12, QStringLiteral("Rally %1 %2 ' ` & <b>"), QStringLiteral("Hall\u202Egnp.exe"), QStringLiteral("Boston"),
             QStringLiteral("MA"), QStringLiteral("02108"), true, 42.3576, -71.0637},
            {13, QStringLiteral("No location yet"), QString(), QStringLiteral("Somewhere"), QString(), QString(), false,
             0, 0},
        };
        const QDateTime at = QDateTime(QDate(2030, 4, 30), QTime(12, 0), QTimeZone::UTC);
        const StaticSnapshot s = StaticSnapshotBuilder::fromTable(table(rows), {}, at);
        QCOMPARE(s.events.size(), 3);
        QCOMPARE(s.eventIds, (QList<qint64> {11, 12, 13}));
        // The JSON carries the text as it is (JSON is escaped by construction).
        QCOMPARE(s.events.at(0).toObject().value(QStringLiteral("title")).toString(), rows[0].title);
        QVERIFY(!s.events.at(2).toObject().contains(QStringLiteral("latitude")));

        const QString html = QString::fromUtf8(s.html);
        static const QRegularExpression idRe(QStringLiteral("<li data-id=\"(\\d+)\""));
        QList<qint64> ids;
        for (auto it = idRe.globalMatch(html); it.hasNext();)
            ids << it.next().captured(1).toLongLong();
        QCOMPARE(ids, s.eventIds);

        QVERIFY(!html.contains(QLatin1String("<script>alert")));
        QVERIFY(!html.contains(QLatin1String("<img")));
        QVERIFY(!html.contains(QLatin1String("<b>")));
        QVERIFY(html.contains(QLatin1String("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;")));
        QVERIFY(html.contains(QLatin1String("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;")));
        // Placeholders in titles stay text (no second substitution pass).
        QVERIFY(html.contains(QLatin1String("Rally %1 %2 &#39; &#96; &amp; &lt;b&gt;")));
        QVERIFY(!html.contains(QChar(0x202E)));
        QVERIFY(html.contains(QLatin1String("data-lat=\"42.36470\"")));
        QVERIFY(html.contains(QLatin1String("3 upcoming events")));
    }

    void needsNothingFromTheNetwork()
    {
        const QList<Row> rows {{1, QStringLiteral("A"), QString(), QStringLiteral("Denver"), QStringLiteral("CO"),
                                QStringLiteral("80202"), true, 39.7525, -104.9995}};
        const StaticSnapshot s = StaticSnapshotBuilder::fromTable(table(rows), {}, QDateTime::currentDateTimeUtc());
        const QString html = QString::fromUtf8(s.html);
        for (const char *needle :
             {"http://", "https://", "src=", "href=", "url(", "@import", "//cdn", "XMLHttpRequest"})
            QVERIFY2(!html.contains(QLatin1String(needle)), needle);
        // One fetch, of the same site's full list, and only when asked for.
        QCOMPARE(html.count(QLatin1String("fetch(")), 1);
        QVERIFY(html.contains(QLatin1String("fetch('/events.json'")));
        // Our script and style run under a CSP that names their hashes and nothing else.
        const QString csp = between(html, QStringLiteral("Content-Security-Policy\" content=\""), QStringLiteral("\""));
        QVERIFY(csp.contains(QLatin1String("default-src 'none'")));
        QVERIFY(csp.contains(QLatin1String("connect-src 'self'")));
        const QString script = between(html, QStringLiteral("<script>"), QStringLiteral("</script>"));
        const QString style = between(html, QStringLiteral("<style>"), QStringLiteral("</style>"));
        QVERIFY(!script.isEmpty());
        const QString scriptHash =
            QString::fromLatin1(QCryptographicHash::hash(script.toUtf8(), QCryptographicHash::Sha256).toBase64());
        const QString styleHash =
            QString::fromLatin1(QCryptographicHash::hash(style.toUtf8(), QCryptographicHash::Sha256).toBase64());
        QVERIFY(csp.contains(QStringLiteral("script-src 'sha256-%1'").arg(scriptHash)));
        QVERIFY(csp.contains(QStringLiteral("style-src 'sha256-%1'").arg(styleHash)));
        QVERIFY(html.contains(QLatin1String("action=\"/rsvp\"")));
    }

    void zipTableCoversEventsCompactly()
    {
        // The page carries no ZIP table: the backend serves one (ZipLookupTable)
        // with /events.json, fetched when the visitor searches.
        const QList<Row> rows {{1, QStringLiteral("A"), QString(), QStringLiteral("Denver"), QStringLiteral("CO"),
                                QStringLiteral("80202"), true, 39.7525, -104.9995}};
        const StaticSnapshot s = StaticSnapshotBuilder::fromTable(table(rows), {}, QDateTime::currentDateTimeUtc());
        QVERIFY(!s.html.contains("id=\"zips\""));
        QVERIFY2(s.html.size() < 12 * 1024, QByteArray::number(s.html.size()));

        const ZipLookupTable t = ZipLookupTable::build({{39.7525, -104.9995}}, zips(), 30, 6000);
        const QString table5 = t.exact;
        const QString table3 = t.areas;
        QCOMPARE(table5.size() % 11, 0);
        QCOMPARE(table3.size() % 9, 0);
        QCOMPARE(table5.size() / 11, t.exactCount);
        QVERIFY(t.exactCount > 10);
        QVERIFY(t.areaCount > 800);
        QList<QString> keys;
        for (int i = 0; i < table5.size(); i += 11)
            keys << table5.mid(i, 5);
        QVERIFY(std::is_sorted(keys.begin(), keys.end())); // the page binary-searches it
        QVERIFY(keys.contains(QStringLiteral("80202")));
        QVERIFY(!keys.contains(QStringLiteral("02139"))); // far from every event: only the ZIP area
        // Decoding as the page does gives the ZIP's location back (0.01 degree steps).
        const int at = int(keys.indexOf(QStringLiteral("80202"))) * 11;
        const double lat = table5.mid(at + 5, 3).toInt(nullptr, 36) / 100.0 - 90;
        const double lng = table5.mid(at + 8, 3).toInt(nullptr, 36) / 100.0 - 180;
        const auto place = zips().lookupZip(QStringLiteral("80202"));
        QVERIFY(place);
        QVERIFY(std::abs(lat - place->lat) <= 0.006);
        QVERIFY(std::abs(lng - place->lng) <= 0.006);
        QVERIFY(table3.contains(QStringLiteral("021")));

        QCOMPARE(ZipLookupTable::build({{39.7525, -104.9995}}, zips(), 30, 5).exactCount, 5);
        QCOMPARE(ZipLookupTable::build({}, zips(), 30, 6000).exactCount, 0);
    }

    void firstPageListsTheSoonestAndOffersTheRest()
    {
        QList<Row> rows;
        for (int i = 1; i <= 100; ++i)
            rows.append({i, QStringLiteral("Event %1").arg(i), QString(), QStringLiteral("Denver"),
                         QStringLiteral("CO"), QStringLiteral("80202"), true, 39.7525, -104.9995});
        StaticSnapshotBuilder::Options o;
        o.firstPageEvents = 10;
        const StaticSnapshot s = StaticSnapshotBuilder::fromTable(table(rows), o, QDateTime::currentDateTimeUtc());
        QCOMPARE(s.events.size(), 100); // the full list travels as /events.json
        QCOMPARE(s.eventIds.size(), 100);
        const QString html = QString::fromUtf8(s.html);
        static const QRegularExpression idRe(QStringLiteral("<li data-id=\"(\\d+)\""));
        QList<qint64> ids;
        for (auto it = idRe.globalMatch(html); it.hasNext();)
            ids << it.next().captured(1).toLongLong();
        QCOMPARE(ids, s.eventIds.mid(0, 10)); // the soonest, in page order
        QVERIFY(html.contains(QLatin1String("100 upcoming events, the soonest 10 below")));
        QVERIFY(html.contains(QLatin1String("id=\"more\">Show all 100 events")));

        // Everything fits: no button.
        o.firstPageEvents = 100;
        const QString whole =
            QString::fromUtf8(StaticSnapshotBuilder::fromTable(table(rows), o, QDateTime::currentDateTimeUtc()).html);
        QVERIFY(!whole.contains(QLatin1String("id=\"more\"")));
        QVERIFY(whole.contains(QLatin1String("100 upcoming events</p>")));
    }

    void escapesControlCharacters()
    {
        QCOMPARE(StaticSnapshotBuilder::escapeHtml(QStringLiteral("a\u0000b\u0007c")),
                 QStringLiteral("a\uFFFDb\uFFFDc"));
        QCOMPARE(StaticSnapshotBuilder::escapeHtml(QStringLiteral("<&>\"'")),
                 QStringLiteral("&lt;&amp;&gt;&quot;&#39;"));
    }
};

QTEST_GUILESS_MAIN(TestStaticSnapshot)
#include "tst_staticsnapshot.moc"

// The vendor formats the probe reads, without a network: Statuspage's
// summary.json (components, indicator, maintenance, groups, garbage) and the
// rate-limit header spellings (X-RateLimit-*, the IETF draft's -06, -07 and
// -08..-11 forms).
#include "RateLimitHeaders.h"
#include "StatuspageSummary.h"

#include <QTest>

using namespace oc;

namespace {

QHttpHeaders headers(std::initializer_list<std::pair<const char *, const char *>> list)
{
    QHttpHeaders h;
    for (const auto &[name, value] : list)
        h.append(QByteArray(name), QByteArray(value));
    return h;
}

} // namespace

class TestVendorFormats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void summaryWorstComponent()
    {
        // Shaped like a Statuspage page's documented example (confluence.status.atlassian.com/api).
        // (One string per line: moc's tokenizer loses its place in a multi-line raw string.)
        const QByteArray json =
            "{\"page\": {\"id\": \"4g2my7tbhjsq\", \"name\": \"Confluence\", \"url\": \"https://x\", "
            "\"updated_at\": \"2025-12-20T11:26:07Z\"},"
            " \"status\": {\"description\": \"Partial System Outage\", \"indicator\": \"major\"},"
            " \"components\": ["
            "  {\"id\": \"a\", \"name\": \"API\", \"status\": \"partial_outage\", \"group\": false},"
            "  {\"id\": \"b\", \"name\": \"Portal\", \"status\": \"degraded_performance\"},"
            "  {\"id\": \"g\", \"name\": \"Everything\", \"status\": \"major_outage\", \"group\": true},"
            "  {\"id\": \"c\", \"name\": \"Search\", \"status\": \"operational\"}],"
            " \"incidents\": [], \"scheduled_maintenances\": []}";
        QString why;
        const auto s = StatuspageSummary::parse(json, &why);
        QVERIFY2(s, qPrintable(why));
        QCOMPARE(s->pageName, QStringLiteral("Confluence"));
        QCOMPARE(s->components.size(), 3); // the group header is left out
        QCOMPARE(s->worstLevel(), 2);
        QCOMPARE(s->degradedSummary(), QStringLiteral("API: partial outage, Portal: degraded performance"));
    }

    void levels()
    {
        QCOMPARE(StatuspageSummary::levelOf(QStringLiteral("operational")), 0);
        QCOMPARE(StatuspageSummary::levelOf(QStringLiteral("degraded_performance")), 1);
        QCOMPARE(StatuspageSummary::levelOf(QStringLiteral("under_maintenance")), 1);
        QCOMPARE(StatuspageSummary::levelOf(QStringLiteral("partial_outage")), 2);
        QCOMPARE(StatuspageSummary::levelOf(QStringLiteral("major_outage")), 3);
        QCOMPARE(StatuspageSummary::levelOf(QStringLiteral("something_new")), 1);
        // No components listed: the page's indicator speaks.
        const auto s =
            StatuspageSummary::parse(R"({"status": {"indicator": "critical", "description": "Major Service Outage"}})");
        QVERIFY(s);
        QCOMPARE(s->worstLevel(), 3);
        QCOMPARE(s->degradedSummary(), QStringLiteral("Major Service Outage"));
        const auto ok = StatuspageSummary::parse(R"({"status": {"indicator": "none"}, "components": []})");
        QCOMPARE(ok->worstLevel(), 0);
        QVERIFY(ok->degradedSummary().isEmpty());
    }

    void garbageIsAnError_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("reason");
        QTest::newRow("html") << QByteArray("<html>502 Bad Gateway</html>") << QStringLiteral("not JSON");
        QTest::newRow("truncated") << QByteArray(R"({"components": [)") << QStringLiteral("not JSON");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral("not an object");
        QTest::newRow("other json") << QByteArray(R"({"ok": true})") << QStringLiteral("neither components nor status");
        QTest::newRow("component without status")
            << QByteArray(R"({"components": [{"id": "a", "name": "A"}]})") << QStringLiteral("without a status");
    }
    void garbageIsAnError()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, reason);
        QString why;
        QVERIFY(!StatuspageSummary::parse(body, &why));
        QVERIFY2(why.contains(reason), qPrintable(why));
    }

    void rateLimitSpellings_data()
    {
        QTest::addColumn<QHttpHeaders>("h");
        QTest::addColumn<double>("used");
        QTest::newRow("GitHub/Mapbox") << headers({{"X-RateLimit-Limit", "5000"},
                                                   {"X-RateLimit-Remaining", "750"},
                                                   {"X-RateLimit-Reset", "1372700873"}})
                                       << 0.85;
        QTest::newRow("lower case") << headers({{"x-ratelimit-limit", "100"}, {"x-ratelimit-remaining", "100"}}) << 0.0;
        QTest::newRow("draft -06") << headers({{"RateLimit-Limit", "100, 100;w=60"},
                                               {"RateLimit-Remaining", "20"},
                                               {"RateLimit-Reset", "30"}})
                                   << 0.8;
        QTest::newRow("draft -07") << headers({{"RateLimit", "limit=100, remaining=10, reset=30"},
                                               {"RateLimit-Policy", "100;w=60"}})
                                   << 0.9;
        QTest::newRow("draft -10") << headers({{"RateLimit-Policy", "\"default\";q=100;w=60"},
                                               {"RateLimit", "\"default\";r=50;t=30"}})
                                   << 0.5;
        // Two policies: the one nearest its limit counts.
        QTest::newRow("draft -10, two policies")
            << headers({{"RateLimit-Policy", "\"burst\";q=100;w=60, \"daily\";q=1000;w=86400"},
                        {"RateLimit", "\"burst\";r=90;t=10, \"daily\";r=50;t=3600"}})
            << 0.95;
        QTest::newRow("nothing left") << headers({{"X-RateLimit-Limit", "60"}, {"X-RateLimit-Remaining", "0"}}) << 1.0;
    }
    void rateLimitSpellings()
    {
        QFETCH(QHttpHeaders, h);
        QFETCH(double, used);
        QString why;
        const auto q = RateLimitHeaders::parse(h, &why);
        QVERIFY2(q, qPrintable(why));
        QCOMPARE(q->usedFraction(), used);
    }

    void rateLimitMissingOrBroken_data()
    {
        QTest::addColumn<QHttpHeaders>("h");
        QTest::addColumn<QString>("reason");
        QTest::newRow("none") << headers({{"Content-Type", "application/json"}}) << QStringLiteral("no rate-limit");
        QTest::newRow("not numbers") << headers({{"X-RateLimit-Limit", "lots"}, {"X-RateLimit-Remaining", "some"}})
                                     << QStringLiteral("not numbers");
        QTest::newRow("zero limit") << headers({{"X-RateLimit-Limit", "0"}, {"X-RateLimit-Remaining", "0"}})
                                    << QStringLiteral("a limit of 0");
        QTest::newRow("no policy") << headers({{"RateLimit", "\"default\";r=50;t=30"}})
                                   << QStringLiteral("RateLimit-Policy");
    }
    void rateLimitMissingOrBroken()
    {
        QFETCH(QHttpHeaders, h);
        QFETCH(QString, reason);
        QString why;
        QVERIFY(!RateLimitHeaders::parse(h, &why));
        QVERIFY2(why.contains(reason), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestVendorFormats)
#include "tst_vendorformats.moc"

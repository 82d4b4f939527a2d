// The vendors the console watches (issue 15 follow-up), on a real
// PostgreSQL: the rules an input must pass before anything is written; add,
// edit and remove by an operator, recorded with updated_by and followed by
// this console's probes (one probe per vendor, the live status in the
// model); a second console picks the change up on its own and rebuilds its
// probe set without duplicates; a concurrent edit is refused, not
// overwritten; a viewer is refused by the console with the reason, and by
// the database (42501) in plain words.

#include "ActionPermissions.h"
#include "ActionsController.h"
#include "ConnInfo.h"
#include "ConsoleSession.h"
#include "IncidentController.h"
#include "IncidentStore.h"
#include "IncidentTestKit.h"
#include "SummaryServer.h"
#include "PgSession.h"
#include "TestDatabase.h"
#include "VendorListModel.h"
#include "VendorRegistry.h"
#include "VendorStatusProbe.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace oc;
using namespace Qt::Literals::StringLiterals;

using Vendor = VendorRegistry::Vendor;

namespace {

// A vendor's Statuspage summary (GET /api/v2/summary.json, the shape every
// Statuspage-hosted page documents at /api), all operational.
constexpr char kSummary[] =
    R"({"page":{"id":"p","name":"Tiles"},"status":{"indicator":"none","description":"All Systems Operational"},)"
    R"("components":[{"id":"c1","name":"Tile API","status":"operational","group":false}]})";

int countNamed(const QList<VendorEndpoint> &endpoints, const QString &name)
{
    return int(
        std::count_if(endpoints.cbegin(), endpoints.cend(), [&](const VendorEndpoint &e) { return e.name == name; }));
}

Vendor input(const QString &name, const QString &statusUrl, const QString &quotaUrl = {}, int intervalS = 60)
{
    Vendor v;
    v.name = name;
    v.statusUrl = statusUrl;
    v.quotaUrl = quotaUrl;
    v.intervalS = intervalS;
    return v;
}

} // namespace

class TstVendorRegistry : public QObject
{
    Q_OBJECT

private:
    QString m_conninfo;
    test::SummaryServer m_vendorPage;
    QString m_summaryUrl;

    std::unique_ptr<ConsoleSession> console(const QString &who, const QString &conninfo)
    {
        return test::startConsole(who, conninfo);
    }

    QString row(const char *sql)
    {
        PgSession s(m_conninfo);
        const auto t = s.exec(DbQuery(sql));
        return t.rowCount() == 0 ? u"none"_s : t.text(0, 0);
    }

    static void viewerRole(const QString &conninfo, const char *role)
    {
        PgSession s(conninfo);
        s.execScript(QByteArray("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '") + role +
                     "') THEN CREATE ROLE " + role + " LOGIN IN ROLE oc_viewer; END IF; END $$");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&error), qPrintable(error));
        QVERIFY(m_vendorPage.start(kSummary));
        m_summaryUrl = m_vendorPage.url();
    }

    void init()
    {
        m_conninfo = test::TestDatabase::instance().freshDatabase(QString::fromLatin1(QTest::currentTestFunction()));
        test::storePlanRule(m_conninfo, test::siteRule());
    }

    void rules_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("statusUrl");
        QTest::addColumn<QString>("quotaUrl");
        QTest::addColumn<int>("intervalS");
        QTest::addColumn<QString>("refusal"); // empty: accepted
        const QString ok = u"https://status.tiles.example/api/v2/summary.json"_s;
        QTest::newRow("good") << u"map-tiles"_s << ok << QString() << 60 << QString();
        QTest::newRow("trimmed") << u"  map-tiles \t"_s << u" "_s + ok + u"\n"_s << QString() << 60 << QString();
        QTest::newRow("quota only") << u"sms"_s << QString() << u"https://api.sms.example/v1/ping"_s << 10 << QString();
        QTest::newRow("longest interval") << u"x"_s << ok << QString() << 3600 << QString();
        QTest::newRow("empty name") << u"   "_s << ok << QString() << 60 << u"name"_s;
        QTest::newRow("capitals and space") << u"Map Tiles"_s << ok << QString() << 60 << u"lowercase"_s;
        QTest::newRow("leading dash") << u"-tiles"_s << ok << QString() << 60 << u"lowercase"_s;
        QTest::newRow("html name") << u"<b>x</b>"_s << ok << QString() << 60 << u"lowercase"_s;
        QTest::newRow("name too long") << QString(64, u'a') << ok << QString() << 60 << u"63"_s;
        QTest::newRow("name taken") << u"messaging"_s << ok << QString() << 60 << u"exists already"_s;
        QTest::newRow("no address") << u"tiles"_s << u"  "_s << QString() << 60 << u"at least one"_s;
        QTest::newRow("javascript") << u"tiles"_s << u"javascript:alert(1)"_s << QString() << 60 << u"http://"_s;
        QTest::newRow("file") << u"tiles"_s << u"file:///etc/passwd"_s << QString() << 60 << u"http://"_s;
        QTest::newRow("ftp quota") << u"tiles"_s << ok << u"ftp://api.example/"_s << 60 << u"http://"_s;
        QTest::newRow("no host") << u"tiles"_s << u"https:///summary.json"_s << QString() << 60 << u"host"_s;
        QTest::newRow("relative") << u"tiles"_s << u"status.example/summary.json"_s << QString() << 60
                                  << u"complete address"_s;
        QTest::newRow("inner space") << u"tiles"_s << u"https://status.example .com/"_s << QString() << 60
                                     << u"spaces"_s;
        QTest::newRow("tab") << u"tiles"_s << u"https://status.example.com/\tx"_s << QString() << 60 << u"spaces"_s;
        QTest::newRow("rtl override") << u"tiles"_s << u"https://status.example.com/\u202Egpj.exe"_s << QString() << 60
                                      << u"invisible"_s;
        QTest::newRow("zero width") << u"tiles"_s << u"https://sta\u200Btus.example.com/"_s << QString() << 60
                                    << u"invisible"_s;
        QTest::newRow("password") << u"tiles"_s << u"https://me:secret@status.example.com/"_s << QString() << 60
                                  << u"password"_s;
        QTest::newRow("too long url") << u"tiles"_s << u"https://status.example.com/"_s + QString(2000, u'a')
                                      << QString() << 60 << u"longer than"_s;
        QTest::newRow("interval 9") << u"tiles"_s << ok << QString() << 9 << u"between 10 and 3600"_s;
        QTest::newRow("interval 3601") << u"tiles"_s << ok << QString() << 3601 << u"between 10 and 3600"_s;
    }

    void rules()
    {
        QFETCH(QString, name);
        QFETCH(QString, statusUrl);
        QFETCH(QString, quotaUrl);
        QFETCH(int, intervalS);
        QFETCH(QString, refusal);
        QString why;
        const auto v = VendorRegistry::checked(input(name, statusUrl, quotaUrl, intervalS), {u"messaging"_s}, &why);
        if (refusal.isEmpty()) {
            QVERIFY2(v, qPrintable(why));
            QCOMPARE(v->name, name.trimmed());
            QCOMPARE(v->statusUrl, statusUrl.trimmed());
            QVERIFY(!v->statusUrl.contains(u' '));
        } else {
            QVERIFY(!v);
            QVERIFY2(why.contains(refusal), qPrintable(why));
        }
    }

    void urlsAreStoredAsTheProbeRequestsThem()
    {
        QString why;
        const auto v = VendorRegistry::checked(
            input(u"tiles"_s, u"HTTPS://Status.Tiles.Example/api/v2/summary.json?x=a+b"_s), {}, &why);
        QVERIFY2(v, qPrintable(why));
        QCOMPARE(v->statusUrl, u"https://status.tiles.example/api/v2/summary.json?x=a+b"_s);
        // Unicode in a path is sent percent-encoded, and stored that way.
        const auto u = VendorRegistry::checked(input(u"tiles"_s, u"https://status.example/é"_s), {}, &why);
        QVERIFY2(u, qPrintable(why));
        QCOMPARE(u->statusUrl, u"https://status.example/%C3%A9"_s);
    }

    void operatorAddsEditsAndRemoves()
    {
        auto alice = console(u"alice"_s, m_conninfo);
        IncidentController *c = alice->incidents();
        VendorRegistry *r = c->vendors();
        QAbstractItemModelTester tester(r->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(r->isLoaded() && r->canEdit(), 15000);
        QCOMPARE(r->vendors().size(), 0);

        QSignalSpy saved(r, &VendorRegistry::saved);
        QSignalSpy refused(r, &VendorRegistry::refused);
        r->add(input(u" map-tiles "_s, m_summaryUrl, {}, 30));
        QVERIFY(saved.wait(10000));
        QCOMPARE(refused.count(), 0);
        QCOMPARE(saved.first().first().toString(), u"map-tiles"_s);
        QCOMPARE(row("SELECT name || ' ' || status_url || ' ' || coalesce(quota_url, '-') || ' ' || interval_s || ' ' "
                     "|| updated_by FROM alert_vendors"),
                 u"map-tiles %1 - 30 alice"_s.arg(m_summaryUrl));
        // This console watches it at once, one probe, and shows what it says.
        QTRY_VERIFY_WITH_TIMEOUT(r->vendor(u"map-tiles"_s).has_value(), 5000);
        QCOMPARE(countNamed(c->vendorProbe()->endpoints(), u"map-tiles"_s), 1);
        QTRY_COMPARE_WITH_TIMEOUT(r->model()->statusText(u"map-tiles"_s), u"Operational"_s, 10000);
        const int row0 = r->model()->rowOf(u"map-tiles"_s);
        QCOMPARE(r->model()->index(row0, VendorListModel::StatusColumn).data().toString(), u"Operational"_s);
        QCOMPARE(r->model()->index(row0, VendorListModel::StatusColumn).data(VendorListModel::StatusLevelRole), 0);
        QCOMPARE(r->model()->index(row0, VendorListModel::ChangedByColumn).data().toString(), u"alice"_s);

        // Adding the same name again is refused before any write.
        r->add(input(u"map-tiles"_s, m_summaryUrl));
        QCOMPARE(refused.count(), 1);
        QVERIFY(refused.first().first().toString().contains(u"exists already"_s));

        // Edit: the interval and a quota address; compare-and-set on the row.
        const Vendor before = *r->vendor(u"map-tiles"_s);
        QVERIFY(before.updatedAtUs > 0);
        Vendor changed = before;
        changed.intervalS = 120;
        changed.quotaUrl = u"https://api.tiles.example/v1/ping"_s;
        r->edit(before, changed);
        QVERIFY(saved.wait(10000));
        QCOMPARE(row("SELECT interval_s || ' ' || quota_url || ' ' || updated_by FROM alert_vendors"),
                 u"120 https://api.tiles.example/v1/ping alice"_s);
        QTRY_COMPARE_WITH_TIMEOUT(r->vendor(u"map-tiles"_s)->intervalS, 120, 5000);
        QTRY_COMPARE(c->vendorProbe()->endpoints().value(0).intervalMs, 120000);
        QCOMPARE(countNamed(c->vendorProbe()->endpoints(), u"map-tiles"_s), 1);

        // An edit that breaks a rule writes nothing.
        Vendor bad = *r->vendor(u"map-tiles"_s);
        bad.statusUrl = u"javascript:alert(1)"_s;
        r->edit(*r->vendor(u"map-tiles"_s), bad);
        QCOMPARE(refused.count(), 2);
        QCOMPARE(row("SELECT status_url FROM alert_vendors"), m_summaryUrl);

        // Rename: the probe's metric names follow, still one probe.
        Vendor renamed = *r->vendor(u"map-tiles"_s);
        renamed.name = u"tiles"_s;
        r->edit(*r->vendor(u"map-tiles"_s), renamed);
        QVERIFY(saved.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(r->vendor(u"tiles"_s) && !r->vendor(u"map-tiles"_s), 5000);
        QCOMPARE(countNamed(c->vendorProbe()->endpoints(), u"tiles"_s), 1);
        QCOMPARE(countNamed(c->vendorProbe()->endpoints(), u"map-tiles"_s), 0);

        r->remove(*r->vendor(u"tiles"_s));
        QVERIFY(saved.wait(10000));
        QCOMPARE(row("SELECT count(*) FROM alert_vendors"), u"0"_s);
        QTRY_COMPARE_WITH_TIMEOUT(r->vendors().size(), 0, 5000);
        QVERIFY(c->vendorProbe()->endpoints().isEmpty());
        QCOMPARE(r->model()->rowCount(), 0);
    }

    void secondConsoleFollows()
    {
        auto alice = console(u"alice"_s, m_conninfo);
        auto bob = console(u"bob"_s, m_conninfo);
        VendorRegistry *a = alice->incidents()->vendors();
        VendorRegistry *b = bob->incidents()->vendors();
        VendorStatusProbe *bobProbe = bob->incidents()->vendorProbe();
        QTRY_VERIFY_WITH_TIMEOUT(a->canEdit() && b->isLoaded(), 15000);
        QSignalSpy saved(a, &VendorRegistry::saved);

        a->add(input(u"map-tiles"_s, m_summaryUrl, {}, 60));
        QVERIFY(saved.wait(10000));
        // Bob's console reads the list again on its own and watches it.
        QTRY_VERIFY_WITH_TIMEOUT(b->vendor(u"map-tiles"_s).has_value(), 15000);
        QCOMPARE(countNamed(bobProbe->endpoints(), u"map-tiles"_s), 1);
        QTRY_COMPARE_WITH_TIMEOUT(b->model()->statusText(u"map-tiles"_s), u"Operational"_s, 10000);

        // Alice edits; bob's probe is rebuilt with the new interval, once.
        QTRY_VERIFY_WITH_TIMEOUT(a->vendor(u"map-tiles"_s).has_value(), 5000);
        Vendor v = *a->vendor(u"map-tiles"_s);
        Vendor changed = v;
        changed.intervalS = 300;
        a->edit(v, changed);
        QVERIFY(saved.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(b->vendor(u"map-tiles"_s)->intervalS, 300, 15000);
        QCOMPARE(bobProbe->endpoints().size(), 1);
        QCOMPARE(bobProbe->endpoints().first().intervalMs, 300000);
        // The periodic re-read of an unchanged list rebuilds nothing.
        QSignalSpy rebuilt(bobProbe, &VendorStatusProbe::endpointsChanged);
        a->add(input(u"messaging"_s, {}, m_summaryUrl, 60)); // a second vendor to wait for
        QVERIFY(saved.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(b->vendor(u"messaging"_s).has_value(), 15000);
        QCOMPARE(rebuilt.count(), 1);
        QCOMPARE(countNamed(bobProbe->endpoints(), u"map-tiles"_s), 1);
        QCOMPARE(countNamed(bobProbe->endpoints(), u"messaging"_s), 1);
        // map-tiles kept its probe: its last reading is still there.
        QCOMPARE(b->model()->statusText(u"map-tiles"_s), u"Operational"_s);

        // Removed on alice's console, gone from bob's probes.
        a->remove(*a->vendor(u"map-tiles"_s));
        QVERIFY(saved.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(!b->vendor(u"map-tiles"_s).has_value(), 15000);
        QCOMPARE(countNamed(bobProbe->endpoints(), u"map-tiles"_s), 0);
        QCOMPARE(bobProbe->endpoints().size(), 1);
    }

    void concurrentEditIsRefused()
    {
        auto alice = console(u"alice"_s, m_conninfo);
        auto bob = console(u"bob"_s, m_conninfo);
        VendorRegistry *a = alice->incidents()->vendors();
        VendorRegistry *b = bob->incidents()->vendors();
        QTRY_VERIFY_WITH_TIMEOUT(a->canEdit() && b->canEdit(), 15000);
        QSignalSpy savedA(a, &VendorRegistry::saved);
        a->add(input(u"map-tiles"_s, m_summaryUrl));
        QVERIFY(savedA.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(b->vendor(u"map-tiles"_s).has_value(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(a->vendor(u"map-tiles"_s).has_value(), 5000);

        // Both start from the same row; alice saves first.
        const Vendor seenByBob = *b->vendor(u"map-tiles"_s);
        Vendor aliceChange = *a->vendor(u"map-tiles"_s);
        aliceChange.intervalS = 30;
        a->edit(*a->vendor(u"map-tiles"_s), aliceChange);
        QVERIFY(savedA.wait(10000));
        Vendor bobChange = seenByBob;
        bobChange.intervalS = 900;
        QSignalSpy refused(b, &VendorRegistry::refused);
        b->edit(seenByBob, bobChange);
        QVERIFY(refused.wait(10000));
        QVERIFY2(refused.first().first().toString().contains(u"someone else"_s),
                 qPrintable(refused.first().first().toString()));
        QCOMPARE(row("SELECT interval_s || ' ' || updated_by FROM alert_vendors"), u"30 alice"_s);
        // Removing from the stale row is refused too.
        b->remove(seenByBob);
        QVERIFY(refused.wait(10000));
        QCOMPARE(row("SELECT count(*) FROM alert_vendors"), u"1"_s);
    }

    void viewerIsRefused()
    {
        viewerRole(m_conninfo, "vendor_viewer");
        {
            PgSession s(m_conninfo);
            s.execScript("INSERT INTO alert_vendors (name, status_url, interval_s, updated_by) "
                         "VALUES ('map-tiles', 'https://status.tiles.example/api/v2/summary.json', 60, 'dana')");
        }
        auto vera = console(u"vera"_s, ConnInfo::withParam(m_conninfo, u"user"_s, u"vendor_viewer"_s));
        IncidentController *c = vera->incidents();
        VendorRegistry *r = c->vendors();
        QTRY_COMPARE_WITH_TIMEOUT(vera->actions()->permissions()->role(), ActionPermissions::Role::Viewer, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(r->vendor(u"map-tiles"_s).has_value(), 15000); // viewers read the list
        QVERIFY(!r->canEdit());
        QVERIFY2(r->readOnlyReason().contains(u"operator"_s), qPrintable(r->readOnlyReason()));

        // The console refuses with the reason, before any write.
        QSignalSpy refused(r, &VendorRegistry::refused);
        r->add(input(u"sms"_s, m_summaryUrl));
        QCOMPARE(refused.count(), 1);
        QCOMPARE(refused.first().first().toString(), r->readOnlyReason());
        r->remove(*r->vendor(u"map-tiles"_s));
        QCOMPARE(refused.count(), 2);

        // A modified console is refused by the database, in words.
        IncidentStore store(vera->db(), vera->writeDb());
        QString message;
        bool done = false;
        store.addVendor({u"sms"_s, m_summaryUrl, {}, 60}, u"vera"_s, [&](bool ok, const QString &error) {
            QVERIFY(!ok);
            message = error;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY2(message.startsWith(u"Only an operator can change the vendors"_s), qPrintable(message));
        QVERIFY(!message.contains(u"42501"_s) && !message.contains(u"ERROR"_s));
        done = false;
        store.removeVendor(u"map-tiles"_s, r->vendor(u"map-tiles"_s)->updatedAtUs, [&](bool ok, const QString &e) {
            QVERIFY(!ok);
            message = e;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY2(message.startsWith(u"Only an operator"_s), qPrintable(message));
        QCOMPARE(row("SELECT string_agg(name, ',') FROM alert_vendors"), u"map-tiles"_s);
    }
};

QTEST_GUILESS_MAIN(TstVendorRegistry)
#include "tst_vendorregistry.moc"

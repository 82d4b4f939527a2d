// IncidentController on a real PostgreSQL (issue 15): two consoles share one
// card, an acknowledgement on one shows on the other, a console restarted
// mid-incident comes back to the same card, the evaluator role moves when its
// console goes away, viewers cannot act, recovery resolves the card, the
// timeline exports, detection latency, and a drill on a real database never
// sends an action to the ops API.

#include "ActionPermissions.h"
#include "ActionsController.h"
#include "AlertListModel.h"
#include "ConnInfo.h"
#include "ConsoleSession.h"
#include "IncidentController.h"
#include "IncidentListModel.h"
#include "LiveSource.h"
#include "PgSession.h"
#include "PlanRule.h"
#include "IncidentTestKit.h"
#include "TestDatabase.h"

#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace oc;
using oc::test::siteRule;
using namespace Qt::Literals::StringLiterals;

namespace {

} // namespace

class TstIncidentController : public QObject
{
    Q_OBJECT

private:
    QString m_conninfo;

    std::unique_ptr<ConsoleSession> console(const QString &who, const QString &conninfo, QUrl api = {},
                                            int pollMs = 250)
    {
        ConsoleSession::Config cfg;
        cfg.conninfo = conninfo;
        cfg.operatorName = who;
        cfg.apiUrl = api;
        cfg.apiToken = u"operator-token"_s;
        cfg.pollFastMs = pollMs;
        cfg.pollSlowMs = 4 * pollMs;
        auto s = std::make_unique<ConsoleSession>(cfg);
        s->start();
        return s;
    }

    void traffic(int requests, int errors) { test::writeTraffic(m_conninfo, requests, errors); }

    QString cards()
    {
        PgSession s(m_conninfo);
        return s
            .exec(DbQuery("SELECT coalesce(string_agg(id || ' ' || group_key || ' ' || state || ' ' || root_rule_id "
                          "|| (CASE WHEN drill THEN ' drill' ELSE '' END), '; ' ORDER BY id), 'none') FROM incidents"))
            .text(0, 0);
    }

    qint64 scalar(const char *sql)
    {
        PgSession s(m_conninfo);
        return s.exec(DbQuery(sql)).toInt64(0, 0);
    }

    static const Incident *openCard(IncidentController *c)
    {
        for (const auto &card : c->incidents()->cards())
            if (card.isOpen() && card.group == u"site"_s && !card.drill)
                return &card;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&error), qPrintable(error));
    }

    void init()
    {
        m_conninfo = test::TestDatabase::instance().freshDatabase(QString::fromLatin1(QTest::currentTestFunction()));
        test::storePlanRule(m_conninfo, siteRule());
        // A healthy site to start from.
        traffic(1000, 0);
    }

    void twoConsolesShareOneCard()
    {
        auto alice = console(u"alice"_s, m_conninfo);
        auto bob = console(u"bob"_s, m_conninfo);
        auto *a = alice->incidents();
        auto *b = bob->incidents();
        QTRY_VERIFY_WITH_TIMEOUT(a->isEvaluator() != b->isEvaluator(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(a->rules()->rowCount(), 1, 10000); // the stored plan, not the default one

        traffic(1000, 900);
        QTRY_VERIFY_WITH_TIMEOUT(openCard(a) && openCard(b), 15000);
        QCOMPARE(openCard(a)->id, openCard(b)->id);
        QVERIFY(openCard(a)->id > 0);
        QCOMPARE(scalar("SELECT count(*) FROM incidents"), 1);
        QCOMPARE(openCard(b)->runbookStep.contains(u"Open the public site"_s), true);

        // Acknowledged on one console, the owner shows on the other.
        const qint64 id = openCard(a)->id;
        QElapsedTimer seen;
        seen.start();
        b->acknowledge(id);
        QTRY_VERIFY_WITH_TIMEOUT(openCard(a) && openCard(a)->owner == u"bob"_s, 10000);
        std::printf("acknowledgement on one console seen on the other after %lld ms\n",
                    static_cast<long long>(seen.elapsed()));
        QCOMPARE(openCard(a)->state, Incident::State::Acknowledged);

        // A note and the recovery; the card resolves by itself.
        a->addNote(id, u"=cmd|'/c calc'!A1 <b>flipping</b>"_s);
        traffic(1000, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!openCard(a) && !openCard(b), 15000);
        QCOMPARE(scalar("SELECT count(*) FROM incidents WHERE state = 'resolved'"), 1);

        QSignalSpy loaded(a, &IncidentController::timelineLoaded);
        a->loadTimeline(id);
        QTRY_VERIFY(!a->timeline(id).isEmpty() && a->timeline(id).last().kind == TimelineEntry::Kind::Resolved);
        QStringList kinds;
        for (const auto &t : a->timeline(id))
            kinds << TimelineEntry::kindName(t.kind);
        QCOMPARE(kinds.first(), u"opened"_s);
        QVERIFY(kinds.contains(u"acknowledged"_s));
        QVERIFY(kinds.indexOf(u"note"_s) > kinds.indexOf(u"acknowledged"_s));
        const QString md = a->exportMarkdown(id);
        QVERIFY(md.contains(u"bob"_s));
        QVERIFY(!md.contains(u"<b>"_s)); // hostile text stays text
        const QByteArray csv = a->exportCsv(id);
        QVERIFY(csv.contains("'=cmd")); // formula neutralised
    }

    void restartedConsoleComesBackToTheSameCard()
    {
        auto alice = console(u"alice"_s, m_conninfo);
        auto *a = alice->incidents();
        QTRY_VERIFY_WITH_TIMEOUT(a->isEvaluator(), 15000);
        traffic(1000, 900);
        QTRY_VERIFY_WITH_TIMEOUT(openCard(a), 15000);
        const qint64 id = openCard(a)->id;
        a->acknowledge(id);
        QTRY_VERIFY_WITH_TIMEOUT(openCard(a) && openCard(a)->owner == u"alice"_s, 10000);

        // Killed mid-incident: the session and its connections go away.
        alice.reset();
        auto again = console(u"alice"_s, m_conninfo);
        auto *a2 = again->incidents();
        QTRY_VERIFY_WITH_TIMEOUT(openCard(a2), 10000);
        QCOMPARE(openCard(a2)->id, id);
        QCOMPARE(openCard(a2)->owner, u"alice"_s);
        QCOMPARE(openCard(a2)->state, Incident::State::Acknowledged);
        // The evaluator lock went with the old connection: the new console
        // takes it and keeps writing to the same card, no second one.
        QTRY_VERIFY_WITH_TIMEOUT(a2->isEvaluator(), 15000);
        QVERIFY2(scalar("SELECT count(*) FROM incidents") == 1, qPrintable(cards()));
        QSignalSpy firing(a2, &IncidentController::incidentFiring);
        traffic(1000, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!openCard(a2), 15000);
        QCOMPARE(scalar("SELECT count(*) FROM incidents WHERE state = 'resolved'"), 1);
    }

    void viewersSeeButCannotAct()
    {
        {
            PgSession s(m_conninfo);
            s.execScript("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'inc_viewer') THEN "
                         "CREATE ROLE inc_viewer LOGIN IN ROLE oc_viewer; END IF; END $$");
        }
        auto alice = console(u"alice"_s, m_conninfo);
        auto viewer = console(u"vera"_s, ConnInfo::withParam(m_conninfo, u"user"_s, u"inc_viewer"_s));
        auto *a = alice->incidents();
        auto *v = viewer->incidents();
        QTRY_VERIFY_WITH_TIMEOUT(a->isEvaluator(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(viewer->actions()->permissions()->role(), ActionPermissions::Role::Viewer, 10000);
        QVERIFY(!v->canAct());
        QVERIFY(!v->isEvaluator());
        traffic(1000, 900);
        QTRY_VERIFY_WITH_TIMEOUT(openCard(v) && openCard(v)->id > 0, 15000);
        QVERIFY(!v->remedyUnavailableReason(openCard(v)->id).isEmpty());
        // Even a modified console is refused by the database.
        QSignalSpy errors(v, &IncidentController::errorOccurred);
        v->acknowledge(openCard(v)->id);
        QVERIFY(errors.wait(10000));
        QVERIFY2(errors.first().first().toString().contains(u"permission denied"_s),
                 qPrintable(errors.first().first().toString()));
        QVERIFY(openCard(a)->owner.isEmpty());
    }

    void detectionLatency()
    {
        // From the breaching sample committed to the card on a second
        // console's screen, breach after breach. Printed for the note; the
        // test only requires every breach to be seen. The consoles poll at
        // the shipped cadence (1 s), so the figures are the real ones.
        auto alice = console(u"alice"_s, m_conninfo, {}, 1000);
        auto bob = console(u"bob"_s, m_conninfo, {}, 1000);
        auto *a = alice->incidents();
        auto *b = bob->incidents();
        QTRY_VERIFY_WITH_TIMEOUT(a->isEvaluator() || b->isEvaluator(), 15000);
        auto *follower = a->isEvaluator() ? b : a;
        auto *evaluator = a->isEvaluator() ? a : b;
        QList<qint64> onEvaluator, onFollower;
        for (int i = 0; i < 12; ++i) {
            QSignalSpy fe(evaluator, &IncidentController::incidentFiring);
            QSignalSpy ff(follower, &IncidentController::incidentFiring);
            QElapsedTimer t;
            traffic(1000, 900);
            t.start();
            QVERIFY(fe.count() > 0 || fe.wait(15000));
            onEvaluator << t.elapsed();
            QVERIFY(ff.count() > 0 || ff.wait(15000));
            onFollower << t.elapsed();
            traffic(1000, 0);
            QTRY_VERIFY_WITH_TIMEOUT(!openCard(follower) && !openCard(evaluator), 15000);
        }
        auto report = [](const char *what, QList<qint64> v) {
            std::sort(v.begin(), v.end());
            const qint64 p95 = v.at(std::min<qsizetype>(v.size() - 1, qsizetype(0.95 * double(v.size()))));
            std::printf("detection %-28s n=%lld p50=%lld ms p95=%lld ms max=%lld ms\n", what,
                        static_cast<long long>(v.size()), static_cast<long long>(v.at(v.size() / 2)),
                        static_cast<long long>(p95), static_cast<long long>(v.last()));
        };
        report("on the evaluating console", onEvaluator);
        report("on a second console", onFollower);
        QCOMPARE(scalar("SELECT count(*) FROM incidents"), 1); // reopened, never duplicated
    }

    void drillOnARealDatabaseSendsNoAction()
    {
        // A stand-in ops API on loopback that counts what reaches it.
        QHttpServer api;
        int writes = 0;
        api.setMissingHandler(&api, [&writes](const QHttpServerRequest &req, QHttpServerResponder &responder) {
            if (req.method() != QHttpServerRequest::Method::Get)
                ++writes;
            responder.write(QHttpServerResponder::StatusCode::NotFound);
        });
        auto *tcp = new QTcpServer(&api);
        QVERIFY(tcp->listen(QHostAddress::LocalHost) && api.bind(tcp));
        const QUrl url(u"http://127.0.0.1:%1"_s.arg(tcp->serverPort()));

        auto alice = console(u"alice"_s, m_conninfo, url);
        auto *a = alice->incidents();
        QTRY_VERIFY_WITH_TIMEOUT(a->isEvaluator(), 15000);
        QSignalSpy finished(a, &IncidentController::drillFinished);
        a->startDrill();
        QVERIFY(a->drillRunning());
        const Incident *drill = nullptr;
        auto drillCard = [&] {
            drill = nullptr;
            for (const auto &c : a->incidents()->cards())
                if (c.drill && c.isOpen())
                    drill = &c;
            return drill != nullptr;
        };
        // The synthetic surge reaches overload about 30 s in.
        QTRY_VERIFY_WITH_TIMEOUT(drillCard(), 90000);
        QVERIFY(drill->id > 0);
        QCOMPARE(scalar("SELECT count(*) FROM incidents WHERE drill"), 1);
        QCOMPARE(scalar("SELECT count(*) FROM incidents WHERE NOT drill"), 0); // the real site is fine
        const qint64 id = drill->id;
        a->acknowledge(id);
        QSignalSpy remedy(a, &IncidentController::remedyFinished);
        a->runRemedy(id);
        QVERIFY(remedy.count() > 0 || remedy.wait(10000));
        QVERIFY(remedy.first().at(1).toBool());
        QVERIFY2(remedy.first().at(2).toString().contains(u"dry run"_s), qPrintable(remedy.first().at(2).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(!drillCard(), 60000); // the rehearsed flip "worked"
        a->stopDrill();
        QVERIFY(finished.count() > 0 || finished.wait(10000));
        const QString report = finished.first().first().toString();
        std::printf("%s\n", qPrintable(report));
        QVERIFY(report.contains(siteRule().id));
        QCOMPARE(writes, 0);
        QCOMPARE(scalar("SELECT count(*) FROM incident_timeline WHERE kind = 'action' AND outcome LIKE '%dry run%'"),
                 1);
    }
};

QTEST_GUILESS_MAIN(TstIncidentController)
#include "tst_incidentcontroller.moc"

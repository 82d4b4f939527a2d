#include "ActionsTestKit.h"
#include "BlastService.h"
#include "OpsApiClient.h"
#include "PgAsyncConnection.h"
#include "PgSession.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace oc;
using namespace oc::test;

// Exactly-once blasts against the real simulator: whatever happens between
// the console and the backend (double-clicks, 500s before and after the
// send, timeouts, garbage, refused connections, a console that dies mid
// call), one intent makes at most one send on the provider's side
// (hubsim_sent_blasts), and the two-person rule holds.
class TestBlastExactlyOnce : public QObject
{
    Q_OBJECT

    DemoEnvironment m_demo;
    std::unique_ptr<PgAsyncConnection> m_db;
    std::unique_ptr<OpsApiClient> m_api;
    qint64 m_campaignId = 0;
    QString m_slug;
    int m_counter = 0;

    std::unique_ptr<BlastService> service(const QString &who, OpsApiClient *api = nullptr)
    {
        auto s = std::make_unique<BlastService>(m_db.get(), api ? api : m_api.get(), who);
        s->setAutoRetry(0, 0);
        s->setFollowIntervalMs(150);
        return s;
    }

    BlastRequest request(qint64 size)
    {
        BlastRequest r;
        r.key = BlastService::newKey();
        r.campaignId = m_campaignId;
        r.channel = QStringLiteral("email");
        r.radiusMiles = 25;
        r.message = QStringLiteral("Test blast %1: find your event").arg(++m_counter);
        r.audienceSize = size;
        return r;
    }

    qint64 scalar(const DbQuery &q)
    {
        PgSession s(m_demo.conninfo());
        return s.exec(q).toInt64(0, 0);
    }
    QString text(const DbQuery &q)
    {
        PgSession s(m_demo.conninfo());
        return s.exec(q).text(0, 0);
    }
    qint64 sends(const QUuid &key)
    {
        return scalar(DbQuery("SELECT count(*) FROM hubsim_sent_blasts WHERE idempotency_key = $1::uuid")
                          .bind(key.toString(QUuid::WithoutBraces)));
    }
    qint64 intents(const QUuid &key)
    {
        return scalar(DbQuery("SELECT count(*) FROM blasts WHERE idempotency_key = $1::uuid")
                          .bind(key.toString(QUuid::WithoutBraces)));
    }
    QString status(const QUuid &key)
    {
        return text(DbQuery("SELECT status::text FROM blasts WHERE idempotency_key = $1::uuid")
                        .bind(key.toString(QUuid::WithoutBraces)));
    }
    bool fault(const QString &kind, const QString &endpoint, int count, int seconds = 30)
    {
        QString err;
        const bool ok = injectFault(*m_api,
                                    {{QStringLiteral("kind"), kind},
                                     {QStringLiteral("endpoint"), endpoint},
                                     {QStringLiteral("count"), count},
                                     {QStringLiteral("seconds"), seconds}},
                                    &err);
        if (!ok)
            qWarning("fault not injected: %s", qPrintable(err));
        return ok;
    }
    // A direct create-blast call, as a retrying or rogue client would make it.
    ApiResult createDirect(const BlastRecord &b)
    {
        ApiAnswer a;
        m_api->createBlast(b.key, b.apiBody(), nullptr, a.callback());
        if (!QTest::qWaitFor([&] { return a.done(); }, 30000))
            return {};
        return a.result();
    }
    static bool isSent(const BlastService &s, const QUuid &key)
    {
        const auto r = s.record(key);
        return r && r->status == QLatin1String("sent");
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
        PgSession s(m_demo.conninfo());
        const DbTable c = s.exec("SELECT id, slug FROM campaigns ORDER BY id LIMIT 1");
        m_campaignId = c.toInt64(0, 0);
        m_slug = c.text(0, 1);
    }

    void cleanup()
    {
        QVERIFY(clearFaults(*m_api));
        PgSession s(m_demo.conninfo());
        s.execScript("UPDATE blast_policy SET approval_threshold = 10000");
    }

    void audienceCountMatchesABruteForceCount_data()
    {
        QTest::addColumn<QString>("channel");
        QTest::addColumn<double>("radius");
        QTest::newRow("email 10 mi") << QStringLiteral("email") << 10.0;
        QTest::newRow("email 25 mi") << QStringLiteral("email") << 25.0;
        QTest::newRow("sms 25 mi") << QStringLiteral("sms") << 25.0;
        QTest::newRow("email 150 mi") << QStringLiteral("email") << 150.0;
    }

    void audienceCountMatchesABruteForceCount()
    {
        QFETCH(QString, channel);
        QFETCH(double, radius);
        // Every supporter against every event, no grid: slow, obviously right.
        const DbQuery bruteForce =
            DbQuery("SELECT count(*) FROM supporters s WHERE s.latitude IS NOT NULL "
                    "AND CASE WHEN $3 = 'sms' THEN s.sms_opt_in AND coalesce(s.phone, '') <> '' "
                    "         ELSE s.email_opt_in AND coalesce(s.email, '') <> '' END "
                    "AND EXISTS (SELECT 1 FROM events e WHERE e.campaign_id = $1 AND e.approval_status = 'approved' "
                    "  AND e.starts_at > now() - interval '3 hours' AND e.latitude IS NOT NULL "
                    "  AND 2 * 3958.7613 * asin(least(1, sqrt(power(sin(radians(e.latitude - s.latitude) / 2), 2) + "
                    "      cos(radians(s.latitude)) * cos(radians(e.latitude)) * "
                    "      power(sin(radians(e.longitude - s.longitude) / 2), 2)))) <= $2) "
                    "AND NOT EXISTS (SELECT 1 FROM rsvps r JOIN events e2 ON e2.id = r.event_id "
                    "  WHERE r.supporter_id = s.id AND e2.campaign_id = $1)")
                .bind(m_campaignId)
                .bind(radius)
                .bind(channel);
        // RSVPs keep arriving: compare both statements in one snapshot.
        PgSession s(m_demo.conninfo());
        const auto [expected, grid] = s.transaction([&] {
            s.execScript("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            const qint64 e = s.exec(bruteForce).toInt64(0, 0);
            return std::pair {e, s.exec(BlastService::audienceCountQuery(channel, m_campaignId, radius)).toInt64(0, 0)};
        });
        QCOMPARE(grid, expected);
        auto svc = service(QStringLiteral("alice"));
        qint64 counted = -2;
        QString error;
        svc->countAudience(channel, m_campaignId, radius, nullptr, [&](qint64 n, const QString &e) {
            counted = n;
            error = e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(counted != -2, 30000);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // The live count through the console's connection (a moment later:
        // only new RSVPs can have shrunk it).
        QVERIFY(counted <= expected && counted >= expected - 50);
        if (radius >= 25)
            QVERIFY(counted > 0);
    }

    void sendsOnceAndFollowsUntilSent()
    {
        auto svc = service(QStringLiteral("alice"));
        QSignalSpy recorded(svc.get(), &BlastService::intentRecorded);
        const BlastRequest r = request(42);
        svc->send(r);
        QVERIFY(recorded.wait(15000));
        QCOMPARE(recorded.first().at(0).value<BlastRecord>().status, QStringLiteral("queued"));
        QTRY_VERIFY_WITH_TIMEOUT(isSent(*svc, r.key), 30000);
        QCOMPARE(sends(r.key), 1);
        QCOMPARE(status(r.key), QStringLiteral("sent"));
        QCOMPARE(svc->record(r.key)->sentCount, 42);
        QVERIFY(svc->record(r.key)->remoteId.startsWith(QLatin1String("hsb-")));
        const QString id = QString::number(svc->record(r.key)->id);
        QTRY_COMPARE_WITH_TIMEOUT(
            scalar(DbQuery("SELECT count(*) FROM audit_log WHERE action = 'blast' AND target_id = $1").bind(id)), 3,
            10000);
        QCOMPARE(text(DbQuery("SELECT string_agg(phase || ':' || coalesce(result, ''), '|' ORDER BY id) FROM audit_log "
                              "WHERE action = 'blast' AND target_id = $1")
                          .bind(id)),
                 QStringLiteral("intent:queued|outcome:ok: accepted as %1|note:sent to 42")
                     .arg(svc->record(r.key)->remoteId));
    }

    void doubleClicksAndASecondConsoleMakeOneBlast()
    {
        auto a = service(QStringLiteral("alice"));
        auto b = service(QStringLiteral("alice"));
        const BlastRequest r = request(7);
        a->send(r);
        a->send(r);
        b->send(r); // the same request from another console window
        QTRY_VERIFY_WITH_TIMEOUT(isSent(*a, r.key), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(b->record(r.key).has_value(), 10000);
        QCOMPARE(intents(r.key), 1);
        QCOMPARE(sends(r.key), 1);
        QCOMPARE(scalar(DbQuery("SELECT count(*) FROM audit_log WHERE action = 'blast' AND phase = 'intent' "
                                "AND params->>'idempotency_key' = $1")
                            .bind(r.key.toString(QUuid::WithoutBraces))),
                 1);
    }

    void a500BeforeTheSendThenRetry()
    {
        QVERIFY(fault(QStringLiteral("500"), QStringLiteral("create-blast"), 1));
        auto svc = service(QStringLiteral("alice"));
        QSignalSpy failed(svc.get(), &BlastService::attemptFailed);
        const BlastRequest r = request(11);
        svc->send(r);
        QVERIFY(failed.wait(15000));
        const QString message = failed.first().at(1).toString();
        QVERIFY2(message.contains(QLatin1String("500")) && message.contains(QLatin1String("stays recorded")),
                 qPrintable(message));
        QCOMPARE(intents(r.key), 1);
        QCOMPARE(sends(r.key), 0);
        QTRY_COMPARE_WITH_TIMEOUT(svc->record(r.key)->lastError.isEmpty(), false, 10000);
        QCOMPARE(status(r.key), QStringLiteral("queued"));

        svc->retry(r.key);
        QTRY_VERIFY_WITH_TIMEOUT(isSent(*svc, r.key), 30000);
        QCOMPARE(sends(r.key), 1);
        // Further retries and direct replays of the same key change nothing.
        svc->retry(r.key);
        const ApiResult replay = createDirect(*svc->record(r.key));
        QVERIFY2(replay.ok(), qPrintable(replay.message));
        QCOMPARE(replay.json.value(QStringLiteral("status")).toString(), QStringLiteral("sent"));
        QCOMPARE(sends(r.key), 1);
    }

    void a500AfterTheSendIsNotSentAgain()
    {
        // The hard case: the provider sent it, the console heard "500".
        QVERIFY(fault(QStringLiteral("500-after-record"), QStringLiteral("create-blast"), 1));
        auto svc = service(QStringLiteral("alice"));
        QSignalSpy failed(svc.get(), &BlastService::attemptFailed);
        const BlastRequest r = request(12);
        svc->send(r);
        QVERIFY(failed.wait(15000));
        QCOMPARE(sends(r.key), 1);
        svc->retry(r.key);
        QTRY_VERIFY_WITH_TIMEOUT(isSent(*svc, r.key), 30000);
        svc->retry(r.key);
        QVERIFY(createDirect(*svc->record(r.key)).ok());
        QCOMPARE(sends(r.key), 1);
    }

    void timeoutsThenRetry_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("hangs before sending") << QStringLiteral("timeout");
        QTest::newRow("hangs after sending") << QStringLiteral("hang-after-record");
    }

    void timeoutsThenRetry()
    {
        QFETCH(QString, kind);
        QVERIFY(fault(kind, QStringLiteral("create-blast"), 1, 3));
        OpsApiClient impatient(m_demo.apiUrl(), m_demo.apiToken());
        impatient.setTimeoutMs(1000);
        auto svc = service(QStringLiteral("alice"), &impatient);
        QSignalSpy failed(svc.get(), &BlastService::attemptFailed);
        const BlastRequest r = request(13);
        svc->send(r);
        QVERIFY(failed.wait(15000));
        QVERIFY2(failed.first().at(1).toString().contains(QLatin1String("did not answer")) ||
                     failed.first().at(1).toString().contains(QLatin1String("stopped answering")),
                 qPrintable(failed.first().at(1).toString()));
        QCOMPARE(intents(r.key), 1);
        svc->retry(r.key);
        QTRY_VERIFY_WITH_TIMEOUT(isSent(*svc, r.key), 30000);
        // The hung first call completes on the backend eventually: still one.
        QTRY_VERIFY_WITH_TIMEOUT(
            scalar(DbQuery("SELECT count(*) FROM hubsim_sent_blasts WHERE idempotency_key = $1::uuid "
                           "AND status = 'sent'")
                       .bind(r.key.toString(QUuid::WithoutBraces))) == 1,
            30000);
        QCOMPARE(sends(r.key), 1);
    }

    void garbageThenRetry()
    {
        QVERIFY(fault(QStringLiteral("garbage"), QStringLiteral("create-blast"), 1));
        auto svc = service(QStringLiteral("alice"));
        QSignalSpy failed(svc.get(), &BlastService::attemptFailed);
        const BlastRequest r = request(14);
        svc->send(r);
        QVERIFY(failed.wait(15000));
        QVERIFY2(failed.first().at(1).toString().contains(QLatin1String("not JSON")),
                 qPrintable(failed.first().at(1).toString()));
        QCOMPARE(sends(r.key), 0);
        svc->retry(r.key);
        QTRY_VERIFY_WITH_TIMEOUT(isSent(*svc, r.key), 30000);
        QCOMPARE(sends(r.key), 1);
    }

    void refusedThenResumedByTheNextConsole()
    {
        OpsApiClient closed(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort())), m_demo.apiToken());
        const BlastRequest r = request(15);
        {
            auto svc = service(QStringLiteral("resumer"), &closed);
            QSignalSpy failed(svc.get(), &BlastService::attemptFailed);
            svc->send(r);
            QVERIFY(failed.wait(15000));
            QVERIFY2(failed.first().at(1).toString().contains(QLatin1String("refused")),
                     qPrintable(failed.first().at(1).toString()));
        }
        QCOMPARE(intents(r.key), 1);
        QCOMPARE(sends(r.key), 0);
        // The console restarts pointed at the right backend.
        auto next = service(QStringLiteral("resumer"));
        QSignalSpy resumed(next.get(), &BlastService::resumed);
        next->resumeUnfinished();
        QVERIFY(resumed.wait(15000));
        QCOMPARE(resumed.first().at(0).toInt(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(isSent(*next, r.key), 30000);
        QCOMPARE(sends(r.key), 1);
        QCOMPARE(intents(r.key), 1);
    }

    void aCrashBetweenCallAndAnswerResumesWithTheSameKey()
    {
        // The backend holds the first call for 3 s before acting on it.
        QVERIFY(fault(QStringLiteral("timeout"), QStringLiteral("create-blast"), 1, 3));
        const BlastRequest r = request(16);
        {
            auto api = std::make_unique<OpsApiClient>(m_demo.apiUrl(), m_demo.apiToken());
            auto svc = service(QStringLiteral("crasher"), api.get());
            svc->send(r);
            QTRY_VERIFY_WITH_TIMEOUT(api->inFlight() == 1, 15000);
            // The console dies here: no answer is ever read.
        }
        QCOMPARE(intents(r.key), 1);
        QCOMPARE(status(r.key), QStringLiteral("queued"));
        auto next = service(QStringLiteral("crasher"));
        QSignalSpy resumed(next.get(), &BlastService::resumed);
        next->resumeUnfinished();
        QVERIFY(resumed.wait(15000));
        QTRY_VERIFY_WITH_TIMEOUT(isSent(*next, r.key), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(sends(r.key) == 1, 10000);
        // Never a new key: the operator's blasts are exactly the one intent.
        QCOMPARE(scalar(DbQuery("SELECT count(*) FROM blasts WHERE requested_by = 'crasher'")), 1);
        QCOMPARE(scalar(DbQuery("SELECT count(*) FROM hubsim_sent_blasts h JOIN blasts b USING (idempotency_key) "
                                "WHERE b.requested_by = 'crasher'")),
                 1);
    }

    void automaticRetriesReuseTheKey()
    {
        QVERIFY(fault(QStringLiteral("503"), QStringLiteral("create-blast"), 2));
        auto svc = service(QStringLiteral("alice"));
        svc->setAutoRetry(3, 100);
        QSignalSpy failed(svc.get(), &BlastService::attemptFailed);
        const BlastRequest r = request(17);
        svc->send(r);
        QTRY_VERIFY_WITH_TIMEOUT(isSent(*svc, r.key), 30000);
        QCOMPARE(failed.size(), 2);
        QCOMPARE(sends(r.key), 1);
    }

    void twoPersonApprovalBetweenTwoOperators()
    {
        PgSession admin(m_demo.conninfo());
        admin.execScript("UPDATE blast_policy SET approval_threshold = 5");
        auto alice = service(QStringLiteral("alice"));
        auto bob = service(QStringLiteral("bob"));
        alice->loadPolicy();
        QTRY_COMPARE_WITH_TIMEOUT(alice->approvalThreshold(), 5, 10000);
        QVERIFY(alice->needsApproval(50));
        QSignalSpy recorded(alice.get(), &BlastService::intentRecorded);
        const BlastRequest r = request(50);
        alice->send(r);
        QVERIFY(recorded.wait(15000));
        const BlastRecord b = recorded.first().at(0).value<BlastRecord>();
        QCOMPARE(b.status, QStringLiteral("pending_approval"));
        QCOMPARE(sends(r.key), 0);

        // Nobody gets around it: not the backend, not the requester.
        const ApiResult forced = createDirect(b);
        QCOMPARE(forced.httpStatus, 409);
        QCOMPARE(forced.problemType, QStringLiteral("blast-not-approved"));
        QSignalSpy aliceDecision(alice.get(), &BlastService::decisionFinished);
        alice->approve(b.id);
        QVERIFY(aliceDecision.wait(15000));
        QCOMPARE(aliceDecision.first().at(1).toBool(), false);
        QVERIFY(aliceDecision.first().at(2).toString().contains(QLatin1String("second operator")));
        QCOMPARE(sends(r.key), 0);

        QSignalSpy bobDecision(bob.get(), &BlastService::decisionFinished);
        bob->approve(b.id);
        QVERIFY(bobDecision.wait(15000));
        QVERIFY2(bobDecision.first().at(1).toBool(), qPrintable(bobDecision.first().at(2).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(isSent(*bob, r.key), 30000);
        // The requester's console follows it to the end through the database.
        QTRY_VERIFY_WITH_TIMEOUT(isSent(*alice, r.key), 30000);
        QCOMPARE(sends(r.key), 1);
        QCOMPARE(text(DbQuery("SELECT approved_by FROM blasts WHERE id = $1").bind(b.id)), QStringLiteral("bob"));
        QCOMPARE(scalar(DbQuery("SELECT count(*) FROM audit_log WHERE action = 'blast_approved' AND actor = 'bob' "
                                "AND target_id = $1")
                            .bind(QString::number(b.id))),
                 1);
        // A second approval changes nothing.
        bobDecision.clear();
        bob->approve(b.id);
        QVERIFY(bobDecision.wait(15000));
        QCOMPARE(bobDecision.first().at(1).toBool(), false);
        QCOMPARE(sends(r.key), 1);
    }

    void aDeclinedBlastIsNeverSent()
    {
        PgSession admin(m_demo.conninfo());
        admin.execScript("UPDATE blast_policy SET approval_threshold = 5");
        auto alice = service(QStringLiteral("alice"));
        auto bob = service(QStringLiteral("bob"));
        QSignalSpy recorded(alice.get(), &BlastService::intentRecorded);
        const BlastRequest r = request(60);
        alice->send(r);
        QVERIFY(recorded.wait(15000));
        const BlastRecord b = recorded.first().at(0).value<BlastRecord>();
        QSignalSpy decision(bob.get(), &BlastService::decisionFinished);
        bob->decline(b.id, QStringLiteral("wrong audience"));
        QVERIFY(decision.wait(15000));
        QVERIFY(decision.first().at(1).toBool());
        QTRY_COMPARE_WITH_TIMEOUT(alice->record(r.key)->status, QStringLiteral("declined"), 10000);
        QVERIFY(alice->record(r.key)->lastError.contains(QLatin1String("wrong audience")));
        alice->retry(r.key);
        QCOMPARE(createDirect(b).httpStatus, 409);
        auto restarted = service(QStringLiteral("alice"));
        QSignalSpy resumed(restarted.get(), &BlastService::resumed);
        restarted->resumeUnfinished();
        QVERIFY(resumed.wait(15000));
        QTRY_VERIFY_WITH_TIMEOUT(!alice->isBusy(r.key), 10000);
        QCOMPARE(sends(r.key), 0);
        QCOMPARE(status(r.key), QStringLiteral("declined"));
    }

    void cancellingAQueuedBlast()
    {
        auto svc = service(QStringLiteral("alice"));
        const BlastRequest r = request(18);
        svc->send(r);
        // The backend keeps a blast queued (cancellable) for a moment before sending.
        QTRY_VERIFY_WITH_TIMEOUT(svc->record(r.key) && !svc->record(r.key)->remoteId.isEmpty(), 15000);
        QSignalSpy cancelled(svc.get(), &BlastService::cancelFinished);
        svc->cancel(r.key);
        QVERIFY(cancelled.wait(15000));
        QVERIFY2(cancelled.first().at(1).toBool(), qPrintable(cancelled.first().at(2).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(status(r.key), QStringLiteral("cancelled"), 10000);
        QCOMPARE(text(DbQuery("SELECT status FROM hubsim_sent_blasts WHERE idempotency_key = $1::uuid")
                          .bind(r.key.toString(QUuid::WithoutBraces))),
                 QStringLiteral("cancelled"));
        QCOMPARE(scalar(DbQuery("SELECT sent_count FROM hubsim_sent_blasts WHERE idempotency_key = $1::uuid")
                            .bind(r.key.toString(QUuid::WithoutBraces))),
                 0);

        // A blast still waiting for approval is withdrawn without the backend.
        PgSession admin(m_demo.conninfo());
        admin.execScript("UPDATE blast_policy SET approval_threshold = 5");
        const BlastRequest big = request(70);
        QSignalSpy recorded(svc.get(), &BlastService::intentRecorded);
        svc->send(big);
        QVERIFY(recorded.wait(15000));
        cancelled.clear();
        svc->cancel(big.key);
        QVERIFY(cancelled.wait(15000));
        QVERIFY2(cancelled.first().at(1).toBool(), qPrintable(cancelled.first().at(2).toString()));
        QCOMPARE(status(big.key), QStringLiteral("cancelled"));
        auto bob = service(QStringLiteral("bob"));
        QSignalSpy decision(bob.get(), &BlastService::decisionFinished);
        bob->approve(recorded.first().at(0).value<BlastRecord>().id);
        QVERIFY(decision.wait(15000));
        QCOMPARE(decision.first().at(1).toBool(), false);
        QCOMPARE(sends(big.key), 0);
    }

    void idempotencyStorm()
    {
        // 100 concurrent calls with one key, then retries: one send. A second key: a second send.
        const QJsonObject body {
            {QStringLiteral("channel"), QStringLiteral("sms")},
            {QStringLiteral("campaign"), m_slug},
            {QStringLiteral("audience"), QJsonObject {{QStringLiteral("kind"), QStringLiteral("storm")}}},
            {QStringLiteral("audience_size"), 5},
            {QStringLiteral("message"), QStringLiteral("storm")}};
        const QUuid k1 = QUuid::createUuid(), k2 = QUuid::createUuid();
        std::vector<ApiAnswer> answers(120);
        for (int i = 0; i < 100; ++i)
            m_api->createBlast(k1, body, nullptr, answers[size_t(i)].callback());
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(answers.begin(), answers.begin() + 100, [](const ApiAnswer &a) { return a.done(); }), 60000);
        for (int i = 100; i < 120; ++i)
            m_api->createBlast(i < 110 ? k1 : k2, body, nullptr, answers[size_t(i)].callback());
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(answers.begin(), answers.end(), [](const ApiAnswer &a) { return a.done(); }), 60000);
        int accepted = 0;
        for (const ApiAnswer &a : answers)
            accepted += a.result().ok() ? 1 : 0;
        QVERIFY(accepted >= 100); // a few may meet a busy backend; none may send twice
        QCOMPARE(sends(k1), 1);
        QCOMPARE(sends(k2), 1);
    }
};

QTEST_GUILESS_MAIN(TestBlastExactlyOnce)
#include "tst_blastexactlyonce.moc"

#include "HostTrainingService.h"
#include "ConfigResolver.h"
#include "ReviewDeskController.h"
#include "ReviewService.h"
#include "ReviewTestData.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace oc;
using oc::test::ReviewTestData;

namespace {

std::optional<ReviewEvent> load(ReviewService &svc, qint64 id)
{
    std::optional<ReviewEvent> out;
    bool done = false;
    svc.loadEvent(id, [&](const std::optional<ReviewEvent> &e, const QList<ReviewLogEntry> &, const QString &) {
        out = e;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        return std::nullopt;
    return out;
}

template<typename Call> std::optional<ReviewOutcome> run(Call &&call)
{
    std::optional<ReviewOutcome> out;
    call([&](const ReviewOutcome &o) { out = o; });
    (void)QTest::qWaitFor([&] { return out.has_value(); }, 10000); // callers check the optional
    return out;
}

std::optional<ReviewService::Claim> claimNow(ReviewService &svc, qint64 id, bool take = true)
{
    std::optional<ReviewService::Claim> out;
    auto cb = [&](const ReviewService::Claim &c) { out = c; };
    if (take)
        svc.claim(id, cb);
    else
        svc.release(id, cb);
    (void)QTest::qWaitFor([&] { return out.has_value(); }, 10000); // callers check the optional
    return out;
}

} // namespace

class TestReviewService : public QObject
{
    Q_OBJECT

    QString freshDb(const char *name)
    {
        return test::TestDatabase::instance().freshDatabase(QString::fromLatin1(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
    }

    void claimRaceExactlyOneWins()
    {
        const QString ci = freshDb("review_claim_race");
        ReviewTestData d(ci);
        const qint64 host = d.host(QStringLiteral("Pat"));
        QList<qint64> ids;
        for (int i = 0; i < 20; ++i)
            ids << d.event(QStringLiteral("Event %1").arg(i), host, 100 - i);
        auto c1 = test::connectAsync(ci), c2 = test::connectAsync(ci);
        QVERIFY(c1 && c2);
        ReviewService alice(c1.get()), bob(c2.get());
        alice.setOperatorName(QStringLiteral("alice"));
        bob.setOperatorName(QStringLiteral("bob"));
        QHash<qint64, QList<ReviewService::Claim>> results;
        auto collect = [&](const ReviewService::Claim &c) { results[c.eventId] << c; };
        // Both reviewers fire at every event in the same event-loop turn; the
        // two connections race on the server.
        for (qint64 id : ids) {
            alice.claim(id, collect);
            bob.claim(id, collect);
        }
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), ids.size(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(ids.begin(), ids.end(), [&](qint64 id) { return results[id].size() == 2; }), 20000);
        int aliceWins = 0, bobWins = 0;
        for (qint64 id : ids) {
            const auto &r = results[id];
            QVERIFY2(r[0].error.isEmpty() && r[1].error.isEmpty(), qPrintable(r[0].error + r[1].error));
            QCOMPARE(int(r[0].won) + int(r[1].won), 1);
            const ReviewService::Claim &winner = r[0].won ? r[0] : r[1];
            const ReviewService::Claim &loser = r[0].won ? r[1] : r[0];
            QCOMPARE(loser.holder, winner.holder); // the loser learns who holds it
            QCOMPARE(d.text("SELECT claimed_by FROM events WHERE id = $1", id), winner.holder);
            (winner.holder == QLatin1String("alice") ? aliceWins : bobWins)++;
        }
        QCOMPARE(qsizetype(aliceWins + bobWins), ids.size());
        // One audited claim per event, by the winner.
        QCOMPARE(d.s.exec("SELECT count(*) FROM audit_log WHERE action = 'review.claim'").toInt64(0, 0),
                 qint64(ids.size()));
    }

    void claimExpiresExtendsAndReleases()
    {
        const QString ci = freshDb("review_claim_expiry");
        ReviewTestData d(ci);
        const qint64 id = d.event(QStringLiteral("Vigil"), d.host(QStringLiteral("Sam")), 5);
        auto c1 = test::connectAsync(ci), c2 = test::connectAsync(ci);
        QVERIFY(c1 && c2);
        ReviewService alice(c1.get()), bob(c2.get());
        alice.setOperatorName(QStringLiteral("alice"));
        bob.setOperatorName(QStringLiteral("bob"));

        auto a1 = claimNow(alice, id);
        QVERIFY(a1 && a1->won);
        QVERIFY(a1->until.isValid());
        auto b1 = claimNow(bob, id);
        QVERIFY(b1 && !b1->won);
        QCOMPARE(b1->holder, QStringLiteral("alice"));
        // Re-claiming one's own claim extends it.
        auto a2 = claimNow(alice, id);
        QVERIFY(a2 && a2->won);
        QVERIFY(a2->until >= a1->until);
        // Bob cannot release Alice's claim.
        auto br = claimNow(bob, id, false);
        QVERIFY(br && !br->won);
        QCOMPARE(d.text("SELECT claimed_by FROM events WHERE id = $1", id), QStringLiteral("alice"));

        // Time passes (simulated): the claim has expired, so Bob may take it.
        d.s.exec(DbQuery("UPDATE events SET claimed_until = now() - interval '1 second' WHERE id = $1").bind(id));
        auto b2 = claimNow(bob, id);
        QVERIFY(b2 && b2->won);
        QCOMPARE(b2->holder, QStringLiteral("bob"));
        auto rel = claimNow(bob, id, false);
        QVERIFY(rel && rel->won);
        QVERIFY(
            d.s.exec(DbQuery("SELECT claimed_by IS NULL AND claimed_until IS NULL FROM events WHERE id = $1").bind(id))
                .toBool(0, 0));
        QCOMPARE(d.s.exec("SELECT count(*) FROM audit_log WHERE action = 'review.release'").toInt64(0, 0), qint64(1));
    }

    void approvePersistsReviewerAndTime()
    {
        const QString ci = freshDb("review_approve");
        ReviewTestData d(ci);
        const qint64 id = d.event(QStringLiteral("Town hall"), d.host(QStringLiteral("Ana")), 5);
        auto c = test::connectAsync(ci);
        QVERIFY(c);
        ReviewService svc(c.get());
        svc.setOperatorName(QStringLiteral("alice"));
        QVERIFY(claimNow(svc, id)->won);
        auto seen = load(svc, id);
        QVERIFY(seen);
        QCOMPARE(seen->claimedBy, QStringLiteral("alice"));
        QSignalSpy written(&svc, &ReviewService::writeFinished);
        auto o = run([&](auto cb) { svc.approve(*seen, QStringLiteral("looks good"), cb); });
        QVERIFY(o);
        QVERIFY2(o->ok(), qPrintable(o->error));
        QCOMPARE(written.size(), 1);
        QCOMPARE(o->newVersion, seen->version + 1);
        QVERIFY(o->current);
        QCOMPARE(o->current->approval, Approval::Approved);

        const DbTable row =
            d.s.exec(DbQuery("SELECT approval_status, reviewed_by, reviewed_at IS NOT NULL, "
                             "reviewed_at <= now(), claimed_by IS NULL, version FROM events WHERE id = $1")
                         .bind(id));
        QCOMPARE(row.text(0, 0), QStringLiteral("approved"));
        QCOMPARE(row.text(0, 1), QStringLiteral("alice"));
        QVERIFY(row.toBool(0, 2));
        QVERIFY(row.toBool(0, 3));
        QVERIFY(row.toBool(0, 4)); // a decision releases the claim
        QCOMPARE(int(row.toInt64(0, 5)), o->newVersion);

        const DbTable audit =
            d.s.exec(DbQuery("SELECT actor, result, params->>'note', (params->>'from_version')::int, "
                             "(params->>'to_version')::int FROM audit_log "
                             "WHERE action = 'review.approve' AND target_type = 'event' AND target_id = $1")
                         .bind(QString::number(id)));
        QCOMPARE(audit.rowCount(), 1);
        QCOMPARE(audit.text(0, 0), QStringLiteral("alice"));
        QCOMPARE(audit.text(0, 1), QStringLiteral("ok"));
        QCOMPARE(audit.text(0, 2), QStringLiteral("looks good"));
        QCOMPARE(int(audit.toInt64(0, 3)), seen->version);
        QCOMPARE(int(audit.toInt64(0, 4)), o->newVersion);
    }

    // --operator is the one name every audit records (issue 13): resolved by
    // ConfigResolver, handed to the review desk, written to the review log.
    void operatorFromTheCommandLineReachesTheReviewLog()
    {
        const QString ci = freshDb("review_operator");
        ReviewTestData d(ci);
        const qint64 id = d.event(QStringLiteral("Vigil"), d.host(QStringLiteral("Bea")), 5);
        auto c = test::connectAsync(ci);
        QVERIFY(c);
        ConfigResolver::CommandLine cli;
        cli.operatorName = QStringLiteral("alice-from-cli");
        QTemporaryDir empty; // no settings at all: the command line decides
        QSettings settings(empty.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        const auto cfg = ConfigResolver::resolve(
            cli, [](const char *name) { return QByteArray(name) == "USER" ? QStringLiteral("login") : QString(); },
            settings);
        ReviewDeskController desk(c.get(), nullptr, cfg.session.operatorName);
        QCOMPARE(desk.reviewerName(), QStringLiteral("alice-from-cli"));
        auto seen = load(*desk.service(), id);
        QVERIFY(seen);
        auto o = run([&](auto cb) { desk.service()->approve(*seen, {}, cb); });
        QVERIFY(o && o->ok());
        const DbTable audit =
            d.s.exec(DbQuery("SELECT actor FROM audit_log WHERE action = 'review.approve' AND target_id = $1")
                         .bind(QString::number(id)));
        QCOMPARE(audit.rowCount(), 1);
        QCOMPARE(audit.text(0, 0), QStringLiteral("alice-from-cli"));
    }

    void rejectKeepsMessageForHost()
    {
        const QString ci = freshDb("review_reject");
        ReviewTestData d(ci);
        const qint64 id = d.event(QStringLiteral("Meetup"), d.host(QStringLiteral("Lee")), 5);
        auto c = test::connectAsync(ci);
        QVERIFY(c);
        ReviewService svc(c.get());
        svc.setOperatorName(QStringLiteral("bob"));
        const QString message = QStringLiteral("Please add a street address, \"Main & 3rd\" isn't enough.\n"
                                               "Merci \u2014 \u05ea\u05d5\u05d3\u05d4 \U0001F64F");
        auto seen = load(svc, id);
        QVERIFY(seen);
        auto o = run([&](auto cb) { svc.reject(*seen, message, cb); });
        QVERIFY(o && o->ok());
        QCOMPARE(d.text("SELECT approval_status::text FROM events WHERE id = $1", id), QStringLiteral("rejected"));
        QCOMPARE(d.text("SELECT rejection_message FROM events WHERE id = $1", id), message);
        QCOMPARE(d.text("SELECT reviewed_by FROM events WHERE id = $1", id), QStringLiteral("bob"));
        QCOMPARE(
            d.text("SELECT params->>'message' FROM audit_log WHERE action = 'review.reject' AND target_id = $1::text",
                   id),
            message);
        // The review log shows it.
        QList<ReviewLogEntry> log;
        bool done = false;
        svc.loadEvent(id, [&](const std::optional<ReviewEvent> &e, const QList<ReviewLogEntry> &l, const QString &) {
            QVERIFY(e);
            QCOMPARE(e->rejectionMessage, message);
            log = l;
            done = true;
        });
        QTRY_VERIFY(done);
        QCOMPARE(log.size(), 1);
        QCOMPARE(log[0].note, message);
        QCOMPARE(log[0].actor, QStringLiteral("bob"));
    }

    void concurrentEditIsReportedNotOverwritten()
    {
        const QString ci = freshDb("review_conflict");
        ReviewTestData d(ci);
        const qint64 id = d.event(QStringLiteral("Canvass"), d.host(QStringLiteral("Kim")), 5);
        auto c1 = test::connectAsync(ci), c2 = test::connectAsync(ci);
        QVERIFY(c1 && c2);
        ReviewService alice(c1.get()), bob(c2.get());
        alice.setOperatorName(QStringLiteral("alice"));
        bob.setOperatorName(QStringLiteral("bob"));
        auto aliceSaw = load(alice, id), bobSaw = load(bob, id);
        QVERIFY(aliceSaw && bobSaw);
        QCOMPARE(aliceSaw->version, bobSaw->version);

        ReviewEvent edited = *bobSaw;
        edited.title = QStringLiteral("Canvass (Saturday)");
        edited.city = QStringLiteral("Erie");
        auto ob = run([&](auto cb) { bob.saveEdits(*bobSaw, edited, false, cb); });
        QVERIFY(ob && ob->ok());

        QSignalSpy conflicts(&alice, &ReviewService::conflictDetected);
        auto oa = run([&](auto cb) { alice.approve(*aliceSaw, {}, cb); });
        QVERIFY(oa);
        QCOMPARE(oa->status, ReviewOutcome::Status::Conflict);
        QCOMPARE(conflicts.size(), 1);
        QVERIFY(oa->conflict);
        const ReviewConflict &cf = *oa->conflict;
        QCOMPARE(cf.reason, ReviewConflict::Reason::Changed);
        QCOMPARE(cf.changedBy, QStringLiteral("bob"));
        QCOMPARE(cf.expectedVersion, aliceSaw->version);
        QCOMPARE(cf.currentVersion, ob->newVersion);
        QVERIFY(cf.changedAt.isValid());
        QStringList fields;
        for (const FieldChange &f : cf.changes)
            fields << f.field;
        QVERIFY2(fields.contains(QStringLiteral("title")) && fields.contains(QStringLiteral("city")),
                 qPrintable(fields.join(QLatin1Char(','))));
        for (const FieldChange &f : cf.changes)
            if (f.field == QLatin1String("title")) {
                QCOMPARE(f.before, QStringLiteral("Canvass"));
                QCOMPARE(f.after, QStringLiteral("Canvass (Saturday)"));
            }
        QVERIFY(!cf.history.isEmpty());
        QCOMPARE(cf.history.front().action, QStringLiteral("review.edit"));

        // Nothing was overwritten, and the refused attempt is on record.
        QCOMPARE(d.text("SELECT approval_status::text FROM events WHERE id = $1", id),
                 QStringLiteral("needs_approval"));
        QCOMPARE(d.text("SELECT title FROM events WHERE id = $1", id), QStringLiteral("Canvass (Saturday)"));
        QCOMPARE(d.s.exec("SELECT count(*) FROM audit_log WHERE actor = 'alice' AND result = 'conflict'").toInt64(0, 0),
                 qint64(1));

        // Edits made by the backend (no audit row) are still reported, with
        // an unknown author.
        auto again = load(alice, id);
        d.s.exec(DbQuery("UPDATE events SET venue = 'Library' WHERE id = $1").bind(id));
        auto o2 = run([&](auto cb) { alice.reject(*again, QStringLiteral("no"), cb); });
        QVERIFY(o2 && o2->conflict);
        QVERIFY(o2->conflict->changedBy.isEmpty());
        QCOMPARE(o2->conflict->changes.size(), 1);
        QCOMPARE(o2->conflict->changes[0].field, QStringLiteral("venue"));
    }

    void claimedByOtherBlocksDecisions()
    {
        const QString ci = freshDb("review_claimed_other");
        ReviewTestData d(ci);
        const qint64 id = d.event(QStringLiteral("Rally"), d.host(QStringLiteral("Jo")), 5);
        auto c1 = test::connectAsync(ci), c2 = test::connectAsync(ci);
        QVERIFY(c1 && c2);
        ReviewService alice(c1.get()), bob(c2.get());
        alice.setOperatorName(QStringLiteral("alice"));
        bob.setOperatorName(QStringLiteral("bob"));
        QVERIFY(claimNow(bob, id)->won);
        auto seen = load(alice, id); // Alice sees Bob's claim's version
        QVERIFY(seen);
        auto o = run([&](auto cb) { alice.approve(*seen, {}, cb); });
        QVERIFY(o && o->conflict);
        QCOMPARE(o->conflict->reason, ReviewConflict::Reason::ClaimedByOther);
        QCOMPARE(o->conflict->claimedBy, QStringLiteral("bob"));
        QCOMPARE(d.text("SELECT approval_status::text FROM events WHERE id = $1", id),
                 QStringLiteral("needs_approval"));
        // Bob, who holds it, may decide.
        auto bobSaw = load(bob, id);
        auto ob = run([&](auto cb) { bob.approve(*bobSaw, {}, cb); });
        QVERIFY(ob && ob->ok());
    }

    void flagEditAndApproveInOneWrite()
    {
        const QString ci = freshDb("review_edit_approve");
        ReviewTestData d(ci);
        const qint64 id = d.event(QStringLiteral("Phonebank"), d.host(QStringLiteral("Ray")), 5);
        auto c = test::connectAsync(ci);
        QVERIFY(c);
        ReviewService svc(c.get());
        svc.setOperatorName(QStringLiteral("carol"));
        auto seen = load(svc, id);
        auto of = run([&](auto cb) { svc.setFlagged(*seen, true, QStringLiteral("check the venue"), cb); });
        QVERIFY(of && of->ok());
        QVERIFY(d.s.exec(DbQuery("SELECT flagged FROM events WHERE id = $1").bind(id)).toBool(0, 0));
        QVERIFY(of->current && of->current->flagged);

        ReviewEvent base = *of->current;
        ReviewEvent edited = base;
        edited.title = QStringLiteral("Phone bank <b>night</b>");
        edited.capacity = 25;
        edited.state = QStringLiteral("OH");
        edited.startsAt = base.startsAt.addSecs(3600);
        auto o = run([&](auto cb) { svc.saveEdits(base, edited, true, cb); });
        QVERIFY(o);
        QVERIFY2(o->ok(), qPrintable(o->error));
        const DbTable row = d.s.exec(DbQuery("SELECT title, capacity, state, approval_status, reviewed_by, flagged, "
                                             "(extract(epoch FROM starts_at) * 1000)::bigint FROM events WHERE id = $1")
                                         .bind(id));
        QCOMPARE(row.text(0, 0), edited.title);
        QCOMPARE(row.toInt64(0, 1), qint64(25));
        QCOMPARE(row.text(0, 2), QStringLiteral("OH"));
        QCOMPARE(row.text(0, 3), QStringLiteral("approved"));
        QCOMPARE(row.text(0, 4), QStringLiteral("carol"));
        QVERIFY(row.toBool(0, 5));
        QCOMPARE(row.toInt64(0, 6), edited.startsAt.toMSecsSinceEpoch());
        const QJsonObject changes =
            QJsonDocument::fromJson(d.s.exec(DbQuery("SELECT params->'changes' FROM audit_log WHERE action = "
                                                     "'review.edit_approve' AND target_id = $1::text")
                                                 .bind(id))
                                        .raw(0, 0))
                .object();
        QVERIFY(changes.contains(QStringLiteral("title")));
        QVERIFY(changes.contains(QStringLiteral("capacity")));
        QVERIFY(changes.contains(QStringLiteral("starts_at")));
        QVERIFY(!changes.contains(QStringLiteral("city")));
    }

    void failedWriteRollsBackAndConnectionStaysUsable()
    {
        const QString ci = freshDb("review_rollback");
        ReviewTestData d(ci);
        const qint64 id = d.event(QStringLiteral("Forum"), d.host(QStringLiteral("Max")), 5);
        auto c = test::connectAsync(ci);
        QVERIFY(c);
        ReviewService svc(c.get());
        svc.setOperatorName(QStringLiteral("dana"));
        auto seen = load(svc, id);
        ReviewEvent bad = *seen;
        bad.title = QStringLiteral("Forum (new)");
        bad.state = QStringLiteral("Pennsylvania"); // violates the state CHECK
        auto o = run([&](auto cb) { svc.saveEdits(*seen, bad, true, cb); });
        QVERIFY(o);
        QCOMPARE(o->status, ReviewOutcome::Status::Error);
        QVERIFY(!o->error.isEmpty());
        // Neither the edit nor its audit row survived.
        QCOMPARE(d.text("SELECT title FROM events WHERE id = $1", id), QStringLiteral("Forum"));
        QCOMPARE(d.number("SELECT version FROM events WHERE id = $1", id), qint64(seen->version));
        QCOMPARE(d.s.exec("SELECT count(*) FROM audit_log").toInt64(0, 0), qint64(0));
        // The shared connection is not left inside an aborted transaction.
        auto ok = run([&](auto cb) { svc.approve(*seen, {}, cb); });
        QVERIFY(ok);
        QVERIFY2(ok->ok(), qPrintable(ok->error));
    }

    void bulkApproveIsPartialAndAudited()
    {
        const QString ci = freshDb("review_bulk");
        ReviewTestData d(ci);
        const qint64 host = d.host(QStringLiteral("Zoe"));
        const qint64 e1 = d.event(QStringLiteral("One"), host, 30), e2 = d.event(QStringLiteral("Two"), host, 20),
                     e3 = d.event(QStringLiteral("Three"), host, 10);
        auto c = test::connectAsync(ci);
        QVERIFY(c);
        ReviewService svc(c.get());
        svc.setOperatorName(QStringLiteral("erin"));
        QList<ReviewEvent> seen {*load(svc, e1), *load(svc, e2), *load(svc, e3)};
        d.s.exec(DbQuery("UPDATE events SET title = 'Two (moved)' WHERE id = $1").bind(e2));
        QSignalSpy conflicts(&svc, &ReviewService::conflictDetected);
        auto o = run([&](auto cb) { svc.bulkApprove(seen, cb); });
        QVERIFY(o);
        QCOMPARE(o->status, ReviewOutcome::Status::Conflict);
        QCOMPARE(o->succeeded, (QList<qint64> {e1, e3}));
        QCOMPARE(o->conflicts.size(), 1);
        QCOMPARE(o->conflicts[0].targetId, e2);
        QCOMPARE(o->conflicts[0].changes.size(), 1);
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(d.text("SELECT approval_status::text FROM events WHERE id = $1", e1), QStringLiteral("approved"));
        QCOMPARE(d.text("SELECT approval_status::text FROM events WHERE id = $1", e2),
                 QStringLiteral("needs_approval"));
        QCOMPARE(d.text("SELECT reviewed_by FROM events WHERE id = $1", e3), QStringLiteral("erin"));
        QCOMPARE(
            d.s.exec("SELECT count(*) FROM audit_log WHERE action = 'review.approve' AND result = 'ok'").toInt64(0, 0),
            qint64(2));
        QCOMPARE(d.s.exec("SELECT count(*) FROM audit_log WHERE action = 'review.approve' AND result = 'conflict'")
                     .toInt64(0, 0),
                 qint64(1));
    }

    void sessionUserIsTheDefaultReviewer()
    {
        const QString ci = freshDb("review_session_user");
        ReviewTestData d(ci);
        const qint64 id = d.event(QStringLiteral("Picnic"), d.host(QStringLiteral("Ola")), 5);
        auto c = test::connectAsync(ci);
        QVERIFY(c);
        ReviewService svc(c.get());
        QSignalSpy resolved(&svc, &ReviewService::reviewerResolved);
        svc.resolveReviewer();
        QVERIFY(resolved.wait(10000));
        const QString user = d.s.exec("SELECT session_user::text").text(0, 0);
        QCOMPARE(svc.reviewerName(), user);
        auto o = run([&](auto cb) { svc.approve(*load(svc, id), {}, cb); });
        QVERIFY(o && o->ok());
        QCOMPARE(d.text("SELECT reviewed_by FROM events WHERE id = $1", id), user);
    }

    void notesGoToTheReviewLog()
    {
        const QString ci = freshDb("review_notes");
        ReviewTestData d(ci);
        const qint64 id = d.event(QStringLiteral("Picnic"), d.host(QStringLiteral("Ola")), 5);
        auto c = test::connectAsync(ci);
        QVERIFY(c);
        ReviewService svc(c.get());
        svc.setOperatorName(QStringLiteral("fay"));
        auto o = run([&](auto cb) { svc.addNote(id, QStringLiteral("Called the host: venue confirmed"), cb); });
        QVERIFY(o && o->ok());
        QCOMPARE(d.text("SELECT params->>'note' FROM audit_log WHERE phase = 'note' AND target_id = $1::text", id),
                 QStringLiteral("Called the host: venue confirmed"));
    }

    void onlyTrainersMayReview()
    {
        const QString ci = freshDb("review_roles");
        ReviewTestData d(ci);
        const qint64 id = d.event(QStringLiteral("Walk"), d.host(QStringLiteral("Vi")), 5);
        // Roles are cluster-wide and other tests may have made these already.
        d.s.execScript("DO $$ BEGIN "
                       "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'review_test_viewer') THEN "
                       "CREATE ROLE review_test_viewer LOGIN IN ROLE oc_viewer; END IF; "
                       "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'review_test_trainer') THEN "
                       "CREATE ROLE review_test_trainer LOGIN IN ROLE oc_trainer; END IF; END $$");
        auto viewerConn = test::connectAsync(ci + QStringLiteral(" user=review_test_viewer"));
        auto trainerConn = test::connectAsync(ci + QStringLiteral(" user=review_test_trainer"));
        QVERIFY(viewerConn && trainerConn);
        ReviewService viewer(viewerConn.get()), trainer(trainerConn.get());

        auto vc = claimNow(viewer, id);
        QVERIFY(vc && !vc->won && !vc->error.isEmpty());
        auto seen = load(viewer, id); // viewers can read
        QVERIFY(seen);
        auto vo = run([&](auto cb) { viewer.approve(*seen, {}, cb); });
        QVERIFY(vo);
        QCOMPARE(vo->status, ReviewOutcome::Status::Error);
        QCOMPARE(vo->sqlState, QStringLiteral("42501"));
        QCOMPARE(d.text("SELECT approval_status::text FROM events WHERE id = $1", id),
                 QStringLiteral("needs_approval"));

        // A trainer may, and is recorded under their login when no
        // operator name is configured.
        QVERIFY(claimNow(trainer, id)->won);
        auto o = run([&](auto cb) { trainer.approve(*load(trainer, id), {}, cb); });
        QVERIFY(o);
        QVERIFY2(o->ok(), qPrintable(o->error));
        QCOMPARE(d.text("SELECT reviewed_by FROM events WHERE id = $1", id), QStringLiteral("review_test_trainer"));
    }

    void hostWritesAreCheckedAndAudited()
    {
        const QString ci = freshDb("review_hosts");
        ReviewTestData d(ci);
        const qint64 hostId = d.host(QStringLiteral("Uma"));
        auto c1 = test::connectAsync(ci), c2 = test::connectAsync(ci);
        QVERIFY(c1 && c2);
        HostTrainingService s1(c1.get()), s2(c2.get());
        s1.setOperatorName(QStringLiteral("gail"));
        s2.setOperatorName(QStringLiteral("hank"));
        std::optional<HostInfo> seen;
        s1.loadHost(hostId, [&](const std::optional<HostInfo> &h, const QList<ReviewLogEntry> &, const QString &) {
            seen = h;
        });
        QTRY_VERIFY(seen.has_value());

        auto o1 = run(
            [&](auto cb) { s1.logContact(*seen, QStringLiteral("Left a voicemail"), QStringLiteral("invited"), cb); });
        QVERIFY(o1);
        QVERIFY2(o1->ok(), qPrintable(o1->error));
        const DbTable row = d.s.exec(DbQuery("SELECT prep_status::text, last_contact_at IS NOT NULL, notes FROM hosts "
                                             "WHERE id = $1")
                                         .bind(hostId));
        QCOMPARE(row.text(0, 0), QStringLiteral("invited"));
        QVERIFY(row.toBool(0, 1));
        QVERIFY(row.text(0, 2).endsWith(QStringLiteral("gail: Left a voicemail")));

        // Hank still has the old version: his change is refused and explained.
        QSignalSpy conflicts(&s2, &HostTrainingService::conflictDetected);
        auto o2 = run([&](auto cb) { s2.setPrepStatus(*seen, QStringLiteral("fully_prepped"), {}, cb); });
        QVERIFY(o2 && o2->conflict);
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(o2->conflict->changedBy, QStringLiteral("gail"));
        QStringList fields;
        for (const FieldChange &f : o2->conflict->changes)
            fields << f.field;
        QVERIFY(fields.contains(QStringLiteral("prep_status")));
        QVERIFY(fields.contains(QStringLiteral("notes")));
        QCOMPARE(d.text("SELECT prep_status::text FROM hosts WHERE id = $1", hostId), QStringLiteral("invited"));
        QCOMPARE(d.s.exec("SELECT count(*) FROM audit_log WHERE target_type = 'host' AND result = 'ok'").toInt64(0, 0),
                 qint64(1));
        QCOMPARE(
            d.s.exec("SELECT count(*) FROM audit_log WHERE target_type = 'host' AND result = 'conflict'").toInt64(0, 0),
            qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestReviewService)
#include "tst_review_service.moc"

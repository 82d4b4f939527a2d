// The review desk's rules (issue 13), without a database or widgets: the
// controller sits on a connection that never reaches a server.
#include "EventRecord.h"
#include "OfflineDbConnection.h"
#include "ReviewDeskController.h"

#include <QSignalSpy>
#include <QTest>

using namespace oc;

namespace {

ReviewEvent reviewEvent(qint64 id, int version)
{
    ReviewEvent e;
    e.id = id;
    e.version = version;
    e.title = QStringLiteral("Vigil");
    return e;
}

} // namespace

class TestReviewDeskRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A claim bumps the version by one; only then may the reviewer keep
    // working on what they saw without reloading.
    void claimVersionRule()
    {
        const ReviewEvent seen = reviewEvent(1, 4);
        QVERIFY(ReviewDeskController::claimIsTheOnlyChange(seen, seen, 5));
        QVERIFY(!ReviewDeskController::claimIsTheOnlyChange(seen, seen, 6)); // someone else wrote too
        ReviewEvent reloaded = reviewEvent(1, 5);
        QVERIFY(!ReviewDeskController::claimIsTheOnlyChange(seen, reloaded, 6)); // we already hold newer

        test::OfflineDbConnection db;
        ReviewDeskController desk(&db, nullptr, QStringLiteral("alice"));
        desk.setCurrent(seen);
        const QDateTime until = QDateTime::currentDateTimeUtc().addSecs(900);
        QVERIFY(desk.recordClaim(seen, QStringLiteral("alice"), until, 5));
        QCOMPARE(desk.current()->version, 5);
        QCOMPARE(desk.current()->claimedBy, QStringLiteral("alice"));
        // A second claim that jumps two versions is recorded but the version
        // is not adopted: the event must be reloaded first.
        const ReviewEvent seenNow = *desk.current();
        QVERIFY(!desk.recordClaim(seenNow, QStringLiteral("alice"), until, 7));
        QCOMPARE(desk.current()->version, 5);
        // A claim on an event no longer on screen changes nothing.
        QVERIFY(!desk.recordClaim(reviewEvent(2, 1), QStringLiteral("alice"), until, 2));
        QCOMPARE(desk.currentEventId(), 1);
    }

    void decisionsWaitForWritesInFlight()
    {
        test::OfflineDbConnection db;
        ReviewDeskController desk(&db, nullptr, QStringLiteral("alice"));
        QVERIFY(!desk.canDecide()); // nothing open
        desk.setCurrent(reviewEvent(3, 1));
        QVERIFY(desk.canDecide());
        QSignalSpy busy(&desk, &ReviewDeskController::busyChanged);
        desk.markBusy(3);
        QVERIFY(!desk.canDecide());
        QVERIFY(desk.hasWritesInFlight());
        desk.markBusy(9); // another event's write does not block this one...
        desk.markDone(3);
        QVERIFY(desk.canDecide());
        QVERIFY(desk.hasWritesInFlight()); // ...but is still in flight
        desk.markDone(9);
        QVERIFY(!desk.hasWritesInFlight());
        QCOMPARE(busy.size(), 4);
        desk.setCurrent(reviewEvent(0, 0)); // the empty selection
        QVERIFY(!desk.canDecide());
    }

    void onlyTheLatestLoadCounts()
    {
        test::OfflineDbConnection db;
        ReviewDeskController desk(&db, nullptr);
        desk.setCurrent(reviewEvent(1, 1));
        const int first = desk.beginLoad();
        const int second = desk.beginLoad();
        QVERIFY(!desk.isLatestLoad(first, 1));
        QVERIFY(desk.isLatestLoad(second, 1));
        desk.setCurrent(reviewEvent(2, 1)); // the reviewer moved on
        QVERIFY(!desk.isLatestLoad(second, 1));
    }

    void outdatedByANewerQueuedVersion()
    {
        test::OfflineDbConnection db;
        ReviewDeskController desk(&db, nullptr);
        desk.setCurrent(reviewEvent(5, 2));
        EventRecord r;
        r.id = 5;
        r.version = 2;
        QVERIFY(!desk.isOutdatedBy(r));
        r.version = 3;
        QVERIFY(desk.isOutdatedBy(r));
        r.id = 6;
        QVERIFY(!desk.isOutdatedBy(r));
    }

    void editsAreChecked_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("state");
        QTest::addColumn<bool>("ok");
        QTest::newRow("fine") << QStringLiteral("Vigil") << QStringLiteral("PA") << true;
        QTest::newRow("no state") << QStringLiteral("Vigil") << QString() << true;
        QTest::newRow("empty title") << QStringLiteral("  ") << QStringLiteral("PA") << false;
        QTest::newRow("lower-case state") << QStringLiteral("Vigil") << QStringLiteral("pa") << false;
        QTest::newRow("three letters") << QStringLiteral("Vigil") << QStringLiteral("PAX") << false;
        QTest::newRow("injection") << QStringLiteral("Vigil") << QStringLiteral("P'") << false;
    }
    void editsAreChecked()
    {
        QFETCH(QString, title);
        QFETCH(QString, state);
        QFETCH(bool, ok);
        ReviewEvent e = reviewEvent(1, 1);
        e.title = title;
        e.state = state;
        QCOMPARE(ReviewDeskController::checkEdits(e).isEmpty(), ok);
    }

    void refusalsInWords()
    {
        ReviewOutcome o;
        o.status = ReviewOutcome::Status::Error;
        o.targetId = 12;
        o.sqlState = QStringLiteral("42501");
        o.error = QStringLiteral("permission denied for table events");
        QVERIFY(ReviewDeskController::refusalText(o).contains(QStringLiteral("database role")));
        o.sqlState = QStringLiteral("08006");
        o.error = QStringLiteral("connection lost");
        const QString text = ReviewDeskController::refusalText(o);
        QVERIFY(text.contains(QStringLiteral("#12")) && text.contains(QStringLiteral("connection lost")));
    }

    void claimAboutToRunOutIsWarned()
    {
        test::OfflineDbConnection db;
        ReviewDeskController desk(&db, nullptr, QStringLiteral("alice"));
        QSignalSpy warned(&desk, &ReviewDeskController::claimWarningChanged);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        ReviewEvent e = reviewEvent(8, 1);
        e.claimedBy = QStringLiteral("alice");
        e.claimedUntil = now.addSecs(600);
        desk.setCurrent(e);
        desk.checkClaimExpiry(now);
        QVERIFY(desk.claimWarning().isEmpty());
        desk.checkClaimExpiry(now.addSecs(600 - 90)); // 90 s left
        QVERIFY(desk.claimWarning().contains(QStringLiteral("#8")));
        QCOMPARE(warned.size(), 1);
        desk.checkClaimExpiry(now.addSecs(601)); // ran out: nothing to warn about
        QVERIFY(desk.claimWarning().isEmpty());
        QCOMPARE(warned.size(), 2);
        // Someone else's claim is not ours to worry about.
        e.claimedBy = QStringLiteral("bob");
        desk.setCurrent(e);
        desk.checkClaimExpiry(now.addSecs(600 - 30));
        QVERIFY(desk.claimWarning().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestReviewDeskRules)
#include "tst_reviewdesk_rules.moc"

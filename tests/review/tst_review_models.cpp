#include "HostQueueFilter.h"
#include "HostTrainingModel.h"
#include "HostTrainingService.h"
#include "HubFeed.h"
#include "ReviewQueueFilter.h"
#include "ReviewQueueModel.h"
#include "ReviewService.h"
#include "ReviewTestData.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace oc;
using oc::test::ReviewTestData;

namespace {

constexpr auto kTesterMode = QAbstractItemModelTester::FailureReportingMode::QtTest;

QList<qint64> idsOf(const ReviewQueueModel &m)
{
    QList<qint64> out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.eventIdAt(r);
    return out;
}

QList<qint64> hostIdsOf(const QAbstractItemModel &m)
{
    QList<qint64> out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.index(r, 0).data(HostTrainingModel::HostIdRole).toLongLong();
    return out;
}

} // namespace

class TestReviewModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
    }

    void queueMirrorsFeedInBatchesWithoutResets()
    {
        const QString ci = test::TestDatabase::instance().freshDatabase(QStringLiteral("review_models_queue"));
        ReviewTestData d(ci);
        const qint64 ann = d.host(QStringLiteral("Ann")), ben = d.host(QStringLiteral("Ben"));
        const qint64 e1 = d.event(QStringLiteral("Oldest"), ann, 60, 24);
        const qint64 e2 = d.event(QStringLiteral("Middle"), ben, 40, 72, 41.0, -80.0);
        const qint64 e3 = d.event(QStringLiteral("Newest"), ben, 20, 96, 42.0, -81.0);
        const qint64 live = d.event(QStringLiteral("Already live"), ann, 50, 120, 40.0, -79.0, QStringLiteral("PA"),
                                    QStringLiteral("approved"));

        auto conn = test::connectAsync(ci);
        QVERIFY(conn);
        HubFeed feed(conn.get());
        feed.setIntervals(100, 300);
        ReviewQueueModel model(&feed, conn.get());
        model.setDuplicateDelayMs(0);
        model.setCurrentReviewer(QStringLiteral("bob"));
        QAbstractItemModelTester tester(&model, kTesterMode);
        ReviewQueueFilter filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester filterTester(&filter, kTesterMode);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        feed.start();

        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 3, 15000);
        QCOMPARE(idsOf(model), (QList<qint64> {e1, e2, e3})); // oldest first, approved one left out
        QCOMPARE(inserted.size(), 1); // the snapshot is one range

        // A new submission goes to the end, a back-dated one to the top.
        const qint64 e4 = d.event(QStringLiteral("Brand new"), ann, 0, 120, 40.0, -79.0);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 4, 15000);
        QCOMPARE(model.eventIdAt(3), e4);
        const qint64 e5 = d.event(QStringLiteral("Back-dated"), 0, 500, 200, 30.0, -90.0, QStringLiteral("LA"));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 5, 15000);
        QCOMPARE(model.eventIdAt(0), e5);

        // A changed title raises dataChanged for the title only, with roles.
        changed.clear();
        d.s.exec(DbQuery("UPDATE events SET title = 'Middle (renamed)' WHERE id = $1").bind(e2));
        QTRY_COMPARE_WITH_TIMEOUT(model.index(model.rowOfEvent(e2), ReviewQueueModel::TitleColumn).data().toString(),
                                  QStringLiteral("Middle (renamed)"), 15000);
        bool sawTitleChange = false;
        for (const QList<QVariant> &args : std::as_const(changed)) {
            const auto tl = args[0].value<QModelIndex>(), br = args[1].value<QModelIndex>();
            const auto roles = args[2].value<QList<int>>();
            QVERIFY(!roles.isEmpty());
            if (model.eventIdAt(tl.row()) == e2 && roles.contains(Qt::DisplayRole)) {
                QCOMPARE(tl.column(), int(ReviewQueueModel::TitleColumn));
                QCOMPARE(br.column(), int(ReviewQueueModel::TitleColumn));
                sawTitleChange = true;
            }
        }
        QVERIFY(sawTitleChange);

        // Approved elsewhere: the row leaves the queue.
        d.s.exec(DbQuery("UPDATE events SET approval_status = 'approved' WHERE id = $1").bind(e1));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 4, 15000);
        QCOMPARE(model.rowOfEvent(e1), -1);
        QVERIFY(!removed.isEmpty());

        // Back to needs_approval (e.g. the host edited it): it returns in place.
        d.s.exec(DbQuery("UPDATE events SET approval_status = 'needs_approval' WHERE id = $1").bind(e1));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 5, 15000);
        QCOMPARE(idsOf(model), (QList<qint64> {e5, e1, e2, e3, e4}));

        // Claims are read for rows whose version moved.
        ReviewService alice(conn.get());
        alice.setOperatorName(QStringLiteral("alice"));
        bool claimed = false;
        alice.claim(e3, [&](const ReviewService::Claim &c) { claimed = c.won; });
        QTRY_VERIFY_WITH_TIMEOUT(claimed, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(model.index(model.rowOfEvent(e3), ReviewQueueModel::ClaimColumn).data().toString(),
                                  QStringLiteral("alice"), 15000);
        QVERIFY(model.index(model.rowOfEvent(e3), 0).data(ReviewQueueModel::ClaimedByOtherRole).toBool());
        filter.setHideClaimedByOthers(true);
        QCOMPARE(filter.rowCount(), 4);
        filter.setHideClaimedByOthers(false);
        QCOMPARE(filter.rowCount(), 5);
        // Our own claim shows as "you".
        model.setCurrentReviewer(QStringLiteral("alice"));
        QCOMPARE(model.index(model.rowOfEvent(e3), ReviewQueueModel::ClaimColumn).data().toString(), tr("you"));

        // The new event duplicates an approved one of the same host on the same day.
        QTRY_VERIFY_WITH_TIMEOUT(model.index(model.rowOfEvent(e4), ReviewQueueModel::DuplicateColumn)
                                     .data(ReviewQueueModel::DuplicateIdsRole)
                                     .value<QList<qint64>>()
                                     .contains(live),
                                 15000);
        QVERIFY(model.index(model.rowOfEvent(e4), ReviewQueueModel::DuplicateColumn)
                    .data()
                    .toString()
                    .contains(QString::number(live)));
        QVERIFY(model.index(model.rowOfEvent(e2), ReviewQueueModel::DuplicateColumn)
                    .data(ReviewQueueModel::DuplicateIdsRole)
                    .value<QList<qint64>>()
                    .isEmpty());

        // Many rows in one tick arrive as one insertion.
        inserted.clear();
        d.s.exec(DbQuery("INSERT INTO events (campaign_id, title, starts_at, created_at) "
                         "SELECT $1, 'Bulk ' || g, now() + interval '3 days', now() + g * interval '1 second' "
                         "FROM generate_series(1, 200) g")
                     .bind(d.campaign));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 205, 15000);
        QCOMPARE(inserted.size(), 1);

        QCOMPARE(resets.size(), 0);
        QCOMPARE(layouts.size(), 0);
    }

    void filtersNarrowTheQueue()
    {
        const QString ci = test::TestDatabase::instance().freshDatabase(QStringLiteral("review_models_filter"));
        ReviewTestData d(ci);
        const qint64 other =
            d.s.exec("INSERT INTO campaigns (slug, title) VALUES ('spring', 'Spring') RETURNING id").toInt64(0, 0);
        const qint64 h = d.host(QStringLiteral("Cy"));
        d.event(QStringLiteral("PA soon"), h, 50, 24);
        const qint64 ohio = d.event(QStringLiteral("OH later"), h, 40, 24 * 20, 40.0, -82.0, QStringLiteral("OH"));
        d.event(QStringLiteral("Other campaign"), h, 30, 48, 40.0, -79.0, QStringLiteral("PA"),
                QStringLiteral("needs_approval"), other);
        d.s.exec(DbQuery("UPDATE events SET flagged = true WHERE id = $1").bind(ohio));

        auto conn = test::connectAsync(ci);
        QVERIFY(conn);
        HubFeed feed(conn.get());
        feed.setIntervals(100, 300);
        ReviewQueueModel model(&feed, conn.get());
        ReviewQueueFilter filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester filterTester(&filter, kTesterMode);
        feed.start();
        QTRY_COMPARE_WITH_TIMEOUT(filter.rowCount(), 3, 15000);

        filter.setCampaignId(d.campaign);
        QCOMPARE(filter.rowCount(), 2);
        filter.setUsState(QStringLiteral("oh"));
        QCOMPARE(filter.rowCount(), 1);
        filter.setUsState({});
        filter.setFlaggedOnly(true);
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.index(0, 0).data(ReviewQueueModel::EventIdRole).toLongLong(), ohio);
        filter.setFlaggedOnly(false);
        const QDate today = QDate::currentDate();
        filter.setDateRange(today, today.addDays(7));
        QCOMPARE(filter.rowCount(), 1);
        filter.setDateRange({}, {});
        filter.setCampaignId(0);
        QCOMPARE(filter.rowCount(), 3);

        // A live change moves a row in or out of a filter.
        filter.setFlaggedOnly(true);
        QCOMPARE(filter.rowCount(), 1);
        d.s.exec(DbQuery("UPDATE events SET flagged = true WHERE title = 'PA soon'"));
        QTRY_COMPARE_WITH_TIMEOUT(filter.rowCount(), 2, 15000);
    }

    void hostQueueSoonestFirstAndNotPrepped()
    {
        const QString ci = test::TestDatabase::instance().freshDatabase(QStringLiteral("review_models_hosts"));
        ReviewTestData d(ci);
        const qint64 h1 = d.host(QStringLiteral("One"), QStringLiteral("not_contacted"));
        const qint64 h2 = d.host(QStringLiteral("Two"), QStringLiteral("invited"));
        const qint64 h3 = d.host(QStringLiteral("Three"), QStringLiteral("fully_prepped"));
        const qint64 h4 = d.host(QStringLiteral("Four"), QStringLiteral("not_contacted"));
        const qint64 h5 = d.host(QStringLiteral("Five"), QStringLiteral("not_contacted"));
        const qint64 h6 = d.host(QStringLiteral("Six <b>html</b>"), QStringLiteral("attended_training"));
        d.event(QStringLiteral("E1"), h1, 10, 10);
        d.event(QStringLiteral("E2"), h2, 10, 5);
        d.event(QStringLiteral("E3"), h3, 10, 2);
        d.event(QStringLiteral("E5 rejected"), h5, 10, 1, 40.0, -79.0, QStringLiteral("PA"),
                QStringLiteral("rejected"));
        d.event(QStringLiteral("E6 later"), h6, 10, 30);
        d.event(QStringLiteral("E6 soon"), h6, 10, 3);

        auto conn = test::connectAsync(ci);
        QVERIFY(conn);
        HubFeed feed(conn.get());
        feed.setIntervals(100, 300);
        HostTrainingModel model(conn.get(), &feed);
        model.setMinPollIntervalMs(0);
        QAbstractItemModelTester tester(&model, kTesterMode);
        HostQueueFilter queue;
        queue.setSourceModel(&model);
        QAbstractItemModelTester queueTester(&queue, kTesterMode);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        feed.start();
        model.start();

        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 6, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(hostIdsOf(queue), (QList<qint64> {h6, h2, h1}), 15000);
        QCOMPARE(queue.index(0, HostTrainingModel::NameColumn).data().toString(), QStringLiteral("Six <b>html</b>"));
        QCOMPARE(queue.index(0, HostTrainingModel::EventsColumn).data().toInt(), 2);

        // Our write: the read-back moves the host out of the queue at once.
        HostTrainingService svc(conn.get());
        svc.setOperatorName(QStringLiteral("ivy"));
        connect(&svc, &HostTrainingService::hostRead, &model, &HostTrainingModel::applyHost);
        const HostInfo two = model.hostAt(model.rowOfHost(h2));
        bool done = false;
        svc.setPrepStatus(two, QStringLiteral("fully_prepped"), {}, [&](const ReviewOutcome &o) { done = o.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(hostIdsOf(queue), (QList<qint64> {h6, h1}));

        // The backend's write arrives through the xact tail.
        d.s.exec(DbQuery("UPDATE hosts SET prep_status = 'fully_prepped', notes = 'done' WHERE id = $1").bind(h6));
        QTRY_COMPARE_WITH_TIMEOUT(hostIdsOf(queue), (QList<qint64> {h1}), 15000);
        QCOMPARE(model.index(model.rowOfHost(h6), 0).data(HostTrainingModel::NotesRole).toString(),
                 QStringLiteral("done"));

        // A new event puts a host into the queue, soonest first.
        d.event(QStringLiteral("E4"), h4, 0, 1);
        QTRY_COMPARE_WITH_TIMEOUT(hostIdsOf(queue), (QList<qint64> {h4, h1}), 15000);

        // A new host appears too.
        const qint64 h7 = d.host(QStringLiteral("Seven"));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 7, 15000);
        QVERIFY(model.rowOfHost(h7) >= 0);

        queue.setShowAll(true);
        QCOMPARE(queue.rowCount(), 7);
        QCOMPARE(resets.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestReviewModels)
#include "tst_review_models.moc"

#include "PendingApprovalsModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace oc;

namespace {

BlastRecord blast(qint64 id, const QString &by, qint64 size = 100, const QString &message = QStringLiteral("hi"))
{
    BlastRecord b;
    b.id = id;
    b.key = QUuid::createUuid();
    b.campaignId = 1;
    b.campaignSlug = QStringLiteral("spring");
    b.channel = QStringLiteral("sms");
    b.audienceSize = size;
    b.message = message;
    b.status = QStringLiteral("pending_approval");
    b.requestedBy = by;
    b.createdAt = QDateTime::fromMSecsSinceEpoch(1700000000000 + id * 1000, QTimeZone::UTC);
    return b;
}

QList<qint64> ids(const PendingApprovalsModel &m)
{
    QList<qint64> out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.index(r, 0).data(PendingApprovalsModel::BlastIdRole).toLongLong();
    return out;
}

} // namespace

class TestPendingApprovalsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appliesDiffsInBatches()
    {
        PendingApprovalsModel m(nullptr, QStringLiteral("bob"));
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&m, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&m, &QAbstractItemModel::modelReset);

        QList<BlastRecord> a {blast(3, QStringLiteral("alice")), blast(1, QStringLiteral("alice")),
                              blast(2, QStringLiteral("bob")), blast(4, QStringLiteral("carol"))};
        m.apply(a);
        QCOMPARE(ids(m), (QList<qint64> {1, 2, 3, 4}));
        QCOMPARE(inserted.size(), 1); // one contiguous batch
        QCOMPARE(m.count(), 4);

        // Same data again: nothing happens.
        m.apply(a);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(changed.size(), 0);

        // 2 and 3 decided, 4 changed, 5 and 6 new, 0 new at the top.
        QList<BlastRecord> b {blast(0, QStringLiteral("dave")), blast(1, QStringLiteral("alice")),
                              blast(4, QStringLiteral("carol"), 999), blast(5, QStringLiteral("alice")),
                              blast(6, QStringLiteral("erin"))};
        b[1].key = a[1].key;
        b[2].key = a[3].key;
        inserted.clear();
        m.apply(b);
        QCOMPARE(ids(m), (QList<qint64> {0, 1, 4, 5, 6}));
        QCOMPARE(removed.size(), 1); // 2..3 in one run
        QCOMPARE(inserted.size(), 2); // 0, then 5..6
        QCOMPARE(changed.size(), 1); // 4
        QCOMPARE(reset.size(), 0);
        QCOMPARE(m.index(2, PendingApprovalsModel::Audience).data().toString(), QLocale().toString(999));

        m.apply({});
        QCOMPARE(m.rowCount(), 0);
    }

    void knowsWhoMayDecide()
    {
        PendingApprovalsModel m(nullptr, QStringLiteral("bob"));
        m.apply({blast(1, QStringLiteral("alice")), blast(2, QStringLiteral("bob"))});
        QVERIFY(m.canDecide(0));
        QVERIFY(!m.canDecide(1)); // nobody approves their own blast
        QVERIFY(!m.canDecide(5));
        QCOMPARE(m.rowOf(2), 1);
        QCOMPARE(m.rowOf(7), -1);
        QCOMPARE(m.index(1, 0).data(PendingApprovalsModel::CanDecideRole).toBool(), false);
        QCOMPARE(m.headerData(PendingApprovalsModel::Audience, Qt::Horizontal).toString(),
                 QStringLiteral("Recipients"));
        // Long messages are shortened in the list, whole in the tooltip.
        const QString longText(300, QLatin1Char('x'));
        m.apply({blast(1, QStringLiteral("alice"), 10, longText)});
        QVERIFY(m.index(0, PendingApprovalsModel::Message).data().toString().size() < 130);
        QCOMPARE(m.index(0, PendingApprovalsModel::Message).data(Qt::ToolTipRole).toString(), longText);
    }
};

QTEST_GUILESS_MAIN(TestPendingApprovalsModel)
#include "tst_pendingapprovalsmodel.moc"

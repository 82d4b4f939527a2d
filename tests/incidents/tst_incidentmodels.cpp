#include "AlertListModel.h"
#include "IncidentListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace oc;

namespace {

Incident card(qint64 id, const QString &group, qint64 openedMs, Incident::State state = Incident::State::Firing)
{
    Incident i;
    i.id = id;
    i.group = group;
    i.title = QStringLiteral("Card %1").arg(group);
    i.severity = Alert::Severity::Page;
    i.state = state;
    i.openedMs = openedMs;
    i.breaches = 1;
    if (state == Incident::State::Resolved)
        i.resolvedMs = openedMs + 1000;
    return i;
}

QList<qint64> ids(const IncidentListModel &m)
{
    QList<qint64> out;
    for (const Incident &i : m.cards())
        out << i.id;
    return out;
}

Alert alert(const QString &rule, Alert::State state, double value = 0)
{
    Alert a;
    a.ruleId = rule;
    a.title = rule.toUpper();
    a.state = state;
    a.value = value;
    a.sinceMs = 1000;
    return a;
}

} // namespace

// The incidents panel's models (issue 15): updated in place on every poll,
// so a selection, a scroll position and an open detail survive; every change
// says which roles changed.
class TestIncidentModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void openFirstNewestFirst()
    {
        IncidentListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy resets(&m, &QAbstractItemModel::modelReset);
        m.upsert(card(1, QStringLiteral("site"), 1000));
        m.upsert(card(2, QStringLiteral("vendor"), 3000, Incident::State::Resolved));
        m.upsert(card(3, QStringLiteral("blast"), 2000, Incident::State::Acknowledged));
        m.upsert(card(4, QStringLiteral("db"), 500, Incident::State::Resolved));
        m.upsert(card(5, QStringLiteral("api"), 4000));
        QCOMPARE(ids(m), (QList<qint64> {5, 3, 1, 2, 4}));
        QCOMPARE(m.openCount(), 3);
        QCOMPARE(m.rowOf(1), 2);
        QVERIFY(m.find(4));
        QVERIFY(!m.find(99));
        QCOMPARE(resets.count(), 0);
        const QModelIndex top = m.index(0);
        QCOMPARE(top.data(IncidentListModel::IdRole).toLongLong(), 5);
        QCOMPARE(top.data(Qt::DisplayRole).toString(), QStringLiteral("Card api"));
        QCOMPARE(top.data(IncidentListModel::StateRole).toInt(), int(Incident::State::Firing));
        QCOMPARE(top.data(IncidentListModel::SeverityRole).toInt(), int(Alert::Severity::Page));
        QCOMPARE(top.data(IncidentListModel::IncidentRole).value<Incident>().group, QStringLiteral("api"));
        QVERIFY(m.roleNames().contains(IncidentListModel::OwnerRole));
    }

    void acknowledgeChangesOnlyItsRoles()
    {
        IncidentListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
        m.upsert(card(1, QStringLiteral("site"), 1000));
        m.upsert(card(2, QStringLiteral("vendor"), 2000));
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
        QSignalSpy moved(&m, &QAbstractItemModel::rowsMoved);
        QSignalSpy resets(&m, &QAbstractItemModel::modelReset);

        Incident ack = card(1, QStringLiteral("site"), 1000, Incident::State::Acknowledged);
        ack.owner = QStringLiteral("Dana");
        ack.acknowledgedMs = 1500;
        ack.version = 2;
        m.upsert(ack);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(moved.count(), 0); // still open, same place
        QCOMPARE(resets.count(), 0);
        const auto args = changed.takeFirst();
        QCOMPARE(args.at(0).toModelIndex().row(), 1);
        QCOMPARE(args.at(1).toModelIndex().row(), 1);
        const auto roles = args.at(2).value<QList<int>>();
        QVERIFY(roles.contains(IncidentListModel::StateRole));
        QVERIFY(roles.contains(IncidentListModel::OwnerRole));
        QVERIFY(roles.contains(IncidentListModel::IncidentRole));
        QVERIFY(!roles.contains(IncidentListModel::TitleRole));
        QVERIFY(!roles.contains(IncidentListModel::BreachesRole));
        QVERIFY(!roles.contains(Qt::DisplayRole));
        QCOMPARE(m.index(1).data(IncidentListModel::OwnerRole).toString(), QStringLiteral("Dana"));
        QVERIFY(m.index(1).data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("Dana")));

        // The same card again (a poll that found nothing new): no signal.
        m.upsert(ack);
        QCOMPARE(changed.count(), 0);

        // More breaches folded in: that role only (and the whole card).
        ack.breaches = 7;
        m.upsert(ack);
        QCOMPARE(changed.count(), 1);
        const auto roles2 = changed.takeFirst().at(2).value<QList<int>>();
        QVERIFY(roles2.contains(IncidentListModel::BreachesRole));
        QVERIFY(!roles2.contains(IncidentListModel::StateRole));

        // Silenced is not a field of the card but a role of its own.
        m.upsert(ack, true);
        QCOMPARE(changed.count(), 1);
        QVERIFY(changed.takeFirst().at(2).value<QList<int>>().contains(IncidentListModel::SilencedRole));
        QVERIFY(m.index(1).data(IncidentListModel::SilencedRole).toBool());
    }

    void resolvingMovesTheCardDown()
    {
        IncidentListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
        m.upsert(card(1, QStringLiteral("a"), 1000));
        m.upsert(card(2, QStringLiteral("b"), 2000));
        m.upsert(card(3, QStringLiteral("c"), 3000));
        m.upsert(card(4, QStringLiteral("old"), 5000, Incident::State::Resolved));
        QCOMPARE(ids(m), (QList<qint64> {3, 2, 1, 4}));
        QSignalSpy moved(&m, &QAbstractItemModel::rowsMoved);
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        QSignalSpy resets(&m, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&m, &QAbstractItemModel::rowsRemoved);

        m.upsert(card(3, QStringLiteral("c"), 3000, Incident::State::Resolved));
        QCOMPARE(ids(m), (QList<qint64> {2, 1, 4, 3}));
        QCOMPARE(moved.count(), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 3);
        QCOMPARE(m.openCount(), 2);

        // Reopened: back up among the open ones.
        m.upsert(card(4, QStringLiteral("old"), 5000));
        QCOMPARE(ids(m), (QList<qint64> {4, 2, 1, 3}));
        QCOMPARE(moved.count(), 2);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(removed.count(), 0);
    }

    void localCardBecomesTheStoredOne()
    {
        // A console that cannot share shows its own card (id 0); when the
        // database gives the card an id, it is the same row, not a twin.
        IncidentListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
        m.upsert(card(0, QStringLiteral("site"), 1000));
        m.upsert(card(0, QStringLiteral("vendor"), 900));
        QCOMPARE(m.rowCount(), 2);
        Incident again = card(0, QStringLiteral("site"), 1000);
        again.breaches = 3;
        m.upsert(again);
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.cards().at(0).breaches, 3);
        QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
        m.upsert(card(42, QStringLiteral("site"), 1000));
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.rowOf(42), 0);
        // A drill card of the same group is a card of its own.
        Incident drill = card(0, QStringLiteral("site"), 1100);
        drill.drill = true;
        m.upsert(drill);
        QCOMPARE(m.rowCount(), 3);
        QVERIFY(m.index(0).data(IncidentListModel::DrillRole).toBool());
    }

    void manyUpsertsKeepTheOrder()
    {
        // A burst of polls: every card updated in random order, several
        // times; the order is always the rule and the tester sees only
        // inserts, moves and changes.
        IncidentListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy resets(&m, &QAbstractItemModel::modelReset);
        quint32 seed = 7;
        auto next = [&seed] {
            seed = seed * 1103515245u + 12345u;
            return (seed >> 16) & 0x7fff;
        };
        for (int round = 0; round < 400; ++round) {
            const qint64 id = 1 + next() % 25;
            Incident i = card(id, QStringLiteral("g%1").arg(id), 1000 + 10 * (id % 7));
            i.state = Incident::State(next() % 3);
            if (i.state == Incident::State::Resolved)
                i.resolvedMs = 9999;
            i.breaches = int(next() % 5);
            m.upsert(i);
            for (int r = 1; r < m.rowCount(); ++r) {
                const Incident &a = m.cards().at(r - 1);
                const Incident &b = m.cards().at(r);
                QVERIFY(a.isOpen() || !b.isOpen());
                if (a.isOpen() == b.isOpen())
                    QVERIFY(a.openedMs > b.openedMs || (a.openedMs == b.openedMs && a.id > b.id));
            }
        }
        QCOMPARE(resets.count(), 0);
        QVERIFY(m.rowCount() <= 25);
    }

    void rulesTable()
    {
        AlertListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
        m.setAlerts({alert(QStringLiteral("site-5xx"), Alert::State::Ok, 0.1),
                     alert(QStringLiteral("vendor-maps"), Alert::State::Ok, 1),
                     alert(QStringLiteral("rsvp-drop"), Alert::State::Pending, 12)});
        QCOMPARE(m.rowCount(), 3);
        QCOMPARE(m.columnCount(), int(AlertListModel::ColumnCount));
        QCOMPARE(m.headerData(AlertListModel::StateColumn, Qt::Horizontal).toString(), QStringLiteral("State"));
        QCOMPARE(m.index(0, AlertListModel::RuleColumn).data().toString(), QStringLiteral("SITE-5XX"));
        QCOMPARE(m.index(0, AlertListModel::StateColumn).data().toString(), QStringLiteral("OK"));
        QCOMPARE(m.index(2, 0).data(AlertListModel::RuleIdRole).toString(), QStringLiteral("rsvp-drop"));

        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        QSignalSpy resets(&m, &QAbstractItemModel::modelReset);

        // A value moving: the value cell only, no state role.
        Alert a = alert(QStringLiteral("site-5xx"), Alert::State::Ok, 0.3);
        m.update(a);
        QCOMPARE(changed.count(), 1);
        auto args = changed.takeFirst();
        QCOMPARE(args.at(0).toModelIndex().column(), int(AlertListModel::ValueColumn));
        QCOMPARE(args.at(1).toModelIndex().column(), int(AlertListModel::ValueColumn));
        QVERIFY(!args.at(2).value<QList<int>>().contains(AlertListModel::StateRole));

        // No data: a state of its own, never "OK", and no number.
        Alert silent = alert(QStringLiteral("vendor-maps"), Alert::State::NoData, 1);
        silent.sinceMs = 5000;
        silent.detail = QStringLiteral("no sample for 9 s");
        m.update(silent);
        QCOMPARE(changed.count(), 1);
        args = changed.takeFirst();
        QCOMPARE(args.at(0).toModelIndex().row(), 1);
        QCOMPARE(args.at(0).toModelIndex().column(), int(AlertListModel::RuleColumn));
        QCOMPARE(args.at(1).toModelIndex().column(), int(AlertListModel::DetailColumn));
        QVERIFY(args.at(2).value<QList<int>>().contains(AlertListModel::StateRole));
        QCOMPARE(m.index(1, AlertListModel::StateColumn).data().toString(), QStringLiteral("No data"));
        QCOMPARE(m.index(1, AlertListModel::ValueColumn).data().toString(), QStringLiteral("—"));
        QCOMPARE(m.index(1, 3).data(AlertListModel::StateRole).toInt(), int(Alert::State::NoData));
        m.update(alert(QStringLiteral("vendor-maps"), Alert::State::Error));
        QCOMPARE(m.index(1, AlertListModel::StateColumn).data().toString(), QStringLiteral("Error"));
        changed.clear();

        // Unchanged: nothing.
        m.update(a);
        QCOMPARE(changed.count(), 0);

        // A rule the plan gained meanwhile is appended.
        QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
        m.update(alert(QStringLiteral("db-stale"), Alert::State::Firing, 30));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(m.rowCount(), 4);
        QCOMPARE(resets.count(), 0);

        // A plan change resets (rules removed).
        m.setAlerts({alert(QStringLiteral("site-5xx"), Alert::State::Ok)});
        QCOMPARE(resets.count(), 1);
        QCOMPARE(m.rowCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestIncidentModels)
#include "tst_incidentmodels.moc"

#include "EventTableModel.h"
#include "LiveSource.h"
#include "StateTotalsModel.h"
#include "TopEventsModel.h"

#include <QAbstractItemModelTester>
#include <QHash>
#include <QTest>

using namespace oc;

namespace {

// A second LiveSource, as a read-only mirror without traffic or an audit
// log would be: the models and the derived figures work over it unchanged.
class MirrorSource : public LiveSource
{
public:
    using LiveSource::LiveSource;

    Capabilities capabilities() const override { return Capability::None; }
    void start() override { }
    void stop() override { }
    void pollNow() override { }
    bool hasSnapshot() const override { return true; }
    bool isStale() const override { return false; }
    QDateTime staleSince() const override { return {}; }
    QDateTime lastUpdate() const override { return m_at; }
    const std::vector<EventRecord> &events() const override { return m_events; }
    int rowOf(qint64 id) const override { return m_rows.value(id, -1); }
    qint64 totalRsvps() const override { return m_total; }
    const QList<Campaign> &campaigns() const override { return m_campaigns; }
    const std::map<qint64, qint64> &rsvpsPerMinute() const override { return m_minutes; }
    const std::map<qint64, TrafficSample> &traffic() const override { return m_traffic; }
    const QList<Annotation> &annotations() const override { return m_annotations; }

    // What an implementation does on a read: mutate, then announce in a batch.
    void append(EventRecord e)
    {
        m_total += e.rsvps;
        m_rows.insert(e.id, int(m_events.size()));
        m_events.push_back(std::move(e));
        const int row = int(m_events.size()) - 1;
        Q_EMIT eventsAppended(row, row);
        Q_EMIT totalsChanged();
    }
    void addRsvps(qint64 id, qint64 n, qint64 minuteMs)
    {
        const int row = rowOf(id);
        m_events[size_t(row)].rsvps += n;
        m_total += n;
        m_minutes[minuteMs] += n;
        Q_EMIT rsvpCountsChanged({row});
        Q_EMIT totalsChanged();
    }

    QList<Campaign> m_campaigns;

private:
    std::vector<EventRecord> m_events;
    QHash<qint64, int> m_rows;
    qint64 m_total = 0;
    std::map<qint64, qint64> m_minutes;
    std::map<qint64, TrafficSample> m_traffic;
    QList<Annotation> m_annotations;
    QDateTime m_at = QDateTime::currentDateTime();
};

EventRecord makeEvent(qint64 id, const QString &state, Approval approval, int capacity = 0)
{
    EventRecord e;
    e.id = id;
    e.title = QStringLiteral("Event %1").arg(id);
    e.state = state;
    e.approval = approval;
    e.capacity = capacity;
    e.latitude = 40;
    e.longitude = -75;
    return e;
}

} // namespace

class TestLiveSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void capabilitiesSayWhatIsMissing()
    {
        MirrorSource s;
        QVERIFY(!s.has(LiveSource::Capability::Traffic));
        QVERIFY(!s.has(LiveSource::Capability::Audit));
        QVERIFY(!s.has(LiveSource::Capability::Writable));
        QCOMPARE(s.property("capabilities").value<LiveSource::Capabilities>(), LiveSource::Capabilities {});
        QCOMPARE(s.siteMode(), QString());
        QCOMPARE(s.replicationLagSeconds(), 0.0);
    }

    void derivedFiguresComeFromTheAccessors()
    {
        MirrorSource s;
        s.m_campaigns = {{1, QStringLiteral("old"), QStringLiteral("Old"), QStringLiteral("ended"), 10, 10, {}},
                         {2, QStringLiteral("now"), QStringLiteral("Now"), QStringLiteral("live"), 4, 100, {}}};
        s.append(makeEvent(10, QStringLiteral("NY"), Approval::Approved));
        s.append(makeEvent(11, QStringLiteral("PA"), Approval::Approved, 5));
        s.append(makeEvent(12, QStringLiteral("OH"), Approval::NeedsApproval));
        const qint64 lastMinute = QDateTime::currentMSecsSinceEpoch() / 60000 * 60000 - 60000;
        s.addRsvps(11, 5, lastMinute);
        s.addRsvps(10, 15, lastMinute);

        QCOMPARE(s.currentCampaign()->slug, QStringLiteral("now"));
        QCOMPARE(s.event(11)->rsvps, 5);
        QVERIFY(!s.event(99));
        const LiveSource::Totals t = s.totals();
        QCOMPARE(t.rsvps, 20);
        QCOMPARE(t.rsvpsLastMinute, 20);
        QCOMPARE(t.eventsLive, 1);
        QCOMPARE(t.eventsFull, 1);
        QCOMPARE(t.eventsNeedingReview, 1);
        QCOMPARE(t.statesCovered, 2);
        QCOMPARE(t.eventGoalProgress, 0.5);
        QCOMPARE(t.rsvpGoalProgress, 0.2);
        QCOMPARE(t.viewsLastMinute, 0); // no traffic: zero, and the widgets hide it
    }

    void modelsMirrorAnySource()
    {
        MirrorSource s;
        EventTableModel table(&s);
        StateTotalsModel states(&s);
        TopEventsModel top(&s, 2);
        QAbstractItemModelTester t1(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&states, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(&top, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int i = 1; i <= 4; ++i)
            s.append(makeEvent(i, i % 2 ? QStringLiteral("NY") : QStringLiteral("CA"), Approval::Approved));
        s.addRsvps(3, 7, 0);
        s.addRsvps(1, 2, 0);
        QCOMPARE(table.rowCount(), 4);
        QCOMPARE(table.index(2, EventTableModel::Rsvps).data(EventTableModel::SortRole).toLongLong(), 7);
        QCOMPARE(states.rowCount(), 2);
        QCOMPARE(top.rowCount(), 2);
        QCOMPARE(top.index(0, 0).data(TopEventsModel::EventIdRole).toLongLong(), 3);
    }
};

QTEST_GUILESS_MAIN(TestLiveSource)
#include "tst_livesource.moc"

// `organizer-hubsim simulate --schema mobilize` (the real binary) against a
// real PostgreSQL: it creates the Mobilize mirror's views once, seeds them
// once, and streams what a console reading a mirror must cope with. Late
// visibility is observed, not assumed: a row is late-visible when it shows up
// in a read whose predecessor's snapshot already lay past its modified_date.
#include "DemoEnvironment.h"
#include "PgSession.h"
#include "TestDatabase.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace oc;

namespace {

qint64 scalar(PgSession &s, const DbQuery &q)
{
    return s.exec(q).toInt64(0, 0);
}

QStringList seedArgs(const QString &db)
{
    return {QStringLiteral("simulate"),
            QStringLiteral("--schema"),
            QStringLiteral("mobilize"),
            QStringLiteral("--db"),
            db,
            QStringLiteral("--events"),
            QStringLiteral("300"),
            QStringLiteral("--supporters"),
            QStringLiteral("2000"),
            QStringLiteral("--seed-rsvps"),
            QStringLiteral("3000")};
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run hubsim(const QStringList &args)
{
    Run r;
    QProcess p;
    p.start(qEnvironmentVariable("OC_HUBSIM"), args);
    if (!p.waitForStarted(10000) || !p.waitForFinished(180000)) {
        r.err = QStringLiteral("did not run: ") + p.errorString();
        p.kill();
        p.waitForFinished(5000);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// What the streamer has shown so far, read the way a console would: only
// through the views, repeatedly.
struct Observer
{
    PgSession &s;
    qint64 maxParticipation = 0;
    qint64 maxEvent = 0;
    double baseline = 0; // server time (epoch s) when streaming began
    double previousRead = 0; // server time of the previous read's snapshot
    qint64 cancelledAtStart = 0;
    qint64 confirmedAtStart = 0;
    int newParticipations = 0;
    int lateVisible = 0; // appeared > 20 s after their modified_date
    int veryLate = 0; // ... and more than 10 minutes after
    int crossFirewall = 0;
    int newEvents = 0;
    qint64 cancelled = 0;
    qint64 confirmed = 0;
    qint64 deletedTimeslots = 0;
    qint64 deletedEvents = 0;
    QElapsedTimer sincePoll;

    void begin()
    {
        const DbTable t = s.exec("SELECT extract(epoch FROM now())::float8, (SELECT max(id) FROM participations), "
                                 "(SELECT max(id) FROM events), "
                                 "(SELECT count(*) FROM participations WHERE status = 'CANCELLED'), "
                                 "(SELECT count(*) FROM participations WHERE status = 'CONFIRMED')");
        baseline = previousRead = t.toDouble(0, 0);
        maxParticipation = t.toInt64(0, 1);
        maxEvent = t.toInt64(0, 2);
        cancelledAtStart = t.toInt64(0, 3);
        confirmedAtStart = t.toInt64(0, 4);
    }

    // Reads at most every 250 ms; QTRY calls it far more often.
    void poll()
    {
        if (sincePoll.isValid() && sincePoll.elapsed() < 250)
            return;
        sincePoll.start();
        // One statement, one snapshot: now() is taken before it.
        const DbTable p = s.exec(DbQuery("SELECT extract(epoch FROM now())::float8, id, "
                                         "extract(epoch FROM modified_date)::float8, event_id IS NULL "
                                         "FROM participations WHERE id > $1 ORDER BY id")
                                     .bind(maxParticipation));
        const double readAt = p.rowCount() > 0 ? p.toDouble(0, 0) : previousRead;
        for (int r = 0; r < p.rowCount(); ++r) {
            ++newParticipations;
            maxParticipation = std::max(maxParticipation, p.toInt64(r, 1));
            const double modified = p.toDouble(r, 2);
            if (modified < previousRead - 20)
                ++lateVisible;
            if (modified < previousRead - 600)
                ++veryLate;
            if (p.toBool(r, 3))
                ++crossFirewall;
        }
        if (p.rowCount() > 0)
            previousRead = readAt;
        const DbTable t = s.exec(DbQuery("SELECT (SELECT count(*) FROM events WHERE id > $1), "
                                         "(SELECT count(*) FROM participations WHERE status = 'CANCELLED'), "
                                         "(SELECT count(*) FROM participations WHERE status = 'CONFIRMED'), "
                                         "(SELECT count(*) FROM timeslots WHERE deleted_date >= to_timestamp($2)), "
                                         "(SELECT count(*) FROM events WHERE deleted_date >= to_timestamp($2))")
                                     .bind(maxEvent)
                                     .bind(baseline));
        newEvents = int(t.toInt64(0, 0));
        cancelled = t.toInt64(0, 1);
        confirmed = t.toInt64(0, 2);
        deletedTimeslots = t.toInt64(0, 3);
        deletedEvents = t.toInt64(0, 4);
    }

    bool done()
    {
        poll();
        return newParticipations >= 100 && lateVisible >= 3 && veryLate >= 1 && crossFirewall >= 1 && newEvents >= 3 &&
            cancelled > cancelledAtStart && confirmed > confirmedAtStart && deletedTimeslots >= 1 && deletedEvents >= 1;
    }

    QString report() const
    {
        return QStringLiteral("participations %1, late %2, very late %3, cross-firewall %4, events %5, cancelled "
                              "%6 (from %7), confirmed %8 (from %9), deleted timeslots %10, deleted events %11")
            .arg(newParticipations)
            .arg(lateVisible)
            .arg(veryLate)
            .arg(crossFirewall)
            .arg(newEvents)
            .arg(cancelled)
            .arg(cancelledAtStart)
            .arg(confirmed)
            .arg(confirmedAtStart)
            .arg(deletedTimeslots)
            .arg(deletedEvents);
    }
};

} // namespace

class TestMirrorSim : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariable("OC_HUBSIM").isEmpty(), "OC_HUBSIM is not set (NEEDS_HUBSIM)");
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
    }

    void unknownSchemaIsRefused()
    {
        const Run r = hubsim({QStringLiteral("simulate"), QStringLiteral("--schema"), QStringLiteral("nosuch"),
                              QStringLiteral("--seed-only")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("hub or mobilize")), qPrintable(r.err));
    }

    void createsAndSeedsTheMirrorOnce()
    {
        const QString db = test::TestDatabase::instance().emptyDatabase(QStringLiteral("mirror_seed"));
        QStringList args = seedArgs(db);
        args << QStringLiteral("--seed-only");
        const Run first = hubsim(args);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QVERIFY2(first.out.contains(QStringLiteral("READY schema=mobilize events=")), qPrintable(first.out));

        PgSession s(db);
        // The dictionary's views, where a customer sees them; no hub schema.
        const DbTable v = s.exec("SELECT string_agg(table_name::text, ',' ORDER BY table_name) FROM "
                                 "information_schema.views WHERE table_schema = 'public'");
        QCOMPARE(v.text(0, 0), QStringLiteral("event_tags,events,participations,timeslots,users"));
        QCOMPARE(scalar(s, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), 0);

        const qint64 events = scalar(s, "SELECT count(*) FROM events");
        QVERIFY2(events >= 300, qPrintable(QString::number(events)));
        QVERIFY(scalar(s, "SELECT count(*) FROM timeslots") >= events);
        QVERIFY(scalar(s, "SELECT count(*) FROM users") >= 1000);
        QVERIFY(scalar(s, "SELECT count(*) FROM participations") >= 2000);
        // What the console has to handle from the first read on.
        QVERIFY(scalar(s, "SELECT count(*) FROM events WHERE location__lat IS NULL AND location__lon IS NULL") > 0);
        QCOMPARE(scalar(s, "SELECT count(*) FROM events WHERE (location__lat IS NULL) <> (location__lon IS NULL)"), 0);
        QVERIFY(scalar(s, "SELECT count(*) FROM events WHERE organization_id <> 1001") > 0);
        QVERIFY(scalar(s, "SELECT count(*) FROM events WHERE approval_status = 'NEEDS_APPROVAL'") > 0);
        QVERIFY(scalar(s, "SELECT count(*) FROM events WHERE deleted_date IS NOT NULL") > 0);
        QVERIFY(scalar(s, "SELECT count(*) FROM timeslots WHERE deleted_date IS NOT NULL") > 0);
        QVERIFY(scalar(s,
                       "SELECT count(*) FROM events WHERE browser_url LIKE 'https://www.mobilize.us/%/event/' "
                       "|| id || '/'") == events);
        QCOMPARE(scalar(s, "SELECT count(DISTINCT event_campaign__slug) FROM events WHERE organization_id = 1001"), 4);
        QVERIFY(scalar(s, "SELECT count(*) FROM events WHERE event_campaign__slug = 'day-of-action'") > events / 2);
        QVERIFY(scalar(s, "SELECT count(*) FROM participations WHERE status = 'CANCELLED'") > 0);
        QVERIFY(scalar(s, "SELECT count(*) FROM participations WHERE status = 'CONFIRMED'") > 0);
        // Cross-firewall sign-ups: the view hides event, timeslot and status.
        QVERIFY(scalar(s, "SELECT count(*) FROM participations WHERE event_id IS NULL") > 0);
        QCOMPARE(scalar(s,
                        "SELECT count(*) FROM participations WHERE event_id IS NULL AND (timeslot_id IS NOT NULL "
                        "OR status IS NOT NULL)"),
                 0);
        // Hostile text is stored as given.
        QVERIFY(scalar(s, "SELECT count(*) FROM events WHERE description LIKE '%<script>%'") > 0);

        // A second start keeps the schema and the rows as they are.
        const Run second = hubsim(args);
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QCOMPARE(scalar(s, "SELECT count(*) FROM events"), events);
    }

    void streamsLateVisibleRowsCancellationsAndDeletions()
    {
        const QString db = test::TestDatabase::instance().emptyDatabase(QStringLiteral("mirror_stream"));
        QStringList args = seedArgs(db);
        // Fast knobs so that every kind of write shows within seconds; the
        // duration is only a safety net, the test stops it once it has seen all.
        args << QStringLiteral("--rsvp-rate") << QStringLiteral("40") << QStringLiteral("--events-per-day")
             << QStringLiteral("3000") << QStringLiteral("--late-share") << QStringLiteral("0.3")
             << QStringLiteral("--very-late-every") << QStringLiteral("3") << QStringLiteral("--delete-every")
             << QStringLiteral("1") << QStringLiteral("--duration") << QStringLiteral("150");
        QProcess sim;
        sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        sim.start(qEnvironmentVariable("OC_HUBSIM"), args);
        QVERIFY2(sim.waitForStarted(10000), qPrintable(sim.errorString()));
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += sim.readAllStandardOutput()).contains("READY schema=mobilize") ||
                                     sim.state() != QProcess::Running,
                                 120000);
        QVERIFY2(out.contains("READY"), out.constData());

        PgSession s(db);
        Observer o {s};
        o.begin();
        QTRY_VERIFY2_WITH_TIMEOUT(o.done() || sim.state() != QProcess::Running, qPrintable(o.report()), 120000);
        QVERIFY2(o.done(), qPrintable(o.report()));
        qInfo("%s", qPrintable(o.report()));

        // What the console's exact totals rest on: deleted events and
        // timeslots stay in the views, marked, and nothing points nowhere.
        QCOMPARE(scalar(s,
                        "SELECT count(*) FROM participations p WHERE p.event_id IS NOT NULL AND NOT EXISTS "
                        "(SELECT 1 FROM timeslots t WHERE t.id = p.timeslot_id AND t.event_id = p.event_id)"),
                 0);
        QCOMPARE(scalar(s, "SELECT count(*) FROM participations WHERE event_id IS NOT NULL AND status IS NULL"), 0);
        QVERIFY(scalar(s, "SELECT count(*) FROM events WHERE browser_url IS NULL") == 0);

        sim.terminate();
        QVERIFY(sim.waitForFinished(20000));
        QCOMPARE(sim.exitStatus(), QProcess::NormalExit);
        QCOMPARE(sim.exitCode(), 0);
    }

    // What `--demo --source mobilize` gets: its own server and database, the
    // mirror's views moving, and no ops API or site to offer.
    void demoEnvironmentRunsTheMirror()
    {
        DemoEnvironment demo;
        DemoEnvironment::Options o;
        o.source = DemoEnvironment::Source::Mobilize;
        o.events = 200;
        o.supporters = 1000;
        o.seedRsvps = 1000;
        o.extraArgs << QStringLiteral("--rsvp-rate") << QStringLiteral("20");
        QString error;
        QVERIFY2(demo.start(o, &error), qPrintable(error));
        QCOMPARE(demo.source(), DemoEnvironment::Source::Mobilize);
        QVERIFY(demo.apiUrl().isEmpty());
        QVERIFY(demo.siteUrl().isEmpty());
        QVERIFY(demo.apiToken().isEmpty());
        QVERIFY2(demo.conninfo().contains(QStringLiteral("dbname=mobilize")), qPrintable(demo.conninfo()));
        PgSession s(demo.conninfo());
        QCOMPARE(scalar(s,
                        "SELECT count(*) FROM information_schema.views WHERE table_schema = 'public' AND "
                        "table_name IN ('events', 'timeslots', 'participations', 'event_tags', 'users')"),
                 5);
        const qint64 before = scalar(s, "SELECT count(*) FROM participations");
        QTRY_VERIFY_WITH_TIMEOUT(scalar(s, "SELECT count(*) FROM participations") > before + 20, 30000);
        demo.stop();
        QVERIFY(demo.conninfo().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMirrorSim)
#include "tst_mirrorsim.moc"

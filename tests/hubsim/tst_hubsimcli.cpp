// The real organizer-hubsim binary against a real PostgreSQL: `migrate`,
// `import` (dirty fixtures in both formats, dry run, a failure injected
// mid-import, a several-hundred-row public list), the deprecated flags and
// the ops API token read from a file (and refused from a loose one).
// Every table is counted before and after, so anything the import writes
// beside the events shows up.
#include "HttpTestClient.h"
#include "Migrator.h"
#include "PgSession.h"
#include "TestDatabase.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace oc;

namespace {

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

QString dataFile(const char *name)
{
    return qEnvironmentVariable("OC_SOURCE_DIR") + QStringLiteral("/tests/hubsim/data/") + QLatin1String(name);
}

// Every table in the public schema and its row count.
QMap<QString, qint64> tableCounts(PgSession &s)
{
    QMap<QString, qint64> out;
    // query_to_xml runs a count per table inside one statement, the table
    // name quoted by format(%I).
    const DbTable t = s.exec("SELECT tablename, (xpath('/row/c/text()', query_to_xml("
                             "  format('SELECT count(*) AS c FROM public.%I', tablename), false, true, '')))[1]::text"
                             "  ::bigint FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    for (int r = 0; r < t.rowCount(); ++r)
        out.insert(t.text(r, 0), t.toInt64(r, 1, -1));
    return out;
}

qint64 scalar(PgSession &s, const DbQuery &q)
{
    return s.exec(q).toInt64(0, 0);
}

struct Expected
{
    int row;
    QString kind;
    QString reason;
};

QList<Expected> readExpected(const QString &path)
{
    QList<Expected> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> parts = line.split('\t');
        if (parts.size() == 3)
            out.append({parts[0].toInt(), QString::fromUtf8(parts[1]), QString::fromUtf8(parts[2])});
    }
    return out;
}

int importedCount(const QString &out)
{
    static const QRegularExpression re(QStringLiteral("^IMPORTED (\\d+) events"), QRegularExpression::MultilineOption);
    const auto m = re.match(out);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

QStringList linesFor(const QString &out, const QString &kind, int row)
{
    QStringList hits;
    const QString prefix = QStringLiteral("%1 row %2: ").arg(kind).arg(row);
    for (const QString &l : out.split(QLatin1Char('\n')))
        if (l.startsWith(prefix))
            hits << l;
    return hits;
}

qint64 epochAt(const char *date, const char *time, const char *zone)
{
    return QDateTime(QDate::fromString(QLatin1String(date), Qt::ISODate),
                     QTime::fromString(QLatin1String(time), QStringLiteral("HH:mm")), QTimeZone(zone))
        .toSecsSinceEpoch();
}

} // namespace

class TestHubsimCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariable("OC_HUBSIM").isEmpty(), "OC_HUBSIM is not set (NEEDS_HUBSIM)");
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
    }

    void migrateOnAnEmptyDatabaseTwice()
    {
        const QString db = test::TestDatabase::instance().emptyDatabase(QStringLiteral("cli_migrate"));
        const Run first = hubsim({QStringLiteral("migrate"), QStringLiteral("--db"), db});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QVERIFY2(first.out.contains(QStringLiteral("migrated from 0")), qPrintable(first.out));
        const Run second = hubsim({QStringLiteral("migrate"), QStringLiteral("--db"), db});
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QVERIFY2(second.out.contains(QStringLiteral("up to date")), qPrintable(second.out));
        PgSession s(db);
        QCOMPARE(Migrator(s).currentVersion(), Migrator(s).latestKnown());
        const auto counts = tableCounts(s);
        QVERIFY(counts.contains(QStringLiteral("events")));
        QCOMPARE(counts.value(QStringLiteral("schema_migrations")), qint64(Migrator::builtin().size()));
        // Schema only: the same rows as a database migrated in-process (the
        // migrations' own rows, such as the blast policy), nothing seeded.
        PgSession reference(test::TestDatabase::instance().freshDatabase(QStringLiteral("cli_migrate_ref")));
        QCOMPARE(counts, tableCounts(reference));
        QCOMPARE(counts.value(QStringLiteral("campaigns")), 0);
        QCOMPARE(counts.value(QStringLiteral("events")), 0);
    }

    void importsDirtyLists_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addRow("csv") << QStringLiteral("dirty_events.csv");
        QTest::addRow("geojson") << QStringLiteral("dirty_events.geojson");
    }

    void importsDirtyLists()
    {
        QFETCH(QString, file);
        const QList<Expected> expected = readExpected(dataFile(qPrintable(file + QStringLiteral(".expected.tsv"))));
        QVERIFY(expected.size() >= 40);
        const QString db =
            test::TestDatabase::instance().freshDatabase(QStringLiteral("cli_dirty_") + file.section(u'.', 1));
        PgSession s(db);
        const auto before = tableCounts(s);
        const Run r = hubsim({QStringLiteral("import"), dataFile(qPrintable(file)), QStringLiteral("--db"), db});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));

        // The report begins with the mapping.
        const QStringList lines = r.out.split(QLatin1Char('\n'));
        QVERIFY2(lines.first().startsWith(QStringLiteral("MAPPING")), qPrintable(lines.first()));
        QVERIFY(r.out.contains(QStringLiteral("MAPPING size <- ")));
        // Each row as expected: bad rows reported with their row number and reason.
        int good = 0;
        for (const Expected &e : expected) {
            const QStringList rejected = linesFor(r.out, QStringLiteral("REJECTED"), e.row);
            const QStringList dups = linesFor(r.out, QStringLiteral("DUPLICATE"), e.row);
            const QStringList warnings = linesFor(r.out, QStringLiteral("WARNING"), e.row);
            const QString where = QStringLiteral("row %1 (%2: %3)\n%4").arg(e.row).arg(e.kind, e.reason, r.out);
            if (e.kind == QLatin1String("rejected")) {
                QVERIFY2(rejected.size() == 1 && rejected.first().contains(e.reason), qPrintable(where));
            } else if (e.kind == QLatin1String("duplicate")) {
                QVERIFY2(dups.size() == 1 && dups.first().contains(e.reason) && rejected.isEmpty(), qPrintable(where));
            } else {
                QVERIFY2(rejected.isEmpty() && dups.isEmpty(), qPrintable(where));
                if (e.kind == QLatin1String("warning"))
                    QVERIFY2(warnings.join(u'\n').contains(e.reason), qPrintable(where));
                ++good;
            }
        }
        QCOMPARE(importedCount(r.out), good);

        // The database holds exactly the imported events, and nothing else changed.
        const auto after = tableCounts(s);
        const qint64 withHost = scalar(s, "SELECT count(*) FROM events WHERE host_id IS NOT NULL");
        QCOMPARE(withHost, qint64(4)); // only the rows naming a host got a host row
        for (auto it = before.begin(); it != before.end(); ++it) {
            qint64 delta = 0;
            if (it.key() == QLatin1String("events"))
                delta = good;
            else if (it.key() == QLatin1String("hosts"))
                delta = withHost;
            else if (it.key() == QLatin1String("campaigns"))
                delta = 1; // --campaign's row, created because it was missing
            QVERIFY2(after.value(it.key()) == it.value() + delta,
                     qPrintable(QStringLiteral("%1: %2 before, %3 after")
                                    .arg(it.key())
                                    .arg(it.value())
                                    .arg(after.value(it.key()))));
        }
        QCOMPARE(after.keys(), before.keys());
        QVERIFY2(r.out.contains(QStringLiteral("campaign day-of-action (id ")) && r.out.contains(u", created)"),
                 qPrintable(r.out));

        // Hostile strings are data, stored verbatim.
        for (const char *title : {"Robert'); DROP TABLE events;--", "<script>alert('x')</script>",
                                  "=HYPERLINK(\"http://evil.example\",\"click\")", "+cmd|' /C calc'!A0", "@SUM(1+1)",
                                  "\x1b[31mred alert\x1b[0m", "Two\nlines",
                                  "\u202e"
                                  "evil bidi",
                                  "Rally \U0001F30D with emoji"})
            QVERIFY2(
                scalar(s, DbQuery("SELECT count(*) FROM events WHERE title = $1").bind(QString::fromUtf8(title))) == 1,
                title);
        // ... and shown defused: no escape sequences reach the terminal, a
        // formula does not start the excerpt.
        QVERIFY(!r.out.contains(QChar(0x1b)));
        QVERIFY(!r.out.contains(QChar(0x202e)));
        const int hostileRow = expected.at(expected.size() - (file.endsWith(u".csv") ? 2 : 4)).row;
        const QStringList hostile = linesFor(r.out, QStringLiteral("REJECTED"), hostileRow);
        // CSV excerpts start with the row's first cell; GeoJSON ones with "{".
        QVERIFY2(hostile.size() == 1 &&
                     hostile.first().contains(file.endsWith(u".csv") ? QStringLiteral("| '=HYPERLINK")
                                                                     : QStringLiteral("| {\"city\"")),
                 qPrintable(r.out));

        // Real-world values.
        auto capacity = [&](const char *title) {
            const DbTable t = s.exec(DbQuery("SELECT capacity FROM events WHERE title = $1").bind(title));
            return t.rowCount() == 1 && !t.isNull(0, 0) ? t.toInt64(0, 0) : qint64(-1);
        };
        QCOMPARE(capacity("Boston March for Science"), 13); // 12.5 rounded
        QCOMPARE(capacity("Anchorage rally"), 39); // 38.5
        QCOMPARE(capacity("Phoenix Rally"), 1200); // "1,200"
        QCOMPARE(capacity("Seattle March"), 75); // "50-100"
        QCOMPARE(capacity("Philly Rally"), -1); // null: unknown
        QCOMPARE(capacity("Chicago Science March"), -1); // 0: unknown, with a warning
        QCOMPARE(capacity("Austin Rally"), -1); // negative
        QCOMPARE(capacity("LA Rally"), -1); // empty
        auto startOf = [&](const char *title, const char *date) {
            const DbTable t = s.exec(
                DbQuery("SELECT extract(epoch FROM starts_at)::bigint, extract(epoch FROM ends_at)::bigint, all_day, "
                        "timezone FROM events WHERE title = $1 AND (starts_at AT TIME ZONE timezone)::date = $2::date")
                    .bind(title)
                    .bind(date));
            return t;
        };
        const DbTable nyc = startOf("March for Science NYC", "2017-04-22");
        QCOMPARE(nyc.rowCount(), 1); // its two duplicates imported once
        QCOMPARE(nyc.toInt64(0, 0), epochAt("2017-04-22", "00:00", "America/New_York"));
        QCOMPARE(nyc.toInt64(0, 1), epochAt("2017-04-23", "00:00", "America/New_York"));
        QVERIFY(nyc.toBool(0, 2));
        QCOMPARE(startOf("March for Science NYC", "2017-04-23").rowCount(), 1); // the next day is another event
        const DbTable hnl = startOf("Honolulu rally", "2017-04-22");
        QCOMPARE(hnl.text(0, 3), QStringLiteral("Pacific/Honolulu")); // the zone from the state
        QCOMPARE(hnl.toInt64(0, 0), epochAt("2017-04-22", "00:00", "Pacific/Honolulu"));
        const DbTable cam = startOf("Cambridge Teach-in", "2017-04-22"); // date + start time columns
        QCOMPARE(cam.toInt64(0, 0), epochAt("2017-04-22", "18:00", "America/New_York"));
        QVERIFY(!cam.toBool(0, 2));
        QCOMPARE(startOf("Denver teach-in", "2017-04-22").toInt64(0, 0),
                 epochAt("2017-04-22", "19:00", "America/Denver"));
        QCOMPARE(startOf("Nashville Rally", "2017-04-22").toInt64(0, 0),
                 epochAt("2017-04-22", "10:00", "America/Chicago"));
        QCOMPARE(scalar(s,
                        "SELECT count(*) FROM events WHERE all_day AND "
                        "(starts_at AT TIME ZONE timezone)::time <> '00:00'"),
                 0);
        QCOMPARE(scalar(s, "SELECT count(*) FROM events WHERE title = 'State spelled out' AND state = 'TX'"), 1);
        QCOMPARE(scalar(s,
                        "SELECT count(*) FROM events WHERE title = 'Excel ate the zero' AND "
                        "abs(latitude - 44.47) < 0.1 AND abs(longitude + 73.2) < 0.1"),
                 1); // placed at the centre of 05401
        QCOMPARE(scalar(s, "SELECT count(*) FROM events WHERE approval_status = 'needs_approval'"), good);
    }

    void dryRunWritesNothing()
    {
        const QString db = test::TestDatabase::instance().freshDatabase(QStringLiteral("cli_dry"));
        PgSession s(db);
        const auto before = tableCounts(s);
        const Run dry = hubsim({QStringLiteral("import"), QStringLiteral("--dry-run"), dataFile("dirty_events.csv"),
                                QStringLiteral("--db"), db});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        QVERIFY2(dry.out.contains(QStringLiteral("DRY RUN would import 40 events")), qPrintable(dry.out));
        QCOMPARE(tableCounts(s), before);
        // The full report: the same lines a real import prints, then its own summary.
        const Run real = hubsim({QStringLiteral("import"), dataFile("dirty_events.csv"), QStringLiteral("--db"), db});
        QVERIFY2(real.exitCode == 0, qPrintable(real.err));
        QCOMPARE(dry.out.section(QStringLiteral("DRY RUN"), 0, 0), real.out.section(QStringLiteral("IMPORTED"), 0, 0));
        QCOMPARE(importedCount(real.out), 40);
        QCOMPARE(scalar(s, "SELECT count(*) FROM events"), 40);
    }

    void failureMidImportLeavesTheDatabaseUnchanged()
    {
        const QString db = test::TestDatabase::instance().freshDatabase(QStringLiteral("cli_fail"));
        PgSession s(db);
        // A real error from the server on the 20th event row, after the
        // campaign and the hosts were written in the same transaction.
        s.execScript("CREATE SEQUENCE test_fail_seq; "
                     "CREATE FUNCTION test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                     "  IF nextval('test_fail_seq') = 20 THEN RAISE EXCEPTION 'injected failure at event 20'; END IF; "
                     "  RETURN NEW; END $$; "
                     "CREATE TRIGGER test_fail BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION test_fail();");
        const auto before = tableCounts(s);
        const Run r = hubsim({QStringLiteral("import"), dataFile("dirty_events.geojson"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("injected failure at event 20")) &&
                     r.err.contains(QStringLiteral("nothing written")),
                 qPrintable(r.err));
        QVERIFY(!r.out.contains(QStringLiteral("IMPORTED")));
        QCOMPARE(scalar(s, "SELECT last_value FROM test_fail_seq"), 20); // it did fail mid-import
        QCOMPARE(tableCounts(s), before);
    }

    void importNeedsAMigratedDatabase()
    {
        const QString db = test::TestDatabase::instance().emptyDatabase(QStringLiteral("cli_unmigrated"));
        const Run r = hubsim({QStringLiteral("import"), dataFile("dirty_events.csv"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("organizer-hubsim migrate")), qPrintable(r.err));
        PgSession s(db);
        QVERIFY(tableCounts(s).isEmpty());
    }

    void mapNamesAnyColumn()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("odd.csv"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Event,When,Crowd (est.),Y,X\nVigil,2017-04-22,250.6,40.7,-74.0\n");
        f.close();
        const Run plain = hubsim({QStringLiteral("import"), QStringLiteral("--dry-run"), path});
        QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));
        QVERIFY2(plain.out.contains(QStringLiteral("MAPPING size <- (no column: sizes unknown)")),
                 qPrintable(plain.out));
        QVERIFY(plain.out.contains(QStringLiteral("1 without a size")));
        const QString db = test::TestDatabase::instance().freshDatabase(QStringLiteral("cli_map"));
        const Run mapped =
            hubsim({QStringLiteral("import"), path, QStringLiteral("--map"), QStringLiteral("size=Crowd (est.)"),
                    QStringLiteral("--campaign"), QStringLiteral("spring-2017"), QStringLiteral("--db"), db});
        QVERIFY2(mapped.exitCode == 0, qPrintable(mapped.err));
        QVERIFY2(mapped.out.contains(QStringLiteral("MAPPING size <- \"Crowd (est.)\" (--map)")),
                 qPrintable(mapped.out));
        PgSession s(db);
        QCOMPARE(scalar(s,
                        "SELECT capacity FROM events e JOIN campaigns c ON c.id = e.campaign_id "
                        "WHERE c.slug = 'spring-2017' AND e.title = 'Vigil'"),
                 251);
        const Run bad = hubsim({QStringLiteral("import"), path, QStringLiteral("--map"), QStringLiteral("crowd=X")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains(QStringLiteral("unknown field")));
    }

    void importsAPublicList_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addRow("csv") << QStringLiteral("public_list.csv");
        QTest::addRow("geojson") << QStringLiteral("public_list.geojson");
    }

    void importsAPublicList()
    {
        QFETCH(QString, file);
        QFile ef(dataFile("public_list.expected.json"));
        QVERIFY(ef.open(QIODevice::ReadOnly));
        const QJsonObject want = QJsonDocument::fromJson(ef.readAll()).object();
        const QString db =
            test::TestDatabase::instance().freshDatabase(QStringLiteral("cli_public_") + file.section(u'.', 1));
        PgSession s(db);
        const Run r = hubsim({QStringLiteral("import"), dataFile(qPrintable(file)), QStringLiteral("--db"), db});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString summary = QStringLiteral("IMPORTED %1 events (%2 all-day, %3 placed by ZIP, %4 without a size) "
                                               "into campaign day-of-action")
                                    .arg(want.value(u"imported").toInt())
                                    .arg(want.value(u"all_day").toInt())
                                    .arg(want.value(u"placed_by_zip").toInt())
                                    .arg(want.value(u"without_size").toInt());
        QVERIFY2(r.out.contains(summary), qPrintable(r.out.section(u'\n', -3)));
        QVERIFY2(r.out.contains(QStringLiteral("%1 rows rejected, %2 duplicates")
                                    .arg(want.value(u"rejected").toInt())
                                    .arg(want.value(u"duplicates").toInt())),
                 qPrintable(r.out.section(u'\n', -3)));
        QCOMPARE(scalar(s, "SELECT count(*) FROM events"), want.value(u"imported").toInt());
        QCOMPARE(scalar(s, "SELECT count(*) FROM events WHERE all_day"), want.value(u"all_day").toInt());
        QCOMPARE(scalar(s, "SELECT count(*) FROM events WHERE capacity IS NULL"), want.value(u"without_size").toInt());
        QCOMPARE(scalar(s, "SELECT count(*) FROM hosts"), 0);
        QCOMPARE(scalar(s, "SELECT count(*) FROM rsvps"), 0);
        QCOMPARE(scalar(s, "SELECT count(*) FROM supporters"), 0);
    }

    void deprecatedImportFlagImportsOnly()
    {
        // Earlier versions seeded 2000 demo events and simulated beside an import.
        const QString db = test::TestDatabase::instance().emptyDatabase(QStringLiteral("cli_legacy_import"));
        const Run r = hubsim({QStringLiteral("--db"), db, QStringLiteral("--import"), dataFile("dirty_events.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("--import is deprecated")), qPrintable(r.err));
        PgSession s(db);
        QCOMPARE(scalar(s, "SELECT count(*) FROM events"), 40);
        QCOMPARE(scalar(s, "SELECT count(*) FROM supporters"), 0);
        QCOMPARE(scalar(s, "SELECT count(*) FROM rsvps"), 0);
        QCOMPARE(scalar(s, "SELECT count(*) FROM traffic_samples"), 0);
    }

    void deprecatedSeedOnlyWithNoEvents()
    {
        // Used to fail: null value in column "event_id" of relation "rsvps".
        const QString db = test::TestDatabase::instance().emptyDatabase(QStringLiteral("cli_legacy_seed"));
        const Run r = hubsim({QStringLiteral("--db"), db, QStringLiteral("--seed-only"), QStringLiteral("--events"),
                              QStringLiteral("0"), QStringLiteral("--supporters"), QStringLiteral("10")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("READY campaign=")), qPrintable(r.out));
        QVERIFY2(r.err.contains(QStringLiteral("organizer-hubsim migrate")), qPrintable(r.err));
        PgSession s(db);
        QCOMPARE(scalar(s, "SELECT count(*) FROM events"), 0);
        QCOMPARE(scalar(s, "SELECT count(*) FROM rsvps"), 0);
    }

    void apiTokenFromAFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto writeToken = [&](const char *name, QFileDevice::Permissions perms) {
            const QString path = dir.filePath(QLatin1String(name));
            QFile f(path);
            // First line, blanks around it, and a second line that is not the token.
            if (!f.open(QIODevice::WriteOnly, perms) || f.write("  file-token-1\t\nsecond line\n") < 0)
                return QString();
            return path;
        };
        const QString good = writeToken("token", QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const QString loose = writeToken("loose",
                                         QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                             QFileDevice::ReadOther);
        QVERIFY(!good.isEmpty() && !loose.isEmpty());
        QVERIFY(QFile::setPermissions(loose,
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                          QFileDevice::ReadOther)); // past the umask
        const QString db = test::TestDatabase::instance().emptyDatabase(QStringLiteral("cli_tokenfile"));

        // Refused before anything is written, as ssh refuses such a key.
        const Run refused = hubsim(
            {QStringLiteral("simulate"), QStringLiteral("--db"), db, QStringLiteral("--api-token-viewer-file"), loose});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(loose) && refused.err.contains(QStringLiteral("0644")) &&
                     refused.err.contains(QStringLiteral("chmod 600")),
                 qPrintable(refused.err));
        const Run missing = hubsim({QStringLiteral("simulate"), QStringLiteral("--db"), db,
                                    QStringLiteral("--api-token-file"), dir.filePath(QStringLiteral("nosuch"))});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QStringLiteral("--api-token-file")), qPrintable(missing.err));
        const Run both = hubsim({QStringLiteral("simulate"), QStringLiteral("--db"), db, QStringLiteral("--api-token"),
                                 QStringLiteral("x"), QStringLiteral("--api-token-file"), good});
        QCOMPARE(both.exitCode, 2);

        // The token from the file opens the ops API; nothing else does.
        QProcess sim;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("ORGANIZER_HUB_TOKEN"));
        sim.setProcessEnvironment(env);
        sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        sim.start(qEnvironmentVariable("OC_HUBSIM"),
                  {QStringLiteral("simulate"), QStringLiteral("--db"), db, QStringLiteral("--events"),
                   QStringLiteral("5"), QStringLiteral("--supporters"), QStringLiteral("5"),
                   QStringLiteral("--seed-rsvps"), QStringLiteral("5"), QStringLiteral("--wait-for-launch"),
                   QStringLiteral("--duration"), QStringLiteral("120"), QStringLiteral("--api-token-file"), good,
                   QStringLiteral("--rsvp-journal"), dir.filePath(QStringLiteral("rsvp.jsonl"))});
        QVERIFY(sim.waitForStarted(10000));
        QByteArray out;
        QDeadlineTimer deadline(120000);
        while (!out.contains("SITE ") && !deadline.hasExpired() && sim.state() == QProcess::Running) {
            sim.waitForReadyRead(200);
            out += sim.readAllStandardOutput();
        }
        const auto apiLine = QRegularExpression(QStringLiteral("API (http://\\S+)")).match(QString::fromUtf8(out));
        QVERIFY2(apiLine.hasMatch(), out.constData());
        test::HttpTestClient right(apiLine.captured(1), "file-token-1");
        test::HttpTestClient wrong(apiLine.captured(1), "second line");
        const auto ok = right.get(QStringLiteral("/api/v1/site"));
        const auto no = wrong.get(QStringLiteral("/api/v1/site"));
        sim.terminate();
        if (!sim.waitForFinished(10000))
            sim.kill();
        QCOMPARE(ok.status, 200);
        QCOMPARE(no.status, 401);
    }

    void unknownCommandIsAnError()
    {
        const Run r = hubsim({QStringLiteral("frobnicate")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("unknown command")));
    }
};

QTEST_GUILESS_MAIN(TestHubsimCli)
#include "tst_hubsimcli.moc"

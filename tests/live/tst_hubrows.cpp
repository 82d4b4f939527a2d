#include "ColumnList.h"
#include "DbBatch.h"
#include "HubRows.h"
#include "RowReader.h"

#include <QTest>

#include <algorithm>

using namespace oc;

namespace {

using Stmt = HubRows::Statement;

// A result with the given columns and one data row whose cells are the
// column names themselves (numbers where the decoder parses numbers), so a
// decoder that reads the wrong column reads a recognizably wrong value.
DbTable fakeEventResult(QStringList columns)
{
    DbTable t(columns, 2);
    for (int c = 0; c < columns.size(); ++c) {
        const QString &name = columns[c];
        t.set(0, c, name == QLatin1String("tag") ? "h" : name == QLatin1String("hi") ? "42" : QByteArray(), true);
        QByteArray v;
        if (name == QLatin1String("tag"))
            v = "e";
        else if (name == QLatin1String("id"))
            v = "7";
        else if (name == QLatin1String("campaign_id"))
            v = "3";
        else if (name == QLatin1String("version"))
            v = "5";
        else if (name == QLatin1String("capacity"))
            v = "120";
        else if (name == QLatin1String("latitude"))
            v = "40.5";
        else if (name == QLatin1String("longitude"))
            v = "-74.25";
        else if (name == QLatin1String("flagged"))
            v = "t";
        else if (name == QLatin1String("approval_status"))
            v = "approved";
        else if (name == QLatin1String("starts_at_ms"))
            v = "1700000000000";
        else
            v = name.toUtf8();
        t.set(1, c, v, false);
    }
    t.set(0, int(columns.indexOf(QStringLiteral("tag"))), "h", false);
    t.set(0, int(columns.indexOf(QStringLiteral("hi"))), "42", false);
    return t;
}

} // namespace

// The typed decoder: columns are found by name, every result is checked
// against the declared list first, and batches are read by statement tag.
class TestHubRows : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eventDecodesByNameWhateverTheOrder()
    {
        QStringList cols = HubRows::columns(Stmt::TailEvents).names();
        std::reverse(cols.begin(), cols.end()); // the SQL may list its columns as it likes
        const DbTable t = fakeEventResult(cols);
        QString error;
        const auto rows = RowReader::bind(HubRows::columns(Stmt::TailEvents), t, &error);
        QVERIFY2(rows, qPrintable(error));
        QVERIFY(HubRows::isHead(*rows, 0));
        QCOMPARE(HubRows::bound(*rows, 0), QByteArray("42"));
        QVERIFY(!HubRows::isHead(*rows, 1));
        const EventRecord e = HubRows::event(*rows, 1);
        QCOMPARE(e.id, 7);
        QCOMPARE(e.campaignId, 3);
        QCOMPARE(e.title, QStringLiteral("title"));
        QCOMPARE(e.hostName, QStringLiteral("host_name"));
        QCOMPARE(e.hostEmail, QStringLiteral("host_email"));
        QCOMPARE(e.city, QStringLiteral("city"));
        QCOMPARE(e.state, QStringLiteral("state"));
        QCOMPARE(e.postalCode, QStringLiteral("postal_code"));
        QCOMPARE(e.reviewedBy, QStringLiteral("reviewed_by"));
        QCOMPARE(e.capacity, 120);
        QCOMPARE(e.version, 5);
        QVERIFY(e.flagged);
        QCOMPARE(e.approval, Approval::Approved);
        QCOMPARE(e.latitude.value_or(0), 40.5);
        QCOMPARE(e.longitude.value_or(0), -74.25);
        QCOMPARE(e.startsAt.toMSecsSinceEpoch(), 1700000000000LL);
    }

    // The case the old by-number decoding got wrong silently: a column added
    // to the SQL but not to the decoder shifted every column after it.
    void columnAddedToSqlButNotDecoderIsAnError()
    {
        QStringList cols = HubRows::columns(Stmt::TailEvents).names();
        cols.insert(5, QStringLiteral("host_pronouns"));
        const DbTable t = fakeEventResult(cols);
        QString error;
        QVERIFY(!RowReader::bind(HubRows::columns(Stmt::TailEvents), t, &error));
        QVERIFY2(error.contains(QLatin1String("host_pronouns")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("event tail")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("undeclared")), qPrintable(error));
    }

    void columnRemovedFromSqlIsAnError()
    {
        QStringList cols = HubRows::columns(Stmt::SnapshotEvents).names();
        cols.removeOne(QStringLiteral("reviewed_by"));
        const DbTable t = fakeEventResult(cols);
        QString error;
        QVERIFY(!RowReader::bind(HubRows::columns(Stmt::SnapshotEvents), t, &error));
        QVERIFY2(error.contains(QLatin1String("missing column(s) reviewed_by")), qPrintable(error));
    }

    // A renamed column is both: the new name is undeclared, the old missing.
    void renamedColumnNamesBoth()
    {
        DbTable t({QStringLiteral("tag"), QStringLiteral("hi"), QStringLiteral("bucket_ms"), QStringLiteral("requests"),
                   QStringLiteral("errors"), QStringLiteral("p95")},
                  0);
        QString error;
        QVERIFY(!HubRows::columns(Stmt::Traffic).locate(t, &error));
        QVERIFY2(error.contains(QLatin1String("missing column(s) bucket")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("undeclared column(s) bucket_ms")), qPrintable(error));
    }

    void repeatedColumnIsAnError()
    {
        const ColumnList list(QStringLiteral("pair"), {"a", "b"});
        DbTable t({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("a")}, 0);
        QString error;
        QVERIFY(!list.locate(t, &error));
        QVERIFY2(error.contains(QLatin1String("repeated column(s) a")), qPrintable(error));
    }

    // Every tailed statement leads with tag and hi, which the 'h' row needs.
    void tailedStatementsLeadWithTheirBound()
    {
        for (Stmt s : {Stmt::SnapshotRsvps, Stmt::RsvpHistory, Stmt::TailRsvps, Stmt::TailRsvpsLight,
                       Stmt::SnapshotEvents, Stmt::TailEvents, Stmt::Traffic, Stmt::Audit}) {
            const QStringList &names = HubRows::columns(s).names();
            QVERIFY(names.size() >= 3);
            QCOMPARE(names[0], QStringLiteral("tag"));
            QCOMPARE(names[1], QStringLiteral("hi"));
            QVERIFY(!HubRows::query(s).sql.isEmpty());
        }
    }

    // Results are found by the tag of their statement, not by position, and
    // a batch reads all or nothing.
    void batchMatchesResultsByTag()
    {
        enum class Tag { Campaigns, Traffic, Audit };
        DbBatch<Tag> batch;
        batch.add(Tag::Traffic, DbQuery("SELECT 1")).add(Tag::Campaigns, DbQuery("SELECT 2"));
        QVERIFY(batch.contains(Tag::Traffic));
        QVERIFY(!batch.contains(Tag::Audit));
        QCOMPARE(batch.takeQueries().size(), size_t(2));
        QCOMPARE(batch.tags().size(), size_t(2));

        const ColumnList traffic(QStringLiteral("traffic"), {"bucket", "requests"});
        const ColumnList campaigns(QStringLiteral("campaigns"), {"id", "slug"});
        auto columnsOf = [&](Tag t) -> const ColumnList & { return t == Tag::Traffic ? traffic : campaigns; };
        enum class CampaignCol { Id, Slug };

        std::vector<DbTable> tables;
        tables.emplace_back(QStringList {QStringLiteral("bucket"), QStringLiteral("requests")}, 0);
        tables.emplace_back(QStringList {QStringLiteral("slug"), QStringLiteral("id")}, 1);
        tables[1].set(0, 0, "fall-push", false);
        tables[1].set(0, 1, "9", false);
        QString error;
        const auto results = batch.read(tables, columnsOf, &error);
        QVERIFY2(results, qPrintable(error));
        QVERIFY(!results->contains(Tag::Audit));
        const RowReader &c = results->at(Tag::Campaigns);
        QCOMPARE(c.toInt64(0, CampaignCol::Id), 9);
        QCOMPARE(c.text(0, CampaignCol::Slug), QStringLiteral("fall-push"));

        // One result off: nothing at all, and the error says which.
        tables[0] = DbTable({QStringLiteral("bucket")}, 0);
        QVERIFY(!batch.read(tables, columnsOf, &error));
        QVERIFY2(error.startsWith(QLatin1String("traffic:")) && error.contains(QLatin1String("requests")),
                 qPrintable(error));

        // A result missing altogether is not silently "the next one".
        tables.pop_back();
        QVERIFY(!batch.read(tables, columnsOf, &error));
        QVERIFY2(error.contains(QLatin1String("returned 1 result")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestHubRows)
#include "tst_hubrows.moc"

#include "ColumnList.h"
#include "LogCategories.h"
#include "PgAsyncConnection.h"
#include "PgResult.h"
#include "PgSession.h"
#include "RowReader.h"
#include "TestDatabase.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <spdlog/sinks/ringbuffer_sink.h>

#include <cmath>
#include <limits>

using namespace oc;

namespace {

// Every type DbTable decodes in binary, plus one it does not (numeric), over
// rows that hold the edges: NULLs, negative numbers, the int64 extremes,
// float NaN and infinities, timestamps before 1970 and 2000 and after 2038,
// infinite timestamps, UTF-8 text with right-to-left marks. `tz_us` is the
// text-format way of sending a time (epoch microseconds as bigint).
const char *const AllTypesSql = R"SQL(
SELECT *, CASE WHEN tz = 'infinity' THEN 9223372036854775807
               WHEN tz = '-infinity' THEN -9223372036854775808
               ELSE (extract(epoch FROM tz) * 1000000)::bigint END AS tz_us
FROM (SELECT b::bool AS b, i2::int2 AS i2, i4::int4 AS i4, i8::int8 AS i8, o::oid AS o, f4::float4 AS f4,
             f8::float8 AS f8, t::text AS t, vc::varchar AS vc, bp::char(5) AS bp, nm::name AS nm,
             ci::citext AS ci, ts::timestamp AS ts, tz::timestamptz AS tz, num::numeric AS num
      FROM (VALUES
        ('t', '-32768', '-2147483648', '-9223372036854775808', '0', '-1.5', 'NaN', $1, 'varchar', 'ab',
         'pg_name', 'MiXeD Case', '1969-07-20 20:17:40.123456', '1969-07-20 20:17:40.123456+00', '12.34'),
        ('f', '32767', '2147483647', '9223372036854775807', '4294967295', '0.1', 'Infinity', $2, '', 'abcde',
         '', '', '2100-03-04 05:06:07.000001', '2100-03-04 05:06:07.000001+00', '-0.5'),
        (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
        ('t', '0', '-7', '-42', '26', '3.4e38', '-Infinity', '42', '-17', '1', 'x', 't',
         '1999-12-31 23:59:59.999999', '1999-12-31 23:59:59.999999+00', '1e20'),
        ('f', '-1', '1', '1', '1', '1e-5', '1e-5', 'tab	and
newline', 'v', 'b', 'n', 'c', '2000-01-01 00:00:00', 'infinity', '0'),
        ('t', '1', '2', '3', '4', '123456', '123456789012345.6', 'x', 'y', 'z', 'w', 'u',
         '1900-02-28 12:00:00', '-infinity', '1'),
        ('f', '2', '3', '4', '5', '1234567', '1e15', 'a', 'b', 'c', 'd', 'e', '2040-01-19 03:14:08.5',
         '2040-01-19 03:14:08.5+00', '2'),
        ('t', '3', '4', '5', '6', '-0.0', '-0.0', 'a', 'b', 'c', 'd', 'e', '4713-01-01 00:00:00 BC',
         '9999-12-31 23:59:59.999999+00', '3'),
        ('t', '3', '4', '5', '6', '42', '42', 'a', 'b', 'c', 'd', 'e', '1970-01-01 00:00:00',
         '1970-01-01 00:00:00+00', '3')
      ) AS v(b, i2, i4, i8, o, f4, f8, t, vc, bp, nm, ci, ts, tz, num)) AS typed
)SQL";

// Right-to-left marks around Hebrew and Arabic, an emoji outside the BMP.
const QString RtlText = QStringLiteral(u"\u200Fשלום\u200F \u202Bمرحبا\u202C \u200E🎉");

DbQuery allTypes(bool binary)
{
    DbQuery q(AllTypesSql);
    q.bind(RtlText).bind(QStringLiteral(u"\u05D0\u200F\u05D1"));
    return q.binary(binary);
}

enum class C { B, I2, I4, I8, O, F4, F8, T, Vc, Bp, Nm, Ci, Ts, Tz, Num, TzUs };
const ColumnList AllTypesColumns(QStringLiteral("all types"),
                                 {"b", "i2", "i4", "i8", "o", "f4", "f8", "t", "vc", "bp", "nm", "ci", "ts", "tz",
                                  "num", "tz_us"});

bool sameDouble(double a, double b)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    return a == b && std::signbit(a) == std::signbit(b);
}

} // namespace

class TestBinaryResults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
        m_conninfo = test::TestDatabase::instance().freshDatabase(QStringLiteral("binary_results"));
        PgSession s(m_conninfo);
        s.execScript("CREATE EXTENSION IF NOT EXISTS citext");
    }

    void sessionTextAndBinaryAgree()
    {
        PgSession s(m_conninfo);
        const DbTable text = s.exec(allTypes(false));
        const DbTable binary = s.exec(allTypes(true));
        compareFormats(text, binary);
    }

    // Text and binary statements, unnamed and prepared, in one pipelined
    // batch: each result keeps its own format.
    void pipelineMixesFormatsInOneBatch()
    {
        PgAsyncConnection c;
        QSignalSpy connected(&c, &DbConnection::connected);
        c.open(m_conninfo);
        QVERIFY(connected.wait(10000));
        std::vector<DbTable> got;
        bool done = false;
        c.exec({allTypes(false), allTypes(true), allTypes(false).prepared("all_types"),
                allTypes(true).prepared("all_types"), DbQuery("SELECT 1 AS one")},
               this, [&](const DbConnection::Outcome &o) {
                   if (auto e = DbConnection::error(o))
                       qWarning("batch failed: %s", qPrintable(e->message));
                   if (auto t = DbConnection::tables(o))
                       got = *t;
                   done = true;
               });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(got.size(), size_t(5));
        compareFormats(got[0], got[1]);
        compareFormats(got[2], got[3]);
        compareFormats(got[0], got[3]);
        QVERIFY(!got[4].isBinary(0));
        QCOMPARE(got[4].toInt64(0, 0), 1);

        // Later batches on the same connection reuse the type look-up.
        done = false;
        got.clear();
        c.exec({allTypes(true).prepared("all_types")}, this, [&](const DbConnection::Outcome &o) {
            if (auto t = DbConnection::tables(o))
                got = *t;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(got.size(), size_t(1));
        QVERIFY(got[0].isBinary(0));
        QCOMPARE(got[0].text(0, got[0].column(QStringLiteral("ci"))), QStringLiteral("MiXeD Case"));
    }

    void rowReaderReadsBothFormats()
    {
        PgSession s(m_conninfo);
        const DbTable text = s.exec(allTypes(false));
        const DbTable binary = s.exec(allTypes(true));
        QString error;
        auto rt = RowReader::bind(AllTypesColumns, text, &error);
        QVERIFY2(rt, qPrintable(error));
        auto rb = RowReader::bind(AllTypesColumns, binary, &error);
        QVERIFY2(rb, qPrintable(error));
        QVERIFY(!rt->isBinary(C::Tz));
        QVERIFY(rb->isBinary(C::Tz));
        QCOMPARE(rb->typeOid(C::Tz), 1184u);
        QCOMPARE(rt->typeOid(C::Tz), 1184u);
        for (int r = 0; r < rt->rowCount(); ++r) {
            QCOMPARE(rb->toEpochMicros(r, C::Tz), rt->toEpochMicros(r, C::TzUs));
            QCOMPARE(rb->toInt64(r, C::I8), rt->toInt64(r, C::I8));
            QCOMPARE(rb->text(r, C::T), rt->text(r, C::T));
            QCOMPARE(rb->toBool(r, C::B), rt->toBool(r, C::B));
            QVERIFY(sameDouble(rb->toDouble(r, C::F8), rt->toDouble(r, C::F8)));
        }
    }

    // Values checked against what they are, not only against the text path.
    void binaryValues()
    {
        PgSession s(m_conninfo);
        const DbTable t = s.exec(allTypes(true));
        const int i8 = t.column(QStringLiteral("i8")), tz = t.column(QStringLiteral("tz")),
                  ts = t.column(QStringLiteral("ts")), tzUs = t.column(QStringLiteral("tz_us")),
                  txt = t.column(QStringLiteral("t")), f8 = t.column(QStringLiteral("f8")),
                  o = t.column(QStringLiteral("o"));
        QCOMPARE(t.toInt64(0, i8), std::numeric_limits<qint64>::min());
        QCOMPARE(t.toInt64(1, i8), std::numeric_limits<qint64>::max());
        QCOMPARE(t.toInt64(1, o), 4294967295LL);
        QCOMPARE(t.raw(0, i8), QByteArray("\x80\0\0\0\0\0\0\0", 8)); // the wire bytes, as they came
        QCOMPARE(t.text(0, txt), RtlText);
        QVERIFY(std::isnan(t.toDouble(0, f8)));
        QCOMPARE(t.toDouble(1, f8), std::numeric_limits<double>::infinity());
        QCOMPARE(t.toDouble(3, f8), -std::numeric_limits<double>::infinity());
        // 1969-07-20 20:17:40.123456 UTC
        QCOMPARE(t.toEpochMicros(0, tz), -14182939876544LL);
        QCOMPARE(t.toEpochMicros(0, ts), -14182939876544LL);
        QCOMPARE(t.text(0, tz), QStringLiteral("1969-07-20T20:17:40.123456Z"));
        QCOMPARE(t.text(6, ts), QStringLiteral("2040-01-19T03:14:08.500000Z"));
        QCOMPARE(t.text(8, ts), QStringLiteral("1970-01-01T00:00:00Z"));
        QVERIFY(t.text(7, ts).isEmpty()); // 4713 BC: not in ISO 8601's years
        // 4713 BC, the earliest timestamp, as the server's own arithmetic has it.
        QCOMPARE(
            t.toEpochMicros(7, ts),
            s.exec("SELECT (extract(epoch FROM '4713-01-01 00:00:00 BC'::timestamp) * 1000000)::bigint").toInt64(0, 0));
        QCOMPARE(t.toEpochMicros(8, tz), 0);
        QCOMPARE(t.toEpochMicros(7, tz), 253402300799999999LL); // 9999-12-31 23:59:59.999999 UTC
        QCOMPARE(t.toEpochMicros(4, tz), std::numeric_limits<qint64>::max());
        QCOMPARE(t.toEpochMicros(5, tz), std::numeric_limits<qint64>::min());
        QCOMPARE(t.text(4, tz), QStringLiteral("infinity"));
        QCOMPARE(t.text(5, tz), QStringLiteral("-infinity"));
        // 2040-01-19 03:14:08.5 UTC, past the 32-bit time_t.
        QCOMPARE(t.toEpochMicros(6, tz), 2210555648500000LL);
        QCOMPARE(t.toEpochMicros(2, tz, -1), -1); // NULL gives the fallback
        QVERIFY(t.isNull(2, tz));
        // A binary int8 column reads as epoch microseconds too.
        QCOMPARE(t.toEpochMicros(0, tzUs), -14182939876544LL);
    }

    // A type DbTable does not decode gives the fallback, says so once, and
    // can be recognised.
    void undecodedBinaryTypeGivesNothing()
    {
        auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64);
        logcat::db()->sinks().push_back(sink);
        PgSession s(m_conninfo);
        const DbTable text = s.exec(allTypes(false));
        const DbTable binary = s.exec(allTypes(true));
        const int num = binary.column(QStringLiteral("num"));
        QVERIFY(binary.isBinary(num));
        QVERIFY(!text.isBinary(num));
        QCOMPARE(binary.typeOid(num), 1700u); // numeric
        QCOMPARE(text.toDouble(0, num), 12.34);
        for (int r = 0; r < binary.rowCount(); ++r) {
            QCOMPARE(binary.toDouble(r, num), 0.0);
            QCOMPARE(binary.toInt64(r, num), 0);
            QCOMPARE(binary.toEpochMicros(r, num, -1), -1);
            QVERIFY(!binary.toBool(r, num));
            QVERIFY(binary.text(r, num).isEmpty());
        }
        QVERIFY(!binary.raw(0, num).isEmpty());
        logcat::db()->flush();
        auto &sinks = logcat::db()->sinks();
        sinks.erase(std::find(sinks.begin(), sinks.end(), sink));
        int toDoubleWarnings = 0;
        for (const std::string &line : sink->last_formatted())
            if (line.find("\"num\"") != std::string::npos && line.find("toDouble()") != std::string::npos)
                ++toDoubleWarnings;
        QCOMPARE(toDoubleWarnings, 1);
    }

    // Not a benchmark: prints what 600,000 rows cost in each format, for
    // issue 14. Nothing is asserted about the times. "wait" is PQexecParams
    // (server, wire, libpq's own row parsing), "table" PgResult::toTable,
    // "read" every cell through the typed accessors.
    void printParseTimes()
    {
        if (qEnvironmentVariableIsEmpty("OC_BINARY_PARSE_TIMES"))
            QSKIP("set OC_BINARY_PARSE_TIMES=1 to print the parse times");
        PgSession s(m_conninfo);
        s.exec(DbQuery("SELECT 1").binary()); // the text-like type look-up, outside the timing
        const QByteArray lead = "SELECT id::bigint, (id % 5000)::int, (id % 10000)::int, true, ";
        const QByteArray from = " FROM generate_series(1,600000) id";
        const QByteArray raw = lead + "now(), now()" + from;
        const QByteArray epoch = lead +
            "(date_part('epoch', now()) * 1000000)::bigint, (date_part('epoch', now()) * 1000000)::bigint" + from;
        struct Run
        {
            const char *name;
            const QByteArray *sql;
            int format;
        };
        const Run runs[] = {{"text, now()", &raw, 0}, {"text, epoch bigint", &epoch, 0}, {"binary, now()", &raw, 1}};
        std::printf("\n%-20s %8s %8s %8s %8s\n", "600,000 rows", "wait ms", "table ms", "read ms", "total ms");
        for (int pass = 0; pass < 3; ++pass) {
            for (const Run &run : runs) {
                QElapsedTimer timer;
                timer.start();
                PGresult *res =
                    PQexecParams(s.handle(), run.sql->constData(), 0, nullptr, nullptr, nullptr, nullptr, run.format);
                QCOMPARE(PQresultStatus(res), PGRES_TUPLES_OK);
                const qint64 waitNs = timer.nsecsElapsed();
                const DbTable t = PgResult::toTable(res);
                PQclear(res);
                const qint64 tableNs = timer.nsecsElapsed();
                qint64 sum = 0;
                const bool textTimes = run.format == 0 && run.sql == &raw;
                for (int r = 0; r < t.rowCount(); ++r) {
                    sum += t.toInt64(r, 0) + t.toInt64(r, 1) + t.toInt64(r, 2) + t.toBool(r, 3);
                    // A timestamp in text is only measured as a string here:
                    // turning it into a number would cost more still.
                    sum += textTimes ? t.text(r, 4).size() + t.text(r, 5).size()
                                     : t.toEpochMicros(r, 4) + t.toEpochMicros(r, 5);
                }
                const qint64 totalNs = timer.nsecsElapsed();
                QVERIFY(sum != 0);
                if (pass == 0)
                    continue; // warm-up
                std::printf("%-20s %8.1f %8.1f %8.1f %8.1f\n", run.name, waitNs / 1e6, (tableNs - waitNs) / 1e6,
                            (totalNs - tableNs) / 1e6, totalNs / 1e6);
            }
        }
        std::fflush(stdout);
    }

private:
    void compareFormats(const DbTable &text, const DbTable &binary)
    {
        QCOMPARE(binary.columns(), text.columns());
        QCOMPARE(binary.rowCount(), text.rowCount());
        QCOMPARE(text.rowCount(), 9);
        const int tz = text.column(QStringLiteral("tz")), ts = text.column(QStringLiteral("ts")),
                  tzUs = text.column(QStringLiteral("tz_us")), num = text.column(QStringLiteral("num"));
        for (int c = 0; c < text.columnCount(); ++c) {
            QVERIFY(!text.isBinary(c));
            QVERIFY2(binary.isBinary(c), qPrintable(text.columns()[c]));
            QCOMPARE(binary.typeOid(c), text.typeOid(c));
            QVERIFY(text.typeOid(c) != 0);
        }
        for (int r = 0; r < text.rowCount(); ++r) {
            for (int c = 0; c < text.columnCount(); ++c) {
                if (c == num)
                    continue; // not decoded in binary: undecodedBinaryTypeGivesNothing
                const QByteArray where = text.columns()[c].toUtf8() + " row " + QByteArray::number(r);
                QVERIFY2(binary.isNull(r, c) == text.isNull(r, c), where.constData());
                QVERIFY2(binary.toInt64(r, c, -99) == text.toInt64(r, c, -99), where.constData());
                QVERIFY2(sameDouble(binary.toDouble(r, c, -99), text.toDouble(r, c, -99)),
                         (where + ": " + QByteArray::number(binary.toDouble(r, c, -99)) + " vs " +
                          QByteArray::number(text.toDouble(r, c, -99)))
                             .constData());
                QVERIFY2(binary.toBool(r, c) == text.toBool(r, c), where.constData());
                if (c == tz || c == ts)
                    continue; // text() follows DateStyle in text, ISO 8601 UTC in binary; times: below
                QVERIFY2(binary.toEpochMicros(r, c, -99) == text.toEpochMicros(r, c, -99), where.constData());
                QVERIFY2(binary.text(r, c) == text.text(r, c),
                         (where + ": " + binary.text(r, c).toUtf8() + " vs " + text.raw(r, c)).constData());
            }
            // The same instant, sent as a bigint in text and as a timestamptz
            // in binary; a timestamp without time zone reads as UTC.
            QCOMPARE(binary.toEpochMicros(r, tz, -99), text.toEpochMicros(r, tzUs, -99));
            if (r != 4 && r != 5 && r != 7)
                QCOMPARE(binary.toEpochMicros(r, ts, -99), binary.toEpochMicros(r, tz, -99));
        }
    }

    QString m_conninfo;
};

QTEST_GUILESS_MAIN(TestBinaryResults)
#include "tst_binaryresults.moc"

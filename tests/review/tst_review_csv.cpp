#include "CsvWriter.h"

#include <QBuffer>
#include <QTest>

using namespace oc;

namespace {

// A strict RFC 4180 reader, independent of the writer under test.
QList<QStringList> parseCsv(const QByteArray &bytes)
{
    QString text = QString::fromUtf8(bytes);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false, wasQuoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    cell += QLatin1Char('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cell += c;
            }
        } else if (c == QLatin1Char('"') && cell.isEmpty() && !wasQuoted) {
            quoted = wasQuoted = true;
        } else if (c == QLatin1Char(',')) {
            row << cell;
            cell.clear();
            wasQuoted = false;
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n')) {
            row << cell;
            rows << row;
            row.clear();
            cell.clear();
            wasQuoted = false;
            ++i;
        } else {
            cell += c;
        }
    }
    if (!cell.isEmpty() || !row.isEmpty()) {
        row << cell;
        rows << row;
    }
    return rows;
}

QString expectedCell(const QString &raw)
{
    if (!raw.isEmpty()) {
        const QChar c = raw.front();
        if (c == QLatin1Char('=') || c == QLatin1Char('+') || c == QLatin1Char('-') || c == QLatin1Char('@') ||
            c == QLatin1Char('\t') || c == QLatin1Char('\r'))
            return QLatin1Char('\'') + raw;
    }
    return raw;
}

} // namespace

class TestReviewCsv : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void encodeCell_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("plain") << "Town hall" << "Town hall";
        QTest::newRow("empty") << "" << "";
        QTest::newRow("comma") << "Pittsburgh, PA" << "\"Pittsburgh, PA\"";
        QTest::newRow("quote") << "The \"big\" one" << "\"The \"\"big\"\" one\"";
        QTest::newRow("newline") << "line1\nline2" << "\"line1\nline2\"";
        QTest::newRow("crlf") << "a\r\nb" << "\"a\r\nb\"";
        QTest::newRow("formula =") << "=HYPERLINK(\"x\")" << "\"'=HYPERLINK(\"\"x\"\")\"";
        QTest::newRow("formula +") << "+1" << "'+1";
        QTest::newRow("formula -") << "-2+3" << "'-2+3";
        QTest::newRow("formula @") << "@SUM(A1)" << "'@SUM(A1)";
        QTest::newRow("leading tab") << "\tcmd" << "'\tcmd";
        QTest::newRow("leading CR") << "\rcmd" << "\"'\rcmd\"";
        QTest::newRow("inner equals is fine") << "a=b" << "a=b";
        QTest::newRow("unicode") << QStringLiteral("Caf\u00e9 \u2014 \U0001F5F3 \u05e9\u05dc\u05d5\u05dd")
                                 << QStringLiteral("Caf\u00e9 \u2014 \U0001F5F3 \u05e9\u05dc\u05d5\u05dd");
        QTest::newRow("leading space kept") << " padded" << "\" padded\"";
    }

    void encodeCell()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(CsvWriter::encodeCell(in), out);
    }

    void formulaProtectionCanBeTurnedOff()
    {
        CsvWriter::Options o;
        o.protectFormulas = false;
        QCOMPARE(CsvWriter::encodeCell(QStringLiteral("=1+1"), o), QStringLiteral("=1+1"));
    }

    void bomAndLineEndings()
    {
        QBuffer buf;
        buf.open(QIODevice::WriteOnly);
        CsvWriter::Options o;
        o.byteOrderMark = true;
        CsvWriter w(&buf, o);
        QVERIFY(w.writeRow({QStringLiteral("a"), QStringLiteral("b")}));
        QVERIFY(w.writeRow({QStringLiteral("c"), QString()}));
        QCOMPARE(buf.data(),
                 QByteArray("\xEF\xBB\xBF"
                            "a,b\r\nc,\r\n"));
        QCOMPARE(w.rowsWritten(), 2);
    }

    void roundTripThroughParser()
    {
        const QList<QStringList> rows {
            {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("notes")},
            {QStringLiteral("1"), QStringLiteral("Rally, downtown"), QStringLiteral("say \"hi\"")},
            {QStringLiteral("2"), QStringLiteral("=cmd|' /C calc'!A0"), QStringLiteral("multi\nline\r\ntext")},
            {QStringLiteral("3"), QStringLiteral("@import"), QStringLiteral("+1 555 0100")},
            {QStringLiteral("4"), QStringLiteral("-dash"), QStringLiteral("\ttabbed")},
            {QStringLiteral("5"), QStringLiteral("<script>alert(1)</script>"),
             QStringLiteral("\u202Eevil \u05e9\u05dc\u05d5\u05dd \U0001F389")},
            {QStringLiteral("6"), QString(), QStringLiteral("\"")},
        };
        QBuffer buf;
        buf.open(QIODevice::WriteOnly);
        CsvWriter::Options o;
        o.byteOrderMark = true;
        CsvWriter w(&buf, o);
        QVERIFY(w.writeRows(rows.size(), [&](qint64 r, QStringList &cells) { cells = rows[r]; }));
        const QList<QStringList> back = parseCsv(buf.data());
        QCOMPARE(back.size(), rows.size());
        for (qsizetype r = 0; r < rows.size(); ++r) {
            QStringList want;
            for (const QString &c : rows[r])
                want << expectedCell(c);
            QCOMPARE(back[r], want);
        }
    }

    void streamingReportsProgressAndCanCancel()
    {
        QBuffer buf;
        buf.open(QIODevice::WriteOnly);
        CsvWriter w(&buf);
        QList<qint64> reports;
        const bool ok = w.writeRows(
            10000, [](qint64 r, QStringList &cells) { cells << QString::number(r) << QStringLiteral("x,y"); },
            [&](qint64 done, qint64 total) {
                reports << done;
                return total == 10000;
            },
            1000);
        QVERIFY(ok);
        QCOMPARE(reports.size(), 11); // every 1000 rows and once at the end
        QCOMPARE(reports.back(), 10000);
        QCOMPARE(parseCsv(buf.data()).size(), 10000);

        QBuffer buf2;
        buf2.open(QIODevice::WriteOnly);
        CsvWriter w2(&buf2);
        const bool cancelled = !w2.writeRows(
            10000, [](qint64 r, QStringList &cells) { cells << QString::number(r); },
            [](qint64 done, qint64) { return done < 3000; }, 1000);
        QVERIFY(cancelled);
        QCOMPARE(w2.rowsWritten(), 3000);
    }

    void deviceErrorIsReported()
    {
        QBuffer buf; // not open
        CsvWriter w(&buf);
        QVERIFY(!w.writeRow({QStringLiteral("a")}));
        QVERIFY(w.hasError());
    }
};

QTEST_GUILESS_MAIN(TestReviewCsv)
#include "tst_review_csv.moc"

// ReviewEvent's row decoding (issue 13): the SELECT list and the decoder come
// from one column table, and a result that does not match it is refused by
// column name, never read shifted.
#include "ColumnList.h"
#include "DbTable.h"
#include "ReviewEvent.h"

#include <QTest>

using namespace oc;

class TestReviewEventRows : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void selectListNamesEveryDeclaredColumn()
    {
        const QString sql = QString::fromLatin1(ReviewEvent::selectColumns());
        for (const QString &name : ReviewEvent::columns().names())
            QVERIFY2(sql.contains(QStringLiteral(" AS ") + name), qPrintable(name));
        QCOMPARE(sql.count(QStringLiteral(" AS ")), ReviewEvent::columns().size());
    }

    void decodesByNameInAnyOrder()
    {
        QStringList names = ReviewEvent::columns().names();
        std::reverse(names.begin(), names.end());
        DbTable t(names, 1);
        t.set(0, int(names.indexOf(QStringLiteral("id"))), "42", false);
        t.set(0, int(names.indexOf(QStringLiteral("title"))), "Vigil", false);
        t.set(0, int(names.indexOf(QStringLiteral("state"))), "PA", false);
        t.set(0, int(names.indexOf(QStringLiteral("version"))), "3", false);
        const ReviewEvent e = ReviewEvent::fromTable(t, 0);
        QCOMPARE(e.id, 42);
        QCOMPARE(e.version, 3);
        QCOMPARE(e.title, QStringLiteral("Vigil"));
        QCOMPARE(e.state, QStringLiteral("PA"));
    }

    void aColumnTheDecoderDoesNotKnowIsCaught()
    {
        QStringList names = ReviewEvent::columns().names();
        names << QStringLiteral("host_pronouns");
        DbTable t(names, 1);
        t.set(0, 0, "42", false);
        QString error;
        QVERIFY(!ReviewEvent::columns().locate(t, &error));
        QVERIFY2(error.contains(QStringLiteral("host_pronouns")), qPrintable(error));
        QCOMPARE(ReviewEvent::fromTable(t, 0).id, 0); // nothing read shifted
        names.removeAll(QStringLiteral("host_pronouns"));
        names.removeAll(QStringLiteral("capacity"));
        DbTable missing(names, 1);
        QVERIFY(!ReviewEvent::columns().locate(missing, &error));
        QVERIFY2(error.contains(QStringLiteral("capacity")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestReviewEventRows)
#include "tst_reviewevent_rows.moc"

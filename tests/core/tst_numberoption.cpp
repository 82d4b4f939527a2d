// Issue 16: numeric options are checked, never quietly 0 or garbage.
#include "NumberOption.h"

#include <QTest>

using namespace oc;

class TestNumberOption : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void integers_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("plain") << QStringLiteral("2000") << true << qint64(2000);
        QTest::newRow("blanks") << QStringLiteral(" 7 ") << true << qint64(7);
        QTest::newRow("min") << QStringLiteral("0") << true << qint64(0);
        QTest::newRow("max") << QStringLiteral("65535") << true << qint64(65535);
        QTest::newRow("word") << QStringLiteral("abc") << false << qint64(0);
        QTest::newRow("empty") << QString() << false << qint64(0);
        QTest::newRow("negative") << QStringLiteral("-1") << false << qint64(0);
        QTest::newRow("too large") << QStringLiteral("65536") << false << qint64(0);
        QTest::newRow("exponent") << QStringLiteral("1e9") << false << qint64(0);
        QTest::newRow("fraction") << QStringLiteral("2.5") << false << qint64(0);
        QTest::newRow("trailing junk") << QStringLiteral("12abc") << false << qint64(0);
        QTest::newRow("hex") << QStringLiteral("0x10") << false << qint64(0);
        QTest::newRow("group separator") << QStringLiteral("1,000") << false << qint64(0);
        QTest::newRow("overflow") << QStringLiteral("99999999999999999999999") << false << qint64(0);
    }
    void integers()
    {
        QFETCH(QString, value);
        QFETCH(bool, ok);
        QFETCH(qint64, expected);
        QString error;
        const auto v = NumberOption::integer(QStringLiteral("api-port"), value, 0, 65535, &error);
        QCOMPARE(v.has_value(), ok);
        if (ok) {
            QCOMPARE(*v, expected);
            QVERIFY(error.isEmpty());
        } else {
            QVERIFY2(error.contains(QStringLiteral("--api-port")), qPrintable(error));
            QVERIFY2(error.contains(QLatin1Char('"') + value + QLatin1Char('"')), qPrintable(error));
            QVERIFY2(error.contains(QStringLiteral("from 0 to 65535")), qPrintable(error));
        }
    }

    void reals_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<double>("expected");
        QTest::newRow("integer") << QStringLiteral("144") << true << 144.0;
        QTest::newRow("fraction") << QStringLiteral("0.5") << true << 0.5;
        QTest::newRow("exponent") << QStringLiteral("1e3") << true << 1000.0;
        QTest::newRow("word") << QStringLiteral("x") << false << 0.0;
        QTest::newRow("negative") << QStringLiteral("-1") << false << 0.0;
        QTest::newRow("too large") << QStringLiteral("1e9") << false << 0.0;
        QTest::newRow("nan") << QStringLiteral("nan") << false << 0.0;
        QTest::newRow("inf") << QStringLiteral("inf") << false << 0.0;
        QTest::newRow("comma decimal") << QStringLiteral("0,5") << false << 0.0;
    }
    void reals()
    {
        QFETCH(QString, value);
        QFETCH(bool, ok);
        QFETCH(double, expected);
        QString error;
        const auto v = NumberOption::real(QStringLiteral("--compression"), value, 0.001, 1000000, &error);
        QCOMPARE(v.has_value(), ok);
        if (ok) {
            QCOMPARE(*v, expected);
        } else {
            QVERIFY2(error.startsWith(QStringLiteral("--compression: \"") + value + QLatin1Char('"')),
                     qPrintable(error));
            QVERIFY2(error.contains(QStringLiteral("from 0.001 to 1000000")), qPrintable(error));
        }
    }
};

QTEST_GUILESS_MAIN(TestNumberOption)
#include "tst_numberoption.moc"

#include "GeoDistance.h"
#include "ZipDirectory.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using oc::ZipDirectory;

class TstZipDirectory : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void loadsBuiltInQuickly();
    void knownZips_data();
    void knownZips();
    void unknownZip();
    void zipPlusFourAndSpaces();
    void malformedZips_data();
    void malformedZips();
    void cityWithState_data();
    void cityWithState();
    void cityWithoutStatePrefersBiggest();
    void cityAbbreviationsAccentsCase();
    void unknownCity();
    void cityInWrongState();
    void badState();
    void searchDecidesZipOrCity();
    void searchRadiusIsSensible();
    void distances();
    void nearestSortsByDistance();
    void placesForSimulator();
    void loadsCustomFileAndRejectsBadOnes();

private:
    const ZipDirectory &dir() const { return ZipDirectory::builtIn(); }
};

void TstZipDirectory::initTestCase()
{
    // The data lives in oc_resources; without the resource linked in, every
    // other test would fail for a confusing reason.
    QVERIFY2(QFile::exists(ZipDirectory::defaultPath()), "zips.csv resource is not linked into the test");
}

void TstZipDirectory::loadsBuiltInQuickly()
{
    // Load time is reported by the benchmarks, never asserted here.
    ZipDirectory d;
    QString error;
    QVERIFY2(d.load(ZipDirectory::defaultPath(), &error), qPrintable(error));
    QVERIFY(d.size() > 33000);
    QVERIFY(error.isEmpty());
}

void TstZipDirectory::knownZips_data()
{
    QTest::addColumn<QString>("zip");
    QTest::addColumn<QString>("city");
    QTest::addColumn<QString>("state");
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("lng");
    QTest::newRow("Cambridge") << "02139" << "Cambridge" << "MA" << 42.364 << -71.104;
    QTest::newRow("New York") << "10001" << "New York" << "NY" << 40.750 << -73.997;
    QTest::newRow("Anchorage") << "99501" << "Anchorage" << "AK" << 61.22 << -149.86;
    QTest::newRow("Honolulu") << "96813" << "Honolulu" << "HI" << 21.31 << -157.85;
    QTest::newRow("Puerto Rico") << "00601" << "Adjuntas" << "PR" << 18.18 << -66.75;
}

void TstZipDirectory::knownZips()
{
    QFETCH(QString, zip);
    QFETCH(QString, city);
    QFETCH(QString, state);
    QFETCH(double, lat);
    QFETCH(double, lng);
    QString error = QStringLiteral("stale");
    const auto place = dir().lookupZip(zip, &error);
    QVERIFY2(place, qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(place->zip, zip);
    QCOMPARE(place->city, city);
    QCOMPARE(place->state, state);
    QVERIFY(place->residential);
    // Centroids, not exact points: within ~3 miles of the reference.
    QVERIFY2(ZipDirectory::distanceMiles(place->lat, place->lng, lat, lng) < 3,
             qPrintable(QStringLiteral("%1,%2").arg(place->lat).arg(place->lng)));
}

void TstZipDirectory::unknownZip()
{
    QString error;
    QVERIFY(!dir().lookupZip(QStringLiteral("00000"), &error));
    QCOMPARE(error, QStringLiteral("No US ZIP code 00000"));
    QVERIFY(!dir().lookupZip(QStringLiteral("99999-1234"), &error));
    QCOMPARE(error, QStringLiteral("No US ZIP code 99999"));
}

void TstZipDirectory::zipPlusFourAndSpaces()
{
    for (const char *text : {"02139-1234", "  02139 ", "\t02139-4307\n"}) {
        const auto place = dir().lookupZip(QString::fromLatin1(text));
        QVERIFY2(place, text);
        QCOMPARE(place->zip, QStringLiteral("02139"));
    }
    // A PO-box ZIP is found too, but never counts as a place people live.
    const auto poBox = dir().lookupZip(QStringLiteral("10008"));
    QVERIFY(poBox);
    QCOMPARE(poBox->city, QStringLiteral("New York"));
    QVERIFY(!poBox->residential);
}

void TstZipDirectory::malformedZips_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("empty") << "" << "Enter a 5-digit ZIP code";
    QTest::newRow("spaces") << "   " << "Enter a 5-digit ZIP code";
    QTest::newRow("4 digits") << "2139" << "has 4";
    QTest::newRow("6 digits") << "021391" << "has 6";
    QTest::newRow("letters") << "abcde" << "is not a ZIP code";
    QTest::newRow("short +4") << "02139-12" << "is not a ZIP code";
    QTest::newRow("inner space") << "021 39" << "is not a ZIP code";
    QTest::newRow("garbage") << "02139;DROP TABLE" << "is not a ZIP code";
}

void TstZipDirectory::malformedZips()
{
    QFETCH(QString, text);
    QFETCH(QString, errorPart);
    QString error;
    QVERIFY(!dir().lookupZip(text, &error));
    QVERIFY2(error.contains(errorPart), qPrintable(error));
}

void TstZipDirectory::cityWithState_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("city");
    QTest::addColumn<QString>("state");
    QTest::newRow("comma") << "Cambridge, MA" << "Cambridge" << "MA";
    QTest::newRow("lower, no comma") << "cambridge ma" << "Cambridge" << "MA";
    QTest::newRow("other state") << "Cambridge, MD" << "Cambridge" << "MD";
    QTest::newRow("state name") << "Portland, Maine" << "Portland" << "ME";
    QTest::newRow("two-word state, no comma") << "Charleston West Virginia" << "Charleston" << "WV";
    QTest::newRow("state word in name") << "Kansas City, MO" << "Kansas City" << "MO";
    QTest::newRow("state word in name, no state") << "Virginia Beach" << "Virginia Beach" << "VA";
    QTest::newRow("city named like its state") << "New York" << "New York" << "NY";
    QTest::newRow("full, no comma") << "new york new york" << "New York" << "NY";
}

void TstZipDirectory::cityWithState()
{
    QFETCH(QString, text);
    QFETCH(QString, city);
    QFETCH(QString, state);
    QString error;
    const auto found = dir().lookupCity(text, &error);
    QVERIFY2(!found.isEmpty(), qPrintable(error));
    QCOMPARE(found.first().name, city);
    QCOMPARE(found.first().state, state);
    QVERIFY(found.first().zipCount >= 1);
}

void TstZipDirectory::cityWithoutStatePrefersBiggest()
{
    const auto found = dir().lookupCity(QStringLiteral("Cambridge"));
    QVERIFY(found.size() > 3);
    QCOMPARE(found.first().state, QStringLiteral("MA"));
    QVERIFY(std::any_of(found.begin(), found.end(), [](const auto &c) { return c.state == QLatin1String("MD"); }));
    for (qsizetype i = 1; i < found.size(); ++i)
        QVERIFY(found[i - 1].zipCount >= found[i].zipCount);

    const auto portland = dir().lookupCity(QStringLiteral("Portland"));
    QVERIFY(!portland.isEmpty());
    QCOMPARE(portland.first().state, QStringLiteral("OR"));

    const auto result = dir().search(QStringLiteral("Cambridge"));
    QVERIFY(result.ok);
    QCOMPARE(result.label, QStringLiteral("Cambridge, MA"));
    QCOMPARE(result.alternatives.size(), found.size() - 1);
}

void TstZipDirectory::cityAbbreviationsAccentsCase()
{
    for (const char *text : {"Saint Paul, MN", "St. Paul, MN", "st paul mn", "ST PAUL", "Saint-Paul MN"}) {
        const auto found = ZipDirectory::builtIn().lookupCity(QString::fromUtf8(text));
        QVERIFY2(!found.isEmpty(), text);
        QCOMPARE(found.first().name, QStringLiteral("Saint Paul"));
        QCOMPARE(found.first().state, QStringLiteral("MN"));
    }
    QString error;
    auto found = dir().lookupCity(QStringLiteral("SAN JOSÉ, ca"), &error);
    QVERIFY2(!found.isEmpty(), qPrintable(error));
    QCOMPARE(found.first().name, QStringLiteral("San Jose"));
    found = dir().lookupCity(QStringLiteral("Cañon City, Colorado"), &error);
    QVERIFY2(!found.isEmpty(), qPrintable(error));
    QCOMPARE(found.first().state, QStringLiteral("CO"));
    found = dir().lookupCity(QStringLiteral("Ft. Worth TX"), &error);
    QVERIFY2(!found.isEmpty(), qPrintable(error));
    QCOMPARE(found.first().name, QStringLiteral("Fort Worth"));
    found = dir().lookupCity(QStringLiteral("winston-salem"), &error);
    QVERIFY2(!found.isEmpty(), qPrintable(error));
    QCOMPARE(found.first().state, QStringLiteral("NC"));

    QCOMPARE(ZipDirectory::cityKey(QStringLiteral("St. Paul")), ZipDirectory::cityKey(QStringLiteral("SAINT PAUL")));
    QCOMPARE(ZipDirectory::cityKey(QStringLiteral("Mc Lean")), ZipDirectory::cityKey(QStringLiteral("McLean")));
}

void TstZipDirectory::unknownCity()
{
    QString error;
    QVERIFY(dir().lookupCity(QStringLiteral("Xyzzy"), &error).isEmpty());
    QCOMPARE(error, QStringLiteral("No city named 'Xyzzy' — try 'City, ST' or a ZIP code"));

    const auto result = dir().search(QStringLiteral("  Xyzzy "));
    QVERIFY(!result.ok);
    QCOMPARE(result.error, QStringLiteral("No city named 'Xyzzy' — try 'City, ST' or a ZIP code"));

    QVERIFY(dir().lookupCity(QStringLiteral("Xyzzy, NY"), &error).isEmpty());
    QCOMPARE(error, QStringLiteral("No city named 'Xyzzy' — try 'City, ST' or a ZIP code"));
    QVERIFY(dir().lookupCity(QStringLiteral("Xyzzy Falls ny"), &error).isEmpty());
    QCOMPARE(error, QStringLiteral("No city named 'Xyzzy Falls' — try 'City, ST' or a ZIP code"));
}

void TstZipDirectory::cityInWrongState()
{
    QString error;
    QVERIFY(dir().lookupCity(QStringLiteral("Honolulu, TX"), &error).isEmpty());
    QCOMPARE(error, QStringLiteral("No city named 'Honolulu' in TX — there is one in HI"));
}

void TstZipDirectory::badState()
{
    QString error;
    QVERIFY(dir().lookupCity(QStringLiteral("Cambridge, XX"), &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("'XX' is not a US state")), qPrintable(error));
    QVERIFY(dir().lookupCity(QStringLiteral(", MA"), &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("Enter a city name")), qPrintable(error));
}

void TstZipDirectory::searchDecidesZipOrCity()
{
    auto r = dir().search(QStringLiteral("02139"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.zip, QStringLiteral("02139"));
    QCOMPARE(r.label, QStringLiteral("Cambridge, MA 02139"));

    r = dir().search(QStringLiteral("Cambridge, MA 02139-4307"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.zip, QStringLiteral("02139"));

    r = dir().search(QStringLiteral("00000"));
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("No US ZIP code 00000"));

    r = dir().search(QStringLiteral("2139"));
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QStringLiteral("5 digits")), qPrintable(r.error));

    r = dir().search(QString());
    QVERIFY(!r.ok);
    QVERIFY(!r.error.isEmpty());

    r = dir().search(QStringLiteral("cambridge ma"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.label, QStringLiteral("Cambridge, MA"));
    QVERIFY(r.zip.isEmpty());
    QVERIFY(ZipDirectory::distanceMiles(r.lat, r.lng, 42.37, -71.11) < 5);
}

void TstZipDirectory::searchRadiusIsSensible()
{
    const auto downtown = dir().search(QStringLiteral("10001"));
    const auto rural = dir().search(QStringLiteral("59001")); // Absarokee, MT
    const auto bigCity = dir().search(QStringLiteral("Houston, TX"));
    QVERIFY(downtown.ok && rural.ok && bigCity.ok);
    QVERIFY2(downtown.radiusMiles >= 3 && downtown.radiusMiles <= 5, qPrintable(QString::number(downtown.radiusMiles)));
    QVERIFY(rural.radiusMiles > downtown.radiusMiles);
    QVERIFY(rural.radiusMiles <= 25);
    QVERIFY2(bigCity.radiusMiles > 10 && bigCity.radiusMiles <= 60, qPrintable(QString::number(bigCity.radiusMiles)));
}

void TstZipDirectory::distances()
{
    // NYC City Hall to LA City Hall: 2445 miles great-circle.
    const double nyLa = ZipDirectory::distanceMiles(40.7128, -74.0060, 34.0522, -118.2437);
    QVERIFY2(std::abs(nyLa - 2445) < 2445 * 0.01, qPrintable(QString::number(nyLa)));
    QCOMPARE(oc::GeoDistance::miles(1, 2, 1, 2), 0.0);
    QVERIFY(std::abs(oc::GeoDistance::miles(0, 0, 0, 180) - 3.14159265 * oc::GeoDistance::kEarthRadiusMiles) < 0.01);
    // Symmetric, and fine across the antimeridian (Attu to Adak-ish).
    QCOMPARE(oc::GeoDistance::miles(52.9, 172.9, 51.9, -176.6), oc::GeoDistance::miles(51.9, -176.6, 52.9, 172.9));
    QVERIFY(oc::GeoDistance::miles(52.9, 172.9, 51.9, -176.6) < 500);
}

void TstZipDirectory::nearestSortsByDistance()
{
    const auto cambridge = dir().lookupZip(QStringLiteral("02139"));
    QVERIFY(cambridge);
    const auto near = dir().nearest(cambridge->lat, cambridge->lng, 10);
    QCOMPARE(near.size(), size_t(10));
    QCOMPARE(near.front().zip, QStringLiteral("02139"));
    double last = 0;
    for (const auto &p : near) {
        const double d = ZipDirectory::distanceMiles(cambridge->lat, cambridge->lng, p.lat, p.lng);
        QVERIFY(d >= last);
        QVERIFY(d < 5);
        QVERIFY(p.residential);
        last = d;
    }
    QVERIFY(dir().nearest(0, 0, 0).empty());
}

void TstZipDirectory::placesForSimulator()
{
    const auto &all = dir().places();
    QCOMPARE(int(all.size()), dir().size());
    const auto residential = std::count_if(all.begin(), all.end(), [](const auto &p) { return p.residential; });
    QVERIFY(residential > 33000);
    QVERIFY(std::is_sorted(all.begin(), all.end(), [](const auto &a, const auto &b) { return a.zip < b.zip; }));
    QSet<QString> states;
    for (const auto &p : all) {
        // From American Samoa (14°S) to Alaska's north coast; Guam and the
        // Northern Marianas have positive longitudes.
        QVERIFY(p.lat > -15 && p.lat < 72);
        QVERIFY((p.lng >= -180 && p.lng < -64) || p.lng > 144);
        states.insert(p.state);
        QCOMPARE(p.zip.size(), 5);
        QCOMPARE(p.state.size(), 2);
        QVERIFY(!p.city.isEmpty());
    }
    QVERIFY(states.size() >= 52); // 50 states, DC, Puerto Rico
}

void TstZipDirectory::loadsCustomFileAndRejectsBadOnes()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    auto write = [&](const char *name, const QByteArray &content) {
        QFile f(tmp.filePath(QString::fromLatin1(name)));
        if (!f.open(QIODevice::WriteOnly))
            return QString();
        f.write(content);
        return f.fileName();
    };
    // No kind column, CRLF, a quoted city, one bad row.
    const QString good = write("good.csv",
                               "zip,lat,lng,city,state\r\n"
                               "12345,42.8,-73.9,Schenectady,NY\r\n"
                               "54321,1.0,2.0,\"Comma, Town\",ZZ\r\n"
                               "bogus,1,2,X,YY\r\n");
    ZipDirectory d;
    QString error;
    QVERIFY2(d.load(good, &error), qPrintable(error));
    QCOMPARE(d.size(), 2);
    QVERIFY(d.lookupZip(QStringLiteral("12345"))->residential);
    QCOMPARE(d.lookupZip(QStringLiteral("54321"))->city, QStringLiteral("Comma, Town"));
    QVERIFY(!d.lookupCity(QStringLiteral("Schenectady NY")).isEmpty());

    QVERIFY(!d.load(tmp.filePath(QStringLiteral("missing.csv")), &error));
    QVERIFY(error.contains(QStringLiteral("Cannot open")));
    QVERIFY(!d.load(write("wrong.csv", "a,b,c\n1,2,3\n"), &error));
    QVERIFY(error.contains(QStringLiteral("not a ZIP table")));
    QVERIFY(!d.load(write("empty.csv", "zip,lat,lng,city,state,kind\n"), &error));
    QVERIFY(error.contains(QStringLiteral("no valid ZIP rows")));
    // A failed load keeps what was there.
    QCOMPARE(d.size(), 2);
}

QTEST_GUILESS_MAIN(TstZipDirectory)
#include "tst_zipdirectory.moc"

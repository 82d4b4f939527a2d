// The console under a dark palette at device pixel ratio 2: text must stay
// readable (measured on the rendered pixels, not just the palette), custom
// painted widgets must follow palette changes, and the capture must have
// twice the logical size.
#include "ConnectionDialog.h"
#include "Contrast.h"
#include "HubFeed.h"
#include "MapController.h"
#include "BasemapLayer.h"
#include "MapPanel.h"
#include "PgAsyncConnection.h"
#include "ReviewDeskController.h"
#include "ReviewPanel.h"
#include "Sparkline.h"
#include "StatTile.h"
#include "ThemeSetup.h"
#include "TotalsPanel.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QQuickItem>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace oc;

namespace {

QString outputPath(const QString &name)
{
    const QString dir = qEnvironmentVariable("OC_TEST_OUTPUT_DIR", QDir::tempPath());
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + name;
}

// The capture of `w` inside `image` (a grab of `root` at ratio `dpr`).
QImage region(const QImage &image, QWidget *root, QWidget *w, qreal dpr)
{
    const QRect logical(w->mapTo(root, QPoint(0, 0)), w->size());
    const QRect device(QPoint(qRound(logical.x() * dpr), qRound(logical.y() * dpr)),
                       QSize(qRound(logical.width() * dpr), qRound(logical.height() * dpr)));
    return image.copy(device);
}

// The background is the most common colour; the text is the pixel that
// contrasts most with it. Returns their contrast ratio.
double textContrast(const QImage &img, QColor *background = nullptr, QColor *text = nullptr)
{
    QHash<QRgb, int> counts;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            ++counts[img.pixel(x, y) | 0xff000000u];
    QRgb bg = 0;
    int best = -1;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (it.value() > best) {
            best = it.value();
            bg = it.key();
        }
    double maxRatio = 1.0;
    QRgb fg = bg;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (const double r = Contrast::ratio(QColor(it.key()), QColor(bg)); r > maxRatio) {
            maxRatio = r;
            fg = it.key();
        }
    if (background)
        *background = QColor(bg);
    if (text)
        *text = QColor(fg);
    return maxRatio;
}

bool containsColour(const QImage &img, const QColor &c, int tolerance)
{
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) {
            const QColor p = img.pixelColor(x, y);
            if (std::abs(p.red() - c.red()) <= tolerance && std::abs(p.green() - c.green()) <= tolerance &&
                std::abs(p.blue() - c.blue()) <= tolerance)
                return true;
        }
    return false;
}

} // namespace

class TestDarkMode : public QObject
{
    Q_OBJECT
    PgAsyncConnection m_db; // never opened: the panel is shown without data
    std::unique_ptr<HubFeed> m_feed;

    std::unique_ptr<TotalsPanel> makePanel()
    {
        auto panel = std::make_unique<TotalsPanel>(m_feed.get());
        panel->tile(QStringLiteral("rsvps"))->setValue(QStringLiteral("1,234,567"), QStringLiteral("+2,345 today"));
        panel->tile(QStringLiteral("review"))->setValue(QStringLiteral("42"));
        for (const char *k : {"rsvpsMin", "views"})
            panel->tile(QString::fromLatin1(k))->sparkline()->setValues({3, 8, 5, 12, 30, 22, 41, 38, 55, 47});
        panel->resize(900, 640);
        panel->show();
        return panel;
    }

    void checkReadable(QWidget *root, const QImage &image, double minTextRatio, int minLabels)
    {
        const qreal dpr = image.devicePixelRatio();
        int labels = 0;
        for (QLabel *l : root->findChildren<QLabel *>()) {
            if (!l->isVisible() || l->text().isEmpty())
                continue;
            QColor bg, fg;
            const double r = textContrast(region(image, root, l, dpr), &bg, &fg);
            QVERIFY2(r >= minTextRatio,
                     qPrintable(QStringLiteral("'%1': text %2 on %3, contrast %4")
                                    .arg(l->text(), fg.name(), bg.name())
                                    .arg(r, 0, 'f', 2)));
            ++labels;
        }
        QVERIFY(labels >= minLabels);
        for (QWidget *w : root->findChildren<QWidget *>()) {
            const QPalette &p = w->palette();
            QVERIFY2(p.color(QPalette::WindowText) != p.color(QPalette::Window), w->metaObject()->className());
            QVERIFY2(p.color(QPalette::Text) != p.color(QPalette::Base), w->metaObject()->className());
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        m_feed = std::make_unique<HubFeed>(&m_db);
        ThemeSetup::apply(Qt::ColorScheme::Dark);
        QVERIFY(Contrast::isDark(QApplication::palette().color(QPalette::Window)));
        QCOMPARE(qApp->devicePixelRatio(), 2.0);
    }

    void totalsPanelDarkAtRatio2()
    {
        auto panel = makePanel();
        QVERIFY(QTest::qWaitForWindowExposed(panel.get()));
        const QPixmap pm = panel->grab();
        QCOMPARE(pm.devicePixelRatio(), 2.0);
        QCOMPARE(pm.size(), panel->size() * 2);
        const QImage image = pm.toImage();
        QVERIFY(image.save(outputPath(QStringLiteral("darkmode-totals-dpr2.png"))));
        QVERIFY(Contrast::isDark(image.pixelColor(2, 2)));
        // Captions and details use the placeholder role: large-text contrast.
        checkReadable(panel.get(), image, 3.0, 10);

        for (const char *k : {"rsvpsMin", "views"}) {
            Sparkline *s = panel->tile(QString::fromLatin1(k))->sparkline();
            const QColor line = s->lineColor();
            QVERIFY2(Contrast::ratio(line, s->palette().color(QPalette::Window)) >= 3.0, k);
            QVERIFY2(containsColour(region(image, panel.get(), s, 2.0), line, 8), k);
        }
    }

    void paintedWidgetsFollowPaletteChanges()
    {
        auto panel = makePanel();
        QVERIFY(QTest::qWaitForWindowExposed(panel.get()));
        Sparkline *s = panel->tile(QStringLiteral("views"))->sparkline();
        const QColor dark = s->lineColor();
        ThemeSetup::apply(Qt::ColorScheme::Light);
        // Widgets take the new application palette from posted events.
        QTRY_VERIFY(!Contrast::isDark(s->palette().color(QPalette::Window)));
        const QImage light = panel->grab().toImage();
        QVERIFY(light.save(outputPath(QStringLiteral("lightmode-totals-dpr2.png"))));
        QVERIFY(!Contrast::isDark(light.pixelColor(2, 2)));
        QVERIFY(s->lineColor() != dark);
        QVERIFY(containsColour(region(light, panel.get(), s, 2.0), s->lineColor(), 8));
        checkReadable(panel.get(), light, 3.0, 10);
        ThemeSetup::apply(Qt::ColorScheme::Dark);
        QTRY_COMPARE(s->lineColor(), dark);
        QVERIFY(Contrast::isDark(panel->grab().toImage().pixelColor(2, 2)));
    }

    void connectionDialogMessagesReadable()
    {
        ConnectionDialog d;
        d.findChildren<QRadioButton *>().at(1)->setChecked(true);
        for (QComboBox *c : d.findChildren<QComboBox *>())
            if (c->accessibleName() == QStringLiteral("How to connect"))
                c->setCurrentIndex(2);
        for (QLineEdit *e : d.findChildren<QLineEdit *>())
            if (e->accessibleName() == QStringLiteral("Connection string"))
                e->setText(QStringLiteral("host=x = ="));
        QSignalSpy done(&d, &ConnectionDialog::testFinished);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        d.testConnection(); // unparseable: answered at once, in red
        QCOMPARE(done.count(), 1);
        QCOMPARE(done.at(0).at(0).toBool(), false);
        QLabel *result = nullptr;
        for (QLabel *l : d.findChildren<QLabel *>())
            if (l->text() == d.lastResult())
                result = l;
        QVERIFY(result);
        const QImage image = d.grab().toImage();
        QVERIFY(image.save(outputPath(QStringLiteral("darkmode-connectiondialog-dpr2.png"))));
        QColor bg, fg;
        const double r = textContrast(region(image, &d, result, 2.0), &bg, &fg);
        QVERIFY2(r >= 4.5, qPrintable(QStringLiteral("%1 on %2: %3").arg(fg.name(), bg.name()).arg(r)));
        QVERIFY2(fg.red() > fg.green() && fg.red() > fg.blue(), qPrintable(fg.name())); // still red
        // Switching the scheme while the message is shown keeps it readable.
        ThemeSetup::apply(Qt::ColorScheme::Light);
        QTRY_VERIFY(!Contrast::isDark(result->palette().color(QPalette::Window)));
        QColor lbg, lfg;
        const double rl = textContrast(region(d.grab().toImage(), &d, result, 2.0), &lbg, &lfg);
        ThemeSetup::apply(Qt::ColorScheme::Dark);
        QTRY_VERIFY(Contrast::isDark(result->palette().color(QPalette::Window)));
        QVERIFY2(rl >= 4.5, qPrintable(QStringLiteral("%1 on %2: %3").arg(lfg.name(), lbg.name()).arg(rl)));
        checkReadable(&d, image, 3.0, 3);
    }

    void reviewBannerDarkInDarkMode()
    {
        ReviewDeskController desk(&m_db, nullptr, QStringLiteral("alice"));
        ReviewPanel panel(&desk);
        auto *banner = panel.findChild<QWidget *>(QStringLiteral("reviewBanner"));
        QVERIFY(banner);
        const auto check = [&](bool dark) {
            const QColor bg = banner->palette().color(QPalette::Window);
            const QColor fg = banner->palette().color(QPalette::WindowText);
            QVERIFY2(Contrast::isDark(bg) == dark, qPrintable(bg.name()));
            QVERIFY2(Contrast::ratio(fg, bg) >= 4.5, qPrintable(fg.name() + QLatin1String(" on ") + bg.name()));
        };
        check(true);
        QVERIFY(Contrast::luminance(banner->palette().color(QPalette::Window)) < 0.1);
        // It follows a scheme change.
        ThemeSetup::apply(Qt::ColorScheme::Light);
        QTRY_VERIFY(!Contrast::isDark(panel.palette().color(QPalette::Window)));
        check(false);
        ThemeSetup::apply(Qt::ColorScheme::Dark);
        QTRY_VERIFY(Contrast::isDark(panel.palette().color(QPalette::Window)));
        check(true);
    }

    void mapColoursDarkInDarkMode()
    {
        MapPanel panel(m_feed.get());
        panel.resize(800, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        MapController *c = panel.controller();
        QVERIFY(c->darkTheme());
        for (const QColor &bg : {c->backgroundColor(), c->clusterFaceColor(), c->panelColor()})
            QVERIFY2(Contrast::isDark(bg), qPrintable(bg.name()));
        QVERIFY(Contrast::ratio(c->labelColor(), c->clusterFaceColor()) >= 4.5);
        QVERIFY(Contrast::ratio(c->panelTextColor(), c->panelColor()) >= 4.5);
        // The QML map draws with them.
        QTRY_VERIFY(panel.mapItem());
        QCOMPARE(panel.mapItem()->property("color").value<QColor>(), c->backgroundColor());
        // So do the offline basemap's outlines: light lines on the dark ground.
        auto *basemap = panel.mapItem()->findChild<BasemapLayer *>(QStringLiteral("basemapLayer"));
        QVERIFY(basemap);
        QTRY_VERIFY(basemap->isDark());
        for (int kind = 0; kind < 3; ++kind)
            QVERIFY2(Contrast::ratio(basemap->lineColor(kind), c->backgroundColor()) >= 1.8,
                     qPrintable(basemap->lineColor(kind).name()));
        QVERIFY(Contrast::ratio(basemap->lineColor(2), c->backgroundColor()) >= 3.0);
        // And follows a scheme change.
        ThemeSetup::apply(Qt::ColorScheme::Light);
        QTRY_VERIFY(!c->darkTheme());
        QVERIFY(!Contrast::isDark(c->backgroundColor()));
        QVERIFY(!Contrast::isDark(c->clusterFaceColor()));
        QTRY_VERIFY(!basemap->isDark());
        QVERIFY(Contrast::ratio(basemap->lineColor(2), c->backgroundColor()) >= 3.0);
        QCOMPARE(panel.mapItem()->property("color").value<QColor>(), c->backgroundColor());
        ThemeSetup::apply(Qt::ColorScheme::Dark);
        QTRY_VERIFY(c->darkTheme());
        QCOMPARE(panel.mapItem()->property("color").value<QColor>(), c->backgroundColor());
    }

    void connectionStringFieldIsOneLineTall()
    {
        ConnectionDialog d;
        d.findChildren<QRadioButton *>().at(1)->setChecked(true);
        QComboBox *how = nullptr;
        for (QComboBox *c : d.findChildren<QComboBox *>())
            if (c->accessibleName() == QStringLiteral("How to connect"))
                how = c;
        QVERIFY(how);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        const int oneLine = QLineEdit().sizeHint().height();
        for (const auto &[index, name] : {std::pair {2, "Connection string"}, std::pair {1, "Service name"}}) {
            how->setCurrentIndex(index);
            QLineEdit *field = nullptr;
            for (QLineEdit *e : d.findChildren<QLineEdit *>())
                if (e->accessibleName() == QLatin1String(name))
                    field = e;
            QVERIFY(field);
            QTRY_VERIFY(field->isVisible());
            QCOMPARE(field->height(), oneLine);
        }
    }

    void colorSchemeNames()
    {
        QCOMPARE(ThemeSetup::parse(QStringLiteral("Dark")), std::optional(Qt::ColorScheme::Dark));
        QCOMPARE(ThemeSetup::parse(QStringLiteral("light")), std::optional(Qt::ColorScheme::Light));
        QCOMPARE(ThemeSetup::parse(QStringLiteral("system")), std::optional(Qt::ColorScheme::Unknown));
        QVERIFY(!ThemeSetup::parse(QStringLiteral("purple")));
        QCOMPARE(ThemeSetup::name(Qt::ColorScheme::Dark), QStringLiteral("dark"));
    }
};

int main(int argc, char **argv)
{
    // Before the application exists: the scale factor is read at start.
    qputenv("QT_SCALE_FACTOR", "2");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestDarkMode t;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&t, argc, argv);
}

#include "tst_darkmode.moc"

#include "ElidedLabel.h"
#include "HostTrainingPanel.h"
#include "HostQueueFilter.h"
#include "HostTrainingService.h"
#include "HubFeed.h"
#include "RejectDialog.h"
#include "ReviewPanel.h"
#include "ReviewDeskController.h"
#include "HostTrainingController.h"
#include "ReviewQueueFilter.h"
#include "ReviewQueueModel.h"
#include "ReviewService.h"
#include "ReviewTestData.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace oc;
using oc::test::ReviewTestData;

namespace {

QString outputPath(const QString &name)
{
    QString dir = qEnvironmentVariable("OC_TEST_OUTPUT_DIR");
    if (dir.isEmpty())
        dir = QDir::tempPath();
    QDir().mkpath(dir);
    return QDir(dir).filePath(name);
}

} // namespace

class TestReviewPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
    }

    void reviewThreeEventsWithTheKeyboard()
    {
        const QString ci = test::TestDatabase::instance().freshDatabase(QStringLiteral("review_panel_keys"));
        ReviewTestData d(ci);
        const qint64 host = d.host(QStringLiteral("Rosa"));
        const qint64 e1 = d.event(QStringLiteral("Canvass kickoff"), host, 30, 24);
        const qint64 e2 = d.event(QStringLiteral("Phone bank"), host, 20, 48, 41.0, -80.0);
        // Hostile text must stay text and must not break the layout.
        const QString hostile =
            QStringLiteral("<b>Bold</b> <script>alert(1)</script> \u202Egnp.exe ") + QString(400, QLatin1Char('W'));
        const qint64 e3 = d.event(hostile, host, 10, 72, 42.0, -81.0);
        d.s.exec(DbQuery("UPDATE events SET description = repeat('<img src=x onerror=alert(1)> ', 400) WHERE id = $1")
                     .bind(e3));

        auto conn = test::connectAsync(ci);
        QVERIFY(conn);
        HubFeed feed(conn.get());
        feed.setIntervals(100, 300);
        ReviewDeskController desk(conn.get(), &feed, QStringLiteral("tester"));
        ReviewPanel panel(&desk);
        QSignalSpy written(panel.service(), &ReviewService::writeFinished);
        QSignalSpy claims(panel.service(), &ReviewService::claimFinished);
        panel.resize(1400, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        QTRY_COMPARE_WITH_TIMEOUT(QApplication::activeWindow(), static_cast<QWidget *>(&panel), 5000);
        feed.start();
        QTRY_COMPARE_WITH_TIMEOUT(panel.queueFilter()->rowCount(), 3, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(panel.currentEventId(), e1, 10000);
        panel.queueView()->setFocus();

        // Navigation: J/K and Down/Up.
        QTest::keyClick(&panel, Qt::Key_J);
        QCOMPARE(panel.currentEventId(), e2);
        QTest::keyClick(&panel, Qt::Key_K);
        QCOMPARE(panel.currentEventId(), e1);
        QTest::keyClick(&panel, Qt::Key_Down);
        QTest::keyClick(&panel, Qt::Key_Down);
        QCOMPARE(panel.currentEventId(), e3);

        // The hostile title is shown literally, without its bidi override,
        // and the panel still fits a normal screen.
        QTRY_VERIFY_WITH_TIMEOUT(panel.currentEvent() && panel.currentEvent()->hasDetails, 10000);
        auto *heading = panel.findChildren<ElidedLabel *>().value(0);
        QVERIFY(heading);
        QVERIFY(heading->displayText().contains(QStringLiteral("<script>alert(1)</script>")));
        QVERIFY(!heading->displayText().contains(QChar(0x202E)));
        QVERIFY(panel.minimumSizeHint().width() < 1400);
        QVERIFY(panel.sizeHint().width() < 3000);
        const QString shot = outputPath(QStringLiteral("review-queue.png"));
        QVERIFY(panel.grab().save(shot));
        QVERIFY(QFileInfo(shot).size() > 0);
        QVERIFY(!QImage(shot).isNull());

        QTest::keyClick(&panel, Qt::Key_Up);
        QTest::keyClick(&panel, Qt::Key_Up);
        QCOMPARE(panel.currentEventId(), e1);
        QTRY_VERIFY_WITH_TIMEOUT(panel.currentEvent() && panel.currentEvent()->hasDetails, 10000);

        // 1: approve with A; the panel moves on without waiting.
        QTest::keyClick(&panel, Qt::Key_A);
        QCOMPARE(panel.currentEventId(), e2);
        QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, 10000);

        // 2: reject with R, type the message, Ctrl+Enter.
        QTest::keyClick(&panel, Qt::Key_R);
        RejectDialog *dlg = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dlg = panel.findChild<RejectDialog *>()) && dlg->isVisible(), 5000);
        // Activation is asynchronous; the dialog's shortcuts need it.
        QTRY_COMPARE_WITH_TIMEOUT(QApplication::activeWindow(), static_cast<QWidget *>(dlg), 5000);
        QTest::keyClicks(dlg->editor(), QStringLiteral("Please add the street address."));
        QTest::keyClick(dlg->editor(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(written.size(), 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.findChild<RejectDialog *>(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(QApplication::activeWindow(), static_cast<QWidget *>(&panel), 5000);
        QCOMPARE(panel.currentEventId(), e3);
        QTRY_VERIFY_WITH_TIMEOUT(panel.currentEvent() && panel.currentEvent()->hasDetails, 10000);

        // 3: flag it, then edit the title and save-and-approve.
        QTest::keyClick(&panel, Qt::Key_F);
        QTRY_COMPARE_WITH_TIMEOUT(written.size(), 3, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.currentEvent() && panel.currentEvent()->flagged, 10000);
        QTest::keyClick(&panel, Qt::Key_E);
        QVERIFY(panel.isEditing());
        QTRY_COMPARE_WITH_TIMEOUT(claims.size(), 1, 10000);
        QWidget *focus = QApplication::focusWidget();
        QVERIFY(qobject_cast<QLineEdit *>(focus));
        QTest::keyClick(focus, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(focus, QStringLiteral("Rally at the library"));
        QTest::keyClick(&panel, Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(written.size(), 4, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isEditing(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(panel.queueModel()->rowCount(), 0, 15000);
        QVERIFY(panel.grab().save(outputPath(QStringLiteral("review-queue-done.png"))));

        // What the database says.
        QCOMPARE(d.text("SELECT approval_status::text FROM events WHERE id = $1", e1), QStringLiteral("approved"));
        QCOMPARE(d.text("SELECT reviewed_by FROM events WHERE id = $1", e1), QStringLiteral("tester"));
        QCOMPARE(d.text("SELECT approval_status::text FROM events WHERE id = $1", e2), QStringLiteral("rejected"));
        QCOMPARE(d.text("SELECT rejection_message FROM events WHERE id = $1", e2),
                 QStringLiteral("Please add the street address."));
        QCOMPARE(d.text("SELECT approval_status::text FROM events WHERE id = $1", e3), QStringLiteral("approved"));
        QCOMPARE(d.text("SELECT title FROM events WHERE id = $1", e3), QStringLiteral("Rally at the library"));
        QVERIFY(d.s.exec(DbQuery("SELECT flagged FROM events WHERE id = $1").bind(e3)).toBool(0, 0));
        QCOMPARE(d.s.exec("SELECT count(*) FROM audit_log WHERE actor = 'tester' AND result = 'ok'").toInt64(0, 0),
                 qint64(5)); // approve, reject, flag, claim, edit+approve
    }

    void conflictDialogShowsWhoChangedWhat()
    {
        const QString ci = test::TestDatabase::instance().freshDatabase(QStringLiteral("review_panel_conflict"));
        ReviewTestData d(ci);
        const qint64 e1 = d.event(QStringLiteral("Vigil"), d.host(QStringLiteral("Ike")), 10);
        auto conn = test::connectAsync(ci);
        QVERIFY(conn);
        HubFeed feed(conn.get());
        feed.setIntervals(100, 300);
        ReviewDeskController desk(conn.get(), &feed, QStringLiteral("tester"));
        ReviewPanel panel(&desk);
        QSignalSpy conflicts(panel.service(), &ReviewService::conflictDetected);
        panel.resize(1200, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        QTRY_COMPARE_WITH_TIMEOUT(QApplication::activeWindow(), static_cast<QWidget *>(&panel), 5000);
        feed.start();
        QTRY_COMPARE_WITH_TIMEOUT(panel.currentEventId(), e1, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.currentEvent() && panel.currentEvent()->hasDetails, 10000);
        panel.queueView()->setFocus();
        // Another reviewer approves it first; the feed has not caught up yet.
        feed.stop();
        auto other = test::connectAsync(ci);
        ReviewService olga(other.get());
        olga.setOperatorName(QStringLiteral("olga"));
        bool done = false;
        olga.loadEvent(e1, [&](const std::optional<ReviewEvent> &e, const QList<ReviewLogEntry> &, const QString &) {
            olga.approve(*e, {}, [&](const ReviewOutcome &) { done = true; });
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);

        QTest::keyClick(&panel, Qt::Key_A);
        QTRY_COMPARE_WITH_TIMEOUT(conflicts.size(), 1, 10000);
        const auto c = conflicts[0][0].value<ReviewConflict>();
        QCOMPARE(c.changedBy, QStringLiteral("olga"));
        QDialog *dlg = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (dlg = panel.findChild<QDialog *>(QStringLiteral("conflictDialog"))) && dlg->isVisible(), 5000);
        QVERIFY(dlg->grab().save(outputPath(QStringLiteral("review-conflict.png"))));
        dlg->reject();
        QCOMPARE(d.text("SELECT reviewed_by FROM events WHERE id = $1", e1), QStringLiteral("olga"));
    }

    void hostPanelCopiesAndLogsContacts()
    {
        const QString ci = test::TestDatabase::instance().freshDatabase(QStringLiteral("review_panel_hosts"));
        ReviewTestData d(ci);
        const qint64 h =
            d.host(QStringLiteral("Noor \u202E<i>x</i>"), QStringLiteral("invited"), QStringLiteral("+1 215 555 0199"));
        d.event(QStringLiteral("House party"), h, 10, 6);
        auto conn = test::connectAsync(ci);
        QVERIFY(conn);
        HubFeed feed(conn.get());
        feed.setIntervals(100, 300);
        HostTrainingController hosts(conn.get(), &feed, QStringLiteral("tester"));
        HostTrainingPanel panel(&hosts);
        panel.resize(1200, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        QTRY_COMPARE_WITH_TIMEOUT(QApplication::activeWindow(), static_cast<QWidget *>(&panel), 5000);
        feed.start();
        QTRY_COMPARE_WITH_TIMEOUT(panel.queueFilter()->rowCount(), 1, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.currentHost() && panel.currentHost()->id == h, 10000);
        panel.copyPhone();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("+1 215 555 0199"));
        panel.copyEmail();
        QVERIFY(QGuiApplication::clipboard()->text().endsWith(QStringLiteral("@example.org")));

        auto *note = panel.findChildren<QLineEdit *>().value(-1);
        for (QLineEdit *e : panel.findChildren<QLineEdit *>())
            if (!e->isReadOnly())
                note = e;
        QVERIFY(note);
        panel.queueView()->setFocus();
        QTest::keyClick(&panel, Qt::Key_L);
        QCOMPARE(QApplication::focusWidget(), note);
        QTest::keyClicks(note, QStringLiteral("Booked for Thursday's training"));
        QSignalSpy written(panel.service(), &HostTrainingService::writeFinished);
        QTest::keyClick(note, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, 10000);
        QVERIFY(d.text("SELECT notes FROM hosts WHERE id = $1", h)
                    .endsWith(QStringLiteral("tester: Booked for Thursday's training")));
        QVERIFY(panel.grab().save(outputPath(QStringLiteral("host-training.png"))));

        QString err;
        const QString csv = outputPath(QStringLiteral("host-queue.csv"));
        QVERIFY2(panel.exportCsv(csv, &err), qPrintable(err));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
        QVERIFY(bytes.contains("'+1 215 555 0199")); // a phone number that looks like a formula is defused
    }
};

QTEST_MAIN(TestReviewPanel)
#include "tst_review_panel.moc"

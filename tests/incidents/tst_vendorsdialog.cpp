// The vendors dialog (issue 15 follow-up) on a real PostgreSQL, offscreen:
// an operator adds a vendor through the form and the row appears with the
// probe's live status; a refused input is said in the dialog and the form
// keeps what was typed; edit; remove asks first (Cancel, the default,
// keeps the vendor) and then removes; hostile strings stored by SQL show
// as one plain line; a viewer sees the buttons disabled and why; the
// Incidents menu opens it.

#include "ActionPermissions.h"
#include "ActionsController.h"
#include "ConnInfo.h"
#include "ConsoleSession.h"
#include "IncidentController.h"
#include "IncidentTestKit.h"
#include "PrivateSettings.h"
#include "SummaryServer.h"
#include "MainWindow.h"
#include "PgSession.h"
#include "TestDatabase.h"
#include "VendorListModel.h"
#include "VendorRegistry.h"
#include "VendorsDialog.h"

#include <QAction>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace oc;
using namespace Qt::Literals::StringLiterals;

namespace {

// Statuspage's GET /api/v2/summary.json shape (documented at every hosted
// page's /api): one component in a partial outage.
constexpr char kSummary[] =
    R"({"page":{"id":"p","name":"Tiles"},"status":{"indicator":"minor","description":"Partial outage"},)"
    R"("components":[{"id":"c1","name":"Tile <b>API</b>","status":"partial_outage","group":false}]})";

QString cell(VendorsDialog &d, const QString &name, int column)
{
    const int row = d.table()->model() ? static_cast<VendorListModel *>(d.table()->model())->rowOf(name) : -1;
    return row < 0 ? QString() : d.table()->model()->index(row, column).data().toString();
}

} // namespace

class TstVendorsDialog : public QObject
{
    Q_OBJECT

private:
    QString m_conninfo;
    test::SummaryServer m_vendorPage;
    QString m_summaryUrl;

    std::unique_ptr<ConsoleSession> console(const QString &who, const QString &conninfo)
    {
        return test::startConsole(who, conninfo);
    }

    QString scalar(const char *sql)
    {
        PgSession s(m_conninfo);
        const auto t = s.exec(DbQuery(sql));
        return t.rowCount() == 0 ? u"none"_s : t.text(0, 0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Its own settings: other GUI tests run in parallel.
        test::PrivateSettings::use(u"tst_vendorsdialog"_s);
        QString error;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&error), qPrintable(error));
        QVERIFY(m_vendorPage.start(kSummary));
        m_summaryUrl = m_vendorPage.url();
    }

    void cleanupTestCase() { test::PrivateSettings::remove(); }

    void init()
    {
        m_conninfo = test::TestDatabase::instance().freshDatabase(QString::fromLatin1(QTest::currentTestFunction()));
        test::storePlanRule(m_conninfo, test::siteRule());
    }

    void operatorAddsEditsAndRemoves()
    {
        auto session = console(u"dana"_s, m_conninfo);
        IncidentController *c = session->incidents();
        VendorsDialog d(c);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        QTRY_VERIFY_WITH_TIMEOUT(d.addButton()->isEnabled(), 15000);
        QVERIFY(d.readOnlyLabel()->isHidden());
        QVERIFY(!d.form()->isEnabled());
        QVERIFY(!d.editButton()->isEnabled()); // nothing selected yet

        // A refused input: said in the dialog, the form keeps it, no row.
        QTest::mouseClick(d.addButton(), Qt::LeftButton);
        QVERIFY(d.form()->isEnabled());
        QTest::keyClicks(d.nameEdit(), u"Map Tiles"_s);
        QTest::keyClicks(d.statusUrlEdit(), m_summaryUrl);
        QTest::mouseClick(d.saveButton(), Qt::LeftButton);
        QVERIFY2(d.statusLabel()->text().contains(u"lowercase"_s), qPrintable(d.statusLabel()->text()));
        QCOMPARE(d.nameEdit()->text(), u"Map Tiles"_s);
        QCOMPARE(d.table()->model()->rowCount(), 0);

        // Fixed and saved: the row appears, selected, with the probe's status.
        d.nameEdit()->clear();
        QTest::keyClicks(d.nameEdit(), u"map-tiles"_s);
        d.intervalBox()->setValue(30);
        QTest::mouseClick(d.saveButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(d.table()->model()->rowCount(), 1, 10000);
        QTRY_COMPARE(d.selectedName(), u"map-tiles"_s);
        QVERIFY2(d.statusLabel()->text().contains(u"Saved vendor map-tiles"_s), qPrintable(d.statusLabel()->text()));
        QVERIFY(!d.form()->isEnabled());
        QCOMPARE(cell(d, u"map-tiles"_s, VendorListModel::IntervalColumn), u"30 s"_s);
        QCOMPARE(cell(d, u"map-tiles"_s, VendorListModel::ChangedByColumn), u"dana"_s);
        QCOMPARE(scalar("SELECT name || ' ' || interval_s || ' ' || updated_by FROM alert_vendors"),
                 u"map-tiles 30 dana"_s);
        QTRY_COMPARE_WITH_TIMEOUT(cell(d, u"map-tiles"_s, VendorListModel::StatusColumn), u"Partial outage"_s, 10000);
        // The vendor's own words, as text.
        QTRY_VERIFY(d.detailLabel()->text().contains(u"Tile <b>API</b>: partial outage"_s));
        QCOMPARE(d.detailLabel()->textFormat(), Qt::PlainText);

        // Edit: the form starts from the row.
        QVERIFY(d.editButton()->isEnabled());
        QTest::mouseClick(d.editButton(), Qt::LeftButton);
        QCOMPARE(d.nameEdit()->text(), u"map-tiles"_s);
        QCOMPARE(d.statusUrlEdit()->text(), m_summaryUrl);
        d.intervalBox()->setValue(600);
        QTest::mouseClick(d.saveButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cell(d, u"map-tiles"_s, VendorListModel::IntervalColumn), u"600 s"_s, 10000);
        QCOMPARE(scalar("SELECT interval_s FROM alert_vendors"), u"600"_s);

        // Remove asks first, naming the vendor as text; Cancel is the default,
        // so Enter keeps it: the row and the database row stay.
        d.selectVendor(u"map-tiles"_s);
        QTest::mouseClick(d.removeButton(), Qt::LeftButton);
        QTRY_VERIFY(d.removeConfirmation() && d.removeConfirmation()->isVisible());
        QMessageBox *box = d.removeConfirmation();
        QCOMPARE(box->windowModality(), Qt::WindowModal); // open(), not a nested event loop
        QCOMPARE(box->textFormat(), Qt::PlainText);
        QVERIFY2(box->text().contains(u"map-tiles"_s), qPrintable(box->text()));
        auto *stop = box->findChild<QPushButton *>(u"stopWatchingButton"_s);
        QVERIFY(stop);
        QCOMPARE(stop->text(), u"&Stop watching map-tiles"_s);
        QCOMPARE(box->buttonRole(stop), QMessageBox::DestructiveRole);
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QCOMPARE(box->escapeButton(), box->button(QMessageBox::Cancel));
        QVERIFY(!stop->isDefault());
        QTest::keyClick(box, Qt::Key_Return);
        QTRY_VERIFY(!d.removeConfirmation());
        QCOMPARE(d.table()->model()->rowCount(), 1);
        QCOMPARE(d.selectedName(), u"map-tiles"_s);
        QVERIFY(!d.statusLabel()->text().contains(u"Remov"_s));
        QCOMPARE(scalar("SELECT count(*) FROM alert_vendors"), u"1"_s);

        // Escape is Cancel too.
        QTest::mouseClick(d.removeButton(), Qt::LeftButton);
        QTRY_VERIFY(d.removeConfirmation() && d.removeConfirmation()->isVisible());
        QTest::keyClick(d.removeConfirmation(), Qt::Key_Escape);
        QTRY_VERIFY(!d.removeConfirmation());
        QCOMPARE(scalar("SELECT count(*) FROM alert_vendors"), u"1"_s);

        // Confirmed (its mnemonic, from the keyboard): removed.
        QTest::mouseClick(d.removeButton(), Qt::LeftButton);
        QTRY_VERIFY(d.removeConfirmation() && d.removeConfirmation()->isVisible());
        d.removeConfirmation()->activateWindow(); // a mnemonic is a window shortcut
        QVERIFY(QTest::qWaitForWindowActive(d.removeConfirmation()));
        QTest::keyClick(d.removeConfirmation(), Qt::Key_S, Qt::AltModifier);
        QTRY_VERIFY(!d.removeConfirmation());
        QTRY_COMPARE_WITH_TIMEOUT(d.table()->model()->rowCount(), 0, 10000);
        QVERIFY(d.statusLabel()->text().contains(u"Removed vendor map-tiles"_s));
        QCOMPARE(scalar("SELECT count(*) FROM alert_vendors"), u"0"_s);
        QVERIFY(!d.removeButton()->isEnabled());
    }

    void hostileStringsStayPlain()
    {
        {
            // Rows written by SQL bypass the dialog's rules; only the table's
            // checks hold. What they carry is shown, never obeyed.
            PgSession s(m_conninfo);
            s.exec(DbQuery("INSERT INTO alert_vendors (name, status_url, interval_s, updated_by) "
                           "VALUES ('tiles', $1, 60, $2)")
                       .bind(u"https://status.example/<img src=x onerror=alert(1)>/\u202Egpj"_s)
                       .bind(u"<b>mallory</b>\u202Eevil\n"_s + QString(5000, u'x')));
        }
        auto session = console(u"dana"_s, m_conninfo);
        VendorsDialog d(session->incidents());
        d.show();
        QTRY_COMPARE_WITH_TIMEOUT(d.table()->model()->rowCount(), 1, 15000);
        const QString by = cell(d, u"tiles"_s, VendorListModel::ChangedByColumn);
        QVERIFY2(by.startsWith(u"<b>mallory</b>"_s), qPrintable(by)); // markup as text
        QVERIFY(!by.contains(QChar(0x202E)));
        QVERIFY(!by.contains(u'\n'));
        QVERIFY(by.size() <= 61);
        const QString url = cell(d, u"tiles"_s, VendorListModel::StatusUrlColumn);
        QVERIFY(url.contains(u"<img"_s));
        QVERIFY(!url.contains(QChar(0x202E)));
        // The window still fits a screen: the long value is cut, not laid out.
        QVERIFY(d.width() < 2000);
    }

    void viewerSeesWhy()
    {
        {
            PgSession s(m_conninfo);
            s.execScript("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dialog_viewer') THEN "
                         "CREATE ROLE dialog_viewer LOGIN IN ROLE oc_viewer; END IF; END $$");
            s.execScript("INSERT INTO alert_vendors (name, status_url, interval_s, updated_by) "
                         "VALUES ('map-tiles', 'https://status.tiles.example/api/v2/summary.json', 60, 'dana')");
        }
        auto session = console(u"vera"_s, ConnInfo::withParam(m_conninfo, u"user"_s, u"dialog_viewer"_s));
        IncidentController *c = session->incidents();
        VendorsDialog d(c);
        d.show();
        QTRY_COMPARE_WITH_TIMEOUT(session->actions()->permissions()->role(), ActionPermissions::Role::Viewer, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(d.table()->model()->rowCount(), 1, 15000); // viewers see the list
        QTRY_VERIFY_WITH_TIMEOUT(d.readOnlyLabel()->isVisible() && d.readOnlyLabel()->text().contains(u"operator"_s),
                                 10000);
        d.selectVendor(u"map-tiles"_s);
        QCOMPARE(d.selectedName(), u"map-tiles"_s);
        for (QPushButton *b : {d.addButton(), d.editButton(), d.removeButton()}) {
            QVERIFY2(!b->isEnabled(), qPrintable(b->text()));
            QCOMPARE(b->toolTip(), d.readOnlyLabel()->text());
        }
        QVERIFY(!d.form()->isEnabled());
    }

    void incidentsMenuOpensIt()
    {
        auto session = console(u"dana"_s, m_conninfo);
        MainWindow w(session.get());
        w.resize(1366, 768);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *action = w.findChild<QAction *>(u"incidents-vendors"_s);
        QVERIFY(action && action->isEnabled());
        action->trigger();
        QTRY_VERIFY(w.findChild<VendorsDialog *>() && w.findChild<VendorsDialog *>()->isVisible());
        // Buddies: each field of the form has its label's mnemonic.
        auto *dlg = w.findChild<VendorsDialog *>();
        for (QWidget *field : std::initializer_list<QWidget *> {dlg->nameEdit(), dlg->statusUrlEdit(),
                                                                dlg->quotaUrlEdit(), dlg->intervalBox()}) {
            QVERIFY(!field->accessibleName().isEmpty());
            const auto labels = dlg->findChildren<QLabel *>();
            QVERIFY(std::any_of(labels.cbegin(), labels.cend(), [field](QLabel *l) { return l->buddy() == field; }));
        }
        dlg->close();
    }
};

QTEST_MAIN(TstVendorsDialog)
#include "tst_vendorsdialog.moc"

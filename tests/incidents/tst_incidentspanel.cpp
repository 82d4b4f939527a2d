// The incidents panel (issue 15) on a real PostgreSQL with the hub schema and
// the real controller: a breach becomes a card with its runbook step, the
// Acknowledge button takes ownership (the owner and the timeline show it), a
// note goes through its dialog, the export writes the timeline; a viewer sees
// every button disabled and why; the main window's badge, dock, menu and the
// leadership copy; one desktop notification per firing card.

#include "ActionPermissions.h"
#include "ActionsController.h"
#include "AlertListModel.h"
#include "ConnInfo.h"
#include "ConsoleSession.h"
#include "DesktopNotifier.h"
#include "DrillReportDialog.h"
#include "IncidentController.h"
#include "IncidentListModel.h"
#include "IncidentsPanel.h"
#include "MainWindow.h"
#include "PgSession.h"
#include "PlanEditorDialog.h"
#include "PlanRule.h"
#include "RemedyRunner.h"
#include "RuleEngine.h"
#include "IncidentTestKit.h"
#include "PrivateSettings.h"
#include "TestDatabase.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <algorithm>
#include <memory>

using namespace oc;
using oc::test::siteRule;
using namespace Qt::Literals::StringLiterals;

namespace {

// The seam's recording end: what would have gone to the desktop.
class RecordingNotifier : public Notifier
{
public:
    QList<Message> notified;
    QList<Message> reminded;
    void notify(const Message &m, Done done) override
    {
        notified << m;
        done(true);
    }
    void remind(const Message &m, Done done) override
    {
        reminded << m;
        done(true);
    }
};

// A desktop without a notification service.
class NoService : public Notifier
{
public:
    int calls = 0;
    void notify(const Message &, Done done) override
    {
        ++calls;
        done(false);
    }
    void remind(const Message &, Done done) override
    {
        ++calls;
        done(false);
    }
};

QStringList column(QTableWidget *t, int col)
{
    QStringList out;
    for (int r = 0; r < t->rowCount(); ++r)
        out << (t->item(r, col) ? t->item(r, col)->text() : QString());
    return out;
}

bool anyContains(const QStringList &cells, const QString &text)
{
    return std::any_of(cells.cbegin(), cells.cend(), [&](const QString &c) { return c.contains(text); });
}

} // namespace

class TestIncidentsPanel : public QObject
{
    Q_OBJECT

private:
    QString m_conninfo;

    std::unique_ptr<ConsoleSession> console(const QString &who, const QString &conninfo)
    {
        return test::startConsole(who, conninfo);
    }

    void traffic(int requests, int errors) { test::writeTraffic(m_conninfo, requests, errors); }

private Q_SLOTS:
    void initTestCase()
    {
        // Its own settings: other GUI tests run in parallel.
        test::PrivateSettings::use(u"tst_incidentspanel"_s);
        QString error;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&error), qPrintable(error));
    }

    void cleanupTestCase() { test::PrivateSettings::remove(); }

    void init()
    {
        m_conninfo = test::TestDatabase::instance().freshDatabase(QString::fromLatin1(QTest::currentTestFunction()));
        test::storePlanRule(m_conninfo, siteRule());
        traffic(1000, 0);
    }

    void operatorWorksTheCard()
    {
        auto session = console(u"dana"_s, m_conninfo);
        IncidentController *c = session->incidents();
        IncidentsPanel panel(c);
        panel.resize(480, 900);
        panel.show();
        QTRY_VERIFY_WITH_TIMEOUT(c->isEvaluator(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(panel.rulesView()->model()->rowCount(), 1, 10000);
        QCOMPARE(panel.countLabel()->text(), u"No open incidents"_s);

        traffic(1000, 900);
        QTRY_VERIFY_WITH_TIMEOUT(panel.currentIncidentId() > 0, 15000);
        const qint64 id = panel.currentIncidentId();
        QCOMPARE(panel.countLabel()->text(), u"1 open incident"_s);
        QVERIFY(panel.findChild<QLabel *>(u"incidentRunbook"_s)->text().contains(u"Open the public site"_s));
        QCOMPARE(panel.cardList()->model()->rowCount(), 1);
        const QModelIndex card = panel.cardList()->model()->index(0, 0);
        QCOMPARE(card.data(IncidentListModel::StateRole).toInt(), int(Incident::State::Firing));
        QVERIFY(card.data(Qt::AccessibleTextRole).toString().contains(u"Site failing"_s));
        // The rules tab says the rule fires.
        const QModelIndex state = panel.rulesView()->model()->index(0, AlertListModel::StateColumn);
        QTRY_COMPARE_WITH_TIMEOUT(state.data().toString(), u"Firing"_s, 5000);

        // The remedy: labelled for people; without an ops API it cannot run,
        // and the card says why instead of a dead button.
        QPushButton *remedy = panel.remedyButton();
        QVERIFY(remedy->isVisible());
        QCOMPARE(remedy->text(), RemedyRunner::label(u"flip-to-static"_s));
        const QString why = c->remedyUnavailableReason(id);
        QCOMPARE(remedy->isEnabled(), why.isEmpty());
        if (!why.isEmpty()) {
            QVERIFY(panel.remedyReasonLabel()->isVisible());
            QCOMPARE(panel.remedyReasonLabel()->text(), why);
            QCOMPARE(remedy->toolTip(), why);
        }

        // Acknowledge: the owner on the card and in the detail, a line on the timeline.
        QTRY_VERIFY_WITH_TIMEOUT(panel.acknowledgeButton()->isEnabled(), 5000);
        QVERIFY(panel.permissionLabel()->isHidden());
        QTest::mouseClick(panel.acknowledgeButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(card.data(IncidentListModel::OwnerRole).toString(), u"dana"_s, 10000);
        QCOMPARE(card.data(IncidentListModel::StateRole).toInt(), int(Incident::State::Acknowledged));
        QTRY_VERIFY_WITH_TIMEOUT(column(panel.timelineView(), 1).contains(u"Acknowledged"_s), 10000);
        const int ackRow = int(column(panel.timelineView(), 1).indexOf(u"Acknowledged"_s));
        QCOMPARE(panel.timelineView()->item(ackRow, 2)->text(), u"dana"_s);
        // hh:mm:ss.zzz
        QVERIFY(QRegularExpression(u"^\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d$"_s)
                    .match(panel.timelineView()->item(ackRow, 0)->text())
                    .hasMatch());
        QVERIFY(!panel.acknowledgeButton()->isEnabled()); // already owned

        // A note, through its dialog.
        QTest::mouseClick(panel.noteButton(), Qt::LeftButton);
        auto *ask = qobject_cast<QInputDialog *>(panel.openDialog());
        QVERIFY(ask);
        ask->setTextValue(u"CDN shows 502s from origin"_s);
        ask->accept();
        QTRY_VERIFY_WITH_TIMEOUT(anyContains(column(panel.timelineView(), 3), u"CDN shows 502s from origin"_s), 10000);

        // Export: through the file dialog, as a user would.
        QTemporaryDir dir;
        const QString md = dir.filePath(u"review.md"_s);
        QTest::mouseClick(panel.exportMarkdownButton(), Qt::LeftButton);
        auto *save = qobject_cast<QFileDialog *>(panel.openDialog());
        QVERIFY(save);
        save->selectFile(md);
        static_cast<QDialog *>(save)->accept(); // QFileDialog::accept, as the Save button calls it
        QTRY_VERIFY(QFile::exists(md));
        QFile f(md);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY2(text.contains(u"Site failing"_s) && text.contains(u"dana"_s) &&
                     text.contains(u"CDN shows 502s from origin"_s),
                 qPrintable(text));
        QVERIFY(panel.statusLabel()->text().contains(md));
        const QString csv = dir.filePath(u"review.csv"_s);
        QVERIFY(panel.exportTo(csv, true));
        QFile fc(csv);
        QVERIFY(fc.open(QIODevice::ReadOnly));
        QVERIFY(fc.readAll().contains("CDN shows 502s from origin"));

        // The card paints in both schemes without asserting anything but
        // that it draws.
        QVERIFY(!panel.grab().isNull());

        // Recovery resolves the card; it moves under the open ones and the
        // count follows.
        traffic(1000, 0);
        QTRY_COMPARE_WITH_TIMEOUT(card.data(IncidentListModel::StateRole).toInt(), int(Incident::State::Resolved),
                                  15000);
        QTRY_COMPARE(panel.countLabel()->text(), u"No open incidents"_s);
        QVERIFY(!panel.resolveButton()->isEnabled());
        QVERIFY(!panel.remedyButton()->isEnabled());
    }

    void viewerSeesWhy()
    {
        {
            PgSession s(m_conninfo);
            s.execScript("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'panel_viewer') THEN "
                         "CREATE ROLE panel_viewer LOGIN IN ROLE oc_viewer; END IF; END $$");
            // A card another console recorded.
            s.execScript("INSERT INTO incidents (group_key, title, severity, root_rule_id, rules, runbook_step, "
                         "remedy_id) VALUES ('vendor', 'Map tiles failing', 'ticket', 'vendor-maps', "
                         "'{vendor-maps}', 'Check: the vendor status page', 'flip-to-static')");
            s.execScript("INSERT INTO incident_timeline (incident_id, kind, actor, rule_id, detail) "
                         "SELECT id, 'opened', 'engine', 'vendor-maps', 'maps degraded' FROM incidents");
        }
        auto session = console(u"vera"_s, ConnInfo::withParam(m_conninfo, u"user"_s, u"panel_viewer"_s));
        IncidentController *c = session->incidents();
        IncidentsPanel panel(c);
        panel.show();
        QTRY_COMPARE_WITH_TIMEOUT(session->actions()->permissions()->role(), ActionPermissions::Role::Viewer, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.currentIncidentId() > 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(anyContains(column(panel.timelineView(), 3), u"maps degraded"_s), 10000);
        QVERIFY(!c->canAct());
        for (QPushButton *b : {panel.acknowledgeButton(), panel.handOverButton(), panel.noteButton(),
                               panel.silenceButton(), panel.resolveButton(), panel.remedyButton()})
            QVERIFY2(!b->isEnabled(), qPrintable(b->text()));
        QVERIFY(panel.permissionLabel()->isVisible());
        QVERIFY(panel.permissionLabel()->text().contains(u"operator"_s));
        QCOMPARE(panel.acknowledgeButton()->toolTip(), panel.permissionLabel()->text());
        QVERIFY(panel.remedyReasonLabel()->isVisible());
        QCOMPARE(panel.remedyReasonLabel()->text(), c->remedyUnavailableReason(panel.currentIncidentId()));
        // Watching is allowed: the export works for a viewer too.
        QVERIFY(panel.exportMarkdownButton()->isEnabled());

        // The plan is read-only for a viewer, and says why.
        PlanEditorDialog plan(c);
        plan.show();
        QTRY_VERIFY_WITH_TIMEOUT(plan.ruleList()->count() >= 1, 10000);
        QVERIFY(plan.readOnlyLabel()->isVisible());
        QVERIFY(plan.readOnlyLabel()->text().contains(u"operator"_s));
        QVERIFY(!plan.saveButton()->isEnabled());
        QVERIFY(!plan.titleEdit()->isEnabled());
    }

    void planEditorSavesARule()
    {
        auto session = console(u"dana"_s, m_conninfo);
        IncidentController *c = session->incidents();
        QTRY_VERIFY_WITH_TIMEOUT(c->isShared() && c->canAct(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(c->plan().size(), 1, 10000);
        PlanEditorDialog plan(c);
        plan.show();
        plan.selectRule(u"test-site-5xx"_s);
        QVERIFY(plan.readOnlyLabel()->isHidden());
        QVERIFY(plan.saveButton()->isEnabled());
        auto *fire = qobject_cast<QDoubleSpinBox *>(plan.paramEditor(u"fire_at"_s));
        QVERIFY(fire);
        QCOMPARE(fire->value(), 0.5);
        fire->setValue(0.4);
        plan.titleEdit()->setText(u"Site failing (5xx)"_s);
        plan.pendingBox()->setValue(2);
        QSignalSpy saved(c, &IncidentController::planSaved);
        QTest::mouseClick(plan.saveButton(), Qt::LeftButton);
        QVERIFY(saved.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(plan.statusLabel()->text().contains(u"Saved"_s), 5000);
        PgSession s(m_conninfo);
        const auto row = s.exec(DbQuery("SELECT version, definition::text, updated_by FROM alert_plan"));
        QCOMPARE(row.toInt64(0, 0), 2);
        const QJsonObject def = QJsonDocument::fromJson(row.text(0, 1).toUtf8()).object();
        const auto stored = PlanRule::fromJson(def);
        QVERIFY(stored);
        QCOMPARE(stored->title, u"Site failing (5xx)"_s);
        QCOMPARE(stored->params.value(u"fire_at"_s).toDouble(), 0.4);
        QCOMPARE(stored->pendingMs, 2000);
        QCOMPARE(row.text(0, 2), u"dana"_s);
        // The dialog follows the new version (the next save is not a conflict).
        QTRY_COMPARE_WITH_TIMEOUT(c->plan().value(0).version, 2, 10000);
        QTRY_COMPARE(plan.editedRule().version, 2);
    }

    void oneNotificationPerFiringCard()
    {
        auto session = console(u"dana"_s, m_conninfo);
        IncidentController *c = session->incidents();
        auto recording = std::make_unique<RecordingNotifier>();
        RecordingNotifier *seen = recording.get();
        DesktopNotifier notifier(c, std::move(recording));
        // A second window on a desktop without the service falls back (tray
        // balloon where there is a tray, and the bell) once as well.
        DesktopNotifier bare(c, std::make_unique<NoService>());
        QSignalSpy fellBack(&bare, &DesktopNotifier::fellBack);
        QTRY_VERIFY_WITH_TIMEOUT(c->isEvaluator(), 15000);
        traffic(1000, 900);
        QTRY_COMPARE_WITH_TIMEOUT(seen->notified.size(), 1, 15000);
        const Notifier::Message m = seen->notified.first();
        QCOMPARE(m.summary, u"Site failing"_s);
        QCOMPARE(m.urgency, Notifier::Urgency::Critical);
        QVERIFY(m.body.contains(u"Open the public site"_s));
        QVERIFY(m.key > 0);
        // Several more evaluations of the same breach and the card's
        // acknowledgement coming back from the database: still one.
        QSignalSpy evaluated(c->engine(), &RuleEngine::evaluated);
        QTRY_VERIFY_WITH_TIMEOUT(evaluated.count() >= 3, 15000);
        c->acknowledge(m.key);
        QTRY_COMPARE_WITH_TIMEOUT(c->incidents()->find(m.key)->owner, u"dana"_s, 10000);
        QCOMPARE(seen->notified.size(), 1);
        QCOMPARE(notifier.fallbacks(), 0);
        QCOMPARE(bare.fallbacks(), 1);
        QCOMPARE(fellBack.count(), 1);
        QCOMPARE(fellBack.first().first().toString(), u"Site failing"_s);
        // A page still firing and not acknowledged sounds again: a reminder,
        // not a second notification.
        Incident still = *c->incidents()->find(m.key);
        Q_EMIT c->repeatSound(still);
        QCOMPARE(seen->reminded.size(), 1);
        QCOMPARE(seen->reminded.first().key, m.key);
        QCOMPARE(seen->notified.size(), 1);
    }

    void mainWindowBadgeDockAndMenu()
    {
        auto session = console(u"dana"_s, m_conninfo);
        MainWindow w(session.get());
        w.resize(1366, 768);
        w.showWorkspace(MainWindow::Workspace::Leadership);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.dock(u"incidentsDock"_s));
        QVERIFY(w.dock(u"leadershipIncidentsDock"_s)->isVisible());
        auto *watch = w.findChild<IncidentsPanel *>(u"leadershipIncidents"_s);
        QVERIFY(watch && watch->isWatchOnly());
        QVERIFY(!watch->acknowledgeButton()->isVisible());
        QVERIFY(!w.incidentBadge()->isVisible());

        IncidentController *c = session->incidents();
        QTRY_VERIFY_WITH_TIMEOUT(c->isEvaluator(), 15000);
        traffic(1000, 900);
        QTRY_VERIFY_WITH_TIMEOUT(w.incidentBadge()->isVisible(), 15000);
        QCOMPARE(w.incidentBadge()->text(), u"⚠ 1 incident firing"_s);
        QCOMPARE(watch->countLabel()->text(), u"1 open incident"_s);

        // One click on the badge: the rapid-response workspace, the card in front.
        QTest::mouseClick(w.incidentBadge(), Qt::LeftButton);
        QCOMPARE(w.workspaces()->current(), MainWindow::Workspace::RapidResponse);
        QTRY_VERIFY(w.dock(u"incidentsDock"_s)->isVisible());
        QTRY_VERIFY(!w.dock(u"incidentsDock"_s)->visibleRegion().isEmpty());
        QVERIFY(w.incidentsPanel()->currentIncidentId() > 0);

        // Acknowledged: nothing is firing any more, the badge goes.
        QTest::mouseClick(w.incidentsPanel()->acknowledgeButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!w.incidentBadge()->isVisible(), 10000);

        // The menu.
        QMenu *menu = w.menuBar()->findChild<QMenu *>(u"incidentsMenu"_s);
        QVERIFY(menu);
        auto *drill = w.findChild<QAction *>(u"incidents-drill"_s);
        QVERIFY(drill && drill->isCheckable() && drill->isEnabled());
        QCOMPARE(drill->text(), u"Start drill"_s);
        QVERIFY(w.findChild<QAction *>(u"incidents-edit-plan"_s));
        w.findChild<QAction *>(u"incidents-drill-report"_s)->trigger();
        auto *report = w.findChild<DrillReportDialog *>();
        QVERIFY(report && report->isVisible());
        QVERIFY(!report->saveButton()->isEnabled()); // no drill yet
    }
};

QTEST_MAIN(TestIncidentsPanel)
#include "tst_incidentspanel.moc"

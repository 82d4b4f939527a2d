#include "ActionAudit.h"
#include "ActionPermissions.h"
#include "ActionsTestKit.h"
#include "BlastService.h"
#include "CampaignLauncher.h"
#include "ConnInfo.h"
#include "Migrator.h"
#include "OpsApiClient.h"
#include "PgAsyncConnection.h"
#include "PgSession.h"
#include "TestDatabase.h"

#include <QSignalSpy>
#include <QTest>

using namespace oc;
using namespace oc::test;

// The role model of resources/sql/0002_roles.sql, enforced by the database:
// a console logged in as a viewer cannot act however it is modified.
class TestActionRoles : public QObject
{
    Q_OBJECT

    QString m_db;

    QString as(const QString &user) const { return ConnInfo::withParam(m_db, QStringLiteral("user"), user); }

    // The SQLSTATE of `sql` run as `user`, or "" when it succeeded.
    QString stateOf(const QString &user, const QByteArray &sql)
    {
        PgSession s(as(user));
        try {
            s.exec(DbQuery(sql));
            return {};
        } catch (const DbException &e) {
            return e.error.sqlState;
        }
    }

    qint64 campaignId()
    {
        PgSession s(m_db);
        return s.exec("SELECT id FROM campaigns ORDER BY id LIMIT 1").toInt64(0, 0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        QVERIFY2(TestDatabase::instance().ensureStarted(&err), qPrintable(err));
        PgSession s(TestDatabase::instance().server().conninfo(QStringLiteral("postgres")));
        s.execScript("CREATE ROLE t_viewer LOGIN IN ROLE oc_viewer;"
                     "CREATE ROLE t_trainer LOGIN IN ROLE oc_trainer;"
                     "CREATE ROLE t_alice LOGIN IN ROLE oc_operator;"
                     "CREATE ROLE t_nobody LOGIN;");
    }

    void init()
    {
        m_db = TestDatabase::instance().freshDatabase(QStringLiteral("roles_%1").arg(QTest::currentTestFunction()));
        PgSession s(m_db);
        s.execScript("INSERT INTO campaigns (slug, title) VALUES ('spring', 'Spring of action');"
                     "INSERT INTO hosts (name) VALUES ('Hana');"
                     "INSERT INTO events (campaign_id, host_id, title, starts_at) "
                     "  SELECT c.id, h.id, 'Rally', now() + interval '1 day' FROM campaigns c, hosts h;"
                     "INSERT INTO site_state (site, mode) VALUES ('events', 'dynamic');");
    }

    void migrationIsRepeatableWhenRolesExist()
    {
        // Roles belong to the cluster: migrating another database in it must
        // find them there and still succeed, grants and all.
        const QString other = TestDatabase::instance().emptyDatabase(QStringLiteral("roles_second"));
        PgSession s(other);
        const auto r = Migrator(s).migrate();
        QVERIFY(r.applied.contains(QStringLiteral("0002_roles")));
        PgSession v(ConnInfo::withParam(other, QStringLiteral("user"), QStringLiteral("t_viewer")));
        QCOMPARE(v.exec("SELECT count(*) FROM events").toInt64(0, 0), 0);
        QCOMPARE(s.exec("SELECT blast_approval_threshold()").toInt64(0, 0), 10000);
    }

    void viewerReadsButCannotWrite()
    {
        QCOMPARE(stateOf(QStringLiteral("t_viewer"),
                         "SELECT count(*) FROM events, hosts, campaigns, audit_log, blasts, site_state, rsvps, "
                         "traffic_samples, blast_policy"),
                 QString());
        // Supporters' contact details are for operators (blast audiences) only.
        QCOMPARE(stateOf(QStringLiteral("t_viewer"), "SELECT email FROM supporters"), QStringLiteral("42501"));
        QCOMPARE(stateOf(QStringLiteral("t_trainer"), "SELECT phone FROM supporters"), QStringLiteral("42501"));
        QCOMPARE(stateOf(QStringLiteral("t_alice"), "SELECT email, phone FROM supporters"), QString());
        QCOMPARE(
            stateOf(QStringLiteral("t_viewer"),
                    "INSERT INTO blasts (idempotency_key, campaign_id, channel, audience, audience_size, message, "
                    "requested_by) SELECT gen_random_uuid(), id, 'email', '{}', 1, 'hi', 'mallory' FROM campaigns"),
            QStringLiteral("42501"));
        QCOMPARE(stateOf(QStringLiteral("t_viewer"), "UPDATE campaigns SET status = 'live'"), QStringLiteral("42501"));
        QCOMPARE(stateOf(QStringLiteral("t_viewer"), "UPDATE site_state SET mode = 'static'"), QStringLiteral("42501"));
        QCOMPARE(stateOf(QStringLiteral("t_viewer"), "UPDATE events SET flagged = true"), QStringLiteral("42501"));
        QCOMPARE(
            stateOf(QStringLiteral("t_viewer"), "INSERT INTO audit_log (action, phase) VALUES ('launch', 'intent')"),
            QStringLiteral("42501"));
        QCOMPARE(stateOf(QStringLiteral("t_nobody"), "SELECT count(*) FROM events"), QStringLiteral("42501"));
    }

    void trainerReviewsButCannotOperate()
    {
        const QString t = QStringLiteral("t_trainer");
        QCOMPARE(stateOf(t, "UPDATE events SET flagged = true"), QString());
        QCOMPARE(stateOf(t, "UPDATE hosts SET prep_status = 'invited'"), QString());
        QCOMPARE(stateOf(t, "INSERT INTO audit_log (actor, action, phase) VALUES ('t', 'review.note', 'note')"),
                 QString());
        QCOMPARE(stateOf(t, "SELECT * FROM review_claim((SELECT id FROM events LIMIT 1), 'trainer')"), QString());
        QCOMPARE(
            stateOf(t,
                    "INSERT INTO blasts (idempotency_key, campaign_id, channel, audience, audience_size, message, "
                    "requested_by) SELECT gen_random_uuid(), id, 'email', '{}', 1, 'hi', 'trainer' FROM campaigns"),
            QStringLiteral("42501"));
        QCOMPARE(stateOf(t, "UPDATE campaigns SET status = 'live'"), QStringLiteral("42501"));
        // The guards the launch and flip intents run.
        QCOMPARE(stateOf(t, "SELECT id FROM campaigns FOR UPDATE"), QStringLiteral("42501"));
        QCOMPARE(stateOf(t, "SELECT site FROM site_state FOR UPDATE"), QStringLiteral("42501"));
    }

    void tablesOfLaterMigrationsAreGranted()
    {
        // As the review desk's migrations add tables: no grant needed there.
        PgSession s(m_db);
        s.execScript("CREATE TABLE review_later (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text)");
        QCOMPARE(stateOf(QStringLiteral("t_trainer"), "INSERT INTO review_later (note) VALUES ('x')"), QString());
        QCOMPARE(stateOf(QStringLiteral("t_viewer"), "SELECT * FROM review_later"), QString());
        QCOMPARE(stateOf(QStringLiteral("t_viewer"), "INSERT INTO review_later (note) VALUES ('x')"),
                 QStringLiteral("42501"));
    }

    void operatorActs()
    {
        const QString a = QStringLiteral("t_alice");
        QCOMPARE(stateOf(a, "UPDATE campaigns SET status = 'live'"), QString());
        QCOMPARE(stateOf(a, "INSERT INTO site_state (site, mode) VALUES ('other', 'static')"), QString());
        QCOMPARE(stateOf(a,
                         "INSERT INTO blasts (idempotency_key, campaign_id, channel, audience, audience_size, message, "
                         "requested_by) SELECT gen_random_uuid(), id, 'email', '{}', 5, 'hi', 'alice' FROM campaigns"),
                 QString());
        QCOMPARE(stateOf(a, "UPDATE blasts SET status = 'cancelled'"), QString());
    }

    void twoPersonRuleIsEnforcedByTheDatabase()
    {
        PgSession admin(m_db);
        admin.execScript("UPDATE blast_policy SET approval_threshold = 100");
        const QString a = QStringLiteral("t_alice");
        const QByteArray insert =
            "INSERT INTO blasts (idempotency_key, campaign_id, channel, audience, audience_size, message, "
            "requested_by, "
            "status) SELECT '6f1c1f5e-2f4b-4c1e-9a7e-2b1f0c3d4e5f', id, 'sms', '{}', 500, 'go', 'alice', ";
        // Above the threshold a blast cannot be born queued...
        QCOMPARE(stateOf(a, insert + "'queued' FROM campaigns"), QStringLiteral("23514"));
        // ...nor pre-approved.
        QCOMPARE(stateOf(a,
                         "INSERT INTO blasts (idempotency_key, campaign_id, channel, audience, audience_size, message, "
                         "requested_by, approved_by, status) SELECT gen_random_uuid(), id, 'sms', '{}', 500, 'go', "
                         "'alice', 'bob', 'pending_approval' FROM campaigns"),
                 QStringLiteral("23514"));
        QCOMPARE(stateOf(a, insert + "'pending_approval' FROM campaigns"), QString());
        const QByteArray where = " WHERE idempotency_key = '6f1c1f5e-2f4b-4c1e-9a7e-2b1f0c3d4e5f'";
        // No way around the approval.
        QCOMPARE(stateOf(a, "UPDATE blasts SET status = 'queued'" + where), QStringLiteral("23514"));
        QCOMPARE(stateOf(a, "UPDATE blasts SET status = 'approved'" + where), QStringLiteral("23514"));
        QCOMPARE(stateOf(a, "UPDATE blasts SET status = 'approved', approved_by = 'alice'" + where),
                 QStringLiteral("23514"));
        // The requester cannot inflate it on the way.
        QCOMPARE(stateOf(a, "UPDATE blasts SET audience_size = 50" + where), QStringLiteral("23514"));
        // Another operator approves; then it may be queued, and the approval stands.
        QCOMPARE(stateOf(a, "UPDATE blasts SET status = 'approved', approved_by = 'bob'" + where), QString());
        QCOMPARE(stateOf(a, "UPDATE blasts SET approved_by = 'carol'" + where), QStringLiteral("23514"));
        QCOMPARE(stateOf(a, "UPDATE blasts SET message = 'other words'" + where), QStringLiteral("23514"));
        QCOMPARE(stateOf(a, "UPDATE blasts SET status = 'queued'" + where), QString());

        // A declined blast stays declined.
        QCOMPARE(stateOf(a,
                         "INSERT INTO blasts (idempotency_key, campaign_id, channel, audience, audience_size, message, "
                         "requested_by, status) SELECT '11111111-2222-4333-8444-555555555555', id, 'sms', '{}', 500, "
                         "'go', 'alice', 'pending_approval' FROM campaigns"),
                 QString());
        const QByteArray where2 = " WHERE idempotency_key = '11111111-2222-4333-8444-555555555555'";
        QCOMPARE(stateOf(a, "UPDATE blasts SET status = 'declined'" + where2), QString());
        QCOMPARE(stateOf(a, "UPDATE blasts SET status = 'approved', approved_by = 'bob'" + where2),
                 QStringLiteral("23514"));
        // Below the threshold no approval is needed.
        QCOMPARE(stateOf(a,
                         "INSERT INTO blasts (idempotency_key, campaign_id, channel, audience, audience_size, message, "
                         "requested_by) SELECT gen_random_uuid(), id, 'sms', '{}', 100, 'go', 'alice' FROM campaigns"),
                 QString());
        // One key, one blast.
        QCOMPARE(stateOf(a, insert + "'pending_approval' FROM campaigns"), QStringLiteral("23505"));
    }

    void permissionsFollowTheLoginRole_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<ActionPermissions::Role>("role");
        QTest::newRow("viewer") << QStringLiteral("t_viewer") << ActionPermissions::Role::Viewer;
        QTest::newRow("trainer") << QStringLiteral("t_trainer") << ActionPermissions::Role::Trainer;
        QTest::newRow("operator") << QStringLiteral("t_alice") << ActionPermissions::Role::Operator;
        QTest::newRow("superuser") << QStringLiteral("oc_admin") << ActionPermissions::Role::Operator;
        QTest::newRow("no grants") << QStringLiteral("t_nobody") << ActionPermissions::Role::None;
    }

    void permissionsFollowTheLoginRole()
    {
        QFETCH(QString, user);
        QFETCH(ActionPermissions::Role, role);
        PgAsyncConnection db;
        ActionPermissions p(&db);
        QSignalSpy changed(&p, &ActionPermissions::roleChanged);
        db.open(as(user));
        QVERIFY(changed.wait(15000));
        QCOMPARE(p.role(), role);
        QCOMPARE(p.property("role").value<ActionPermissions::Role>(), role);
        QCOMPARE(p.canOperate(), role == ActionPermissions::Role::Operator);
        QCOMPARE(p.databaseUser(), user);
    }

    void viewerConsoleCannotActEvenIfModified()
    {
        // A viewer console whose buttons were re-enabled: the database
        // refuses the intent, so nothing reaches the backend.
        PgAsyncConnection db;
        QSignalSpy up(&db, &DbConnection::connected);
        db.open(as(QStringLiteral("t_viewer")));
        QVERIFY(up.wait(15000));
        OpsApiClient api(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort())), QStringLiteral("token"));
        ActionAudit audit(&db, QStringLiteral("mallory"));
        CampaignLauncher launcher(&audit, &api);
        QSignalSpy done(&launcher, &CampaignLauncher::finished);
        launcher.launch(QStringLiteral("spring"));
        QVERIFY(done.wait(15000));
        QCOMPARE(done.first().at(0).toBool(), false);
        // The permission error, not the (closed) backend's: the API was never called.
        QVERIFY2(done.first().at(1).toString().contains(QLatin1String("operators only")),
                 qPrintable(done.first().at(1).toString()));

        BlastService blasts(&db, &api, QStringLiteral("mallory"));
        QSignalSpy rejected(&blasts, &BlastService::rejected);
        BlastRequest r;
        r.key = BlastService::newKey();
        r.campaignId = campaignId();
        r.message = QStringLiteral("hello");
        r.audienceSize = 3;
        blasts.send(r);
        QVERIFY(rejected.wait(15000));
        QVERIFY2(rejected.first().at(0).toString().contains(QLatin1String("operators only")),
                 qPrintable(rejected.first().at(0).toString()));

        PgSession s(m_db);
        QCOMPARE(s.exec("SELECT count(*) FROM blasts").toInt64(0, 0), 0);
        QCOMPARE(s.exec("SELECT count(*) FROM audit_log WHERE actor = 'mallory'").toInt64(0, 0), 0);
        QCOMPARE(s.exec("SELECT status::text FROM campaigns WHERE slug = 'spring'").text(0, 0),
                 QStringLiteral("draft"));
    }
};

QTEST_GUILESS_MAIN(TestActionRoles)
#include "tst_actionroles.moc"

#include "ActionPermissions.h"

#include "LogCategories.h"

namespace oc {

ActionPermissions::ActionPermissions(DbConnection *db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    if (m_db) {
        connect(m_db, &DbConnection::connected, this, &ActionPermissions::refresh);
        if (m_db->state() == DbConnection::State::Connected)
            refresh();
    }
}

QString ActionPermissions::name(Role r)
{
    switch (r) {
    case Role::Unknown: return tr("unknown");
    case Role::None: return tr("no access");
    case Role::Viewer: return tr("viewer");
    case Role::Trainer: return tr("trainer");
    case Role::Operator: return tr("operator");
    }
    return {};
}

DbQuery ActionPermissions::query()
{
    // pg_has_role raises for a role that does not exist, hence the CASEs; a
    // database without the role migration falls back to the table privileges
    // the roles stand for. Superusers are members of every role. A Mobilize
    // mirror has no blasts or campaigns (has_table_privilege raises on a
    // missing relation): there the console can at most read.
    return DbQuery(
        "SELECT current_user::text, "
        " CASE WHEN to_regrole('oc_operator') IS NULL "
        "      THEN to_regclass('blasts') IS NOT NULL AND to_regclass('campaigns') IS NOT NULL "
        "           AND has_table_privilege('blasts', 'INSERT') AND has_table_privilege('campaigns', 'UPDATE') "
        "      ELSE pg_has_role(current_user, 'oc_operator', 'MEMBER') END, "
        " CASE WHEN to_regrole('oc_trainer') IS NULL "
        "      THEN has_table_privilege('events', 'UPDATE') "
        "      ELSE pg_has_role(current_user, 'oc_trainer', 'MEMBER') END, "
        " CASE WHEN to_regrole('oc_viewer') IS NULL "
        "      THEN has_table_privilege('events', 'SELECT') "
        "      ELSE pg_has_role(current_user, 'oc_viewer', 'MEMBER') END");
}

ActionPermissions::Role ActionPermissions::roleFromRow(const DbTable &t)
{
    if (t.rowCount() == 0)
        return Role::Unknown;
    if (t.toBool(0, 1))
        return Role::Operator;
    if (t.toBool(0, 2))
        return Role::Trainer;
    if (t.toBool(0, 3))
        return Role::Viewer;
    return Role::None;
}

void ActionPermissions::refresh()
{
    if (!m_db || m_inFlight)
        return;
    m_inFlight = true;
    m_db->exec({query()}, this, [this](const DbConnection::Outcome &o) {
        m_inFlight = false;
        if (const DbError *e = DbConnection::error(o)) {
            logcat::actions()->warn("cannot determine the console's role: {}", e->message.toStdString());
            return;
        }
        const DbTable &t = DbConnection::tables(o)->front();
        const Role r = roleFromRow(t);
        const QString user = t.rowCount() ? t.text(0, 0) : QString();
        if (r == m_role && user == m_user)
            return;
        m_role = r;
        m_user = user;
        logcat::actions()->info("database user {} acts as {}", user.toStdString(), name(r).toStdString());
        Q_EMIT roleChanged(r);
    });
}

} // namespace oc

#pragma once

#include "DbConnection.h"

#include <QObject>
#include <QPointer>

namespace oc {

// What this console's database role lets it do. The database enforces it
// (resources/sql/0002_roles.sql); the console only uses it to disable
// controls that would fail anyway.
class ActionPermissions : public QObject
{
    Q_OBJECT
    Q_PROPERTY(Role role READ role NOTIFY roleChanged)
    Q_PROPERTY(QString roleName READ roleName NOTIFY roleChanged)
    Q_PROPERTY(QString databaseUser READ databaseUser NOTIFY roleChanged)
    Q_PROPERTY(bool canOperate READ canOperate NOTIFY roleChanged)
    Q_PROPERTY(bool canTrain READ canTrain NOTIFY roleChanged)
public:
    enum class Role { Unknown, None, Viewer, Trainer, Operator };
    Q_ENUM(Role)

    explicit ActionPermissions(DbConnection *db, QObject *parent = nullptr);

    Role role() const { return m_role; }
    QString roleName() const { return name(m_role); }
    QString databaseUser() const { return m_user; }
    bool canOperate() const { return m_role == Role::Operator; }
    bool canTrain() const { return m_role == Role::Operator || m_role == Role::Trainer; }

    // Asks the database (again); also done on every (re)connect.
    void refresh();

    static QString name(Role r);
    // current_user, then whether it is a member of operator, trainer, viewer.
    static DbQuery query();
    static Role roleFromRow(const DbTable &t);

Q_SIGNALS:
    void roleChanged(oc::ActionPermissions::Role role);

private:
    QPointer<DbConnection> m_db;
    Role m_role = Role::Unknown;
    QString m_user;
    bool m_inFlight = false;
};

} // namespace oc

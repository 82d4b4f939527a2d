#pragma once

#include "ActionPermissions.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace oc {

// The main window shows one workspace at a time, one per role's work: rapid
// response (map, totals, traffic, actions), the review desk, host training
// and the leadership tiles. This remembers, per user, which one is current
// and the arrangement the user left in each (opaque bytes the window writes,
// e.g. QMainWindow::saveState), and picks the first one from the database
// role when the user has never chosen.
class WorkspaceController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(Workspace current READ current WRITE setCurrent NOTIFY currentChanged)
    Q_PROPERTY(bool chosen READ isChosen NOTIFY currentChanged)
public:
    enum class Workspace { RapidResponse, ReviewDesk, HostTraining, Leadership };
    Q_ENUM(Workspace)

    // `settingsGroup` keeps tests (and a second window, one day) apart.
    explicit WorkspaceController(const QString &settingsGroup = QStringLiteral("workspaces"),
                                 QObject *parent = nullptr);

    static QList<Workspace> all();
    // Stable identifier for settings and object names ("rapid-response").
    static QString key(Workspace w);
    static std::optional<Workspace> fromKey(const QString &key);
    static QString title(Workspace w);
    // operator → rapid response, trainer → review desk, viewer (or a role
    // that may do nothing) → leadership.
    static std::optional<Workspace> forRole(ActionPermissions::Role role);

    Workspace current() const { return m_current; }
    // True once the user (or the role, at the first start) has chosen.
    bool isChosen() const { return m_chosen; }
    void setCurrent(Workspace w);
    // The first start follows the database role; a choice already made wins.
    void adoptRole(ActionPermissions::Role role);

    QByteArray layout(Workspace w) const;
    void storeLayout(Workspace w, const QByteArray &layout);
    // Forgets the user's arrangement: the window falls back to the default.
    void resetLayout(Workspace w);

Q_SIGNALS:
    // `previous` lets the window store the arrangement it is leaving.
    void currentChanged(oc::WorkspaceController::Workspace current, oc::WorkspaceController::Workspace previous);
    void layoutReset(oc::WorkspaceController::Workspace w);

private:
    QString settingsKey(const QString &leaf) const;

    QString m_group;
    Workspace m_current = Workspace::RapidResponse;
    bool m_chosen = false;
};

} // namespace oc

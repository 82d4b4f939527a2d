#include "WorkspaceController.h"

#include "LogCategories.h"

#include <QSettings>

namespace oc {

WorkspaceController::WorkspaceController(const QString &settingsGroup, QObject *parent)
    : QObject(parent)
    , m_group(settingsGroup)
{
    const QString stored = QSettings().value(settingsKey(QStringLiteral("current"))).toString();
    if (const auto w = fromKey(stored)) {
        m_current = *w;
        m_chosen = true;
    } else if (!stored.isEmpty()) {
        logcat::app()->warn("unknown workspace '{}' in the settings; starting with the default", stored.toStdString());
    }
}

QList<WorkspaceController::Workspace> WorkspaceController::all()
{
    return {Workspace::RapidResponse, Workspace::ReviewDesk, Workspace::HostTraining, Workspace::Leadership};
}

QString WorkspaceController::key(Workspace w)
{
    switch (w) {
    case Workspace::RapidResponse: return QStringLiteral("rapid-response");
    case Workspace::ReviewDesk: return QStringLiteral("review-desk");
    case Workspace::HostTraining: return QStringLiteral("host-training");
    case Workspace::Leadership: return QStringLiteral("leadership");
    }
    return {};
}

std::optional<WorkspaceController::Workspace> WorkspaceController::fromKey(const QString &key)
{
    for (Workspace w : all())
        if (WorkspaceController::key(w) == key)
            return w;
    return std::nullopt;
}

QString WorkspaceController::title(Workspace w)
{
    switch (w) {
    case Workspace::RapidResponse: return tr("Rapid response");
    case Workspace::ReviewDesk: return tr("Review desk");
    case Workspace::HostTraining: return tr("Host training");
    case Workspace::Leadership: return tr("Leadership");
    }
    return {};
}

std::optional<WorkspaceController::Workspace> WorkspaceController::forRole(ActionPermissions::Role role)
{
    switch (role) {
    case ActionPermissions::Role::Operator: return Workspace::RapidResponse;
    case ActionPermissions::Role::Trainer: return Workspace::ReviewDesk;
    case ActionPermissions::Role::Viewer:
    case ActionPermissions::Role::None: return Workspace::Leadership;
    case ActionPermissions::Role::Unknown: break;
    }
    return std::nullopt;
}

void WorkspaceController::setCurrent(Workspace w)
{
    const Workspace previous = m_current;
    const bool wasChosen = m_chosen;
    m_current = w;
    m_chosen = true;
    QSettings().setValue(settingsKey(QStringLiteral("current")), key(w));
    if (previous != w || !wasChosen)
        Q_EMIT currentChanged(w, previous);
}

void WorkspaceController::adoptRole(ActionPermissions::Role role)
{
    if (m_chosen)
        return;
    if (const auto w = forRole(role)) {
        logcat::app()->info("first start: the {} workspace for the database role {}", key(*w).toStdString(),
                            ActionPermissions::name(role).toStdString());
        setCurrent(*w);
    }
}

QByteArray WorkspaceController::layout(Workspace w) const
{
    return QSettings().value(settingsKey(key(w) + QStringLiteral("/layout"))).toByteArray();
}

void WorkspaceController::storeLayout(Workspace w, const QByteArray &layout)
{
    QSettings().setValue(settingsKey(key(w) + QStringLiteral("/layout")), layout);
}

void WorkspaceController::resetLayout(Workspace w)
{
    QSettings().remove(settingsKey(key(w) + QStringLiteral("/layout")));
    Q_EMIT layoutReset(w);
}

QString WorkspaceController::settingsKey(const QString &leaf) const
{
    return m_group + QLatin1Char('/') + leaf;
}

} // namespace oc

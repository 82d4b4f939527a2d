#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace oc::sim {

// Where the simulator keeps what must survive a reboot (the RSVP journal).
// The temp directory is tmpfs on Debian 13, so a journal there loses the
// RSVPs taken while the site was static.
class StateDirectory
{
public:
    // $STATE_DIRECTORY (systemd's StateDirectory=; the first of a
    // colon-separated list) as is, else $XDG_STATE_HOME/organizer-hubsim,
    // else ~/.local/state/organizer-hubsim. The same rules as
    // QStandardPaths::GenericStateLocation, but from the environment given,
    // so a test can resolve it without touching the real home.
    static QString resolve(const QProcessEnvironment &env);

    // The default journal in resolve(env): one per database and site, so two
    // simulators on one host never replay each other's RSVPs.
    static QString rsvpJournal(const QString &conninfo, const QString &site, const QProcessEnvironment &env);
};

} // namespace oc::sim

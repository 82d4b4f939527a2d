#pragma once

#include <QString>

#include <functional>

namespace oc {

// Runs the one-click remedy an incident card offers ("flip-to-static",
// "flip-to-live", "cancel-blast"). A seam so that a drill on a real database
// can swap in a runner that only records what it would have done: a drill
// must never reach the real ops API.
class RemedyRunner
{
public:
    using Done = std::function<void(bool ok, const QString &outcome)>;

    virtual ~RemedyRunner() = default;

    // Empty when the remedy can run now, else why not (in words for the card).
    virtual QString unavailableReason(const QString &remedyId) const = 0;
    // `done` is called exactly once, on the event loop.
    virtual void run(const QString &remedyId, Done done) = 0;
    // "Flip the site to static", for the card's button.
    static QString label(const QString &remedyId);
};

} // namespace oc

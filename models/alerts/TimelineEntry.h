#pragma once

#include <QMetaType>
#include <QString>

#include <optional>

namespace oc {

// One line of an incident's timeline, for the card and the post-incident
// review: state changes, acknowledgements, hand-overs, notes and the actions
// taken from the card with their outcome. Millisecond timestamps.
struct TimelineEntry
{
    enum class Kind {
        Opened,
        RuleFiring,
        RuleResolved,
        Acknowledged,
        HandedOver,
        Note,
        Action,
        Resolved,
        Reopened,
        Silenced // no more sound or notification for the card until it resolves
    };

    qint64 id = 0;
    qint64 incidentId = 0;
    qint64 atMs = 0;
    Kind kind = Kind::Note;
    QString actor; // operator name, or "engine"
    QString ruleId;
    QString detail;
    QString outcome; // actions: "ok", "refused: …", "dry run", …

    static QString kindName(Kind k);
    static std::optional<Kind> kindFromName(const QString &name);
};

} // namespace oc

Q_DECLARE_METATYPE(oc::TimelineEntry)

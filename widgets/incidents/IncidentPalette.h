#pragma once

#include "Alert.h"
#include "Incident.h"

#include <QColor>
#include <QPalette>

namespace oc {

// The incident colours, each in a light-window and a dark-window shade so
// that a red bar or a "No data" badge stays readable in both schemes. No
// data and Error have colours of their own, far from OK's green: a silent
// probe must never read as a healthy one.
class IncidentPalette
{
public:
    static QColor severity(Alert::Severity s, const QPalette &p);
    static QColor alertState(Alert::State s, const QPalette &p);
    static QColor incidentState(Incident::State s, const QPalette &p);
    static QColor drill(const QPalette &p);
    static bool isDark(const QPalette &p);
};

} // namespace oc

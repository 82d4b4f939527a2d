#include "IncidentPalette.h"

namespace oc {

namespace {

QColor pick(const QPalette &p, QColor onLight, QColor onDark)
{
    return IncidentPalette::isDark(p) ? onDark : onLight;
}

} // namespace

bool IncidentPalette::isDark(const QPalette &p)
{
    // Relative lightness of the window is enough to choose between two
    // shades picked for ≥ 4.5:1 on white and on the Fusion dark window.
    return p.color(QPalette::Window).lightnessF() < 0.5;
}

QColor IncidentPalette::severity(Alert::Severity s, const QPalette &p)
{
    switch (s) {
    case Alert::Severity::Page: return pick(p, QColor(0xc6, 0x28, 0x28), QColor(0xef, 0x6c, 0x6c));
    case Alert::Severity::Ticket: return pick(p, QColor(0x9a, 0x5b, 0x00), QColor(0xff, 0xb7, 0x4d));
    case Alert::Severity::Info: return pick(p, QColor(0x15, 0x65, 0xc0), QColor(0x7c, 0xb9, 0xf7));
    }
    return p.color(QPalette::Text);
}

QColor IncidentPalette::alertState(Alert::State s, const QPalette &p)
{
    switch (s) {
    case Alert::State::Ok: return pick(p, QColor(0x2e, 0x7d, 0x32), QColor(0x81, 0xc7, 0x84));
    case Alert::State::Pending: return pick(p, QColor(0x9a, 0x5b, 0x00), QColor(0xff, 0xb7, 0x4d));
    case Alert::State::Firing: return pick(p, QColor(0xc6, 0x28, 0x28), QColor(0xef, 0x6c, 0x6c));
    case Alert::State::Resolved: return pick(p, QColor(0x00, 0x69, 0x5c), QColor(0x4d, 0xd0, 0xc0));
    case Alert::State::NoData: return pick(p, QColor(0x5f, 0x5f, 0x5f), QColor(0xb0, 0xb0, 0xb0));
    case Alert::State::Error: return pick(p, QColor(0x7b, 0x1f, 0xa2), QColor(0xd7, 0x9b, 0xf0));
    }
    return p.color(QPalette::Text);
}

QColor IncidentPalette::incidentState(Incident::State s, const QPalette &p)
{
    switch (s) {
    case Incident::State::Firing: return alertState(Alert::State::Firing, p);
    case Incident::State::Acknowledged: return pick(p, QColor(0x9a, 0x5b, 0x00), QColor(0xff, 0xb7, 0x4d));
    case Incident::State::Resolved: return alertState(Alert::State::Resolved, p);
    }
    return p.color(QPalette::Text);
}

QColor IncidentPalette::drill(const QPalette &p)
{
    return pick(p, QColor(0x4a, 0x14, 0x8c), QColor(0xb3, 0x9d, 0xdb));
}

} // namespace oc

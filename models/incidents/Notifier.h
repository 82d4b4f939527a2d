#pragma once

#include <QString>

#include <functional>

namespace oc {

// Tells the person at the desk that something needs them: a desktop
// notification with a sound. A seam so that the incident panel's wiring (one
// notification per new firing card, a reminder sound for an unacknowledged
// page) is tested without a desktop, and so that the D-Bus service and the
// tray fallback are interchangeable.
class Notifier
{
public:
    enum class Urgency { Normal, Critical };
    struct Message
    {
        QString summary;
        QString body;
        Urgency urgency = Urgency::Normal;
        // What the message is about (an incident id): a reminder replaces the
        // earlier message with the same key instead of stacking a new one.
        qint64 key = 0;
    };
    // `delivered` false: nobody showed it (no notification service); the
    // caller falls back. Called exactly once, on the event loop.
    using Done = std::function<void(bool delivered)>;

    virtual ~Notifier() = default;

    // Shows the message and plays its sound.
    virtual void notify(const Message &message, Done done) = 0;
    // Sounds again for an earlier message, without a second popup where the
    // service allows it.
    virtual void remind(const Message &message, Done done) = 0;
};

} // namespace oc

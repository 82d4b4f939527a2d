#pragma once

#include <QObject>

namespace oc {

// Turns SIGINT/SIGTERM/SIGHUP into QCoreApplication::quit() through a
// self-pipe, so Ctrl+C runs the normal shutdown (and the demo's private
// server and simulator are torn down) instead of killing us mid-write.
class SignalQuit : public QObject
{
    Q_OBJECT
public:
    static void install();

private:
    explicit SignalQuit(QObject *parent);
};

} // namespace oc

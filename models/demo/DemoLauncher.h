#pragma once

#include "DemoEnvironment.h"
#include "DemoProgress.h"

#include <QObject>
#include <QThread>

namespace oc {

// Starts the demo without blocking the UI thread: DemoEnvironment's blocking
// start (initdb, the server, the schema, seeding) runs on a thread of its
// own, which stays until stop() because the children it starts die with the
// thread that started them (PR_SET_PDEATHSIG is per thread). progress()
// follows the steps; ready() or failed() ends the start.
class DemoLauncher : public QObject
{
    Q_OBJECT
public:
    explicit DemoLauncher(QObject *parent = nullptr);
    ~DemoLauncher() override;

    DemoProgress *progress() { return &m_progress; }
    // Returns at once.
    void start(const DemoEnvironment::Options &options);
    // After ready(): the running demo (read its URLs and tokens; stop it
    // through stop()).
    DemoEnvironment *environment() const { return m_env; }
    // Stops the demo (waits for a start still running to finish first).
    void stop();

Q_SIGNALS:
    void ready();
    void failed(const QString &error);

private:
    DemoProgress m_progress;
    QThread m_thread;
    DemoEnvironment *m_env = nullptr; // lives on m_thread
};

} // namespace oc

#include "DemoLauncher.h"

#include "LogCategories.h"

namespace oc {

DemoLauncher::DemoLauncher(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("demo"));
}

DemoLauncher::~DemoLauncher()
{
    stop();
}

void DemoLauncher::start(const DemoEnvironment::Options &options)
{
    if (m_env)
        return;
    m_env = new DemoEnvironment;
    m_env->moveToThread(&m_thread);
    connect(m_env, &DemoEnvironment::stepChanged, &m_progress, &DemoProgress::setState);
    m_thread.start();
    QMetaObject::invokeMethod(m_env, [this, env = m_env, options] {
        QString error;
        const bool ok = env->start(options, &error);
        // Queued behind the step changes this thread has posted already.
        QMetaObject::invokeMethod(
            this,
            [this, ok, error] {
                if (ok) {
                    Q_EMIT ready();
                    return;
                }
                if (!m_progress.hasFailed()) // a failure outside the named steps: the first one not done
                    for (int step = 0; step < DemoProgress::kSteps; ++step)
                        if (m_progress.state(DemoProgress::Step(step)) != DemoProgress::State::Done) {
                            m_progress.setState(step, int(DemoProgress::State::Failed), error);
                            break;
                        }
                Q_EMIT failed(error);
            },
            Qt::QueuedConnection);
    });
}

void DemoLauncher::stop()
{
    if (!m_env)
        return;
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(m_env, &DemoEnvironment::stop, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    delete m_env; // its thread has finished: nothing else touches it
    m_env = nullptr;
    logcat::demo()->info("demo stopped");
}

} // namespace oc

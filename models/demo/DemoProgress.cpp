#include "DemoProgress.h"

#include <algorithm>

namespace oc {

DemoProgress::DemoProgress(QObject *parent)
    : QObject(parent)
{
}

QString DemoProgress::label(Step s)
{
    switch (s) {
    case Step::Database: return tr("Starting a private PostgreSQL");
    case Step::Schema: return tr("Applying the hub schema");
    case Step::Simulator: return tr("Starting the backend simulator");
    case Step::FirstData: return tr("Seeding the first data");
    }
    return {};
}

bool DemoProgress::isFinished() const
{
    return std::all_of(m_steps.begin(), m_steps.end(), [](const Entry &e) { return e.state == State::Done; });
}

bool DemoProgress::hasFailed() const
{
    return std::any_of(m_steps.begin(), m_steps.end(), [](const Entry &e) { return e.state == State::Failed; });
}

QString DemoProgress::failure() const
{
    for (const Entry &e : m_steps)
        if (e.state == State::Failed)
            return e.detail;
    return {};
}

void DemoProgress::setState(int step, int state, const QString &detail)
{
    if (step < 0 || step >= kSteps || state < int(State::Pending) || state > int(State::Failed))
        return;
    Entry &e = m_steps[size_t(step)];
    e.state = State(state);
    e.detail = detail;
    Q_EMIT stepChanged(step);
    Q_EMIT changed();
}

} // namespace oc

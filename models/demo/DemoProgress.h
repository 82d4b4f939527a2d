#pragma once

#include <QObject>
#include <QString>

#include <array>

namespace oc {

// The steps of a `--demo` start as they happen, for a window to show while
// they run: each step pending, running, done or failed, with a detail (the
// failure text for a failed one). Lives on the UI thread; DemoLauncher feeds
// it from the thread the demo starts on.
class DemoProgress : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int stepCount READ stepCount CONSTANT)
    Q_PROPERTY(bool finished READ isFinished NOTIFY changed)
    Q_PROPERTY(bool failed READ hasFailed NOTIFY changed)
    Q_PROPERTY(QString failure READ failure NOTIFY changed)
public:
    enum class Step { Database, Schema, Simulator, FirstData };
    Q_ENUM(Step)
    enum class State { Pending, Running, Done, Failed };
    Q_ENUM(State)
    static constexpr int kSteps = 4;

    explicit DemoProgress(QObject *parent = nullptr);

    int stepCount() const { return kSteps; }
    State state(Step s) const { return m_steps[size_t(s)].state; }
    QString detail(Step s) const { return m_steps[size_t(s)].detail; }
    static QString label(Step s);
    bool isFinished() const; // every step done
    bool hasFailed() const;
    // The failed step's text, empty while none has failed.
    QString failure() const;

public Q_SLOTS:
    // A step's new state (ints, so it crosses threads as a queued call).
    void setState(int step, int state, const QString &detail = {});

Q_SIGNALS:
    void stepChanged(int step);
    void changed();

private:
    struct Entry
    {
        State state = State::Pending;
        QString detail;
    };
    std::array<Entry, kSteps> m_steps;
};

} // namespace oc

#pragma once

#include <QWidget>

#include <array>

class QLabel;
class QPushButton;

namespace oc {

class DemoProgress;

// Shown at once when `--demo` starts, before anything blocks: the steps of
// the start (DemoProgress) as they happen, each pending, running, done or
// failed. The app replaces it with the main window when the demo is ready;
// a failure keeps it open with the message and a Quit button.
class StartupWindow : public QWidget
{
    Q_OBJECT
public:
    explicit StartupWindow(DemoProgress *progress, QWidget *parent = nullptr);

    // What a step's row says now (for the tests and screen readers alike).
    QString stepText(int step) const;
    QString failureText() const;

Q_SIGNALS:
    void quitRequested();

private:
    void refresh(int step);

    DemoProgress *m_progress;
    std::array<QLabel *, 4> m_rows {};
    QLabel *m_failure = nullptr;
    QPushButton *m_quit = nullptr;
};

} // namespace oc

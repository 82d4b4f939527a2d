#include "StartupWindow.h"

#include "DemoProgress.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace oc {

namespace {

QString mark(DemoProgress::State s)
{
    switch (s) {
    case DemoProgress::State::Pending: return QStringLiteral("\u25cb"); // ○
    case DemoProgress::State::Running: return QStringLiteral("\u25b6"); // ▶
    case DemoProgress::State::Done: return QStringLiteral("\u2713"); // ✓
    case DemoProgress::State::Failed: return QStringLiteral("\u2717"); // ✗
    }
    return {};
}

QString stateWord(DemoProgress::State s)
{
    switch (s) {
    case DemoProgress::State::Pending: return StartupWindow::tr("waiting");
    case DemoProgress::State::Running: return StartupWindow::tr("in progress");
    case DemoProgress::State::Done: return StartupWindow::tr("done");
    case DemoProgress::State::Failed: return StartupWindow::tr("failed");
    }
    return {};
}

} // namespace

StartupWindow::StartupWindow(DemoProgress *progress, QWidget *parent)
    : QWidget(parent)
    , m_progress(progress)
{
    setWindowTitle(tr("Organizer Console: starting the demo"));
    setObjectName(QStringLiteral("startupWindow"));
    auto *layout = new QVBoxLayout(this);
    auto *heading = new QLabel(tr("Starting the demo: a private database and the backend simulator."));
    heading->setWordWrap(true);
    layout->addWidget(heading);
    for (int i = 0; i < int(m_rows.size()); ++i) {
        auto *row = new QLabel;
        row->setObjectName(QStringLiteral("step%1").arg(i));
        row->setTextFormat(Qt::PlainText);
        m_rows[size_t(i)] = row;
        layout->addWidget(row);
    }
    m_failure = new QLabel;
    m_failure->setObjectName(QStringLiteral("failure"));
    m_failure->setTextFormat(Qt::PlainText);
    m_failure->setWordWrap(true);
    m_failure->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_failure->setForegroundRole(QPalette::Text);
    m_failure->hide();
    layout->addWidget(m_failure);
    m_quit = new QPushButton(tr("Quit"));
    m_quit->setObjectName(QStringLiteral("quit"));
    m_quit->setAccessibleName(tr("Quit"));
    m_quit->hide();
    connect(m_quit, &QPushButton::clicked, this, &StartupWindow::quitRequested);
    layout->addWidget(m_quit, 0, Qt::AlignRight);
    layout->addStretch();
    setMinimumWidth(420);

    connect(m_progress, &DemoProgress::stepChanged, this, &StartupWindow::refresh);
    for (int i = 0; i < DemoProgress::kSteps; ++i)
        refresh(i);
}

void StartupWindow::refresh(int step)
{
    if (step < 0 || step >= int(m_rows.size()))
        return;
    const auto s = DemoProgress::Step(step);
    const auto state = m_progress->state(s);
    QString text = QStringLiteral("%1  %2: %3").arg(mark(state), DemoProgress::label(s), stateWord(state));
    const QString detail = m_progress->detail(s);
    if (!detail.isEmpty() && state != DemoProgress::State::Failed)
        text += QStringLiteral(" (%1)").arg(detail);
    QLabel *row = m_rows[size_t(step)];
    row->setText(text);
    row->setAccessibleName(text);
    QFont f = row->font();
    f.setBold(state == DemoProgress::State::Running);
    row->setFont(f);
    if (state == DemoProgress::State::Failed) {
        m_failure->setText(tr("The demo could not start: %1").arg(detail));
        m_failure->show();
        m_quit->show();
        m_quit->setFocus();
    }
}

QString StartupWindow::stepText(int step) const
{
    return step >= 0 && step < int(m_rows.size()) ? m_rows[size_t(step)]->text() : QString();
}

QString StartupWindow::failureText() const
{
    return m_failure->isHidden() ? QString() : m_failure->text();
}

} // namespace oc

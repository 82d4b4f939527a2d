#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace oc {

class IncidentController;

// The drill's report for the post-drill review: time to detect, to
// acknowledge and to act, per rule (IncidentController::drillReportMarkdown),
// shown formatted and saved as Markdown.
class DrillReportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit DrillReportDialog(IncidentController *controller, QWidget *parent = nullptr);

    QTextBrowser *browser() const { return m_browser; }
    QPushButton *saveButton() const { return m_save; }
    QLabel *statusLabel() const { return m_status; }
    QDialog *openDialog() const { return m_dialog; }
    // Writes the report to `path`; false with the reason on the status line.
    bool saveTo(const QString &path);

private:
    void refresh();

    IncidentController *m_controller;
    QString m_markdown;
    QTextBrowser *m_browser = nullptr;
    QPushButton *m_save = nullptr;
    QLabel *m_status = nullptr;
    QPointer<QDialog> m_dialog;
};

} // namespace oc

#include "DrillReportDialog.h"

#include "IncidentController.h"
#include "LogCategories.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace oc {

DrillReportDialog::DrillReportDialog(IncidentController *controller, QWidget *parent)
    : QDialog(parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("drillReport"));
    setWindowTitle(tr("Drill report"));
    auto *l = new QVBoxLayout(this);
    m_browser = new QTextBrowser(this);
    m_browser->setAccessibleName(tr("Drill report"));
    m_browser->setOpenExternalLinks(false);
    l->addWidget(m_browser, 1);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setAccessibleName(tr("Drill report status"));
    l->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_save = buttons->addButton(tr("&Save as…"), QDialogButtonBox::ActionRole);
    m_save->setAccessibleName(tr("Save the drill report as Markdown"));
    l->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, [this] {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        auto *dlg = new QFileDialog(this, tr("Save the drill report"), dir);
        dlg->setAttribute(Qt::WA_DeleteOnClose);
        dlg->setAcceptMode(QFileDialog::AcceptSave);
        dlg->setDefaultSuffix(QStringLiteral("md"));
        dlg->setNameFilter(tr("Markdown files (*.md)"));
        dlg->selectFile(QStringLiteral("drill-report.md"));
        connect(dlg, &QFileDialog::fileSelected, this, [this](const QString &path) { saveTo(path); });
        m_dialog = dlg;
        dlg->open();
    });
    connect(controller, &IncidentController::drillFinished, this, &DrillReportDialog::refresh);
    connect(controller, &IncidentController::drillChanged, this, &DrillReportDialog::refresh);
    refresh();
    resize(640, 480);
}

void DrillReportDialog::refresh()
{
    m_markdown = m_controller->drillReportMarkdown();
    if (m_markdown.isEmpty()) {
        m_browser->setPlainText(m_controller->drillRunning()
                                    ? tr("The drill is running; the report is ready when it stops.")
                                    : tr("No drill has finished in this session yet. Start one from Incidents ▸ "
                                         "Start drill."));
    } else {
        m_browser->setMarkdown(m_markdown);
    }
    m_save->setEnabled(!m_markdown.isEmpty());
}

bool DrillReportDialog::saveTo(const QString &path)
{
    const QByteArray bytes = m_markdown.toUtf8();
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        m_status->setText(tr("Not saved: %1 (%2)").arg(path, f.errorString()));
        return false;
    }
    logcat::ui()->info("drill report saved to {}", path.toStdString());
    m_status->setText(tr("Saved %1").arg(path));
    return true;
}

} // namespace oc

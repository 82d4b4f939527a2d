#pragma once

#include <QDialog>
#include <QPointer>
#include <QString>
#include <QWidget>

#include <functional>

class QLabel;
class QListView;
class QPushButton;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace oc {

class IncidentController;
struct Incident;

// The incident cards (issue 15) as every console shows them: the list of
// cards, the selected card's runbook step, its one-click remedy, the people
// buttons (acknowledge, hand over, note, silence, resolve), its timeline with
// the Markdown and CSV exports, and a Rules tab with every rule's state. All
// state and every rule of what may be done live in IncidentController; this
// panel shows them and forwards the clicks. Viewers see the buttons disabled
// and a line saying why.
class IncidentsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit IncidentsPanel(IncidentController *controller, QWidget *parent = nullptr);
    ~IncidentsPanel() override;

    // A watching copy (the leadership workspace): the cards and the open
    // count, no buttons and no rules tab.
    void setWatchOnly(bool on);
    bool isWatchOnly() const { return m_watchOnly; }

    IncidentController *controller() const { return m_controller; }
    QListView *cardList() const { return m_cards; }
    QTableView *rulesView() const { return m_rules; }
    QTableWidget *timelineView() const { return m_timeline; }
    QTabWidget *tabs() const { return m_tabs; }
    QPushButton *acknowledgeButton() const { return m_ack; }
    QPushButton *handOverButton() const { return m_handOver; }
    QPushButton *noteButton() const { return m_note; }
    QPushButton *silenceButton() const { return m_silence; }
    QPushButton *resolveButton() const { return m_resolve; }
    QPushButton *remedyButton() const { return m_remedy; }
    QPushButton *exportMarkdownButton() const { return m_exportMd; }
    QPushButton *exportCsvButton() const { return m_exportCsv; }
    QLabel *noticeLabel() const { return m_notice; }
    QLabel *permissionLabel() const { return m_permission; }
    QLabel *remedyReasonLabel() const { return m_remedyReason; }
    QLabel *countLabel() const { return m_count; }
    QLabel *statusLabel() const { return m_status; }
    // The input or file dialog a button opened, if any (tests answer it).
    QDialog *openDialog() const { return m_dialog; }

    qint64 currentIncidentId() const { return m_current; }
    void selectIncident(qint64 id);
    // Writes the selected card's timeline (Markdown or CSV) to `path`;
    // false with the reason on the status line.
    bool exportTo(const QString &path, bool csv);

private:
    void onCurrentChanged();
    void updateDetail();
    void updateControls();
    void updateCount();
    void fillTimeline();
    void showStatus(const QString &text, bool error);
    void askText(const QString &title, const QString &label, bool multiLine,
                 const std::function<void(const QString &)> &then);
    void askExport(bool csv);
    const Incident *current() const;

    IncidentController *m_controller;
    qint64 m_current = 0;
    bool m_watchOnly = false;

    QTabWidget *m_tabs = nullptr;
    QLabel *m_notice = nullptr;
    QLabel *m_count = nullptr;
    QListView *m_cards = nullptr;
    QWidget *m_detail = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_runbook = nullptr;
    QPushButton *m_remedy = nullptr;
    QLabel *m_remedyReason = nullptr;
    QWidget *m_peopleRow = nullptr;
    QPushButton *m_ack = nullptr;
    QPushButton *m_handOver = nullptr;
    QPushButton *m_note = nullptr;
    QPushButton *m_silence = nullptr;
    QPushButton *m_resolve = nullptr;
    QLabel *m_permission = nullptr;
    QTableWidget *m_timeline = nullptr;
    QPushButton *m_exportMd = nullptr;
    QPushButton *m_exportCsv = nullptr;
    QLabel *m_status = nullptr;
    QTableView *m_rules = nullptr;
    QPointer<QDialog> m_dialog;
};

} // namespace oc

#pragma once

#include "ReviewConflict.h"
#include "ReviewEvent.h"
#include "ReviewLogEntry.h"
#include "ReviewOutcome.h"

#include <QList>
#include <QPointer>
#include <QSet>
#include <QWidget>

#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;
class QTableView;
class QWidget;

namespace oc {

class DbConnection;
class ElidedLabel;
class LiveSource;
class ReviewDeskController;
class ReviewQueueFilter;
class ReviewQueueModel;
class ReviewService;

// The event review desk: the queue of events waiting for approval, the
// selected event's details (editable), its review log, and every decision on
// a single key so a reviewer never needs the mouse:
//   J / Down next, K / Up previous, C claim, A approve, R reject (asks for
//   the host's message), F flag, E edit, Ctrl+Enter save and approve,
//   Ctrl+S save, Esc cancel the edit, N write a note, Ctrl+Shift+A approve
//   the selection, Ctrl+Shift+E export CSV.
// Writes go through ReviewService; a write refused because someone else got
// there first opens a dialog that shows who changed what.
class ReviewPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ReviewPanel(ReviewDeskController *desk, QWidget *parent = nullptr);
    ~ReviewPanel() override;

    // The conflict banner's colours for a window palette: amber on light,
    // dark amber with light text on dark, so it reads in either scheme.
    static QPalette bannerPalette(const QPalette &window);

    ReviewService *service() const { return m_service; }
    ReviewQueueModel *queueModel() const { return m_model; }
    ReviewQueueFilter *queueFilter() const { return m_filter; }
    QTableView *queueView() const { return m_table; }
    ReviewDeskController *desk() const { return m_desk; }
    qint64 currentEventId() const;
    std::optional<ReviewEvent> currentEvent() const;
    bool isEditing() const;
    bool hasWritesInFlight() const;
    // Writes the filtered queue to `path` (behind a progress dialog).
    bool exportCsv(const QString &path, QString *error = nullptr);

public Q_SLOTS:
    void selectNext();
    void selectPrevious();
    void claimCurrent();
    void approveCurrent();
    void rejectCurrent();
    void toggleFlagCurrent();
    void editCurrent();
    void saveAndApprove();
    void saveEdits();
    void cancelEdit();
    void bulkApproveSelection();
    void exportCsvInteractive();
    void focusNote();
    void openInBrowser();

Q_SIGNALS:
    void statusMessage(const QString &text);
    void claimWarningChanged(const QString &warning);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QAction *addShortcutAction(const QString &text, const QString &tip, const QList<QKeySequence> &keys,
                               void (ReviewPanel::*slot)());
    void buildUi();
    void connectModel();
    void onCurrentRowChanged();
    void displayEvent(const ReviewEvent &e);
    void displayHistory(const QList<ReviewLogEntry> &entries);
    void loadDetails(qint64 id);
    void setEditing(bool on);
    void updateActions();
    void setStatus(const QString &text);
    void setBanner(const QString &text);
    void showConflicts(const QList<ReviewConflict> &conflicts, bool offerKeepMine);
    void onWriteDone(const ReviewOutcome &o, bool decision);
    void moveBy(int delta);
    void advanceAfterDecision(qint64 decidedId);
    bool canDecide() const;
    ReviewEvent editedEvent() const;
    void refreshCampaigns();
    void applyFilters();
    void updateCount();
    void restoreFocus();
    void save(bool approve);
    void addNote();

    ReviewDeskController *m_desk;
    QPointer<LiveSource> m_feed;
    ReviewService *m_service;
    ReviewQueueModel *m_model;
    ReviewQueueFilter *m_filter;

    // Filters
    QComboBox *m_campaign = nullptr;
    QLineEdit *m_state = nullptr;
    QCheckBox *m_useDates = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QCheckBox *m_flaggedOnly = nullptr;
    QCheckBox *m_hideOthers = nullptr;
    QLabel *m_count = nullptr;

    QTableView *m_table = nullptr;

    // Details
    ElidedLabel *m_heading = nullptr;
    ElidedLabel *m_reviewState = nullptr;
    ElidedLabel *m_banner = nullptr;
    QLineEdit *m_title = nullptr;
    QDateTimeEdit *m_starts = nullptr;
    ElidedLabel *m_ends = nullptr;
    QLineEdit *m_venue = nullptr;
    QLineEdit *m_address = nullptr;
    QLineEdit *m_city = nullptr;
    QLineEdit *m_usState = nullptr;
    QLineEdit *m_zip = nullptr;
    QSpinBox *m_capacity = nullptr;
    ElidedLabel *m_host = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QListWidget *m_log = nullptr;
    QLineEdit *m_note = nullptr;
    ElidedLabel *m_status = nullptr;
    QWidget *m_editButtons = nullptr;

    QAction *m_actNext = nullptr;
    QAction *m_actPrev = nullptr;
    QAction *m_actClaim = nullptr;
    QAction *m_actApprove = nullptr;
    QAction *m_actReject = nullptr;
    QAction *m_actFlag = nullptr;
    QAction *m_actEdit = nullptr;
    QAction *m_actSaveApprove = nullptr;
    QAction *m_actSave = nullptr;
    QAction *m_actCancel = nullptr;
    QAction *m_actBulk = nullptr;
    QAction *m_actExport = nullptr;
    QAction *m_actNote = nullptr;
    QAction *m_actOpen = nullptr;
};

} // namespace oc

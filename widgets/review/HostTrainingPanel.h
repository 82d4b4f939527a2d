#pragma once

#include "HostInfo.h"
#include "ReviewLogEntry.h"
#include "ReviewOutcome.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QTableView;

namespace oc {

class DbConnection;
class ElidedLabel;
class HostQueueFilter;
class HostTrainingController;
class HostTrainingModel;
class HostTrainingService;
class LiveSource;

// The host-training queue: hosts whose events start soonest and who are not
// fully prepped yet. Staff call or email the host (one click copies the phone
// number or address), log the contact with a note and move the prep state;
// every write is version-checked and audited like event reviews.
// Keys: J / K next / previous host, P focus the prep state, L log a contact
// (Enter in the note saves), Ctrl+Shift+E export CSV.
class HostTrainingPanel : public QWidget
{
    Q_OBJECT
public:
    explicit HostTrainingPanel(HostTrainingController *hosts, QWidget *parent = nullptr);
    ~HostTrainingPanel() override;

    HostTrainingService *service() const { return m_service; }
    HostTrainingModel *hostModel() const { return m_model; }
    HostQueueFilter *queueFilter() const { return m_filter; }
    QTableView *queueView() const { return m_table; }
    std::optional<HostInfo> currentHost() const;
    bool exportCsv(const QString &path, QString *error = nullptr);

public Q_SLOTS:
    void copyPhone();
    void copyEmail();
    void logContact();
    void exportCsvInteractive();

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void buildUi();
    void onCurrentRowChanged();
    void displayHost(const HostInfo &h);
    void loadHistory(qint64 id);
    void onPrepChosen(int index);
    void onWriteDone(const ReviewOutcome &o);
    void setStatus(const QString &text);
    void moveBy(int delta);

    HostTrainingController *m_hosts;
    HostTrainingService *m_service;
    HostTrainingModel *m_model;
    HostQueueFilter *m_filter;

    QCheckBox *m_showAll = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_table = nullptr;
    ElidedLabel *m_name = nullptr;
    ElidedLabel *m_next = nullptr;
    QLineEdit *m_phone = nullptr;
    QLineEdit *m_email = nullptr;
    QComboBox *m_prep = nullptr;
    ElidedLabel *m_lastContact = nullptr;
    QPlainTextEdit *m_notes = nullptr;
    QLineEdit *m_note = nullptr;
    QListWidget *m_log = nullptr;
    ElidedLabel *m_status = nullptr;
};

} // namespace oc

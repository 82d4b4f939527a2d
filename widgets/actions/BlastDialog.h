#pragma once

#include "BlastRequest.h"
#include "LiveSource.h"

#include <QDialog>
#include <QPointer>
#include <QTimer>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace oc {

class BlastService;

// Compose a blast: channel, campaign, audience (opted-in supporters within N
// miles of an approved upcoming event who have not RSVPed), message from a
// template. The audience is counted live as the choices change; Send stays
// disabled until the operator types that exact count, so nobody sends to
// 480,000 people thinking it was 480. One idempotency key per dialog: however
// often Send is pressed, it is one blast.
class BlastDialog : public QDialog
{
    Q_OBJECT
public:
    BlastDialog(BlastService *service, const QList<LiveSource::Campaign> &campaigns, qint64 campaignId,
                QWidget *parent = nullptr);

    // -1 while counting or unknown.
    qint64 audienceCount() const { return m_count; }
    bool isCounting() const { return m_counting; }
    BlastRequest request() const;

    QComboBox *channelCombo() const { return m_channel; }
    QComboBox *campaignCombo() const { return m_campaign; }
    QSpinBox *radiusSpin() const { return m_radius; }
    QComboBox *templateCombo() const { return m_template; }
    QPlainTextEdit *messageEdit() const { return m_message; }
    QLineEdit *confirmEdit() const { return m_confirm; }
    QPushButton *sendButton() const { return m_send; }
    QLabel *countLabel() const { return m_countLabel; }

    // The typed text names exactly this count ("12345" or "12,345").
    static bool confirmationMatches(const QString &typed, qint64 count);

Q_SIGNALS:
    void sendRequested(const oc::BlastRequest &request);
    void countUpdated(qint64 count);

private:
    void scheduleCount();
    void count();
    void applyTemplate();
    void updateState();
    void submit();
    QString campaignTitle() const;

    QPointer<BlastService> m_service;
    QUuid m_key;
    QComboBox *m_channel = nullptr;
    QComboBox *m_campaign = nullptr;
    QSpinBox *m_radius = nullptr;
    QComboBox *m_template = nullptr;
    QPlainTextEdit *m_message = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_approvalNote = nullptr;
    QLabel *m_confirmLabel = nullptr;
    QLineEdit *m_confirm = nullptr;
    QLabel *m_length = nullptr;
    QPushButton *m_send = nullptr;
    QTimer m_debounce;
    qint64 m_count = -1;
    bool m_counting = false;
    int m_countSeq = 0;
    bool m_submitted = false;
};

} // namespace oc

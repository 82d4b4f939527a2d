#include "BlastDialog.h"

#include "BlastService.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace oc {

namespace {

struct Template
{
    const char *name;
    const char *text;
};

// {campaign} is replaced by the campaign's title.
const Template kTemplates[] = {
    {QT_TRANSLATE_NOOP("oc::BlastDialog", "Event near you"),
     QT_TRANSLATE_NOOP("oc::BlastDialog",
                       "There's a {campaign} event near you. Find it and RSVP now — every person "
                       "who shows up counts.")},
    {QT_TRANSLATE_NOOP("oc::BlastDialog", "Happening today"),
     QT_TRANSLATE_NOOP("oc::BlastDialog",
                       "{campaign} events are happening today, a few miles from you. Check the "
                       "map for the closest one and bring a friend.")},
    {QT_TRANSLATE_NOOP("oc::BlastDialog", "Site update"),
     QT_TRANSLATE_NOOP("oc::BlastDialog",
                       "So many people are signing up for {campaign} that our site is busy. The "
                       "event list is still up — find your event and RSVP.")},
    {QT_TRANSLATE_NOOP("oc::BlastDialog", "Blank"), ""},
};

} // namespace

BlastDialog::BlastDialog(BlastService *service, const QList<LiveSource::Campaign> &campaigns, qint64 campaignId,
                         QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_key(BlastService::newKey())
{
    setWindowTitle(tr("Trigger blast"));
    setObjectName(QStringLiteral("blastDialog"));
    setAccessibleName(tr("Trigger blast"));
    auto *l = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    l->addLayout(form);

    m_channel = new QComboBox(this);
    m_channel->addItem(tr("Email"), QStringLiteral("email"));
    m_channel->addItem(tr("SMS"), QStringLiteral("sms"));
    m_channel->setAccessibleName(tr("Channel"));
    form->addRow(tr("&Channel"), m_channel);

    m_campaign = new QComboBox(this);
    m_campaign->setAccessibleName(tr("Campaign"));
    for (const LiveSource::Campaign &c : campaigns)
        m_campaign->addItem(QStringLiteral("%1 (%2)").arg(c.title, c.slug), c.id);
    if (const int i = m_campaign->findData(campaignId); i >= 0)
        m_campaign->setCurrentIndex(i);
    form->addRow(tr("Cam&paign"), m_campaign);

    m_radius = new QSpinBox(this);
    m_radius->setRange(1, 500);
    m_radius->setValue(25);
    m_radius->setSuffix(tr(" miles"));
    m_radius->setAccessibleName(tr("Audience radius in miles"));
    auto *audienceBox = new QVBoxLayout;
    auto *audienceText = new QLabel(tr("Opted-in supporters within this distance of an approved upcoming event who "
                                       "have not RSVPed yet"),
                                    this);
    audienceText->setWordWrap(true);
    audienceBox->addWidget(m_radius);
    audienceBox->addWidget(audienceText);
    // A layout cannot be a buddy: label the spin box itself so Alt+A reaches it.
    auto *audienceLabel = new QLabel(tr("&Audience"), this);
    audienceLabel->setBuddy(m_radius);
    form->addRow(audienceLabel, audienceBox);

    m_countLabel = new QLabel(this);
    m_countLabel->setAccessibleName(tr("Audience size"));
    QFont big = m_countLabel->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_countLabel->setFont(big);
    form->addRow(tr("Recipients"), m_countLabel);
    m_approvalNote = new QLabel(this);
    m_approvalNote->setWordWrap(true);
    m_approvalNote->setVisible(false);
    form->addRow(QString(), m_approvalNote);

    m_template = new QComboBox(this);
    m_template->setAccessibleName(tr("Message template"));
    for (const Template &t : kTemplates)
        m_template->addItem(tr(t.name));
    form->addRow(tr("&Template"), m_template);
    m_message = new QPlainTextEdit(this);
    m_message->setAccessibleName(tr("Message"));
    m_message->setTabChangesFocus(true);
    m_message->setMinimumHeight(90);
    form->addRow(tr("&Message"), m_message);
    m_length = new QLabel(this);
    form->addRow(QString(), m_length);

    m_confirmLabel = new QLabel(this);
    m_confirmLabel->setWordWrap(true);
    m_confirm = new QLineEdit(this);
    m_confirm->setAccessibleName(tr("Type the number of recipients to confirm"));
    m_confirm->setInputMethodHints(Qt::ImhDigitsOnly);
    m_confirm->setMaxLength(20);
    m_confirmLabel->setBuddy(m_confirm);
    l->addWidget(m_confirmLabel);
    l->addWidget(m_confirm);

    auto *buttons = new QDialogButtonBox(this);
    m_send = buttons->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
    m_send->setProperty("ocAction", true);
    m_send->setAccessibleName(tr("Send blast"));
    m_send->setEnabled(false);
    m_send->setAutoDefault(false);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Not QDialogButtonBox::accepted: a disabled default could still be
    // "accepted" by Enter; submit() re-checks everything.
    connect(m_send, &QPushButton::clicked, this, &BlastDialog::submit);
    l->addWidget(buttons);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &BlastDialog::count);
    connect(m_channel, &QComboBox::currentIndexChanged, this, &BlastDialog::scheduleCount);
    connect(m_campaign, &QComboBox::currentIndexChanged, this, [this] {
        applyTemplate();
        scheduleCount();
    });
    connect(m_radius, &QSpinBox::valueChanged, this, &BlastDialog::scheduleCount);
    connect(m_template, &QComboBox::currentIndexChanged, this, &BlastDialog::applyTemplate);
    connect(m_message, &QPlainTextEdit::textChanged, this, &BlastDialog::updateState);
    connect(m_confirm, &QLineEdit::textChanged, this, &BlastDialog::updateState);
    if (m_service)
        connect(m_service, &BlastService::approvalThresholdChanged, this, &BlastDialog::updateState);

    applyTemplate();
    count();
}

QString BlastDialog::campaignTitle() const
{
    const QString text = m_campaign->currentText();
    const int paren = text.lastIndexOf(QStringLiteral(" ("));
    return paren > 0 ? text.left(paren) : text;
}

void BlastDialog::applyTemplate()
{
    const int i = m_template->currentIndex();
    if (i < 0 || i >= int(std::size(kTemplates)))
        return;
    QString text = tr(kTemplates[i].text);
    text.replace(QStringLiteral("{campaign}"), campaignTitle());
    m_message->setPlainText(text);
}

void BlastDialog::scheduleCount()
{
    // The old number must not be confirmable while the new one is counted.
    m_count = -1;
    m_counting = true;
    ++m_countSeq;
    updateState();
    m_debounce.start();
}

void BlastDialog::count()
{
    const qint64 campaign = m_campaign->currentData().toLongLong();
    if (!m_service || campaign <= 0) {
        m_counting = false;
        m_count = -1;
        m_countLabel->setText(tr("No campaign"));
        updateState();
        return;
    }
    m_counting = true;
    const int seq = ++m_countSeq;
    updateState();
    m_service->countAudience(m_channel->currentData().toString(), campaign, m_radius->value(), this,
                             [this, seq](qint64 n, const QString &error) {
                                 if (seq != m_countSeq)
                                     return; // an answer to an earlier choice
                                 m_counting = false;
                                 m_count = error.isEmpty() ? n : -1;
                                 m_countLabel->setText(error.isEmpty() ? tr("%1 supporters").arg(QLocale().toString(n))
                                                                       : tr("Could not count: %1").arg(error));
                                 updateState();
                                 Q_EMIT countUpdated(m_count);
                             });
}

bool BlastDialog::confirmationMatches(const QString &typed, qint64 count)
{
    if (count < 0)
        return false;
    // The count is shown with the user's group separator ("1,234" in en_US and
    // es_US, "1.234" in es_ES), so that one is accepted as typed too.
    const QString group = QLocale().groupSeparator();
    QString digits;
    for (qsizetype i = 0; i < typed.size(); ++i) {
        const QChar c = typed.at(i);
        if (c.isDigit())
            digits += c;
        else if (!group.isEmpty() && QStringView(typed).mid(i).startsWith(group))
            i += group.size() - 1;
        else if (c != QLatin1Char(',') && !c.isSpace() && c != QChar(0x00a0) && c != QChar(0x202f) &&
                 c != QChar(0x2009))
            return false; // not a plain number: never "close enough"
    }
    return !digits.isEmpty() && digits == QString::number(count);
}

void BlastDialog::updateState()
{
    if (m_counting)
        m_countLabel->setText(tr("Counting…"));
    const bool known = !m_counting && m_count >= 0;
    const bool approval = known && m_service && m_service->needsApproval(m_count);
    m_approvalNote->setVisible(approval);
    if (approval)
        m_approvalNote->setText(tr("More than %1 recipients: a second operator must approve this blast before it is "
                                   "sent.")
                                    .arg(QLocale().toString(m_service->approvalThreshold())));
    m_confirmLabel->setText(known ? tr("To send, type the number of recipients (%1):").arg(QLocale().toString(m_count))
                                  : tr("To send, type the number of recipients once it is counted:"));
    m_length->setText(tr("%n characters", nullptr, int(m_message->toPlainText().size())));
    m_send->setText(approval ? tr("Request approval") : tr("Send"));
    const bool ok = !m_submitted && known && m_count > 0 && !m_message->toPlainText().trimmed().isEmpty() &&
        confirmationMatches(m_confirm->text(), m_count);
    m_send->setEnabled(ok);
}

BlastRequest BlastDialog::request() const
{
    BlastRequest r;
    r.key = m_key;
    r.campaignId = m_campaign->currentData().toLongLong();
    r.channel = m_channel->currentData().toString();
    r.radiusMiles = m_radius->value();
    r.message = m_message->toPlainText().trimmed();
    r.audienceSize = m_count;
    return r;
}

void BlastDialog::submit()
{
    updateState();
    if (!m_send->isEnabled() || m_submitted)
        return;
    m_submitted = true;
    m_send->setEnabled(false);
    Q_EMIT sendRequested(request());
    accept();
}

} // namespace oc

#include "PlanEditorDialog.h"

#include "IncidentController.h"
#include "IncidentPalette.h"
#include "RemedyRunner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonValue>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <utility>

namespace oc {

namespace {

// The stored parameter names (docs/incidents.md) in words.
QString paramLabel(const QString &key)
{
    static const QHash<QString, const char *> labels {
        {QStringLiteral("direction"), QT_TRANSLATE_NOOP("oc::PlanEditorDialog", "Direction")},
        {QStringLiteral("fire_at"), QT_TRANSLATE_NOOP("oc::PlanEditorDialog", "Fire at")},
        {QStringLiteral("recover_at"), QT_TRANSLATE_NOOP("oc::PlanEditorDialog", "Recover at")},
        {QStringLiteral("recent_s"), QT_TRANSLATE_NOOP("oc::PlanEditorDialog", "Recent window (s)")},
        {QStringLiteral("baseline_s"), QT_TRANSLATE_NOOP("oc::PlanEditorDialog", "Baseline window (s)")},
        {QStringLiteral("fire_pct"), QT_TRANSLATE_NOOP("oc::PlanEditorDialog", "Fire at change (%)")},
        {QStringLiteral("recover_pct"), QT_TRANSLATE_NOOP("oc::PlanEditorDialog", "Recover at change (%)")},
        {QStringLiteral("slo"), QT_TRANSLATE_NOOP("oc::PlanEditorDialog", "SLO")},
        {QStringLiteral("long_s"), QT_TRANSLATE_NOOP("oc::PlanEditorDialog", "Long window (s)")},
        {QStringLiteral("short_s"), QT_TRANSLATE_NOOP("oc::PlanEditorDialog", "Short window (s)")},
        {QStringLiteral("factor"), QT_TRANSLATE_NOOP("oc::PlanEditorDialog", "Burn factor")},
        {QStringLiteral("guard"), QT_TRANSLATE_NOOP("oc::PlanEditorDialog", "Only while (guard)")},
    };
    const auto it = labels.constFind(key);
    return it == labels.cend() ? key : PlanEditorDialog::tr(*it);
}

QStringList directions(const QString &current)
{
    static const QStringList threshold {QStringLiteral("above"), QStringLiteral("below")};
    static const QStringList change {QStringLiteral("drop"), QStringLiteral("rise")};
    if (threshold.contains(current))
        return threshold;
    if (change.contains(current))
        return change;
    return {current};
}

QDoubleSpinBox *seconds(QWidget *parent, const QString &accessible)
{
    auto *s = new QDoubleSpinBox(parent);
    s->setRange(0, 24 * 3600);
    s->setDecimals(1);
    s->setSuffix(PlanEditorDialog::tr(" s"));
    s->setAccessibleName(accessible);
    return s;
}

} // namespace

PlanEditorDialog::PlanEditorDialog(IncidentController *controller, QWidget *parent)
    : QDialog(parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("planEditor"));
    setWindowTitle(tr("Incident response plan"));
    auto *l = new QVBoxLayout(this);
    m_readOnly = new QLabel(this);
    m_readOnly->setObjectName(QStringLiteral("planReadOnly"));
    m_readOnly->setWordWrap(true);
    m_readOnly->setAccessibleName(tr("Why the plan is read-only"));
    l->addWidget(m_readOnly);

    auto *row = new QHBoxLayout;
    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Rules of the plan"));
    m_list->setMinimumWidth(220);
    row->addWidget(m_list, 1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *formBox = new QWidget(scroll);
    auto *form = new QFormLayout(formBox);
    m_title = new QLineEdit(formBox);
    m_title->setAccessibleName(tr("Title"));
    form->addRow(tr("&Title"), m_title);
    m_severity = new QComboBox(formBox);
    m_severity->setAccessibleName(tr("Severity"));
    m_severity->addItem(tr("Page (someone acts now)"), int(Alert::Severity::Page));
    m_severity->addItem(tr("Ticket (today)"), int(Alert::Severity::Ticket));
    m_severity->addItem(tr("Info"), int(Alert::Severity::Info));
    form->addRow(tr("Se&verity"), m_severity);

    auto *paramsGroup = new QGroupBox(tr("Thresholds"), formBox);
    m_paramsBox = paramsGroup;
    m_paramsForm = new QFormLayout(paramsGroup);
    form->addRow(paramsGroup);
    m_pending = seconds(formBox, tr("Pending period"));
    form->addRow(tr("&Pending for"), m_pending);
    m_hold = seconds(formBox, tr("Recovery hold time"));
    form->addRow(tr("Recovered &for"), m_hold);
    m_check = new QLineEdit(formBox);
    m_check->setAccessibleName(tr("Runbook: what to check"));
    form->addRow(tr("Runbook: &check"), m_check);
    m_decider = new QLineEdit(formBox);
    m_decider->setAccessibleName(tr("Runbook: who decides"));
    form->addRow(tr("Runbook: &decides"), m_decider);
    m_remedy = new QComboBox(formBox);
    m_remedy->setAccessibleName(tr("One-click remedy"));
    m_remedy->addItem(tr("None"), QString());
    for (const QString &id : {QStringLiteral("flip-to-static"), QStringLiteral("flip-to-live"),
                              QStringLiteral("cancel-blast"), QStringLiteral("launch")})
        m_remedy->addItem(RemedyRunner::label(id), id);
    form->addRow(tr("&Remedy"), m_remedy);
    m_enabled = new QCheckBox(tr("Rule is &on"), formBox);
    m_enabled->setAccessibleName(tr("Rule is on"));
    form->addRow(m_enabled);
    scroll->setWidget(formBox);
    row->addWidget(scroll, 2);
    l->addLayout(row, 1);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setAccessibleName(tr("Plan status"));
    l->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_save = buttons->addButton(tr("&Save rule"), QDialogButtonBox::ApplyRole);
    m_save->setAccessibleName(tr("Save rule"));
    l->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, [this] {
        if (m_row < 0)
            return;
        m_saving = true;
        m_status->setText(tr("Saving…"));
        m_controller->savePlanRule(editedRule());
    });
    connect(m_list, &QListWidget::currentRowChanged, this, &PlanEditorDialog::showRule);
    connect(controller, &IncidentController::planChanged, this, &PlanEditorDialog::reload);
    connect(controller, &IncidentController::planSaved, this, [this](const QString &id) {
        m_saving = false;
        m_status->setText(tr("Saved rule %1.").arg(id));
    });
    connect(controller, &IncidentController::errorOccurred, this, [this](const QString &message) {
        // Only the answer to this dialog's save; the engine's other
        // complaints belong to the panel.
        if (std::exchange(m_saving, false))
            m_status->setText(message);
    });
    connect(controller, &IncidentController::sharingChanged, this, &PlanEditorDialog::updateEditable);

    reload();
    resize(780, 520);
}

void PlanEditorDialog::reload()
{
    const QString keep = m_row >= 0 && m_row < m_plan.size() ? m_plan.at(m_row).id : QString();
    m_plan = m_controller->plan();
    QSignalBlocker block(m_list);
    m_list->clear();
    for (const PlanRule &r : std::as_const(m_plan)) {
        auto *item = new QListWidgetItem(r.enabled ? r.title : tr("%1 (off)").arg(r.title), m_list);
        item->setToolTip(r.id);
        item->setData(Qt::UserRole, r.id);
    }
    m_row = -1;
    int row = 0;
    for (int i = 0; i < m_plan.size(); ++i)
        if (m_plan.at(i).id == keep)
            row = i;
    if (!m_plan.isEmpty()) {
        m_list->setCurrentRow(row);
        showRule(row);
    }
    updateEditable();
}

void PlanEditorDialog::selectRule(const QString &ruleId)
{
    for (int i = 0; i < m_plan.size(); ++i)
        if (m_plan.at(i).id == ruleId)
            m_list->setCurrentRow(i);
}

void PlanEditorDialog::showRule(int row)
{
    m_row = row;
    // The parameter editors differ per rule kind: rebuilt for each rule.
    while (m_paramsForm->rowCount() > 0)
        m_paramsForm->removeRow(0);
    m_params.clear();
    if (row < 0 || row >= m_plan.size())
        return;
    const PlanRule &r = m_plan.at(row);
    m_title->setText(r.title);
    m_severity->setCurrentIndex(m_severity->findData(int(r.severity)));
    m_pending->setValue(r.pendingMs / 1000.0);
    m_hold->setValue(r.holdMs / 1000.0);
    m_check->setText(r.check);
    m_decider->setText(r.decider);
    const int remedy = m_remedy->findData(r.remedyId);
    if (remedy < 0 && !r.remedyId.isEmpty())
        m_remedy->addItem(r.remedyId, r.remedyId);
    m_remedy->setCurrentIndex(std::max(0, m_remedy->findData(r.remedyId)));
    m_enabled->setChecked(r.enabled);
    for (auto it = r.params.constBegin(); it != r.params.constEnd(); ++it) {
        const QString key = it.key();
        QWidget *editor = nullptr;
        if (it.value().isDouble()) {
            auto *s = new QDoubleSpinBox(m_paramsBox);
            s->setRange(-1e9, 1e9);
            s->setDecimals(4);
            s->setValue(it.value().toDouble());
            editor = s;
        } else if (it.value().isString()) {
            auto *c = new QComboBox(m_paramsBox);
            const QString value = it.value().toString();
            c->addItems(directions(value));
            c->setCurrentText(value);
            editor = c;
        } else {
            // A nested condition (a guard): kept as stored, not edited here.
            auto *lbl = new QLabel(tr("kept as stored"), m_paramsBox);
            lbl->setEnabled(false);
            editor = lbl;
        }
        editor->setAccessibleName(paramLabel(key));
        editor->setObjectName(QStringLiteral("param-") + key);
        m_paramsForm->addRow(paramLabel(key), editor);
        m_params.insert(key, editor);
    }
    m_status->clear();
    updateEditable();
}

void PlanEditorDialog::updateEditable()
{
    const bool can = m_controller->canAct() && m_controller->isShared();
    QString why;
    if (!m_controller->canAct())
        why = tr("Read-only: changing the plan needs the operator role (this console's database role cannot).");
    else if (!m_controller->isShared())
        why = tr("Read-only: this database has no shared plan; the console runs the default plan.");
    m_readOnly->setText(why);
    m_readOnly->setVisible(!why.isEmpty());
    if (!why.isEmpty()) {
        QPalette p = m_readOnly->palette();
        p.setColor(QPalette::WindowText, IncidentPalette::alertState(Alert::State::Pending, p));
        m_readOnly->setPalette(p);
    }
    const bool editable = can && m_row >= 0;
    for (QWidget *w : std::initializer_list<QWidget *> {m_title, m_severity, m_paramsBox, m_pending, m_hold, m_check,
                                                        m_decider, m_remedy, m_enabled, m_save})
        w->setEnabled(editable);
    m_save->setToolTip(why.isEmpty() ? m_save->accessibleName() : why);
}

PlanRule PlanEditorDialog::editedRule() const
{
    if (m_row < 0 || m_row >= m_plan.size())
        return {};
    PlanRule r = m_plan.at(m_row);
    r.title = m_title->text().trimmed();
    r.severity = Alert::Severity(m_severity->currentData().toInt());
    r.pendingMs = qRound64(m_pending->value() * 1000);
    r.holdMs = qRound64(m_hold->value() * 1000);
    r.check = m_check->text().trimmed();
    r.decider = m_decider->text().trimmed();
    r.remedyId = m_remedy->currentData().toString();
    r.enabled = m_enabled->isChecked();
    for (auto it = m_params.constBegin(); it != m_params.constEnd(); ++it) {
        if (auto *s = qobject_cast<QDoubleSpinBox *>(it.value()))
            r.params.insert(it.key(), s->value());
        else if (auto *c = qobject_cast<QComboBox *>(it.value()))
            r.params.insert(it.key(), c->currentText());
    }
    return r;
}

} // namespace oc

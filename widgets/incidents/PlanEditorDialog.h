#pragma once

#include "PlanRule.h"

#include <QDialog>
#include <QHash>
#include <QList>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QWidget;

namespace oc {

class IncidentController;

// The incident-response plan, one rule at a time: its title, thresholds,
// pending and hold times, severity, runbook step (what to check, who decides),
// one-click remedy and whether it is on. Save sends the rule to the
// controller (compare-and-set on its version, audited in the database);
// viewers see every field disabled and why.
class PlanEditorDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PlanEditorDialog(IncidentController *controller, QWidget *parent = nullptr);

    QListWidget *ruleList() const { return m_list; }
    QLineEdit *titleEdit() const { return m_title; }
    QComboBox *severityBox() const { return m_severity; }
    QDoubleSpinBox *pendingBox() const { return m_pending; }
    QDoubleSpinBox *holdBox() const { return m_hold; }
    QLineEdit *checkEdit() const { return m_check; }
    QLineEdit *deciderEdit() const { return m_decider; }
    QComboBox *remedyBox() const { return m_remedy; }
    QCheckBox *enabledBox() const { return m_enabled; }
    // The spin box or line edit of one parameter ("fire_at"), if the rule has it.
    QWidget *paramEditor(const QString &key) const { return m_params.value(key); }
    QPushButton *saveButton() const { return m_save; }
    QLabel *readOnlyLabel() const { return m_readOnly; }
    QLabel *statusLabel() const { return m_status; }

    // The selected rule with the fields' values.
    PlanRule editedRule() const;
    void selectRule(const QString &ruleId);

private:
    void reload();
    void showRule(int row);
    void updateEditable();

    IncidentController *m_controller;
    QList<PlanRule> m_plan;
    int m_row = -1;
    bool m_saving = false;

    QListWidget *m_list = nullptr;
    QLineEdit *m_title = nullptr;
    QComboBox *m_severity = nullptr;
    QWidget *m_paramsBox = nullptr;
    QFormLayout *m_paramsForm = nullptr;
    QHash<QString, QWidget *> m_params;
    QDoubleSpinBox *m_pending = nullptr;
    QDoubleSpinBox *m_hold = nullptr;
    QLineEdit *m_check = nullptr;
    QLineEdit *m_decider = nullptr;
    QComboBox *m_remedy = nullptr;
    QCheckBox *m_enabled = nullptr;
    QPushButton *m_save = nullptr;
    QLabel *m_readOnly = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace oc

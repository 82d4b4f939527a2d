#pragma once

#include "VendorRegistry.h"

#include <QDialog>
#include <QPointer>

class QGroupBox;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPushButton;
class QSpinBox;
class QTableView;

namespace oc {

class IncidentController;

// The vendors the console watches (issue 15 follow-up): a table of them with
// what the probes last found, Add / Edit / Remove, and a small form for one
// vendor. Everything it decides is the registry's (VendorRegistry: the rules,
// the role, compare-and-set); this lays out and forwards. Viewers see the
// buttons disabled and why. Remove asks first (it stops every console
// watching the vendor): a window-modal box opened with open(), not exec(),
// so the live probes keep running behind it and tests drive it through
// removeConfirmation().
class VendorsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit VendorsDialog(IncidentController *controller, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *removeButton() const { return m_remove; }
    QGroupBox *form() const { return m_form; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *statusUrlEdit() const { return m_statusUrl; }
    QLineEdit *quotaUrlEdit() const { return m_quotaUrl; }
    QSpinBox *intervalBox() const { return m_interval; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *cancelButton() const { return m_cancel; }
    QLabel *readOnlyLabel() const { return m_readOnly; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *detailLabel() const { return m_detail; }
    // The open "stop watching?" question, if any; Cancel is its default.
    QMessageBox *removeConfirmation() const;

    void selectVendor(const QString &name);
    QString selectedName() const;

private:
    enum class Mode { Viewing, Adding, Editing };

    std::optional<VendorRegistry::Vendor> selectedVendor() const;
    void startAdding();
    void startEditing();
    void askRemove();
    void remove(const VendorRegistry::Vendor &v);
    void save();
    void setMode(Mode mode);
    void showDetail();
    void updateEditable();

    IncidentController *m_controller;
    VendorRegistry *m_registry;
    Mode m_mode = Mode::Viewing;
    VendorRegistry::Vendor m_original;
    bool m_busy = false; // a request of this dialog's is out
    bool m_removing = false;
    QString m_keepSelected; // across a model reset
    QString m_selectAfterSave;

    QLabel *m_readOnly = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_detail = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_remove = nullptr;
    QGroupBox *m_form = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_statusUrl = nullptr;
    QLineEdit *m_quotaUrl = nullptr;
    QSpinBox *m_interval = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_status = nullptr;
    QPointer<QMessageBox> m_confirmRemove;
};

} // namespace oc

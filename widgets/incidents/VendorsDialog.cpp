#include "VendorsDialog.h"

#include "IncidentController.h"
#include "IncidentPalette.h"
#include "VendorListModel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

namespace oc {

namespace {

QLabel *plainLabel(QWidget *parent, const QString &accessibleName)
{
    auto *l = new QLabel(parent);
    l->setTextFormat(Qt::PlainText); // vendors' and operators' words, never markup
    l->setWordWrap(true);
    l->setAccessibleName(accessibleName);
    return l;
}

QLineEdit *urlEdit(QWidget *parent, const QString &accessibleName, const QString &placeholder)
{
    auto *e = new QLineEdit(parent);
    e->setAccessibleName(accessibleName);
    e->setPlaceholderText(placeholder);
    e->setMaxLength(VendorRegistry::kMaxUrlChars + 100); // the registry names the limit, the field just stops runaways
    e->setInputMethodHints(Qt::ImhUrlCharactersOnly | Qt::ImhNoAutoUppercase);
    return e;
}

} // namespace

VendorsDialog::VendorsDialog(IncidentController *controller, QWidget *parent)
    : QDialog(parent)
    , m_controller(controller)
    , m_registry(controller->vendors())
{
    setObjectName(QStringLiteral("vendorsDialog"));
    setWindowTitle(tr("Watched vendors"));
    auto *l = new QVBoxLayout(this);

    m_readOnly = plainLabel(this, tr("Why the vendors are read-only"));
    m_readOnly->setObjectName(QStringLiteral("vendorsReadOnly"));
    l->addWidget(m_readOnly);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("vendorsTable"));
    m_table->setAccessibleName(tr("Watched vendors"));
    m_table->setModel(m_registry->model());
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setColumnWidth(VendorListModel::StatusUrlColumn, 220);
    m_table->setColumnWidth(VendorListModel::QuotaUrlColumn, 180);
    l->addWidget(m_table, 1);

    m_detail = plainLabel(this, tr("What the probe last found"));
    m_detail->setObjectName(QStringLiteral("vendorDetail"));
    l->addWidget(m_detail);

    auto *buttons = new QHBoxLayout;
    m_add = new QPushButton(tr("&Add…"), this);
    m_add->setAccessibleName(tr("Add a vendor"));
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_edit->setAccessibleName(tr("Edit the selected vendor"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setAccessibleName(tr("Remove the selected vendor"));
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    l->addLayout(buttons);

    m_form = new QGroupBox(tr("Vendor"), this);
    m_form->setObjectName(QStringLiteral("vendorForm"));
    auto *form = new QFormLayout(m_form);
    m_name = new QLineEdit(m_form);
    m_name->setAccessibleName(tr("Vendor name"));
    m_name->setPlaceholderText(tr("map-tiles"));
    m_name->setMaxLength(VendorRegistry::kMaxNameChars + 20);
    auto *nameLabel = new QLabel(tr("&Name"), m_form);
    nameLabel->setBuddy(m_name);
    form->addRow(nameLabel, m_name);
    m_statusUrl = urlEdit(m_form, tr("Status page address (Statuspage summary.json)"),
                          QStringLiteral("https://status.example.com/api/v2/summary.json"));
    auto *statusLabel = new QLabel(tr("&Status page"), m_form);
    statusLabel->setBuddy(m_statusUrl);
    form->addRow(statusLabel, m_statusUrl);
    m_quotaUrl = urlEdit(m_form, tr("Quota address (answers carry rate-limit headers)"),
                         QStringLiteral("https://api.example.com/v1/ping"));
    auto *quotaLabel = new QLabel(tr("&Quota address"), m_form);
    quotaLabel->setBuddy(m_quotaUrl);
    form->addRow(quotaLabel, m_quotaUrl);
    m_interval = new QSpinBox(m_form);
    m_interval->setAccessibleName(tr("Poll interval in seconds"));
    m_interval->setRange(VendorRegistry::kMinIntervalS, VendorRegistry::kMaxIntervalS);
    m_interval->setValue(60);
    m_interval->setSuffix(tr(" s"));
    auto *intervalLabel = new QLabel(tr("Poll e&very"), m_form);
    intervalLabel->setBuddy(m_interval);
    form->addRow(intervalLabel, m_interval);
    auto *formButtons = new QHBoxLayout;
    m_save = new QPushButton(tr("Sa&ve"), m_form);
    m_save->setAccessibleName(tr("Save the vendor"));
    m_cancel = new QPushButton(tr("Cancel"), m_form);
    m_cancel->setAccessibleName(tr("Cancel the change"));
    formButtons->addStretch(1);
    formButtons->addWidget(m_cancel);
    formButtons->addWidget(m_save);
    form->addRow(formButtons);
    l->addWidget(m_form);

    m_status = plainLabel(this, tr("Vendors status"));
    m_status->setObjectName(QStringLiteral("vendorsStatus"));
    l->addWidget(m_status);

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    l->addWidget(close);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(m_add, &QPushButton::clicked, this, &VendorsDialog::startAdding);
    connect(m_edit, &QPushButton::clicked, this, &VendorsDialog::startEditing);
    connect(m_remove, &QPushButton::clicked, this, &VendorsDialog::askRemove);
    connect(m_save, &QPushButton::clicked, this, &VendorsDialog::save);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_status->clear();
        setMode(Mode::Viewing);
    });
    connect(m_table, &QTableView::doubleClicked, this, [this] {
        if (m_edit->isEnabled())
            startEditing();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showDetail();
        updateEditable();
    });
    VendorListModel *model = m_registry->model();
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_keepSelected = selectedName(); });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        selectVendor(std::exchange(m_keepSelected, {}));
        showDetail();
        updateEditable();
    });
    connect(model, &QAbstractItemModel::dataChanged, this, &VendorsDialog::showDetail);
    connect(m_registry, &VendorRegistry::saved, this, [this](const QString &name) {
        if (!std::exchange(m_busy, false))
            return;
        const bool removed = std::exchange(m_removing, false);
        m_status->setText(removed ? tr("Removed vendor %1.").arg(name) : tr("Saved vendor %1.").arg(name));
        setMode(Mode::Viewing);
        // The registry's reload follows: select the saved vendor when it shows.
        if (!removed)
            m_selectAfterSave = name;
    });
    connect(m_registry, &VendorRegistry::vendorsChanged, this, [this] {
        if (!m_selectAfterSave.isEmpty() && m_registry->vendor(m_selectAfterSave))
            selectVendor(std::exchange(m_selectAfterSave, {}));
        updateEditable();
    });
    connect(m_registry, &VendorRegistry::refused, this, [this](const QString &message) {
        // Only the answer to this dialog's request; the form keeps what was typed.
        m_removing = false;
        if (std::exchange(m_busy, false))
            m_status->setText(message);
    });
    connect(controller, &IncidentController::sharingChanged, this, &VendorsDialog::updateEditable);

    setMode(Mode::Viewing);
    if (m_registry->model()->rowCount() > 0)
        m_table->selectRow(0);
    showDetail();
    updateEditable();
    resize(900, 520);
}

QString VendorsDialog::selectedName() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(VendorListModel::NameRole).toString();
}

std::optional<VendorRegistry::Vendor> VendorsDialog::selectedVendor() const
{
    const QString name = selectedName();
    return name.isEmpty() ? std::nullopt : m_registry->vendor(name);
}

void VendorsDialog::selectVendor(const QString &name)
{
    const int row = m_registry->model()->rowOf(name);
    if (row >= 0)
        m_table->selectRow(row);
}

void VendorsDialog::startAdding()
{
    m_name->clear();
    m_statusUrl->clear();
    m_quotaUrl->clear();
    m_interval->setValue(60);
    m_status->clear();
    setMode(Mode::Adding);
    m_name->setFocus();
}

void VendorsDialog::startEditing()
{
    const auto v = selectedVendor();
    if (!v)
        return;
    m_original = *v;
    m_name->setText(v->name);
    m_statusUrl->setText(v->statusUrl);
    m_quotaUrl->setText(v->quotaUrl);
    m_interval->setValue(v->intervalS);
    m_status->clear();
    setMode(Mode::Editing);
    m_statusUrl->setFocus();
}

QMessageBox *VendorsDialog::removeConfirmation() const
{
    return m_confirmRemove;
}

void VendorsDialog::askRemove()
{
    const auto v = selectedVendor();
    if (!v)
        return;
    if (m_confirmRemove)
        m_confirmRemove->reject();
    // The name as text, cut in the middle: the table's check keeps it short
    // and plain, but a box and a button are no place to trust that.
    const QString shown = fontMetrics().elidedText(v->name, Qt::ElideMiddle, 320);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Stop watching a vendor"), tr("Stop watching %1?").arg(shown),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("removeVendorConfirmation"));
    box->setTextFormat(Qt::PlainText);
    box->setInformativeText(tr("Every console stops watching this vendor (the others at their next re-read, within "
                               "15 s) and its addresses and interval are deleted. To watch it again, add it anew."));
    box->setAccessibleName(tr("Stop watching %1?").arg(shown));
    // The action's name on the button; the mnemonic is ours, so a '&' in the name is escaped.
    QPushButton *stop = box->addButton(tr("&Stop watching %1").arg(QString(shown).replace(u'&', QStringLiteral("&&"))),
                                       QMessageBox::DestructiveRole);
    stop->setObjectName(QStringLiteral("stopWatchingButton"));
    stop->setAccessibleName(tr("Stop watching %1").arg(shown));
    stop->setAutoDefault(false);
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    cancel->setAccessibleName(tr("Keep watching %1").arg(shown));
    // A stray Enter keeps the vendor; Escape is Cancel too.
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    // The row as it was asked about: the registry's compare-and-set refuses
    // the removal if another console changed the vendor meanwhile.
    connect(box, &QMessageBox::finished, this, [this, box, stop, vendor = *v](int) {
        const bool confirmed = box->clickedButton() == stop;
        m_table->setFocus();
        if (confirmed)
            remove(vendor);
    });
    m_confirmRemove = box;
    box->open();
    cancel->setFocus();
}

void VendorsDialog::remove(const VendorRegistry::Vendor &v)
{
    setMode(Mode::Viewing);
    m_busy = true;
    m_removing = true;
    m_status->setText(tr("Removing vendor %1…").arg(v.name));
    m_registry->remove(v);
}

void VendorsDialog::save()
{
    VendorRegistry::Vendor v;
    v.name = m_name->text();
    v.statusUrl = m_statusUrl->text();
    v.quotaUrl = m_quotaUrl->text();
    v.intervalS = m_interval->value();
    m_busy = true;
    m_status->setText(tr("Saving…"));
    if (m_mode == Mode::Editing)
        m_registry->edit(m_original, v);
    else
        m_registry->add(v);
}

void VendorsDialog::setMode(Mode mode)
{
    m_mode = mode;
    m_form->setTitle(mode == Mode::Editing ? tr("Edit vendor %1").arg(m_original.name)
                                           : (mode == Mode::Adding ? tr("New vendor") : tr("Vendor")));
    updateEditable();
}

void VendorsDialog::showDetail()
{
    const QString name = selectedName();
    const int row = m_registry->model()->rowOf(name);
    if (row < 0) {
        m_detail->clear();
        return;
    }
    const QModelIndex idx = m_registry->model()->index(row, VendorListModel::StatusColumn);
    const QString detail = idx.data(VendorListModel::DetailRole).toString();
    m_detail->setText(detail.isEmpty() ? QString() : tr("%1: %2").arg(name, detail));
}

void VendorsDialog::updateEditable()
{
    const QString why = m_registry->readOnlyReason();
    const bool can = why.isEmpty();
    m_readOnly->setText(why);
    m_readOnly->setVisible(!can);
    if (!can) {
        QPalette p = m_readOnly->palette();
        p.setColor(QPalette::WindowText, IncidentPalette::alertState(Alert::State::Pending, p));
        m_readOnly->setPalette(p);
    }
    const auto selected = selectedVendor();
    QString selectedWhy = why;
    if (can && selected && selected->builtIn)
        selectedWhy = tr("Configured for this console (the demo simulator's), not stored: add a vendor of the same "
                         "name to replace it for every console.");
    else if (can && !selected)
        selectedWhy = tr("Select a vendor first.");
    const bool onSelected = can && selected && !selected->builtIn;
    m_add->setEnabled(can);
    m_edit->setEnabled(onSelected);
    m_remove->setEnabled(onSelected);
    m_add->setToolTip(can ? m_add->accessibleName() : why);
    m_edit->setToolTip(onSelected ? m_edit->accessibleName() : selectedWhy);
    m_remove->setToolTip(onSelected ? m_remove->accessibleName() : selectedWhy);
    const bool formOpen = can && m_mode != Mode::Viewing;
    m_form->setEnabled(formOpen);
    m_save->setToolTip(formOpen ? m_save->accessibleName() : (can ? tr("Add or edit a vendor first.") : why));
}

} // namespace oc

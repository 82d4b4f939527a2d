#include "IncidentsPanel.h"

#include "AlertListModel.h"
#include "AlertStateDelegate.h"
#include "IncidentCardDelegate.h"
#include "IncidentController.h"
#include "IncidentListModel.h"
#include "IncidentPalette.h"
#include "LogCategories.h"
#include "RemedyRunner.h"
#include "TimelineEntry.h"

#include <QDateTime>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace oc {

namespace {

enum TimelineColumn { TimeColumn, KindColumn, ActorColumn, DetailColumn, OutcomeColumn, TimelineColumns };

QString kindText(TimelineEntry::Kind k)
{
    switch (k) {
    case TimelineEntry::Kind::Opened: return IncidentsPanel::tr("Opened");
    case TimelineEntry::Kind::RuleFiring: return IncidentsPanel::tr("Rule firing");
    case TimelineEntry::Kind::RuleResolved: return IncidentsPanel::tr("Rule recovered");
    case TimelineEntry::Kind::Acknowledged: return IncidentsPanel::tr("Acknowledged");
    case TimelineEntry::Kind::HandedOver: return IncidentsPanel::tr("Handed over");
    case TimelineEntry::Kind::Note: return IncidentsPanel::tr("Note");
    case TimelineEntry::Kind::Action: return IncidentsPanel::tr("Action");
    case TimelineEntry::Kind::Resolved: return IncidentsPanel::tr("Resolved");
    case TimelineEntry::Kind::Reopened: return IncidentsPanel::tr("Reopened");
    case TimelineEntry::Kind::Silenced: return IncidentsPanel::tr("Silenced");
    }
    return {};
}

QPushButton *button(const QString &text, const QString &accessible, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setAccessibleName(accessible);
    return b;
}

QLabel *wrappingLabel(const QString &accessible, QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setAccessibleName(accessible);
    return l;
}

} // namespace

IncidentsPanel::IncidentsPanel(IncidentController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("incidentsPanel"));
    setAccessibleName(tr("Incidents"));
    auto *l = new QVBoxLayout(this);
    l->setContentsMargins(4, 4, 4, 4);

    m_notice = wrappingLabel(tr("Incident sharing notice"), this);
    m_notice->setObjectName(QStringLiteral("incidentNotice"));
    m_notice->setFrameShape(QFrame::StyledPanel);
    m_notice->setBackgroundRole(QPalette::AlternateBase);
    m_notice->setAutoFillBackground(true);
    m_notice->setMargin(4);
    m_notice->hide();
    l->addWidget(m_notice);

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("incidentCount"));
    m_count->setAccessibleName(tr("Open incidents"));
    l->addWidget(m_count);

    m_tabs = new QTabWidget(this);
    m_tabs->setAccessibleName(tr("Incidents and rules"));
    l->addWidget(m_tabs, 1);

    // Cards above, the selected card's detail below.
    auto *split = new QSplitter(Qt::Vertical, m_tabs);
    split->setChildrenCollapsible(false);
    m_cards = new QListView(split);
    m_cards->setObjectName(QStringLiteral("incidentCards"));
    m_cards->setAccessibleName(tr("Incident cards"));
    m_cards->setModel(controller->incidents());
    m_cards->setItemDelegate(new IncidentCardDelegate(m_cards));
    m_cards->setSelectionMode(QAbstractItemView::SingleSelection);
    m_cards->setUniformItemSizes(true);
    m_cards->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    // One card's height: on a laptop the dock shares its column.
    m_cards->setMinimumHeight(m_cards->fontMetrics().lineSpacing() * 4);
    split->addWidget(m_cards);

    auto *scroll = new QScrollArea(split);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_detail = new QWidget(scroll);
    m_detail->setAccessibleName(tr("Selected incident"));
    auto *dl = new QVBoxLayout(m_detail);
    dl->setContentsMargins(0, 4, 0, 0);
    m_title = wrappingLabel(tr("Incident title"), m_detail);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    dl->addWidget(m_title);
    m_state = wrappingLabel(tr("Incident state"), m_detail);
    dl->addWidget(m_state);
    m_runbook = wrappingLabel(tr("Runbook step"), m_detail);
    m_runbook->setObjectName(QStringLiteral("incidentRunbook"));
    dl->addWidget(m_runbook);

    m_remedy = button(QString(), tr("Run the remedy"), m_detail);
    m_remedy->setObjectName(QStringLiteral("incidentRemedy"));
    // The remedy flips the site or cancels a blast: an action control, which
    // the wallboard must never carry.
    m_remedy->setProperty("ocAction", true);
    dl->addWidget(m_remedy);
    m_remedyReason = wrappingLabel(tr("Why the remedy cannot run"), m_detail);
    m_remedyReason->setObjectName(QStringLiteral("incidentRemedyReason"));
    dl->addWidget(m_remedyReason);

    // Mnemonics avoid the main window's Alt+letter panel toggles.
    m_peopleRow = new QWidget(m_detail);
    auto *grid = new QGridLayout(m_peopleRow);
    grid->setContentsMargins(0, 0, 0, 0);
    m_ack = button(tr("Ac&knowledge"), tr("Acknowledge: take ownership"), m_peopleRow);
    m_handOver = button(tr("Hand &over…"), tr("Hand over"), m_peopleRow);
    m_note = button(tr("Add note…"), tr("Add note"), m_peopleRow);
    m_silence = button(tr("Silence"), tr("Silence until resolved"), m_peopleRow);
    m_resolve = button(tr("Resolve"), tr("Resolve"), m_peopleRow);
    grid->addWidget(m_ack, 0, 0);
    grid->addWidget(m_handOver, 0, 1);
    grid->addWidget(m_note, 0, 2);
    grid->addWidget(m_silence, 1, 0);
    grid->addWidget(m_resolve, 1, 1);
    dl->addWidget(m_peopleRow);
    m_permission = wrappingLabel(tr("Why you cannot act"), m_detail);
    m_permission->setObjectName(QStringLiteral("incidentPermission"));
    dl->addWidget(m_permission);

    m_timeline = new QTableWidget(0, TimelineColumns, m_detail);
    m_timeline->setObjectName(QStringLiteral("incidentTimeline"));
    m_timeline->setAccessibleName(tr("Timeline"));
    m_timeline->setHorizontalHeaderLabels({tr("Time"), tr("What"), tr("Who"), tr("Detail"), tr("Outcome")});
    m_timeline->verticalHeader()->hide();
    m_timeline->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_timeline->horizontalHeader()->setSectionResizeMode(DetailColumn, QHeaderView::Stretch);
    m_timeline->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_timeline->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_timeline->setWordWrap(false);
    m_timeline->setMinimumHeight(m_timeline->fontMetrics().lineSpacing() * 5);
    dl->addWidget(m_timeline, 1);

    auto *exportRow = new QHBoxLayout;
    m_exportMd = button(tr("Export Markdown…"), tr("Export the timeline as Markdown"), m_detail);
    m_exportCsv = button(tr("Export CSV…"), tr("Export the timeline as CSV"), m_detail);
    exportRow->addWidget(m_exportMd);
    exportRow->addWidget(m_exportCsv);
    exportRow->addStretch(1);
    dl->addLayout(exportRow);
    m_status = wrappingLabel(tr("Incident status"), m_detail);
    m_status->setObjectName(QStringLiteral("incidentStatus"));
    dl->addWidget(m_status);
    scroll->setWidget(m_detail);
    split->addWidget(scroll);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    m_tabs->addTab(split, tr("Incidents"));

    m_rules = new QTableView(m_tabs);
    m_rules->setObjectName(QStringLiteral("incidentRules"));
    m_rules->setAccessibleName(tr("Rules"));
    m_rules->setModel(controller->rules());
    m_rules->setItemDelegate(new AlertStateDelegate(m_rules));
    m_rules->verticalHeader()->hide();
    m_rules->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_rules->horizontalHeader()->setSectionResizeMode(AlertListModel::DetailColumn, QHeaderView::Stretch);
    m_rules->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rules->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rules->setWordWrap(false);
    m_tabs->addTab(m_rules, tr("Rules"));

    // Clicks go to the controller; what happens comes back through its
    // models and signals.
    connect(m_ack, &QPushButton::clicked, this, [this] {
        if (current())
            m_controller->acknowledge(m_current);
    });
    connect(m_silence, &QPushButton::clicked, this, [this] {
        if (current())
            m_controller->silence(m_current);
    });
    connect(m_resolve, &QPushButton::clicked, this, [this] {
        if (current())
            m_controller->resolve(m_current);
    });
    connect(m_handOver, &QPushButton::clicked, this, [this] {
        const qint64 id = m_current;
        askText(tr("Hand over"), tr("Hand this incident over to:"), false,
                [this, id](const QString &to) { m_controller->handOver(id, to); });
    });
    connect(m_note, &QPushButton::clicked, this, [this] {
        const qint64 id = m_current;
        askText(tr("Add note"), tr("Note for the timeline:"), true,
                [this, id](const QString &text) { m_controller->addNote(id, text); });
    });
    connect(m_remedy, &QPushButton::clicked, this, [this] {
        const Incident *c = current();
        if (!c)
            return;
        m_remedy->setEnabled(false);
        showStatus(tr("Running: %1…").arg(m_remedy->text()), false);
        m_controller->runRemedy(m_current);
    });
    connect(m_exportMd, &QPushButton::clicked, this, [this] { askExport(false); });
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { askExport(true); });

    connect(m_cards->selectionModel(), &QItemSelectionModel::currentChanged, this, &IncidentsPanel::onCurrentChanged);
    IncidentListModel *model = controller->incidents();
    connect(model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        const QModelIndex cur = m_cards->currentIndex();
        if (cur.isValid() && cur.row() >= from.row() && cur.row() <= to.row())
            updateDetail();
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
        // The first card to arrive is the one to look at.
        if (!m_cards->currentIndex().isValid() && m_cards->model()->rowCount() > 0)
            m_cards->setCurrentIndex(m_cards->model()->index(0, 0));
        updateCount();
    });
    connect(model, &QAbstractItemModel::modelReset, this, &IncidentsPanel::onCurrentChanged);
    connect(controller, &IncidentController::incidentsChanged, this, &IncidentsPanel::updateCount);
    connect(controller, &IncidentController::sharingChanged, this, &IncidentsPanel::updateControls);
    connect(controller, &IncidentController::noticeChanged, this, [this](const QString &n) {
        m_notice->setText(n);
        m_notice->setVisible(!n.isEmpty());
    });
    connect(controller, &IncidentController::timelineLoaded, this, [this](qint64 id) {
        if (id == m_current)
            fillTimeline();
    });
    connect(controller, &IncidentController::remedyFinished, this, [this](qint64 id, bool ok, const QString &outcome) {
        if (id == m_current)
            showStatus(ok ? tr("Done: %1").arg(outcome) : tr("Not done: %1").arg(outcome), !ok);
        updateControls();
    });
    connect(controller, &IncidentController::errorOccurred, this,
            [this](const QString &message) { showStatus(message, true); });

    // Whether a remedy can run depends on the actions' state (the site's
    // mode, a blast in flight), which changes without a card changing.
    auto *tick = new QTimer(this);
    tick->setInterval(1000);
    connect(tick, &QTimer::timeout, this, [this] {
        if (isVisible())
            updateControls();
    });
    tick->start();

    m_notice->setText(controller->notice());
    m_notice->setVisible(!controller->notice().isEmpty());
    if (model->rowCount() > 0)
        m_cards->setCurrentIndex(model->index(0, 0));
    updateCount();
    updateDetail();
}

IncidentsPanel::~IncidentsPanel() = default;

void IncidentsPanel::setWatchOnly(bool on)
{
    m_watchOnly = on;
    // Leadership watches: the cards and how many are open, nothing to press.
    m_remedy->setVisible(!on && current() && !current()->remedyId.isEmpty());
    m_peopleRow->setVisible(!on);
    m_permission->setVisible(!on && !m_permission->text().isEmpty());
    m_exportMd->setVisible(!on);
    m_exportCsv->setVisible(!on);
    m_tabs->setTabVisible(1, !on);
    QFont f = font();
    if (on) {
        f.setPointSizeF(f.pointSizeF() * 1.6);
        f.setBold(true);
    }
    m_count->setFont(f);
    updateDetail();
}

const Incident *IncidentsPanel::current() const
{
    return m_current == 0 ? nullptr : m_controller->incidents()->find(m_current);
}

void IncidentsPanel::selectIncident(qint64 id)
{
    const int row = m_controller->incidents()->rowOf(id);
    if (row >= 0)
        m_cards->setCurrentIndex(m_controller->incidents()->index(row));
}

void IncidentsPanel::onCurrentChanged()
{
    const QModelIndex cur = m_cards->currentIndex();
    const qint64 id = cur.isValid() ? cur.data(IncidentListModel::IdRole).toLongLong() : 0;
    if (id != m_current) {
        m_current = id;
        m_status->clear();
        m_timeline->setRowCount(0);
        if (id != 0) {
            fillTimeline(); // what is known now; the load brings the rest
            m_controller->loadTimeline(id);
        }
    }
    updateDetail();
}

void IncidentsPanel::updateDetail()
{
    const Incident *c = current();
    m_detail->setEnabled(c != nullptr);
    if (!c) {
        m_title->setText(m_controller->incidents()->rowCount() == 0 ? tr("No incidents.") : tr("Select an incident."));
        m_state->clear();
        m_runbook->clear();
        m_remedy->hide();
        m_remedyReason->hide();
        updateControls();
        return;
    }
    m_title->setText(c->drill ? tr("DRILL: %1").arg(c->title) : c->title);
    QString state = IncidentCardDelegate::stateText(*c) + QStringLiteral(" · ") + IncidentCardDelegate::factsText(*c);
    if (m_controller->incidents()->data(m_cards->currentIndex(), IncidentListModel::SilencedRole).toBool())
        state += QStringLiteral(" · ") + tr("Silenced");
    m_state->setText(state);
    m_runbook->setText(c->runbookStep.isEmpty() ? tr("Runbook: no step for this rule.")
                                                : tr("Runbook: %1").arg(c->runbookStep));
    updateControls();
}

void IncidentsPanel::updateControls()
{
    const Incident *c = current();
    const bool can = m_controller->canAct();
    const bool open = c && c->isOpen();
    const bool silenced =
        c && m_controller->incidents()->data(m_cards->currentIndex(), IncidentListModel::SilencedRole).toBool();
    m_ack->setEnabled(can && open && c->state == Incident::State::Firing);
    m_handOver->setEnabled(can && open);
    m_note->setEnabled(can && c);
    m_silence->setEnabled(can && open && !silenced);
    m_resolve->setEnabled(can && open);
    m_exportMd->setEnabled(c != nullptr);
    m_exportCsv->setEnabled(c != nullptr);

    const QString why = can ? QString()
                            : tr("You can watch these incidents but not act on them: acknowledging, notes, "
                                 "hand-overs and remedies need the operator role on a writable database.");
    m_permission->setText(why);
    m_permission->setVisible(!m_watchOnly && !why.isEmpty());
    for (QPushButton *b : {m_ack, m_handOver, m_note, m_silence, m_resolve})
        b->setToolTip(can ? b->accessibleName() : why);

    if (c && !c->remedyId.isEmpty()) {
        const QString label = RemedyRunner::label(c->remedyId);
        m_remedy->setText(label.isEmpty() ? c->remedyId : label);
        QString reason = m_controller->remedyUnavailableReason(m_current);
        if (reason.isEmpty() && !open)
            reason = tr("The incident is resolved.");
        m_remedy->setEnabled(reason.isEmpty());
        m_remedy->setToolTip(reason.isEmpty() ? m_remedy->text() : reason);
        m_remedyReason->setText(reason);
        m_remedy->setVisible(!m_watchOnly);
        m_remedyReason->setVisible(!m_watchOnly && !reason.isEmpty());
    } else {
        m_remedy->hide();
        m_remedyReason->hide();
    }
}

void IncidentsPanel::updateCount()
{
    const int n = m_controller->openCount();
    // Spelled out for one: without a translation loaded, "%n … (s)" shows as is.
    m_count->setText(n == 0       ? tr("No open incidents")
                         : n == 1 ? tr("1 open incident")
                                  : tr("%n open incidents", nullptr, n));
}

void IncidentsPanel::fillTimeline()
{
    const QList<TimelineEntry> entries = m_controller->timeline(m_current);
    m_timeline->setRowCount(int(entries.size()));
    for (int r = 0; r < entries.size(); ++r) {
        const TimelineEntry &e = entries.at(r);
        const QString cells[TimelineColumns] = {
            QDateTime::fromMSecsSinceEpoch(e.atMs).toString(QStringLiteral("hh:mm:ss.zzz")),
            kindText(e.kind),
            e.actor,
            e.ruleId.isEmpty() || e.detail.contains(e.ruleId) ? e.detail
                                                              : QStringLiteral("%1: %2").arg(e.ruleId, e.detail),
            e.outcome,
        };
        for (int col = 0; col < TimelineColumns; ++col) {
            auto *item = new QTableWidgetItem(cells[col]);
            item->setToolTip(cells[col]);
            m_timeline->setItem(r, col, item);
        }
    }
    if (!entries.isEmpty())
        m_timeline->scrollToBottom();
}

void IncidentsPanel::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    QPalette p = palette();
    if (error)
        p.setColor(QPalette::WindowText, IncidentPalette::alertState(Alert::State::Firing, p));
    m_status->setPalette(p);
}

void IncidentsPanel::askText(const QString &title, const QString &label, bool multiLine,
                             const std::function<void(const QString &)> &then)
{
    if (!current())
        return;
    // Not the static QInputDialog::getText: the window keeps updating (and
    // a test can answer) while the question is open.
    auto *dlg = new QInputDialog(this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setWindowTitle(title);
    dlg->setLabelText(label);
    dlg->setInputMode(QInputDialog::TextInput);
    if (multiLine)
        dlg->setOption(QInputDialog::UsePlainTextEditForTextInput);
    connect(dlg, &QInputDialog::textValueSelected, this, [then](const QString &text) {
        if (!text.trimmed().isEmpty())
            then(text);
    });
    m_dialog = dlg;
    dlg->open();
}

void IncidentsPanel::askExport(bool csv)
{
    const Incident *c = current();
    if (!c)
        return;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name =
        QStringLiteral("incident-%1.%2").arg(c->id).arg(csv ? QStringLiteral("csv") : QStringLiteral("md"));
    auto *dlg = new QFileDialog(this, csv ? tr("Export the timeline as CSV") : tr("Export the timeline as Markdown"),
                                dir + QLatin1Char('/') + name);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setAcceptMode(QFileDialog::AcceptSave);
    dlg->setFileMode(QFileDialog::AnyFile);
    dlg->setDefaultSuffix(csv ? QStringLiteral("csv") : QStringLiteral("md"));
    dlg->setNameFilter(csv ? tr("CSV files (*.csv)") : tr("Markdown files (*.md)"));
    dlg->selectFile(name);
    connect(dlg, &QFileDialog::fileSelected, this, [this, csv](const QString &path) { exportTo(path, csv); });
    m_dialog = dlg;
    dlg->open();
}

bool IncidentsPanel::exportTo(const QString &path, bool csv)
{
    if (!current())
        return false;
    const QByteArray bytes =
        csv ? m_controller->exportCsv(m_current) : m_controller->exportMarkdown(m_current).toUtf8();
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        showStatus(tr("Not saved: %1 (%2)").arg(path, f.errorString()), true);
        return false;
    }
    logcat::ui()->info("incident {} timeline exported to {}", m_current, path.toStdString());
    showStatus(tr("Saved %1").arg(path), false);
    return true;
}

} // namespace oc

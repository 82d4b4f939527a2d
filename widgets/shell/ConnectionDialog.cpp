#include "ConnectionDialog.h"

#include "ConnInfo.h"
#include "ConnectionDiagnosis.h"
#include "Migrator.h"
#include "PgAsyncConnection.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace oc {

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Connect — Organizer Console"));
    auto *l = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Choose what the console should show."), this);
    l->addWidget(intro);
    m_demo =
        new QRadioButton(tr("&Open the demo — a private database with a simulated campaign on this computer"), this);
    m_real = new QRadioButton(tr("&Connect to my campaign's database"), this);
    m_demo->setChecked(true);
    l->addWidget(m_demo);
    l->addWidget(m_real);

    auto *box = new QGroupBox(tr("Database"), this);
    auto *form = new QFormLayout(box);
    m_mode = new QComboBox(box);
    m_mode->addItems({tr("Host and database"), tr("Service name (pg_service.conf)"), tr("Connection string")});
    m_mode->setAccessibleName(tr("How to connect"));
    form->addRow(tr("&How:"), m_mode);
    m_pages = new QStackedWidget(box);
    auto *hostPage = new QWidget(m_pages);
    auto *hf = new QFormLayout(hostPage);
    hf->setContentsMargins(0, 0, 0, 0);
    m_host = new QLineEdit(hostPage);
    m_host->setPlaceholderText(QStringLiteral("db.example.org"));
    m_port = new QSpinBox(hostPage);
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_database = new QLineEdit(QStringLiteral("hub"), hostPage);
    m_user = new QLineEdit(qEnvironmentVariable("USER"), hostPage);
    hf->addRow(tr("H&ost:"), m_host);
    hf->addRow(tr("&Port:"), m_port);
    hf->addRow(tr("&Database:"), m_database);
    hf->addRow(tr("&User:"), m_user);
    m_pages->addWidget(hostPage);
    m_service = new QLineEdit(m_pages);
    m_service->setPlaceholderText(tr("service name, e.g. hub"));
    m_service->setAccessibleName(tr("Service name"));
    m_pages->addWidget(m_service);
    m_conninfo = new QLineEdit(m_pages);
    m_conninfo->setPlaceholderText(QStringLiteral("host=... dbname=... user=...  or  postgresql://user@host/db"));
    m_conninfo->setAccessibleName(tr("Connection string"));
    m_pages->addWidget(m_conninfo);
    form->addRow(m_pages);
    m_passwordMode = new QComboBox(box);
    m_passwordMode->addItems(
        {tr("From ~/.pgpass (recommended)"), tr("Type it now — for this session only, never saved")});
    m_passwordMode->setAccessibleName(tr("Password source"));
    form->addRow(tr("Pass&word:"), m_passwordMode);
    m_password = new QLineEdit(box);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    form->addRow(QString(), m_password);
    l->addWidget(box);

    m_result = new QLabel(this);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->addWidget(m_result);

    auto *buttons = new QDialogButtonBox(this);
    m_test = buttons->addButton(tr("&Test connection"), QDialogButtonBox::ActionRole);
    m_ok = buttons->addButton(QDialogButtonBox::Ok);
    buttons->addButton(QDialogButtonBox::Cancel);
    l->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        saveProfile();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_mode, &QComboBox::currentIndexChanged, m_pages, &QStackedWidget::setCurrentIndex);
    for (QRadioButton *r : {m_demo, m_real})
        connect(r, &QRadioButton::toggled, this, &ConnectionDialog::updateEnabled);
    connect(m_passwordMode, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateEnabled);

    const QSettings s;
    if (const QString saved = s.value(QStringLiteral("connection/conninfo")).toString(); !saved.isEmpty()) {
        m_real->setChecked(true);
        m_mode->setCurrentIndex(2);
        m_conninfo->setText(saved);
    }
    updateEnabled();
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::updateEnabled()
{
    const bool real = m_real->isChecked();
    m_mode->setEnabled(real);
    m_pages->setEnabled(real);
    m_passwordMode->setEnabled(real);
    m_password->setEnabled(real && m_passwordMode->currentIndex() == 1);
    m_test->setEnabled(real);
}

bool ConnectionDialog::demoChosen() const
{
    return m_demo->isChecked();
}

QString ConnectionDialog::savedConninfo() const
{
    QString ci;
    switch (m_mode->currentIndex()) {
    case 0:
        ci = ConnInfo::withParam({}, QStringLiteral("host"), m_host->text().trimmed());
        ci = ConnInfo::withParam(ci, QStringLiteral("port"), QString::number(m_port->value()));
        ci = ConnInfo::withParam(ci, QStringLiteral("dbname"), m_database->text().trimmed());
        if (!m_user->text().trimmed().isEmpty())
            ci = ConnInfo::withParam(ci, QStringLiteral("user"), m_user->text().trimmed());
        break;
    case 1: ci = ConnInfo::withParam({}, QStringLiteral("service"), m_service->text().trimmed()); break;
    default: ci = m_conninfo->text().trimmed(); break;
    }
    return ci;
}

QString ConnectionDialog::conninfo() const
{
    QString ci = savedConninfo();
    if (m_passwordMode->currentIndex() == 1 && !m_password->text().isEmpty())
        ci = ConnInfo::withParam(ci, QStringLiteral("password"), m_password->text());
    return ci;
}

void ConnectionDialog::saveProfile() const
{
    QSettings s;
    if (demoChosen()) {
        s.setValue(QStringLiteral("connection/demo"), true);
        return;
    }
    s.setValue(QStringLiteral("connection/demo"), false);
    // Never the password: ConnInfo::redacted would keep a typed one as ***.
    s.setValue(QStringLiteral("connection/conninfo"), savedConninfo());
}

QString ConnectionDialog::lastResult() const
{
    return m_result->text();
}

void ConnectionDialog::showResult(bool ok, const QString &summary, const QString &advice, const QString &detail)
{
    m_result->setText(summary + (advice.isEmpty() ? QString() : QStringLiteral("\n") + advice) +
                      (detail.isEmpty() ? QString() : QStringLiteral("\n\n") + tr("Details: %1").arg(detail)));
    m_result->setStyleSheet(ok ? QStringLiteral("color: #2e7d32;") : QStringLiteral("color: #c62828;"));
    m_test->setEnabled(true);
    Q_EMIT testFinished(ok);
}

void ConnectionDialog::testConnection()
{
    QString parseError;
    const QString ci = ConnInfo::withParam(conninfo(), QStringLiteral("connect_timeout"), QStringLiteral("5"));
    if (!ConnInfo::validate(ci, &parseError)) {
        const auto d = ConnectionDiagnosis::fromError(parseError);
        showResult(false, d.summary, d.advice, parseError);
        return;
    }
    m_test->setEnabled(false);
    m_result->setText(tr("Connecting…"));
    m_probe = std::make_unique<PgAsyncConnection>();
    m_probe->setAutoReconnect(false);
    auto *probe = m_probe.get();
    connect(probe, &DbConnection::connectionLost, this, [this](const QString &why) {
        const auto d = ConnectionDiagnosis::fromError(why);
        showResult(false, d.summary, d.advice, why);
    });
    connect(probe, &DbConnection::connected, this, [this, probe] {
        probe->exec({DbQuery("SELECT CASE WHEN to_regclass('public.schema_migrations') IS NULL THEN -1 ELSE 0 END")},
                    this, [this, probe](const DbConnection::Outcome &o) {
                        if (const DbError *e = DbConnection::error(o)) {
                            const auto d = ConnectionDiagnosis::fromError(e->message, e->sqlState);
                            showResult(false, d.summary, d.advice, e->message);
                            return;
                        }
                        if ((*DbConnection::tables(o))[0].toInt64(0, 0) < 0) {
                            const auto d = ConnectionDiagnosis::fromSchema(-1, 0);
                            showResult(false, d.summary, d.advice, {});
                            return;
                        }
                        probe->exec({DbQuery("SELECT coalesce(max(version), 0) FROM schema_migrations")}, this,
                                    [this](const DbConnection::Outcome &o2) {
                                        const DbError *e2 = DbConnection::error(o2);
                                        const int v = e2 ? -1 : int((*DbConnection::tables(o2))[0].toInt64(0, 0));
                                        const int latest =
                                            Migrator::builtin().isEmpty() ? 0 : Migrator::builtin().back().version;
                                        const auto d = ConnectionDiagnosis::fromSchema(v, latest);
                                        showResult(d.kind == ConnectionDiagnosis::Kind::Ok, d.summary, d.advice,
                                                   e2 ? e2->message : QString());
                                    });
                    });
    });
    probe->open(ci);
}

} // namespace oc

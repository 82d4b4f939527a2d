#include "ConnectionDialog.h"

#include "ConfigResolver.h"
#include "ConnectionProfile.h"
#include "ConnInfo.h"
#include "ConnectionDiagnosis.h"
#include "Contrast.h"
#include "KeychainSecretStore.h"
#include "LogCategories.h"
#include "ConnectionProbe.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
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
ConnectionDialog::ConnectionDialog(QWidget *parent, SecretStore *secrets)
    : QDialog(parent)
    , m_secrets(secrets ? secrets : new KeychainSecretStore(this))
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
    // A stacked widget gives every page the height of the tallest (the host
    // form): a single-line field must sit in a page of its own with a
    // stretch below, or it is drawn four rows tall.
    const auto linePage = [this](QLineEdit *edit) {
        auto *page = new QWidget(m_pages);
        auto *pl = new QVBoxLayout(page);
        pl->setContentsMargins(0, 0, 0, 0);
        pl->addWidget(edit);
        pl->addStretch();
        m_pages->addWidget(page);
    };
    m_service = new QLineEdit;
    m_service->setPlaceholderText(tr("service name, e.g. hub"));
    m_service->setAccessibleName(tr("Service name"));
    linePage(m_service);
    m_conninfo = new QLineEdit;
    m_conninfo->setPlaceholderText(QStringLiteral("host=... dbname=... user=...  or  postgresql://user@host/db"));
    m_conninfo->setAccessibleName(tr("Connection string"));
    linePage(m_conninfo);
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
    m_remember = new QCheckBox(tr("&Remember the password in the desktop keychain"), box);
    m_remember->setAccessibleName(tr("Remember the password in the desktop keychain"));
    // Unknown until the keychain answers (asynchronously, see below).
    m_remember->setToolTip(tr("Looking for a desktop keychain…"));
    form->addRow(QString(), m_remember);
    m_keychainNote = new QLabel(box);
    m_keychainNote->setTextFormat(Qt::PlainText);
    m_keychainNote->setWordWrap(true);
    m_keychainNote->setForegroundRole(QPalette::PlaceholderText);
    m_keychainNote->setAccessibleName(tr("Desktop keychain"));
    m_keychainNote->hide();
    form->addRow(QString(), m_keychainNote);
    l->addWidget(box);

    // The one-click actions' backend. Its token is a secret like the
    // password: masked, kept only by the desktop keychain.
    auto *apiBox = new QGroupBox(tr("Ops API (one-click actions, optional)"), this);
    auto *apiForm = new QFormLayout(apiBox);
    m_apiUrl = new QLineEdit(QSettings().value(QLatin1String(ConfigResolver::kApiUrlKey)).toString(), apiBox);
    m_apiUrl->setPlaceholderText(QStringLiteral("http://127.0.0.1:8080"));
    m_apiUrl->setAccessibleName(tr("Ops API address"));
    apiForm->addRow(tr("A&ddress:"), m_apiUrl);
    m_apiToken = new QLineEdit(apiBox);
    m_apiToken->setEchoMode(QLineEdit::Password);
    m_apiToken->setAccessibleName(tr("Ops API token"));
    m_apiToken->setPlaceholderText(QSettings().value(QLatin1String(ConfigResolver::kApiTokenInKeychain)).toBool()
                                       ? tr("kept in the desktop keychain — type to replace it")
                                       : tr("from ORGANIZER_HUB_TOKEN, or type it to keep it in the keychain"));
    apiForm->addRow(tr("To&ken:"), m_apiToken);
    l->addWidget(apiBox);

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
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::finish);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_mode, &QComboBox::currentIndexChanged, m_pages, &QStackedWidget::setCurrentIndex);
    for (QRadioButton *r : {m_demo, m_real})
        connect(r, &QRadioButton::toggled, this, &ConnectionDialog::updateEnabled);
    connect(m_passwordMode, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateEnabled);

    if (const ConnectionProfile saved = ConnectionProfile::load(); !saved.conninfo.isEmpty()) {
        m_real->setChecked(true);
        m_mode->setCurrentIndex(2);
        m_conninfo->setText(saved.conninfo);
        m_wasRemembered = saved.passwordInKeychain;
        if (m_wasRemembered) {
            m_passwordMode->setCurrentIndex(1);
            m_remember->setChecked(true);
            m_password->setPlaceholderText(tr("kept in the desktop keychain — type to replace it"));
        }
    } else if (const auto env = ConnInfo::environmentDefaults(); !env.isEmpty()) {
        // What psql would use (PGSERVICE, PGHOST, ...): most likely what is meant.
        m_real->setChecked(true);
        if (const QString service = env.value(QStringLiteral("service")); !service.isEmpty()) {
            m_mode->setCurrentIndex(1);
            m_service->setText(service);
        } else {
            m_mode->setCurrentIndex(0);
            m_host->setText(env.value(QStringLiteral("host"), env.value(QStringLiteral("hostaddr"))));
            bool ok = false;
            if (const int port = env.value(QStringLiteral("port")).toInt(&ok); ok)
                m_port->setValue(port);
            if (const QString db = env.value(QStringLiteral("dbname")); !db.isEmpty())
                m_database->setText(db);
            if (const QString user = env.value(QStringLiteral("user")); !user.isEmpty())
                m_user->setText(user);
        }
    }
    updateEnabled();
    m_secrets->checkAvailable(this, [this](bool available, const QString &why) { onKeychainChecked(available, why); });
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::updateEnabled()
{
    const bool real = m_real->isChecked();
    const bool typed = real && m_passwordMode->currentIndex() == 1;
    m_mode->setEnabled(real);
    m_pages->setEnabled(real);
    m_passwordMode->setEnabled(real);
    m_password->setEnabled(typed);
    m_remember->setEnabled(typed && m_keychainAvailable);
    m_test->setEnabled(real);
    // The demo brings its own backend and tokens.
    m_apiUrl->setEnabled(real);
    m_apiToken->setEnabled(real);
}

void ConnectionDialog::onKeychainChecked(bool available, const QString &why)
{
    m_keychainAvailable = available;
    if (available) {
        m_remember->setToolTip(
            tr("The password is kept by the desktop keychain, which encrypts it; it is never written to the "
               "console's settings file."));
        m_keychainNote->hide();
    } else {
        m_remember->setChecked(false);
        m_remember->setToolTip(why);
        m_keychainNote->setText(why);
        m_keychainNote->show();
        if (m_wasRemembered)
            m_password->setPlaceholderText(tr("type it for this session"));
    }
    updateEnabled();
    Q_EMIT keychainChecked(available);
}

bool ConnectionDialog::keychainAvailable() const
{
    return m_keychainAvailable;
}

bool ConnectionDialog::rememberInKeychain() const
{
    return !demoChosen() && m_passwordMode->currentIndex() == 1 && m_keychainAvailable && m_remember->isChecked();
}

void ConnectionDialog::setNotice(const QString &text)
{
    setResultText(text, false);
}

bool ConnectionDialog::demoChosen() const
{
    return m_demo->isChecked();
}

QUrl ConnectionDialog::apiUrl() const
{
    return demoChosen() ? QUrl() : QUrl::fromUserInput(m_apiUrl->text().trimmed());
}

QString ConnectionDialog::apiToken() const
{
    return demoChosen() ? QString() : m_apiToken->text().trimmed();
}

void ConnectionDialog::storeApiToken(std::function<void()> next)
{
    const QUrl url = apiUrl();
    QSettings settings;
    if (!url.isEmpty())
        settings.setValue(QLatin1String(ConfigResolver::kApiUrlKey), url.toString());
    const QString token = apiToken();
    if (token.isEmpty() || url.isEmpty() || !m_keychainAvailable) {
        next();
        return;
    }
    m_secrets->write(ConfigResolver::apiTokenKey(url), token, this, [next](const SecretStore::Result &r) {
        if (r.ok())
            QSettings().setValue(QLatin1String(ConfigResolver::kApiTokenInKeychain), true);
        else // the typed token still serves this session
            logcat::ui()->warn("the desktop keychain did not keep the ops-API token: {}", r.message.toStdString());
        next();
    });
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
    ConnectionProfile p;
    p.demo = demoChosen();
    // Never the password: ConnInfo::redacted would keep a typed one as ***.
    p.conninfo = p.demo ? QString() : savedConninfo();
    p.passwordInKeychain = !p.demo && rememberInKeychain();
    p.save();
}

void ConnectionDialog::setBusy(bool busy)
{
    m_ok->setEnabled(!busy);
    m_test->setEnabled(!busy && m_real->isChecked());
}

void ConnectionDialog::finish()
{
    auto done = [this] {
        storeApiToken([this] {
            saveProfile();
            accept();
        });
    };
    if (demoChosen()) {
        done();
        return;
    }
    const QString key = ConnInfo::profileKey(savedConninfo());
    const QString typed = m_password->text();
    const ConnectionProfile saved = ConnectionProfile::load();
    const bool sameProfile = saved.conninfo == savedConninfo();
    const bool stored = m_wasRemembered && sameProfile;
    if (rememberInKeychain() && !typed.isEmpty()) {
        setBusy(true);
        setResultText(tr("Saving the password in the desktop keychain…"), std::nullopt);
        m_secrets->write(key, typed, this, [this, done](const SecretStore::Result &r) {
            setBusy(false);
            if (r.ok()) {
                done();
                return;
            }
            // Nothing is lost: the typed password still works for this session.
            m_remember->setChecked(false);
            setResultText(tr("The desktop keychain did not keep the password (%1). Press OK to use it for this "
                             "session only.")
                              .arg(r.message),
                          false);
            Q_EMIT finishFailed();
        });
        return;
    }
    if (rememberInKeychain() && !stored) {
        setResultText(tr("Type the password so that the desktop keychain can remember it."), false);
        Q_EMIT finishFailed();
        return;
    }
    if (!rememberInKeychain() && m_wasRemembered && m_keychainAvailable) {
        // Forget what the keychain has for the saved profile: the user chose
        // another way.
        const QString oldKey = ConnInfo::profileKey(saved.conninfo);
        setBusy(true);
        m_secrets->remove(oldKey, this, [this, done](const SecretStore::Result &r) {
            setBusy(false);
            if (!r.ok() && r.status != SecretStore::Status::NotFound)
                logcat::ui()->warn("could not remove the remembered password: {}", r.message.toStdString());
            done();
        });
        return;
    }
    done();
}

QString ConnectionDialog::lastResult() const
{
    return m_result->text();
}

void ConnectionDialog::showResult(bool ok, const QString &summary, const QString &advice, const QString &detail)
{
    setResultText(summary + (advice.isEmpty() ? QString() : QStringLiteral("\n") + advice) +
                      (detail.isEmpty() ? QString() : QStringLiteral("\n\n") + tr("Details: %1").arg(detail)),
                  ok);
    m_test->setEnabled(true);
    Q_EMIT testFinished(ok);
}

void ConnectionDialog::setResultText(const QString &text, std::optional<bool> ok)
{
    m_result->setText(text);
    m_resultOk = ok;
    applyResultColour();
}

void ConnectionDialog::applyResultColour()
{
    // Green or red adjusted to the window colour: the fixed shades of a
    // light theme are unreadable on a dark one.
    QPalette p = m_result->palette();
    const QColor window = palette().color(QPalette::Window);
    const QColor plain = palette().color(QPalette::WindowText);
    const QColor c = !m_resultOk ? plain
        : *m_resultOk            ? Contrast::readableOn(QColor(0x2e, 0x7d, 0x32), window)
                                 : Contrast::readableOn(QColor(0xc6, 0x28, 0x28), window);
    if (p.color(QPalette::WindowText) != c) {
        p.setColor(QPalette::WindowText, c);
        m_result->setPalette(p);
    }
}

void ConnectionDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ThemeChange)
        applyResultColour();
}

void ConnectionDialog::testConnection()
{
    m_test->setEnabled(false);
    setResultText(tr("Connecting…"), std::nullopt);
    m_probe = std::make_unique<ConnectionProbe>();
    connect(m_probe.get(), &ConnectionProbe::finished, this,
            [this](const ConnectionDiagnosis &d, const QString &detail) {
                showResult(d.kind == ConnectionDiagnosis::Kind::Ok, d.summary, d.advice, detail);
            });
    m_probe->start(conninfo());
}

} // namespace oc

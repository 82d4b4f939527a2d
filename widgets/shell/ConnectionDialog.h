#pragma once

#include <QDialog>

#include <functional>
#include <memory>
#include <optional>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QStackedWidget;
class QUrl;

namespace oc {

class ConnectionProbe;
class SecretStore;

// First run: "open the demo" or connect to a real database (service name,
// connection string, or host/port/database/user). The password comes from
// .pgpass, is typed for this session only, or is typed once and remembered in
// the desktop keychain; it is never written to the settings file. "Test"
// connects without blocking and explains failures in plain words.
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    // `secrets` defaults to the desktop keychain (a KeychainSecretStore owned
    // by the dialog); tests pass their own.
    explicit ConnectionDialog(QWidget *parent = nullptr, SecretStore *secrets = nullptr);
    ~ConnectionDialog() override;

    // Whether a keychain answered; false until keychainChecked() was emitted.
    bool keychainAvailable() const;
    // The user wants the password kept in the keychain (under
    // ConnInfo::profileKey(savedConninfo())).
    bool rememberInKeychain() const;
    // A message shown when the dialog opens, e.g. why the remembered password
    // could not be read.
    void setNotice(const QString &text);

    bool demoChosen() const;
    // The ops API for the one-click actions (empty: none given) and a token
    // typed for it (in memory only: OK keeps it in the desktop keychain under
    // ConfigResolver::apiTokenKey when there is one, never in the settings).
    QUrl apiUrl() const;
    QString apiToken() const;
    // The libpq conninfo, including a typed password if any (in memory only).
    QString conninfo() const;
    // The same without any password: what is saved in the settings.
    QString savedConninfo() const;
    void saveProfile() const;

    void testConnection();
    QString lastResult() const;

Q_SIGNALS:
    void testFinished(bool ok);
    void keychainChecked(bool available);
    // OK could not finish (e.g. the keychain refused the password); the
    // dialog stays open with the reason shown.
    void finishFailed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateEnabled();
    void showResult(bool ok, const QString &summary, const QString &advice, const QString &detail);
    void setResultText(const QString &text, std::optional<bool> ok);
    void applyResultColour();
    void onKeychainChecked(bool available, const QString &why);
    // OK: stores or forgets the keychain password first when needed, then
    // saves the profile and accepts.
    void finish();
    // OK's last step before the profile is saved: keeps a typed ops-API
    // token in the keychain (a failure only costs remembering it), then `next`.
    void storeApiToken(std::function<void()> next);
    void setBusy(bool busy);

    QRadioButton *m_demo;
    QRadioButton *m_real;
    QComboBox *m_mode;
    QStackedWidget *m_pages;
    QLineEdit *m_service;
    QLineEdit *m_conninfo;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QComboBox *m_passwordMode;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QLabel *m_keychainNote;
    QLineEdit *m_apiUrl;
    QLineEdit *m_apiToken;
    QPushButton *m_test;
    QPushButton *m_ok;
    QLabel *m_result;
    std::unique_ptr<ConnectionProbe> m_probe;
    SecretStore *m_secrets;
    bool m_keychainAvailable = false;
    bool m_wasRemembered = false; // the saved profile's password is in the keychain
    std::optional<bool> m_resultOk;
};

} // namespace oc

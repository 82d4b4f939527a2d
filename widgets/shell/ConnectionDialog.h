#pragma once

#include <QDialog>

#include <memory>

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QStackedWidget;

namespace oc {

class PgAsyncConnection;

// First run: "open the demo" or connect to a real database (service name,
// connection string, or host/port/database/user). The password comes from
// .pgpass or is typed for this session only; it is never stored. "Test"
// connects without blocking and explains failures in plain words.
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    bool demoChosen() const;
    // The libpq conninfo, including a typed password if any (in memory only).
    QString conninfo() const;
    // The same without any password: what is saved in the settings.
    QString savedConninfo() const;
    void saveProfile() const;

    void testConnection();
    QString lastResult() const;

Q_SIGNALS:
    void testFinished(bool ok);

private:
    void updateEnabled();
    void showResult(bool ok, const QString &summary, const QString &advice, const QString &detail);

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
    QPushButton *m_test;
    QPushButton *m_ok;
    QLabel *m_result;
    std::unique_ptr<PgAsyncConnection> m_probe;
};

} // namespace oc

#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

namespace oc {

class ActionAudit;
class OpsApiClient;
class StaticSnapshotBuilder;

// Flips the public site to the static fallback and back. To static: record
// the intent, build the snapshot from the database, upload it, check the
// backend holds every event, switch the mode, confirm; each step reports
// progress. The switch itself is one request the backend applies between
// two page requests, so no visitor sees an error during the flip. Back to
// dynamic: intent, switch, outcome. Every step is safe to repeat, so a
// failed flip is retried by flipping again.
class SiteFlipper : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString mode READ mode NOTIFY modeChanged)
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
public:
    SiteFlipper(ActionAudit *audit, OpsApiClient *api, StaticSnapshotBuilder *builder, QObject *parent = nullptr);

    // "dynamic", "static" or empty while unknown.
    QString mode() const { return m_mode; }
    QString snapshotId() const { return m_snapshotId; }
    bool isBusy() const { return m_busy; }
    static constexpr int kStaticSteps = 5;
    static constexpr int kDynamicSteps = 2;

    // Asks the backend (GET /site).
    void refreshMode();
    // Ignored while a flip is in flight.
    void flipToStatic();
    void flipToDynamic();

Q_SIGNALS:
    void modeChanged(const QString &mode);
    void busyChanged(bool busy);
    void progress(int step, int steps, const QString &text);
    void finished(bool ok, const QString &message);

private:
    void setBusy(bool b);
    void setMode(const QString &m);
    void fail(const QString &action, const QString &message, qint64 intentId);
    void upload(qint64 intentId);
    void switchToStatic(qint64 intentId, const QString &snapshotId, int eventCount);

    QPointer<ActionAudit> m_audit;
    QPointer<OpsApiClient> m_api;
    QPointer<StaticSnapshotBuilder> m_builder;
    QString m_mode;
    QString m_snapshotId;
    bool m_busy = false;
};

} // namespace oc

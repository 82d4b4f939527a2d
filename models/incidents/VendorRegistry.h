#pragma once

#include "VendorEndpoint.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace oc {

class IncidentStore;
class VendorListModel;
class VendorStatusProbe;

// The vendors the console watches (issue 15 follow-up): the shared list in
// alert_vendors plus the ones configured for this console (the demo
// simulator's), and the rules for changing the shared list. Every load hands
// the probe the merged list (a stored vendor overrides a configured one of
// the same name), so an edit on any console reaches every console's probes
// on its next load: at once on the console that made it, within the plan
// refresh (15 s) on the others. No widgets: VendorsDialog shows model() and
// forwards add/edit/remove here.
class VendorRegistry : public QObject
{
    Q_OBJECT
public:
    struct Vendor
    {
        QString name; // the metric ids read it: vendor.<name>.status, vendor.<name>.quota_used
        QString statusUrl; // a Statuspage summary.json; empty: none
        QString quotaUrl; // any URL whose answers carry rate-limit headers; empty: none
        int intervalS = 60;
        QString updatedBy;
        // The stored row's updated_at (epoch µs): an edit or removal is
        // refused when the row has changed since.
        qint64 updatedAtUs = 0;
        bool builtIn = false; // configured for this console (the demo's), not stored

        VendorEndpoint endpoint() const;
        bool operator==(const Vendor &) const = default;
    };

    // alert_vendors.name's check (also a valid metric id segment).
    static constexpr int kMaxNameChars = 63;
    static constexpr int kMinIntervalS = 10;
    static constexpr int kMaxIntervalS = 3600;
    static constexpr int kMaxUrlChars = 2000;

    VendorRegistry(IncidentStore *store, VendorStatusProbe *probe, QObject *parent = nullptr);
    ~VendorRegistry() override;

    // Vendors this console watches without their being stored.
    void setBuiltIn(const QList<VendorEndpoint> &endpoints);
    // Who the writes record as updated_by.
    void setOperatorName(const QString &name) { m_operator = name; }
    // Why this console may not change the shared list (role, no tables), or
    // empty when it may. Asked at every write.
    void setReadOnlyReason(std::function<QString()> reason) { m_readOnlyReason = std::move(reason); }
    QString readOnlyReason() const;
    bool canEdit() const { return readOnlyReason().isEmpty(); }

    // Built-in and stored vendors, by name.
    QList<Vendor> vendors() const { return m_vendors; }
    std::optional<Vendor> vendor(const QString &name) const;
    bool isLoaded() const { return m_loaded; }
    VendorListModel *model() const { return m_model; }
    VendorStatusProbe *probe() const;

    // The rules, before anything is written: the input trimmed, its URLs
    // normalised (fully encoded, as the probe will request them), or
    // nullopt with why in words. `takenNames`: the stored names it must not
    // reuse.
    static std::optional<Vendor> checked(const Vendor &input, const QStringList &takenNames, QString *why);
    // One URL: empty stays empty; otherwise http(s) with a host, no
    // whitespace or invisible characters, no user name or password.
    static std::optional<QString> checkedUrl(const QString &text, const QString &what, QString *why);

    // Reads the shared list again and hands the probe what changed.
    void reload();
    // Each ends in saved() or refused(); a rule broken or a read-only
    // console is refused at once, without a write.
    void add(const Vendor &vendor);
    // `original` is the vendor as the editor started from (its name and
    // updatedAtUs); someone else's change since is refused, not overwritten.
    void edit(const Vendor &original, const Vendor &changed);
    void remove(const Vendor &vendor);

Q_SIGNALS:
    void vendorsChanged();
    void saved(const QString &name);
    void refused(const QString &message);
    void loadFailed(const QString &message);

private:
    void setStored(const QList<Vendor> &stored);
    QStringList storedNamesExcept(const QString &name) const;
    bool refuseIfReadOnly();
    void afterWrite(const QString &name, bool ok, const QString &error);

    QPointer<IncidentStore> m_store;
    QPointer<VendorStatusProbe> m_probe;
    VendorListModel *m_model = nullptr;
    QList<VendorEndpoint> m_builtIn;
    QList<Vendor> m_stored;
    QList<Vendor> m_vendors;
    QString m_operator;
    std::function<QString()> m_readOnlyReason;
    bool m_loaded = false;
};

} // namespace oc

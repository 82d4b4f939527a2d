#include "VendorRegistry.h"

#include "IncidentStore.h"
#include "LogCategories.h"
#include "VendorListModel.h"
#include "VendorStatusProbe.h"

#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace oc {

namespace {

// Spaces, line breaks, controls and invisible formatting characters (bidi
// overrides, zero-width joiners): in a URL they only ever hide where it goes.
bool hasHiddenCharacter(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        const auto cat = c.category();
        return c.isSpace() || cat == QChar::Other_Control || cat == QChar::Other_Format ||
            cat == QChar::Separator_Line || cat == QChar::Separator_Paragraph;
    });
}

} // namespace

VendorEndpoint VendorRegistry::Vendor::endpoint() const
{
    return VendorEndpoint {name, statusUrl.isEmpty() ? QUrl() : QUrl(statusUrl),
                           quotaUrl.isEmpty() ? QUrl() : QUrl(quotaUrl), qint64(intervalS) * 1000};
}

VendorRegistry::VendorRegistry(IncidentStore *store, VendorStatusProbe *probe, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_probe(probe)
    , m_model(new VendorListModel(probe, this))
{
}

VendorRegistry::~VendorRegistry() = default;

void VendorRegistry::setBuiltIn(const QList<VendorEndpoint> &endpoints)
{
    m_builtIn = endpoints;
    setStored(m_stored);
}

VendorStatusProbe *VendorRegistry::probe() const
{
    return m_probe;
}

QString VendorRegistry::readOnlyReason() const
{
    if (!m_store)
        return tr("Read-only: this console has no database to store vendors in.");
    return m_readOnlyReason ? m_readOnlyReason() : QString();
}

std::optional<VendorRegistry::Vendor> VendorRegistry::vendor(const QString &name) const
{
    for (const Vendor &v : m_vendors)
        if (v.name == name)
            return v;
    return std::nullopt;
}

std::optional<QString> VendorRegistry::checkedUrl(const QString &text, const QString &what, QString *why)
{
    auto fail = [why](const QString &message) -> std::optional<QString> {
        if (why)
            *why = message;
        return std::nullopt;
    };
    const QString t = text.trimmed();
    if (t.isEmpty())
        return QString();
    if (t.size() > kMaxUrlChars)
        return fail(tr("The %1 is longer than %2 characters.").arg(what).arg(kMaxUrlChars));
    if (hasHiddenCharacter(t))
        return fail(tr("The %1 contains spaces or invisible characters.").arg(what));
    const QUrl url(t, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative())
        return fail(tr("The %1 is not a complete address (https://…).").arg(what));
    // QUrl lowercases the scheme: "HTTPS:" is https, "javascript:" and
    // "file:" are refused here.
    if (url.scheme() != u"http" && url.scheme() != u"https")
        return fail(tr("The %1 must start with http:// or https://.").arg(what));
    if (url.host().isEmpty())
        return fail(tr("The %1 has no host.").arg(what));
    // Every console shows and stores it: a password in it would be shared.
    if (!url.userInfo().isEmpty())
        return fail(tr("The %1 must not carry a user name or password.").arg(what));
    return url.toString(QUrl::FullyEncoded);
}

std::optional<VendorRegistry::Vendor> VendorRegistry::checked(const Vendor &input, const QStringList &takenNames,
                                                              QString *why)
{
    auto fail = [why](const QString &message) -> std::optional<Vendor> {
        if (why)
            *why = message;
        return std::nullopt;
    };
    Vendor v = input;
    v.name = input.name.trimmed();
    if (v.name.isEmpty())
        return fail(tr("Give the vendor a name."));
    if (v.name.size() > kMaxNameChars)
        return fail(tr("The name is longer than %1 characters.").arg(kMaxNameChars));
    // alert_vendors.name's check; the plan's rules read vendor.<name>.status.
    static const QRegularExpression namePattern(QStringLiteral("^[a-z0-9][a-z0-9-]*$"));
    if (!namePattern.match(v.name).hasMatch())
        return fail(tr("The name may use only lowercase letters, digits and '-', starting with a letter or digit "
                       "(the plan's rules read vendor.<name>.status)."));
    if (takenNames.contains(v.name))
        return fail(tr("A vendor named %1 exists already.").arg(v.name));
    QString urlWhy;
    const auto status = checkedUrl(input.statusUrl, tr("status page address"), &urlWhy);
    if (!status)
        return fail(urlWhy);
    const auto quota = checkedUrl(input.quotaUrl, tr("quota address"), &urlWhy);
    if (!quota)
        return fail(urlWhy);
    if (status->isEmpty() && quota->isEmpty())
        return fail(tr("Give at least one address: the status page or the quota address."));
    v.statusUrl = *status;
    v.quotaUrl = *quota;
    if (v.intervalS < kMinIntervalS || v.intervalS > kMaxIntervalS)
        return fail(tr("The interval must be between %1 and %2 seconds.").arg(kMinIntervalS).arg(kMaxIntervalS));
    v.builtIn = false;
    return v;
}

void VendorRegistry::reload()
{
    if (!m_store)
        return;
    m_store->loadVendors([this](const std::optional<QList<IncidentStore::VendorRow>> &rows, const QString &error) {
        if (!rows) {
            logcat::alerts()->warn("vendors not read: {}", error.toStdString());
            Q_EMIT loadFailed(error);
            return;
        }
        QList<Vendor> stored;
        for (const auto &r : *rows)
            stored.append({r.name, r.statusUrl, r.quotaUrl, r.intervalS, r.updatedBy, r.updatedAtUs, false});
        const bool first = !std::exchange(m_loaded, true);
        setStored(stored);
        if (first)
            Q_EMIT vendorsChanged(); // loaded, even when the list is still empty
    });
}

void VendorRegistry::setStored(const QList<Vendor> &stored)
{
    m_stored = stored;
    QList<Vendor> all;
    for (const VendorEndpoint &e : std::as_const(m_builtIn)) {
        if (std::any_of(stored.cbegin(), stored.cend(), [&](const Vendor &s) { return s.name == e.name; }))
            continue; // the shared list overrides this console's own
        all.append({e.name,
                    e.statusUrl.toString(QUrl::FullyEncoded),
                    e.quotaUrl.toString(QUrl::FullyEncoded),
                    int(e.intervalMs / 1000),
                    {},
                    0,
                    true});
    }
    all << stored;
    std::sort(all.begin(), all.end(), [](const Vendor &a, const Vendor &b) { return a.name < b.name; });

    QList<VendorEndpoint> endpoints;
    for (const VendorEndpoint &e : std::as_const(m_builtIn))
        if (std::none_of(stored.cbegin(), stored.cend(), [&](const Vendor &s) { return s.name == e.name; }))
            endpoints << e; // kept as configured (intervals under a second in tests)
    for (const Vendor &v : stored)
        endpoints << v.endpoint();
    if (m_probe && endpoints != m_probe->endpoints()) {
        logcat::alerts()->info("watching {} vendor(s)", endpoints.size());
        m_probe->setEndpoints(endpoints);
    }

    if (all == m_vendors)
        return; // the periodic reload of an unchanged list moves nothing on screen
    m_vendors = all;
    m_model->setVendors(all);
    Q_EMIT vendorsChanged();
}

QStringList VendorRegistry::storedNamesExcept(const QString &name) const
{
    QStringList out;
    for (const Vendor &v : m_stored)
        if (v.name != name)
            out << v.name;
    return out;
}

bool VendorRegistry::refuseIfReadOnly()
{
    const QString why = readOnlyReason();
    if (why.isEmpty())
        return false;
    Q_EMIT refused(why);
    return true;
}

void VendorRegistry::afterWrite(const QString &name, bool ok, const QString &error)
{
    if (!ok) {
        Q_EMIT refused(error);
        reload(); // what is stored now, whoever changed it
        return;
    }
    logcat::alerts()->info("vendor {} changed by {}", name.toStdString(), m_operator.toStdString());
    reload();
    Q_EMIT saved(name);
}

void VendorRegistry::add(const Vendor &input)
{
    if (refuseIfReadOnly())
        return;
    QString why;
    const auto v = checked(input, storedNamesExcept({}), &why);
    if (!v) {
        Q_EMIT refused(why);
        return;
    }
    m_store->addVendor({v->name, v->statusUrl, v->quotaUrl, v->intervalS}, m_operator,
                       [this, name = v->name](bool ok, const QString &error) { afterWrite(name, ok, error); });
}

void VendorRegistry::edit(const Vendor &original, const Vendor &changed)
{
    if (refuseIfReadOnly())
        return;
    if (original.builtIn) {
        Q_EMIT refused(tr("Vendor %1 is configured for this console (the demo simulator's), not stored: add a vendor "
                          "of the same name to replace it for every console.")
                           .arg(original.name));
        return;
    }
    QString why;
    const auto v = checked(changed, storedNamesExcept(original.name), &why);
    if (!v) {
        Q_EMIT refused(why);
        return;
    }
    m_store->editVendor(original.name, original.updatedAtUs, {v->name, v->statusUrl, v->quotaUrl, v->intervalS},
                        m_operator,
                        [this, name = v->name](bool ok, const QString &error) { afterWrite(name, ok, error); });
}

void VendorRegistry::remove(const Vendor &vendor)
{
    if (refuseIfReadOnly())
        return;
    if (vendor.builtIn) {
        Q_EMIT refused(
            tr("Vendor %1 is configured for this console (the demo simulator's), not stored; it cannot be removed "
               "here.")
                .arg(vendor.name));
        return;
    }
    m_store->removeVendor(vendor.name, vendor.updatedAtUs,
                          [this, name = vendor.name](bool ok, const QString &error) { afterWrite(name, ok, error); });
}

} // namespace oc

#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace oc::sim {

// Failures the ops API can be told to fake, so the console's retry and
// idempotency handling can be tested against the cases that hurt: above all
// "the send happened but the caller saw an error".
class ApiFaults
{
public:
    enum class Kind {
        Error500, // fail before doing anything
        Error503, // same, with Retry-After
        Error500AfterRecord, // do the work, then answer 500
        Hang, // wait `seconds`, then do the work and answer
        HangAfterRecord, // do the work, then wait `seconds` before answering
        Garbage, // answer 200 with a non-JSON body, do nothing
    };
    struct Fault
    {
        Kind kind = Kind::Error500;
        QString endpoint = QStringLiteral("*"); // e.g. "create-blast"; "*" = every endpoint
        int remaining = -1; // calls left; -1 = until cleared
        int seconds = 30; // for the hang kinds
    };

    // "KIND[=SECONDS][:ENDPOINT[:COUNT]]", e.g. "500", "timeout=5",
    // "500-after-record:create-blast:3"; several separated by commas.
    static std::optional<QList<Fault>> parseSpec(const QString &spec, QString *error);
    // {"kind": "...", "endpoint": "...", "count": n, "seconds": s}
    static std::optional<Fault> fromJson(const QJsonObject &o, QString *error);
    static QJsonObject toJson(const Fault &f);
    static QString kindName(Kind k);
    static QStringList endpoints();

    void add(const Fault &f) { m_faults.append(f); }
    void clear() { m_faults.clear(); }
    bool isEmpty() const { return m_faults.isEmpty(); }
    // The first fault that applies to `endpoint`, consuming one of its calls.
    std::optional<Fault> take(const QString &endpoint);
    QJsonArray toJson() const;

private:
    static std::optional<Kind> kindFromName(const QString &name);

    QList<Fault> m_faults;
};

} // namespace oc::sim

// The ops API contract, resources/openapi/ops-api.yaml, against the simulator
// that implements it: the same routes, methods and least roles, and the same
// problem types, in both directions. The routes are read from
// OpsApiServer::routes() and then each is called once over real loopback HTTP
// (401 without a token, not 404); a method the file does not declare is 404.
// installer/lint-openapi.sh lints the file itself (redocly lint).
#include "HttpTestClient.h"
#include "HubHttpServices.h"
#include "OpsApiServer.h"
#include "OpsProblem.h"
#include "PgSession.h"
#include "Seeder.h"
#include "TestDatabase.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace oc;
using namespace oc::sim;
using oc::test::HttpTestClient;

namespace {

const QByteArray kToken = QByteArrayLiteral("contract-operator-token");

// The small part of YAML that ops-api.yaml is written in: block mappings by
// indentation, "- " sequence items, flow values kept as text, and block
// scalars (| or >) skipped. Each key and each item comes out with the keys
// above it; enough to read paths, methods, extensions and an enum without a
// YAML library in the build root.
struct YamlEntry
{
    QStringList path; // the keys above, "-" for a sequence item that is a mapping
    QString key; // empty for a sequence item
    QString value; // the scalar after "key:" or "- ", unquoted; may be a flow collection
};

QString unquote(QString s)
{
    s = s.trimmed();
    if (s.size() >= 2 &&
        ((s.startsWith(QLatin1Char('"')) && s.endsWith(QLatin1Char('"'))) ||
         (s.startsWith(QLatin1Char('\'')) && s.endsWith(QLatin1Char('\'')))))
        return s.mid(1, s.size() - 2);
    return s;
}

QList<YamlEntry> readYamlSubset(const QByteArray &text)
{
    static const QRegularExpression keyRe(
        QStringLiteral(R"(^("[^"]*"|'[^']*'|[^\s#'"\-][^:#]*?|-[^\s][^:#]*?)\s*:(?:\s+(.*))?$)"));
    QList<YamlEntry> out;
    QList<std::pair<int, QString>> stack; // (indent, key)
    int blockIndent = -1;
    for (const QByteArray &raw : text.split('\n')) {
        const QString line = QString::fromUtf8(raw).remove(QLatin1Char('\r'));
        const QString trimmed = line.trimmed();
        const int indent = int(line.size() - QString(line).remove(QRegularExpression(QStringLiteral("^ +"))).size());
        if (blockIndent >= 0) {
            if (trimmed.isEmpty() || indent > blockIndent)
                continue;
            blockIndent = -1;
        }
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')))
            continue;
        QString rest = trimmed;
        int keyIndent = indent;
        while (!stack.isEmpty() && stack.back().first >= indent)
            stack.removeLast();
        auto keys = [&] {
            QStringList p;
            for (const auto &[i, k] : stack)
                p << k;
            return p;
        };
        if (rest.startsWith(QLatin1String("- ")) || rest == QLatin1String("-")) {
            rest = rest.mid(2).trimmed();
            if (!keyRe.match(rest).hasMatch()) {
                out.append({keys(), {}, unquote(rest)});
                continue;
            }
            // "- key: value": a mapping inside the sequence.
            stack.append({indent, QStringLiteral("-")});
            keyIndent = indent + 2;
        }
        const auto m = keyRe.match(rest);
        if (!m.hasMatch())
            continue; // a continuation line of a flow value
        const QString key = unquote(m.captured(1));
        const QString value = m.captured(2).trimmed();
        out.append({keys(), key, unquote(value)});
        if (value.startsWith(QLatin1Char('|')) || value.startsWith(QLatin1Char('>')))
            blockIndent = keyIndent;
        if (value.isEmpty() || blockIndent >= 0)
            stack.append({keyIndent, key});
    }
    return out;
}

struct Contract
{
    QHash<QString, QString> operations; // "GET /api/v1/blasts/{}" -> x-required-role
    QSet<QString> problemTypes; // the Problem schema's `type` enum
    QSet<QString> paths; // "/api/v1/blasts/{}"
};

QString normalisedPath(QString p)
{
    static const QRegularExpression param(QStringLiteral(R"(\{[^}]*\}|<arg>)"));
    return p.replace(param, QStringLiteral("{}"));
}

Contract readContract(QString *error)
{
    Contract c;
    QFile f(qEnvironmentVariable("OC_SOURCE_DIR") + QStringLiteral("/resources/openapi/ops-api.yaml"));
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.fileName() + QStringLiteral(": ") + f.errorString();
        return c;
    }
    static const QSet<QString> methods {QStringLiteral("get"),     QStringLiteral("put"),   QStringLiteral("post"),
                                        QStringLiteral("delete"),  QStringLiteral("patch"), QStringLiteral("head"),
                                        QStringLiteral("options"), QStringLiteral("trace")};
    const QStringList enumPath {QStringLiteral("components"), QStringLiteral("schemas"), QStringLiteral("Problem"),
                                QStringLiteral("properties"), QStringLiteral("type"),    QStringLiteral("enum")};
    for (const YamlEntry &e : readYamlSubset(f.readAll())) {
        if (e.path.size() == 1 && e.path[0] == QLatin1String("paths"))
            c.paths.insert(normalisedPath(e.key));
        if (e.path.size() == 2 && e.path[0] == QLatin1String("paths") && methods.contains(e.key))
            c.operations.insert(e.key.toUpper() + QLatin1Char(' ') + normalisedPath(e.path[1]), QString());
        if (e.path.size() == 3 && e.path[0] == QLatin1String("paths") && e.key == QLatin1String("x-required-role"))
            c.operations.insert(e.path[2].toUpper() + QLatin1Char(' ') + normalisedPath(e.path[1]), e.value);
        if (e.key.isEmpty() && e.path == enumPath)
            c.problemTypes.insert(e.value);
    }
    if (c.operations.isEmpty() || c.problemTypes.isEmpty())
        *error = QStringLiteral("read no operations or no problem types from %1").arg(f.fileName());
    return c;
}

QString sorted(const QSet<QString> &s)
{
    QStringList l(s.begin(), s.end());
    l.sort();
    return l.join(QStringLiteral(", "));
}

} // namespace

class TestOpsApiContract : public QObject
{
    Q_OBJECT

    QString m_conninfo;
    QTemporaryDir m_dir;
    std::unique_ptr<HubHttpServices> m_http;
    Contract m_contract;

private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
        m_contract = readContract(&err);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        m_conninfo = test::TestDatabase::instance().freshDatabase(QStringLiteral("contract"));
        HubHttpServices::Options o;
        {
            PgSession s(m_conninfo);
            Seeder::Options so;
            so.events = 5;
            so.supporters = 10;
            so.rsvps = 2;
            o.campaignId = Seeder(s).seed(so);
        }
        o.conninfo = m_conninfo;
        o.apiToken = kToken;
        o.testEndpoints = true; // the file documents /api/v1/_test/faults too
        o.rsvpJournal = m_dir.filePath(QStringLiteral("rsvp.jsonl"));
        m_http = std::make_unique<HubHttpServices>(o);
        QVERIFY2(m_http->start(&err), qPrintable(err));
    }

    void readsTheYamlSubset()
    {
        const auto entries = readYamlSubset("a:\n  b: |\n    text: not a key\n  c: { x: 1 }\n  l:\n    - one\n"
                                            "    - name: two\n      d: three\n  \"404\": four\n");
        QStringList flat;
        for (const YamlEntry &e : entries)
            flat << e.path.join(QLatin1Char('.')) + QLatin1Char('|') + e.key + QLatin1Char('=') + e.value;
        QCOMPARE(flat,
                 (QStringList {QStringLiteral("|a="), QStringLiteral("a|b=|"), QStringLiteral("a|c={ x: 1 }"),
                               QStringLiteral("a|l="), QStringLiteral("a.l|=one"), QStringLiteral("a.l.-|name=two"),
                               QStringLiteral("a.l.-|d=three"), QStringLiteral("a|404=four")}));
    }

    void routesAndRolesMatchTheContract()
    {
        QHash<QString, QString> served;
        for (const OpsApiServer::Route &r : m_http->api()->routes())
            served.insert(r.method + QLatin1Char(' ') + normalisedPath(r.path), OpsApiServer::roleName(r.needs));
        const QSet<QString> inFile(m_contract.operations.keyBegin(), m_contract.operations.keyEnd());
        const QSet<QString> inServer(served.keyBegin(), served.keyEnd());
        QVERIFY2((inServer - inFile).isEmpty(),
                 qPrintable(QStringLiteral("served but not in ops-api.yaml: ") + sorted(inServer - inFile)));
        QVERIFY2((inFile - inServer).isEmpty(),
                 qPrintable(QStringLiteral("in ops-api.yaml but not served: ") + sorted(inFile - inServer)));
        for (auto it = served.cbegin(); it != served.cend(); ++it)
            QVERIFY2(m_contract.operations.value(it.key()) == it.value(),
                     qPrintable(QStringLiteral("%1 needs %2, ops-api.yaml's x-required-role says %3")
                                    .arg(it.key(), it.value(), m_contract.operations.value(it.key()))));
    }

    void everyRouteAnswersOverLoopbackHttp()
    {
        HttpTestClient anonymous(QStringLiteral("http://127.0.0.1:%1").arg(m_http->apiPort()));
        auto concrete = [](QString p) { return p.replace(QStringLiteral("{}"), QStringLiteral("x1")); };
        static const QList<QByteArray> allMethods {"GET", "PUT", "POST", "DELETE", "PATCH"};
        for (const QString &path : m_contract.paths) {
            for (const QByteArray &method : allMethods) {
                const QString op = QString::fromLatin1(method) + QLatin1Char(' ') + path;
                const auto r = anonymous.request(method, concrete(path), {}, {}, false);
                const QString type = r.json.value(QStringLiteral("type")).toString();
                if (m_contract.operations.contains(op)) {
                    // It exists: refused for want of a token, not unknown.
                    QVERIFY2(r.status == 401 && type.endsWith(QLatin1String("/unauthorized")),
                             qPrintable(QStringLiteral("%1 answered %2 %3").arg(op).arg(r.status).arg(type)));
                } else {
                    QVERIFY2(
                        r.status == 404 || r.status == 405,
                        qPrintable(QStringLiteral("%1 is not in ops-api.yaml but answered %2").arg(op).arg(r.status)));
                }
            }
        }
        const auto unknown = anonymous.request("GET", QStringLiteral("/api/v1/no-such-endpoint"), {}, {}, false);
        QCOMPARE(unknown.status, 404);
        QVERIFY(unknown.json.value(QStringLiteral("type")).toString().endsWith(QLatin1String("/not-found")));
    }

    void whoAmINamesTheTokensRole()
    {
        HttpTestClient op(QStringLiteral("http://127.0.0.1:%1").arg(m_http->apiPort()), kToken);
        const auto r = op.get(QStringLiteral("/api/v1/whoami"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("role")).toString(), QStringLiteral("operator"));
    }

    void problemTypesMatchTheContract()
    {
        QSet<QString> declared;
        for (const OpsProblem p : allOpsProblems()) {
            const HttpReply r = opsProblem(HttpReply::Status::BadRequest, p, QStringLiteral("t"));
            declared.insert(QJsonDocument::fromJson(r.body).object().value(QStringLiteral("type")).toString());
        }
        QCOMPARE(declared.size(), allOpsProblems().size());
        QVERIFY2((declared - m_contract.problemTypes).isEmpty(),
                 qPrintable(QStringLiteral("answered but not in ops-api.yaml: ") +
                            sorted(declared - m_contract.problemTypes)));
        QVERIFY2((m_contract.problemTypes - declared).isEmpty(),
                 qPrintable(QStringLiteral("in ops-api.yaml but never answered: ") +
                            sorted(m_contract.problemTypes - declared)));
        // The ops API's sources make problems only from OpsProblem, so the
        // set above is every type they can answer with.
        for (const char *file : {"app/hubsim/OpsApiServer.cpp", "app/hubsim/BlastProvider.cpp"}) {
            QFile f(qEnvironmentVariable("OC_SOURCE_DIR") + QLatin1Char('/') + QLatin1String(file));
            QVERIFY2(f.open(QIODevice::ReadOnly), file);
            QVERIFY2(!f.readAll().contains("HttpReply::problem("),
                     qPrintable(QStringLiteral("%1 builds a problem with a free-text type; use OpsProblem").arg(file)));
        }
    }

    void cleanupTestCase() { m_http.reset(); }
};

QTEST_GUILESS_MAIN(TestOpsApiContract)
#include "tst_opsapicontract.moc"

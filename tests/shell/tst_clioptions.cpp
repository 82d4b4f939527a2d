// Issue 16: both executables as users run them. Every numeric option refuses
// bad values with exit status 2 and a message naming it; every option in
// --help is in the man page and the other way round.
#include <QDir>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

QString binary(const char *name)
{
    return QDir(qEnvironmentVariable("OC_BINARY_DIR")).filePath(QStringLiteral("bin/") + QLatin1String(name));
}

Run run(const char *name, const QStringList &args)
{
    Run r;
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // Nothing may reach a database: a checked number fails before that, and
    // these point nowhere in case it did not.
    env.insert(QStringLiteral("PGHOST"), QStringLiteral("/nonexistent"));
    env.insert(QStringLiteral("PGCONNECT_TIMEOUT"), QStringLiteral("1"));
    env.remove(QStringLiteral("ORGANIZER_DB"));
    p.setProcessEnvironment(env);
    p.start(binary(name), args);
    if (!p.waitForStarted(10000) || !p.waitForFinished(30000)) {
        r.err = QStringLiteral("did not run: ") + p.errorString();
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// "  -d, --db <conninfo>  ..." -> {"db": "conninfo"}; options without a value map to "".
QHash<QString, QString> helpOptions(const QString &help)
{
    QHash<QString, QString> out;
    static const QRegularExpression line(QStringLiteral("^\\s+(?:-\\w, )?--([a-z][a-z0-9-]*)(?: <([^>]+)>)?"),
                                         QRegularExpression::MultilineOption);
    for (auto it = line.globalMatch(help); it.hasNext();) {
        const auto m = it.next();
        out.insert(m.captured(1), m.captured(2));
    }
    return out;
}

QString manPage(const char *name)
{
    QFile f(QDir(qEnvironmentVariable("OC_SOURCE_DIR"))
                .filePath(QStringLiteral("installer/man/%1.1").arg(QLatin1String(name))));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QString section(const QString &man, const QString &name)
{
    const qsizetype from = man.indexOf(QStringLiteral("\n.SH ") + name + QLatin1Char('\n'));
    if (from < 0)
        return {};
    const qsizetype to = man.indexOf(QStringLiteral("\n.SH "), from + 1);
    return man.mid(from, to < 0 ? -1 : to - from);
}

// The long options the OPTIONS section defines: the heading line after each .TP.
QSet<QString> manOptions(const QString &man)
{
    QSet<QString> out;
    const QStringList lines = section(man, QStringLiteral("OPTIONS")).split(QLatin1Char('\n'));
    static const QRegularExpression opt(QStringLiteral("\\\\-\\\\-([a-z][a-z0-9\\\\-]*[a-z0-9])"));
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (lines.at(i) != QLatin1String(".TP"))
            continue;
        for (auto it = opt.globalMatch(lines.at(i + 1)); it.hasNext();)
            out.insert(it.next().captured(1).remove(QLatin1Char('\\')));
    }
    return out;
}

struct NumericOption
{
    QStringList command; // before the option, e.g. {"simulate"}
    QString name;
    bool integer;
    QString tooLarge;
};

} // namespace

class TestCliOptions : public QObject
{
    Q_OBJECT
private:
    // Every numeric option of both executables, with a value above its range.
    // The walk fails on a numeric-looking option missing here, so a new one
    // cannot slip past unchecked.
    const QList<NumericOption> m_numeric {
        {{}, QStringLiteral("demo-events"), true, QStringLiteral("1000000000")},
        {{QStringLiteral("simulate")}, QStringLiteral("events"), true, QStringLiteral("1000000000")},
        {{QStringLiteral("simulate")}, QStringLiteral("supporters"), true, QStringLiteral("1000000000")},
        {{QStringLiteral("simulate")}, QStringLiteral("seed-rsvps"), true, QStringLiteral("100000000000")},
        {{QStringLiteral("simulate")}, QStringLiteral("api-port"), true, QStringLiteral("65536")},
        {{QStringLiteral("simulate")}, QStringLiteral("site-port"), true, QStringLiteral("70000")},
        {{QStringLiteral("simulate")}, QStringLiteral("vendor-port"), true, QStringLiteral("65536")},
        {{QStringLiteral("simulate")}, QStringLiteral("compression"), false, QStringLiteral("1e7")},
        {{QStringLiteral("simulate")}, QStringLiteral("rsvp-rate"), false, QStringLiteral("1e7")},
        {{QStringLiteral("simulate")}, QStringLiteral("base-views"), false, QStringLiteral("1e10")},
        {{QStringLiteral("simulate")}, QStringLiteral("events-per-day"), false, QStringLiteral("1e8")},
        {{QStringLiteral("simulate")}, QStringLiteral("duration"), false, QStringLiteral("1e9")},
        {{QStringLiteral("simulate")}, QStringLiteral("site-capacity"), false, QStringLiteral("1e10")},
        {{QStringLiteral("simulate")}, QStringLiteral("late-share"), false, QStringLiteral("1.5")},
        {{QStringLiteral("simulate")}, QStringLiteral("very-late-every"), false, QStringLiteral("1e7")},
        {{QStringLiteral("simulate")}, QStringLiteral("delete-every"), false, QStringLiteral("1e7")},
    };

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariable("OC_BINARY_DIR").isEmpty(), "OC_BINARY_DIR is not set");
        QVERIFY2(QFile::exists(binary("organizer-console")), qPrintable(binary("organizer-console")));
        QVERIFY2(QFile::exists(binary("organizer-hubsim")), qPrintable(binary("organizer-hubsim")));
    }

    void everyNumericOptionIsListed()
    {
        // Value names that announce a number in --help.
        const QSet<QString> numericNames {QStringLiteral("n"),          QStringLiteral("x"),
                                          QStringLiteral("s"),          QStringLiteral("port"),
                                          QStringLiteral("per-second"), QStringLiteral("fraction")};
        QSet<QString> listed;
        for (const auto &o : m_numeric)
            listed.insert(o.name);
        QSet<QString> found;
        const QList<QPair<const char *, QStringList>> helps {{"organizer-console", {}},
                                                             {"organizer-hubsim", {}},
                                                             {"organizer-hubsim", {QStringLiteral("simulate")}},
                                                             {"organizer-hubsim", {QStringLiteral("import")}},
                                                             {"organizer-hubsim", {QStringLiteral("migrate")}}};
        for (const auto &[exe, cmd] : helps) {
            const Run r = run(exe, cmd + QStringList {QStringLiteral("--help")});
            QCOMPARE(r.exitCode, 0);
            const auto opts = helpOptions(r.out);
            for (auto it = opts.cbegin(); it != opts.cend(); ++it)
                if (numericNames.contains(it.value()))
                    found.insert(it.key());
        }
        QCOMPARE(found, listed);
    }

    void badNumbersAreRefused()
    {
        for (const NumericOption &o : m_numeric) {
            const char *exe = o.command.isEmpty() ? "organizer-console" : "organizer-hubsim";
            QStringList bad {QStringLiteral("abc"), QStringLiteral("-1"), o.tooLarge, QStringLiteral("nan"),
                             QStringLiteral("")};
            if (o.integer)
                bad << QStringLiteral("2.5") << QStringLiteral("1e3");
            for (const QString &value : bad) {
                // --name=value: "-1" would be another option otherwise.
                const QStringList args = o.command + QStringList {QStringLiteral("--%1=%2").arg(o.name, value)};
                const Run r = run(exe, args);
                const QString what = QStringLiteral("%1 %2: exit %3, stderr: %4")
                                         .arg(QLatin1String(exe), args.join(QLatin1Char(' ')))
                                         .arg(r.exitCode)
                                         .arg(r.err);
                QVERIFY2(r.exitCode == 2, qPrintable(what));
                QVERIFY2(r.err.contains(QStringLiteral("--") + o.name), qPrintable(what));
                QVERIFY2(r.err.contains(QStringLiteral(" to ")), qPrintable(what)); // the allowed range
            }
        }
    }

    void manPagesMatchHelp_data()
    {
        QTest::addColumn<QString>("exe");
        QTest::addColumn<QStringList>("commands");
        QTest::newRow("console") << QStringLiteral("organizer-console") << QStringList {QString()};
        QTest::newRow("hubsim") << QStringLiteral("organizer-hubsim")
                                << QStringList {QString(), QStringLiteral("migrate"), QStringLiteral("import"),
                                                QStringLiteral("simulate")};
    }
    void manPagesMatchHelp()
    {
        QFETCH(QString, exe);
        QFETCH(QStringList, commands);
        const QString man = manPage(qPrintable(exe));
        QVERIFY2(!man.isEmpty(), qPrintable(exe));
        QSet<QString> help;
        QSet<QString> variables;
        static const QRegularExpression var(QStringLiteral("\\$([A-Z][A-Z0-9_]+)"));
        for (const QString &cmd : commands) {
            QStringList args {QStringLiteral("--help")};
            if (!cmd.isEmpty())
                args.prepend(cmd);
            const Run r = run(qPrintable(exe), args);
            QCOMPARE(r.exitCode, 0);
            const auto opts = helpOptions(r.out);
            for (auto it = opts.cbegin(); it != opts.cend(); ++it)
                help.insert(it.key());
            for (auto it = var.globalMatch(r.out); it.hasNext();)
                variables.insert(it.next().captured(1));
        }
        const QSet<QString> documented = manOptions(man);
        QVERIFY2(help - documented == QSet<QString>(),
                 qPrintable(QStringLiteral("in --help, not in the man page's OPTIONS: ") +
                            QStringList((help - documented).values()).join(QStringLiteral(", "))));
        QVERIFY2(documented - help == QSet<QString>(),
                 qPrintable(QStringLiteral("in the man page's OPTIONS, not in --help: ") +
                            QStringList((documented - help).values()).join(QStringLiteral(", "))));
        // Every variable --help names is described in ENVIRONMENT.
        const QString environment = section(man, QStringLiteral("ENVIRONMENT"));
        for (const QString &v : std::as_const(variables))
            QVERIFY2(environment.contains(v), qPrintable(v + QStringLiteral(" is not in ENVIRONMENT")));
    }
};

QTEST_GUILESS_MAIN(TestCliOptions)
#include "tst_clioptions.moc"

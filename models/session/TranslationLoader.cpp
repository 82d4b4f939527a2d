#include "TranslationLoader.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QStandardPaths>
#include <QTranslator>

namespace oc {

namespace {

// Qt's modules whose strings the console shows: standard buttons, message
// boxes, file dialogs and the command line help (qtbase), the map's QML
// (qtdeclarative, qtlocation). A catalog Debian does not ship is skipped.
const char *const kQtCatalogs[] = {"qtbase", "qtdeclarative", "qtlocation"};

} // namespace

TranslationLoader::TranslationLoader() = default;

TranslationLoader::~TranslationLoader()
{
    remove();
}

QString TranslationLoader::qtTranslationsPath()
{
    return QLibraryInfo::path(QLibraryInfo::TranslationsPath);
}

QStringList TranslationLoader::searchPath()
{
    QStringList dirs;
    if (QCoreApplication::instance())
        dirs << QDir::cleanPath(QCoreApplication::applicationDirPath() +
                                QStringLiteral("/../share/organizer-console/translations"));
    for (const QString &d :
         QStandardPaths::locateAll(QStandardPaths::GenericDataLocation,
                                   QStringLiteral("organizer-console/translations"), QStandardPaths::LocateDirectory))
        if (!dirs.contains(QDir::cleanPath(d)))
            dirs << QDir::cleanPath(d);
    return dirs;
}

bool TranslationLoader::load(const QLocale &locale, const QString &name, const QStringList &dirs, QStringList *loaded)
{
    for (const QString &dir : dirs) {
        auto t = std::make_unique<QTranslator>();
        // Tries name_es_US.qm, name_es.qm... for each of the locale's UI
        // languages (LANGUAGE, then LC_ALL / LC_MESSAGES / LANG on Unix).
        if (!t->load(locale, name, QStringLiteral("_"), dir))
            continue;
        if (!QCoreApplication::installTranslator(t.get()))
            continue;
        loaded->append(t->filePath());
        m_installed.push_back(std::move(t));
        return true;
    }
    return false;
}

QStringList TranslationLoader::install(const QLocale &locale)
{
    remove();
    QStringList loaded;
    const QStringList qtDir {qtTranslationsPath()};
    for (const char *catalog : kQtCatalogs)
        load(locale, QLatin1String(catalog), qtDir, &loaded);
    // Installed last, so searched first: our words win over Qt's for a
    // context both have (none today).
    load(locale, catalogName(), searchPath(), &loaded);
    return loaded;
}

void TranslationLoader::remove()
{
    if (QCoreApplication::instance())
        for (const auto &t : m_installed)
            QCoreApplication::removeTranslator(t.get());
    m_installed.clear();
}

} // namespace oc

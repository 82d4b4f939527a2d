#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QTranslator;

namespace oc {

// The console in the user's language: Qt's own catalogs (qtbase_<lang>.qm and
// friends, from QLibraryInfo's TranslationsPath: standard buttons, the command
// line parser's help, the file dialogs) and ours (organizer-console_<lang>.qm),
// installed on the application for a locale. A regional locale falls back to
// its language (es_US, es_MX -> es), as QTranslator::load(QLocale) does; a
// locale nothing is translated to leaves the English source text.
class TranslationLoader
{
public:
    TranslationLoader();
    ~TranslationLoader(); // removes what it installed
    TranslationLoader(const TranslationLoader &) = delete;
    TranslationLoader &operator=(const TranslationLoader &) = delete;

    // Installs the catalogs for `locale` (replacing any this loader installed
    // before) and returns the files loaded, for the log.
    QStringList install(const QLocale &locale = QLocale());
    void remove();

    // Where organizer-console_<lang>.qm is looked for, first match wins:
    // beside the executable (../share/organizer-console/translations, which
    // is the build tree's and the package's), then the XDG data directories
    // ($XDG_DATA_HOME, $XDG_DATA_DIRS: a translator's newer catalog in
    // ~/.local/share).
    static QStringList searchPath();
    static QString qtTranslationsPath();
    // The base name of our catalogs.
    static QString catalogName() { return QStringLiteral("organizer-console"); }

private:
    bool load(const QLocale &locale, const QString &name, const QStringList &dirs, QStringList *loaded);

    std::vector<std::unique_ptr<QTranslator>> m_installed;
};

} // namespace oc

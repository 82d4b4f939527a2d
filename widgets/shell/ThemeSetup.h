#pragma once

#include <QPalette>
#include <QString>

#include <optional>

namespace oc {

// The console's colour scheme: the desktop's (system), or forced light or dark
// with --color-scheme / appearance/colorScheme in the settings. Qt 6.8 asks
// the platform theme first; where it cannot switch (offscreen, themes without
// scheme support) the Fusion style gets a palette of the requested scheme, so
// "dark" always means dark.
class ThemeSetup
{
public:
    // "dark", "light" or "system" (Unknown); nothing for anything else.
    static std::optional<Qt::ColorScheme> parse(const QString &name);
    static QString name(Qt::ColorScheme scheme);
    // Needs a QApplication. Unknown follows the desktop again.
    static void apply(Qt::ColorScheme scheme);
    static QPalette darkPalette();
};

} // namespace oc

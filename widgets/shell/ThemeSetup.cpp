#include "ThemeSetup.h"

#include "Contrast.h"
#include "LogCategories.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleHints>

namespace oc {

std::optional<Qt::ColorScheme> ThemeSetup::parse(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("dark"))
        return Qt::ColorScheme::Dark;
    if (n == QLatin1String("light"))
        return Qt::ColorScheme::Light;
    if (n == QLatin1String("system") || n.isEmpty())
        return Qt::ColorScheme::Unknown;
    return std::nullopt;
}

QString ThemeSetup::name(Qt::ColorScheme scheme)
{
    switch (scheme) {
    case Qt::ColorScheme::Dark: return QStringLiteral("dark");
    case Qt::ColorScheme::Light: return QStringLiteral("light");
    default: return QStringLiteral("system");
    }
}

QPalette ThemeSetup::darkPalette()
{
    const QColor window(0x35, 0x35, 0x35);
    const QColor text(0xf0, 0xf0, 0xf0);
    const QColor disabled(0x80, 0x80, 0x80);
    const QColor accent(0x2a, 0x82, 0xda);
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::AlternateBase, QColor(0x30, 0x30, 0x30));
    p.setColor(QPalette::ToolTipBase, QColor(0x20, 0x20, 0x20));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0xa8, 0xa8, 0xa8));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4a));
    p.setColor(QPalette::Midlight, QColor(0x42, 0x42, 0x42));
    p.setColor(QPalette::Mid, QColor(0x2a, 0x2a, 0x2a));
    p.setColor(QPalette::Dark, QColor(0x23, 0x23, 0x23));
    p.setColor(QPalette::Shadow, QColor(0x14, 0x14, 0x14));
    p.setColor(QPalette::Highlight, accent);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xc0, 0x9c, 0xff));
    p.setColor(QPalette::Accent, accent);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x50, 0x50));
    return p;
}

void ThemeSetup::apply(Qt::ColorScheme scheme)
{
    auto log = logcat::ui();
    QStyleHints *hints = QGuiApplication::styleHints();
    if (scheme == Qt::ColorScheme::Unknown) {
        hints->unsetColorScheme();
        return;
    }
    hints->setColorScheme(scheme);
    const bool wantDark = scheme == Qt::ColorScheme::Dark;
    if (hints->colorScheme() == scheme &&
        Contrast::isDark(QApplication::palette().color(QPalette::Window)) == wantDark) {
        log->info("colour scheme {} from the platform theme", name(scheme).toStdString());
        return;
    }
    // The platform theme cannot switch: Fusion draws every control from the
    // palette, so a palette of the scheme gives a consistent window.
    if (QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        QApplication::setStyle(fusion);
    QApplication::setPalette(wantDark ? darkPalette() : QApplication::style()->standardPalette());
    log->info("colour scheme {} with the Fusion style (the {} platform theme cannot switch)",
              name(scheme).toStdString(), QGuiApplication::platformName().toStdString());
}

} // namespace oc

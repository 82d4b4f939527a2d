# Debian package (issue 7): `cpack -G DEB` in a Release build tree; installer/package.sh
# does the whole thing inside the build environment and installer/test-install.sh
# installs the result into a fresh Debian 13 root.
#
# Besides the two executables (their install() rules live in app/*), the package
# holds the desktop integration: a .desktop file, hicolor icons (PNG at several
# sizes rendered from the SVG at build time, plus the SVG), AppStream metainfo and
# man pages, and the console's translations (share/organizer-console/translations,
# installed by resources/translations). QML, SQL migrations and data are Qt
# resources inside the binaries.

set(OC_APP_ID org.organizerconsole.OrganizerConsole)
set(_oc_pkg_src ${PROJECT_SOURCE_DIR}/installer/package)
set(_oc_pkg_gen ${PROJECT_BINARY_DIR}/package-data)
set(_oc_pkg_outputs)

# --- desktop file and AppStream metainfo --------------------------------------------
install(FILES ${_oc_pkg_src}/${OC_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${_oc_pkg_src}/${OC_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

# The newest release in the metainfo must be this version (package.sh fails on it too).
file(READ ${_oc_pkg_src}/${OC_APP_ID}.metainfo.xml _oc_metainfo)
if(NOT _oc_metainfo MATCHES "<release version=\"${PROJECT_VERSION}\"")
  message(WARNING "installer/package/${OC_APP_ID}.metainfo.xml has no <release version=\"${PROJECT_VERSION}\">: "
                  "add the release when changing project(VERSION)")
endif()

# --- icons: hicolor theme, named after the app id -------------------------------------
set(OC_ICON_SVG ${PROJECT_SOURCE_DIR}/resources/icons/organizer-console.svg)
set(OC_ICON_SIZES 16 32 48 64 128 256)
install(FILES ${OC_ICON_SVG} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME ${OC_APP_ID}.svg)
find_program(OC_RSVG_CONVERT rsvg-convert)
if(OC_RSVG_CONVERT)
  foreach(size IN LISTS OC_ICON_SIZES)
    set(_dir ${_oc_pkg_gen}/icons/${size}x${size})
    set(_png ${_dir}/${OC_APP_ID}.png)
    add_custom_command(OUTPUT ${_png}
                       COMMAND ${CMAKE_COMMAND} -E make_directory ${_dir}
                       COMMAND ${OC_RSVG_CONVERT} --width=${size} --height=${size} --output=${_png} ${OC_ICON_SVG}
                       DEPENDS ${OC_ICON_SVG}
                       COMMENT "Rendering the ${size}x${size} icon" VERBATIM)
    list(APPEND _oc_pkg_outputs ${_png})
    install(FILES ${_png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
  endforeach()
else()
  message(WARNING "rsvg-convert (package librsvg2-bin) not found: the package will have only the SVG icon")
endif()

# --- man pages: troff sources in installer/man, gzipped (-n: reproducible) ------------
foreach(page organizer-console.1 organizer-hubsim.1)
  set(_src ${PROJECT_SOURCE_DIR}/installer/man/${page})
  set(_gz ${_oc_pkg_gen}/man/${page}.gz)
  add_custom_command(OUTPUT ${_gz}
                     COMMAND ${CMAKE_COMMAND} -E make_directory ${_oc_pkg_gen}/man
                     COMMAND gzip -9 -n -c ${_src} > ${_gz}
                     DEPENDS ${_src}
                     COMMENT "Compressing man page ${page}" VERBATIM)
  list(APPEND _oc_pkg_outputs ${_gz})
  install(FILES ${_gz} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endforeach()

# --- copyright (Debian policy 12.5): the project's licence and the bundled data's notices
install(FILES ${_oc_pkg_src}/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/organizer-console)

# Part of `all`, so `cmake --build` followed by `cpack` has everything to install.
add_custom_target(oc_package_data ALL DEPENDS ${_oc_pkg_outputs})

# --- CPack / DEB ---------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME organizer-console)
set(CPACK_PACKAGE_VENDOR "The Organizer Console team")
set(CPACK_PACKAGE_CONTACT "The Organizer Console team <maintainers@organizerconsole.org>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "control console for campaign organizers")
set(CPACK_PACKAGE_DESCRIPTION
    "Organizer Console shows crowd-sourced events on a live map, live RSVP totals and
website traffic, and offers one-click rapid-response actions: launch a
campaign, flip the public site to a static fallback and back, and trigger an
email or SMS blast exactly once. It includes a review queue for new events,
host training tracking and a full-screen wallboard for leadership.
.
The demo (organizer-console --demo) runs a private PostgreSQL server with
organizer-hubsim, the backend simulator, which is included.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://organizerconsole.org/")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CHECKSUM SHA256)

set(CPACK_DEBIAN_PACKAGE_NAME organizer-console)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)          # organizer-console_<version>-1_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Libraries the binaries link (Qt, libpq, fmt, ...) come from dpkg-shlibdeps...
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# ...what is loaded at run time is not visible to it:
#  - the map's QML imports (widgets/map/qml: QtQuick, QtLocation, QtPositioning; the
#    QML modules pull in QtQml, labs-animation and the positioning plugins). Add the
#    qml6-module-* package here when a new QML import appears;
#  - the geoservices plugins of the Map item (itemsoverlay offline, osm with tiles);
#  - a font for fontconfig (any will do; DejaVu is Debian's default);
#  - libsecret, which QtKeychain dlopen()s for the desktop keychain (shlibdeps
#    brings libqt6keychain1, whose Recommends bring a keychain daemon; without
#    libsecret it cannot talk to GNOME Keyring's Secret Service).
# The xcb, offscreen and eglfs platform plugins are in libqt6gui6 on Debian 13
# (qt6-qpa-plugins only has vnc and tuio), and QtSql is not linked.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "qml6-module-qtquick, qml6-module-qtlocation, qml6-module-qtpositioning, qt6-location-plugins, libsecret-1-0, fonts-dejavu-core | fonts-liberation2 | fonts-noto-core | fonts-freefont-ttf")
# The demo's database server is recommended, not required (a real hub database is
# remote); Wayland sessions want qt6-wayland, SVG icons the Qt SVG plugins; Qt's own
# words (standard buttons, file dialogs, --help) in the user's language come from
# qt6-translations-l10n (qtbase_<lang>.qm, which TranslationLoader loads beside ours).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "postgresql, qt6-wayland, qt6-svg-plugins, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-client")

set(CPACK_SOURCE_GENERATOR TXZ)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build[^/]*/" "/node_modules/")

include(CPack)

# Install rules and Debian packages (CPack).
#
#   cpack -G DEB --config <build>/CPackConfig.cmake -B <outdir>
#
# builds four packages from one build tree:
#   antre-data     /usr/share/antre: web pages, fonts, voice clips, the demo office (arch all)
#   antre-server   /usr/bin/antre-server, its systemd unit, /etc/antre/antre.json (conffile)
#   antre-kiosk    /usr/bin/antre-kiosk, a fullscreen X session unit, /etc/antre/kiosk.json
#   antre-display  /usr/bin/antre-display, a fullscreen X session unit, /etc/antre/display.json
# Everything under /etc is a conffile, so an upgrade never overwrites an edited config.
# The programs get /usr/share/antre from their systemd unit or session script (--assets,
# ANTRE_FONT_DIR, ANTRE_VOICE_DIR); the compiled-in defaults still point at the source tree.

set(_pkg ${PROJECT_SOURCE_DIR}/packaging)
set(_exec GROUP_READ GROUP_EXECUTE OWNER_READ OWNER_WRITE OWNER_EXECUTE WORLD_READ WORLD_EXECUTE)
set(_conf OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

# ---- antre-data -------------------------------------------------------------------------
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/web ${PROJECT_SOURCE_DIR}/assets/fonts
        DESTINATION share/antre COMPONENT data)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/voice DESTINATION share/antre COMPONENT data
        PATTERN "generate.sh" EXCLUDE)
install(FILES ${PROJECT_SOURCE_DIR}/assets/demo-office.json DESTINATION share/antre COMPONENT data)
install(FILES ${PROJECT_SOURCE_DIR}/docs/operations.md ${PROJECT_SOURCE_DIR}/docs/guide-petugas.md
              ${PROJECT_SOURCE_DIR}/docs/configuration.md ${PROJECT_SOURCE_DIR}/docs/api.md
        DESTINATION share/doc/antre-data COMPONENT data)
install(FILES ${PROJECT_SOURCE_DIR}/docs/img/counter-console.png
        DESTINATION share/doc/antre-data/img COMPONENT data)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/img/ DESTINATION share/doc/antre-data/img COMPONENT data
        FILES_MATCHING PATTERN "petugas-*.png")
install(FILES ${_pkg}/nginx/antre-public.conf ${_pkg}/nginx/antre-lan.conf
        DESTINATION share/doc/antre-data/examples COMPONENT data)

# ---- antre-server -----------------------------------------------------------------------
install(TARGETS antre-server RUNTIME DESTINATION bin COMPONENT server)
install(FILES ${_pkg}/systemd/antre-server.service ${_pkg}/systemd/antre-backup.service
              ${_pkg}/systemd/antre-backup.timer DESTINATION /lib/systemd/system COMPONENT server)
install(FILES ${PROJECT_SOURCE_DIR}/assets/demo-office.json DESTINATION /etc/antre
        RENAME antre.json PERMISSIONS ${_conf} COMPONENT server)
install(FILES ${_pkg}/etc/antre-server.default DESTINATION /etc/default
        RENAME antre-server PERMISSIONS ${_conf} COMPONENT server)

# ---- antre-kiosk ------------------------------------------------------------------------
install(TARGETS antre-kiosk RUNTIME DESTINATION bin COMPONENT kiosk)
install(PROGRAMS ${_pkg}/session/antre-kiosk-session DESTINATION libexec/antre COMPONENT kiosk)
install(FILES ${_pkg}/systemd/antre-kiosk.service DESTINATION /lib/systemd/system COMPONENT kiosk)
install(FILES ${_pkg}/etc/kiosk.json DESTINATION /etc/antre PERMISSIONS ${_conf} COMPONENT kiosk)

# ---- antre-display ----------------------------------------------------------------------
install(TARGETS antre-display RUNTIME DESTINATION bin COMPONENT display)
install(PROGRAMS ${_pkg}/session/antre-display-session DESTINATION libexec/antre COMPONENT display)
install(FILES ${_pkg}/systemd/antre-display.service DESTINATION /lib/systemd/system COMPONENT display)
install(FILES ${_pkg}/etc/display.json DESTINATION /etc/antre PERMISSIONS ${_conf} COMPONENT display)

# ---- CPack ------------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME antre)
set(CPACK_PACKAGE_VENDOR "Disdukcapil Kota Serang")
set(CPACK_PACKAGE_CONTACT "Antre maintainers <antre@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL data server kiosk display)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://disdukcapil.serangkota.go.id/")
# Runtime library dependencies come from dpkg-shlibdeps (package dpkg-dev).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(_same "antre-data (= ${PROJECT_VERSION}-1)")

# dpkg keeps an edited conffile on upgrade (and asks before replacing it).
set(_cf ${PROJECT_BINARY_DIR}/packaging)
file(WRITE ${_cf}/server/conffiles "/etc/antre/antre.json\n/etc/default/antre-server\n")
file(WRITE ${_cf}/kiosk/conffiles "/etc/antre/kiosk.json\n")
file(WRITE ${_cf}/display/conffiles "/etc/antre/display.json\n")

set(CPACK_DEBIAN_DATA_PACKAGE_NAME antre-data)
set(CPACK_DEBIAN_DATA_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_DATA_PACKAGE_SHLIBDEPS OFF)
set(CPACK_DEBIAN_DATA_DESCRIPTION "Antre queue system: shared data
Web pages (counter console, supervisor, admin, booking, ticket status), fonts, voice clips
and the demo office configuration used by antre-server, antre-kiosk and antre-display.")

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME antre-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "${_same}, adduser, init-system-helpers (>= 1.54)")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "nginx")
set(CPACK_DEBIAN_SERVER_DESCRIPTION "Antre queue system: server
Queue rules, SQLite store, REST/JSON API, live event stream and the web pages for counters,
supervisors, administrators and online booking. Runs as the system user antre with its
database in /var/lib/antre and its configuration in /etc/antre/antre.json.")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    ${_pkg}/debian/server/preinst ${_pkg}/debian/server/postinst
    ${_pkg}/debian/server/prerm ${_pkg}/debian/server/postrm ${_cf}/server/conffiles)

set(_x "xserver-xorg-core, xserver-xorg-input-libinput, xinit, x11-xserver-utils")
set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME antre-kiosk)
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "${_same}, adduser, init-system-helpers (>= 1.54)")
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "${_x}, cups-client")
set(CPACK_DEBIAN_KIOSK_DESCRIPTION "Antre queue system: ticket kiosk
Touch-screen ticket machine with a thermal printer (USB, network or CUPS) and OPAK MANIS
check-in. antre-kiosk.service runs it fullscreen on a minimal X session on tty7.")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
    ${_pkg}/debian/kiosk/postinst ${_pkg}/debian/kiosk/prerm ${_pkg}/debian/kiosk/postrm ${_cf}/kiosk/conffiles)

set(CPACK_DEBIAN_DISPLAY_PACKAGE_NAME antre-display)
set(CPACK_DEBIAN_DISPLAY_PACKAGE_DEPENDS "${_same}, adduser, init-system-helpers (>= 1.54)")
set(CPACK_DEBIAN_DISPLAY_PACKAGE_RECOMMENDS "${_x}, alsa-utils")
set(CPACK_DEBIAN_DISPLAY_DESCRIPTION "Antre queue system: wall display
The waiting-hall board that shows and calls out tickets (Indonesian and English voice).
antre-display.service runs it fullscreen on a minimal X session on tty7.")
set(CPACK_DEBIAN_DISPLAY_PACKAGE_CONTROL_EXTRA
    ${_pkg}/debian/display/postinst ${_pkg}/debian/display/prerm ${_pkg}/debian/display/postrm ${_cf}/display/conffiles)

include(CPack)

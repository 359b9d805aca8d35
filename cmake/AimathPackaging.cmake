# Desktop integration and the Debian package.
#
# The application id names the desktop entry, the AppStream metainfo and the
# installed icon (reverse DNS, as AppStream asks); the binary and the Debian
# package stay `aimathlab`.
set(AIMATH_APP_ID io.github.aimathlab.AIMathLab)
set(AIMATH_HOMEPAGE "https://github.com/aimathlab/aimathlab")

install(FILES ${PROJECT_SOURCE_DIR}/resources/${AIMATH_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/${AIMATH_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/aimathlab.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME ${AIMATH_APP_ID}.svg)
# GPL-3.0-or-later: the binary links QCustomPlot, which Debian ships under GPL-3+.
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/aimathlab)
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)

# `make package` (cpack -G DEB): Depends is computed by dpkg-shlibdeps from
# the libraries the installed binary really links (dpkg-dev), so it names
# Debian's runtime packages (libqt6widgets6, libqcustomplot2.1, ...).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME aimathlab)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "AI Math Lab contributors")
set(CPACK_PACKAGE_CONTACT "AI Math Lab maintainers <maintainers@users.noreply.r-seed-099e512d.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "see the mathematics behind large models")
set(CPACK_PACKAGE_DESCRIPTION
    "AI Math Lab is an offline desktop laboratory for the mathematics that deep
learning rests on: embeddings and principal component analysis, attention
(softmax(QK^T/sqrt(d))V head by head), gradient descent and its optimizers,
probability distributions with entropy and KL divergence, and floating-point
formats from fp64 down to fp4. Every figure exports as PNG, JPEG, PDF or SVG.
The interface is in English and Simplified Chinese, light or dark.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # aimathlab_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${AIMATH_HOMEPAGE})
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Chinese text in the window and in exported figures needs a CJK font.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS fonts-noto-cjk)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# cpack installs without building every target first (the tests are not
# packaged); `make install` and `make package` build everything before.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
include(CPack)

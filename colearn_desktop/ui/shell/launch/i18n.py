"""Loading translations: Qt's own, then ours for the system language, else English.

English is a translation too: it supplies the plural forms ("1 day ago", "12 days ago") for
source strings written as "%n day(s) ago".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from colearn_desktop.paths import resource_path


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    locale = locale or QLocale.system()
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    ours = QTranslator(app)
    folder = str(resource_path("i18n"))
    if ours.load(locale, "colearn", "_", folder) or ours.load("colearn_en", folder):
        app.installTranslator(ours)
        installed.append(ours)
    return installed

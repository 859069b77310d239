"""Loading the interface language. The source strings are English; Chinese comes from
resources/translations/lawdesk_zh_CN.qm, built from the .ts next to it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS = Path(__file__).resolve().parents[1] / "resources" / "translations"


class Translations:
    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, language: str) -> None:
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed.clear()
        self.language = language
        if language == "en":
            QLocale.setDefault(QLocale("en_US"))
            return
        QLocale.setDefault(QLocale(language))
        ours = QTranslator(self.app)
        if not ours.load(str(TRANSLATIONS / f"lawdesk_{language}.qm")):
            raise FileNotFoundError(TRANSLATIONS / f"lawdesk_{language}.qm")
        self._installed.append(ours)
        qt_base = QTranslator(self.app)  # Qt's own dialogs and buttons (OK, Cancel…)
        if qt_base.load(QLocale(language), "qtbase", "_",
                        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self._installed.append(qt_base)
        for translator in self._installed:
            self.app.installTranslator(translator)


"""Interface languages: the translators the console installs at start-up.

English is the source language and needs nothing. French comes from `resources/i18n/console_fr.qm`
(built from `console_fr.ts`), plus Qt's own French (standard buttons and dialogs) when PySide6 ships it.
Translators must be installed before any widget is built: the console does not retranslate live.
This module stays cheap to import; the catalogue tooling lives in `console.ui.i18n_catalogue`.

After adding or changing interface strings, refresh the catalogue (see `console.ui.i18n_catalogue`):

    .venv/bin/python -m console.ui.i18n update
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
SOURCE_LANGUAGE = "EN"
LANGUAGES = {"EN": "English", "FR": "Français"}
"""Every interface language, named in itself."""
LOCALES = {"EN": "en_CA", "FR": "fr_CA"}
"""The Qt locale of each language: month and day names, number and date formats in widgets."""


def compiled_path(language: str) -> Path:
    """The compiled translation (.qm) of `language`."""
    return I18N_DIR / f"console_{language.lower()}.qm"


def available_languages() -> dict[str, str]:
    """The languages the console can show (code → name in that language): English and every compiled one."""
    return {code: name for code, name in LANGUAGES.items()
            if code == SOURCE_LANGUAGE or compiled_path(code).is_file()}


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators for `language` ("EN", "FR") on `app`; the installed ones (none for English).

    Also makes the language's Canadian locale the default QLocale (calendar names, numbers in widgets).
    Call before building widgets. A missing or unreadable catalogue is logged and leaves English.
    """
    code = language.upper()
    if code not in LANGUAGES:
        raise ValueError(f"unknown interface language {language!r}; expected one of {sorted(LANGUAGES)}")
    QLocale.setDefault(QLocale(LOCALES[code]))
    if code == SOURCE_LANGUAGE:
        return []
    console = QTranslator(app)
    if not console.load(str(compiled_path(code))):
        log.warning("No %s interface translation at %s; the console stays in English",
                    code, compiled_path(code))
        QLocale.setDefault(QLocale(LOCALES[SOURCE_LANGUAGE]))
        console.deleteLater()
        return []
    translators = [console]
    qt_base = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_base.load(f"qtbase_{code.lower()}", qt_folder):
        translators.append(qt_base)
    else:
        qt_base.deleteLater()
    for translator in translators:
        app.installTranslator(translator)
    return translators


if __name__ == "__main__":
    from console.ui.i18n_catalogue import main

    sys.exit(main())

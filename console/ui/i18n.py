"""Interface languages: the translators the console installs at start-up.

English is the source language and needs nothing. French comes from `console/resources/i18n/console_fr.qm`
(built from `console_fr.ts`), plus Qt's own French (standard buttons and dialogs) when PySide6 ships it.
Translators must be installed before any widget is built: a new language applies after a restart.
The first start follows the system locale (`startup_language`).

After adding or changing interface strings, refresh the catalogue from the checkout:

    .venv/bin/python tools/i18n.py update
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from console.ui.settings import Settings

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "EN"
LANGUAGES = {"EN": "English", "FR": "Français"}
"""Every interface language, named in itself."""
LOCALES = {"EN": "en_CA", "FR": "fr_CA"}
"""The Qt locale of each language: month and day names, number and date formats in widgets."""


def compiled_path(language: str) -> Traversable:
    """The compiled translation (.qm) of `language`, a bundled resource."""
    from console.resources import resource  # importlib.resources: only once a translation is needed

    return resource(f"i18n/console_{language.lower()}.qm")


def available_languages() -> dict[str, str]:
    """The languages the console can show (code → name in that language): English and every compiled one."""
    return {code: name for code, name in LANGUAGES.items()
            if code == SOURCE_LANGUAGE or compiled_path(code).is_file()}


def system_language(locale_name: str | None = None) -> str:
    """The interface language a system locale asks for: French for `fr_*`, English otherwise."""
    name = locale_name if locale_name is not None else QLocale.system().name()
    return "FR" if name.lower().startswith("fr") else SOURCE_LANGUAGE


def startup_language(settings: Settings, locale_name: str | None = None) -> str:
    """The language to start in: the chosen one, else (first start) the system's, which is then kept."""
    if not settings.is_set(type(settings).language):
        settings.language = system_language(locale_name)
    return settings.language


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
    from importlib.resources import as_file

    console = QTranslator(app)
    with as_file(compiled_path(code)) as qm_file:
        loaded = qm_file.is_file() and console.load(str(qm_file))
    if not loaded:
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


if __name__ == "__main__":  # the former command; the catalogue tool lives in the checkout's tools/
    import runpy

    sys.argv[0] = str(Path(__file__).resolve().parents[2] / "tools" / "i18n.py")
    runpy.run_path(sys.argv[0], run_name="__main__")

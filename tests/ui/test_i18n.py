"""The French interface: translators, the window and pages in French, and a complete, consistent catalogue."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from console.api.environments import load_environments
from console.audit import AuditLog
from console.services.sessions import Sessions
from console.ui import i18n
from console.ui.context import ConsoleContext
from console.ui.enroll import EnrollPage
from console.ui.lookup import MemberPage, SearchPage
from console.ui.main_window import MainWindow
from console.ui.settings import Settings
from tools import i18n as i18n_catalogue

Catalogue = dict[tuple[str, str], i18n_catalogue.Message]
NBSP = "\u00a0"
PLACEHOLDER = re.compile(r"%n|%\d+|\{\w*\}")
MNEMONIC = re.compile(r"&([^&\s])")
SHOWN_TOGETHER = ({"EnrollPage", "EnrollForm", "SuccessView"},)
"""Contexts whose texts share one window at the same time: their accelerators must not clash."""


@pytest.fixture
def default_locale() -> Iterator[None]:
    """The default QLocale is restored after the test."""
    previous = QLocale()
    yield
    QLocale.setDefault(previous)


@pytest.fixture
def french(qapp: QApplication, settings: Settings, default_locale: None) -> Iterator[list[Any]]:
    """French settings, locale and translators for one test, undone afterwards (others expect English)."""
    settings.language = "FR"
    translators = i18n.install_translators(qapp, "FR")
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)
        translator.deleteLater()


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return i18n_catalogue.read_catalogue(i18n_catalogue.catalogue_path("FR"))


@pytest.fixture(scope="module")
def english_messages(catalogue: Catalogue) -> set[str]:
    """Source texts whose French differs: seeing one on screen means a text was not translated.

    Language names written in their own language ("English" in a language list) are fine.
    """
    return {m.source for m in catalogue.values()
            if m.translation.replace(NBSP, " ") != m.source} - set(i18n.LANGUAGES.values())


def visible_texts(root: QWidget) -> dict[str, str]:
    """Every text a widget tree shows or names, with where it comes from."""
    texts: dict[str, str] = {}
    for widget in [root, *root.findChildren(QWidget)]:
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        found = [widget.toolTip(), widget.accessibleName(), widget.windowTitle()]
        if isinstance(widget, QLabel | QAbstractButton):
            found.append(widget.text())
        if isinstance(widget, QLineEdit):
            found.append(widget.placeholderText())
        if isinstance(widget, QGroupBox):
            found.append(widget.title())
        if isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            found += [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
        texts.update({text: where for text in found if text})
    return texts


def assert_french(root: QWidget, english: set[str], expected: list[str]) -> None:
    texts = visible_texts(root)
    untranslated = sorted(f"{text!r} ({where})" for text, where in texts.items() if text in english)
    assert not untranslated, "English texts in the French interface:\n" + "\n".join(untranslated)
    missing = [text for text in expected if text not in texts]
    assert not missing, f"expected French texts not shown: {missing}"


# Translators ------------------------------------------------------------------------------------------
def test_english_needs_no_translator_and_french_is_available(qapp: QApplication,
                                                              default_locale: None) -> None:
    assert i18n.install_translators(qapp, "EN") == []
    assert QLocale().name() == "en_CA"
    assert i18n.available_languages() == {"EN": "English", "FR": "Français"}
    with pytest.raises(ValueError, match="DE"):
        i18n.install_translators(qapp, "DE")


def test_french_translates_the_console_and_qt_itself(french: list[Any]) -> None:
    assert len(french) == 2, "the console's catalogue and Qt's own French"
    assert QCoreApplication.translate("WindowMenus", "&Search") == "&Rechercher"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    assert QLocale().monthName(11) == "novembre"


# Screens in French ------------------------------------------------------------------------------------
def test_main_window_is_french(qtbot: QtBot, french: list[Any], context: ConsoleContext,
                               english_messages: set[str]) -> None:
    sessions = Sessions(load_environments(), lambda env: pytest.fail("no session is needed"))
    window = MainWindow(context, sessions, open_browser=lambda url: None)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "Console des adhérents"
    menus = window.menus
    assert [a.text() for a in (menus.back_action, menus.search_action, menus.enroll_action)] == [
        "Re&tour", "&Rechercher", "&Inscrire"]
    assert window.menus.sign_in_action.text() == "Se &connecter…"
    assert window.status.identity.text() == "Non connecté"
    assert_french(window, english_messages, ["Rechercher des adhérents", f"Environnement{NBSP}: —"])
    window.open_sign_in()
    assert_french(window.signin_dialog, english_messages,
                  ["Connexion", "&Partenaire (identifiant et secret)",
                   "&Adhérent (navigateur)"])


def test_search_page_is_french(qtbot: QtBot, french: list[Any], context: ConsoleContext,
                               english_messages: set[str]) -> None:
    page = SearchPage(context)
    qtbot.addWidget(page)
    page.show()
    assert page.search_button.text() == "Rechercher"
    assert_french(page, english_messages, [
        "Numéro d'adhérent", "Province", "Statut",
        "Les noms et les adresses s’affichent une fois le membre ouvert et l’appelant vérifié."])


def test_member_page_is_french(qtbot: QtBot, french: list[Any], context: ConsoleContext,
                               english_messages: set[str], tmp_path: Path) -> None:
    page = MemberPage(context, audit=AuditLog(tmp_path / "audit.jsonl"))
    qtbot.addWidget(page)
    page.show()
    assert_french(page, english_messages,
                  ["AIR MILES Argent", "AIR MILES Rêves", "Tout afficher", "Numéro d'adhérent"])


def test_enroll_page_is_french(qtbot: QtBot, french: list[Any], context: ConsoleContext,
                               english_messages: set[str], tmp_path: Path) -> None:
    this_month = QLocale().standaloneMonthName(QDate.currentDate().month())  # the calendar's, in French
    page = EnrollPage(context, audit=AuditLog(tmp_path / "audit.jsonl"))
    qtbot.addWidget(page)
    page.show()
    assert page.submit_button.text() == "&Inscrire"
    assert_french(page, english_messages,
                  ["&Prénom *", "&Nom *", "&Courriel *", "Inscrire un adhérent", "Cellulaire", this_month])


# The catalogue -----------------------------------------------------------------------------------------
def test_every_message_in_the_code_has_a_french_translation(
        tmp_path: Path, catalogue: Catalogue) -> None:
    fresh = tmp_path / "console_fr.ts"
    unreadable = i18n_catalogue.extract(fresh)
    assert not unreadable, ("translation helper called with a computed text (mark the texts with "
                            "QT_TRANSLATE_NOOP):\n" + "\n".join(unreadable))
    in_code = i18n_catalogue.read_catalogue(fresh)
    assert len(in_code) > 300
    untranslated = [f"[{context}] {source!r}" for context, source in in_code
                    if not (message := catalogue.get((context, source))) or not message.finished]
    assert not untranslated, (
        "messages without a French translation; run `python -m console.ui.i18n update` and translate "
        "them in console/resources/i18n/console_fr.ts:\n" + "\n".join(untranslated))


def test_translations_keep_placeholders_and_accelerators(
        catalogue: Catalogue) -> None:
    problems = []
    for message in catalogue.values():
        if set(PLACEHOLDER.findall(message.source)) != set(PLACEHOLDER.findall(message.translation)):
            problems.append(f"placeholders differ: {message.source!r} -> {message.translation!r}")
        if len(MNEMONIC.findall(message.source)) != len(MNEMONIC.findall(message.translation)):
            problems.append(f"accelerator lost or added: {message.source!r} -> {message.translation!r}")
    assert not problems, "\n".join(problems)


def test_accelerators_are_unique_within_a_window(catalogue: Catalogue) -> None:
    groups: dict[str, dict[str, list[str]]] = {}
    for (context, _source), message in catalogue.items():
        group = next((" + ".join(sorted(g)) for g in SHOWN_TOGETHER if context in g), context)
        for letter in MNEMONIC.findall(message.translation):
            groups.setdefault(group, {}).setdefault(letter.casefold(), []).append(message.translation)
    clashes = [f"{group}: {texts}" for group, letters in groups.items()
               for texts in letters.values() if len(texts) > 1]
    assert not clashes, "French accelerators used twice:\n" + "\n".join(clashes)


def test_the_committed_qm_is_built_from_the_committed_ts(tmp_path: Path) -> None:
    built = tmp_path / "console_fr.qm"
    i18n_catalogue.release(i18n_catalogue.catalogue_path("FR"), built)
    assert built.read_bytes() == i18n.compiled_path("FR").read_bytes(), (
        "console/resources/i18n/console_fr.qm is stale: run `python tools/i18n.py update`")

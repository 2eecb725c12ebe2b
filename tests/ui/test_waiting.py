"""Waiting, said plainly: the status bar names a busy, in-maintenance or unreachable service; a loading
page says why it waits and when it tries again, in English and French, and its Cancel stops the call."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.api import retry
from console.api.errors import ServiceUnavailable
from console.sandbox import EmbeddedSandbox
from console.ui import i18n
from console.ui.main_window import MainWindow
from console.ui.settings import Settings
from console.ui.waiting import WaitCountdown, wait_sentence
from tests.support.browser import JANE_NUMBER
from tests.support.qt import run
from tests.support.sandbox_http import advance_clock, requests_log, set_faults
from tests.support.window import MakeWindow, started

WORDS = {
    "EN": {
        "online": "Online", "busy": "Busy", "maintenance": "Maintenance", "unreachable": "Unreachable",
        "busy wait": "The service is busy; trying again in %1 s.",
        "maintenance wait": "The service is in maintenance; trying again in %1 s.",
        "no answer": "The service did not answer in time; trying again",
        "searching": "Searching…", "search cancelled": "Search cancelled.",
        "loading cancelled": "Loading cancelled.", "cancel": "Cancel",
    },
    "FR": {
        "online": "En ligne", "busy": "Occupé", "maintenance": "En maintenance", "unreachable": "Injoignable",
        "busy wait": "Le service est occupé; nouvel essai dans %1 s.",
        "maintenance wait": "Le service est en maintenance; nouvel essai dans %1 s.",
        "no answer": "Le service n’a pas répondu à temps; nouvel essai",
        "searching": "Recherche en cours…", "search cancelled": "Recherche annulée.",
        "loading cancelled": "Chargement annulé.", "cancel": "Annuler",
    },
}
WAIT = 10_000


@pytest.fixture(params=["EN", "FR"])
def language(request: pytest.FixtureRequest, qapp: QApplication, settings: Settings) -> Iterator[str]:
    """The interface language of the test; the translators and the locale are undone afterwards."""
    previous = QLocale()
    settings.language = request.param
    translators = i18n.install_translators(qapp, request.param)
    yield request.param
    for translator in translators:
        qapp.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(previous)


@pytest.fixture
def words(language: str) -> dict[str, str]:
    return WORDS[language]


@pytest.fixture
def faults(sandbox: EmbeddedSandbox) -> Iterator[str]:
    """The sandbox's address; its faults are switched off and sleeping requests released afterwards."""
    yield sandbox.base_url
    set_faults(sandbox.base_url)
    advance_clock(sandbox.base_url, 120)


def signed_in(qtbot: QtBot, make_window: MakeWindow) -> MainWindow:
    window = make_window()
    started(qtbot, window)
    dialog = window.signin_dialog
    assert dialog is not None and run(qtbot, dialog.sign_in())
    dialog.hide()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.status.connection.text() != "")
    return window


def counting_down(template: str, text: str, seconds: int) -> bool:
    """`text` is `template` with a number of seconds left no larger than `seconds` (the wait counts down)."""
    pattern = re.escape(template).replace(re.escape("%1"), r"(\d+)")
    match = re.fullmatch(pattern, text)
    return match is not None and 0 < int(match.group(1)) <= seconds


def test_a_rate_limited_search_says_busy_and_cancel_stops_it(
        qtbot: QtBot, make_window: MakeWindow, faults: str, words: dict[str, str]) -> None:
    window = signed_in(qtbot, make_window)
    assert window.status.connection.text() == words["online"]
    page = window.search_page
    assert page is not None
    set_faults(faults, errors={"next": 1, "statuses": [429], "retryAfter": 25})
    window.show_search()
    page.search_box.setText("Doe")
    page.run_search()
    assert page.waiting.label.text() == words["searching"]
    assert page.waiting.cancel_button.text() == words["cancel"]
    qtbot.waitUntil(lambda: window.status.connection.text() == words["busy"], timeout=WAIT)
    qtbot.waitUntil(lambda: counting_down(words["busy wait"], page.waiting.label.text(), 25), timeout=WAIT)
    assert page.is_searching
    assert [entry["status"] for entry in requests_log(faults, "/collectors/search")] == [429]

    qtbot.mouseClick(page.waiting.cancel_button, Qt.MouseButton.LeftButton)
    assert not page.is_searching
    assert page.waiting.isHidden()
    assert page.message.text() == words["search cancelled"]
    assert page.search_box.hasFocus() and page.search_box.selectedText() == "Doe"
    assert window.status.connection.text() == words["busy"]


def test_a_member_page_in_maintenance_says_so_and_cancel_offers_try_again(
        qtbot: QtBot, make_window: MakeWindow, faults: str, words: dict[str, str]) -> None:
    window = signed_in(qtbot, make_window)
    page = window.member_page
    assert page is not None
    set_faults(faults, maintenance=True, retryAfter=25)
    window.open_member(JANE_NUMBER)
    assert page.is_loading and page.waiting.is_waiting
    qtbot.waitUntil(lambda: window.status.connection.text() == words["maintenance"], timeout=WAIT)
    qtbot.waitUntil(
        lambda: counting_down(words["maintenance wait"], page.waiting.label.text(), 25), timeout=WAIT)

    qtbot.mouseClick(page.waiting.cancel_button, Qt.MouseButton.LeftButton)
    assert not page.is_loading
    assert page.waiting.isHidden()
    assert page.profile_stack.has_error
    assert page.profile_stack.error_label.text() == words["loading cancelled"]
    assert page.profile_stack.retry_button.hasFocus()

    set_faults(faults)  # the service is back: Try again asks once more and the verification step opens
    qtbot.mouseClick(page.profile_stack.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.is_loading, timeout=WAIT)
    assert page.verification.isVisible()
    assert window.status.connection.text() == words["online"]


def test_a_service_that_does_not_answer_is_unreachable_and_esc_cancels_the_load(
        qtbot: QtBot, make_window: MakeWindow, faults: str, settings: Settings,
        words: dict[str, str]) -> None:
    settings.read_timeout = 1.0
    window = signed_in(qtbot, make_window)
    page = window.member_page
    assert page is not None
    set_faults(faults, latencyMs=60_000)  # the sandbox holds every answer; the console stops listening
    window.open_member(JANE_NUMBER)
    qtbot.waitUntil(lambda: window.status.connection.text() == words["unreachable"], timeout=WAIT)
    qtbot.waitUntil(lambda: page.waiting.label.text().startswith(words["no answer"]), timeout=WAIT)

    window.menus.escape_action.trigger()
    assert not page.is_loading
    assert window.pages.currentWidget() is page  # Esc cancelled the load; it did not go back
    assert page.profile_stack.error_label.text() == words["loading cancelled"]
    assert page.profile_stack.retry_button.hasFocus()


def test_the_countdown_reaches_the_next_attempt(qtbot: QtBot, language: str) -> None:
    now = [100.0]
    countdown = WaitCountdown(clock=lambda: now[0])
    error = ServiceUnavailable("maintenance", status=503, retry_after=25)
    countdown.show_wait(retry.Wait(attempt=1, reason=retry.UNAVAILABLE, seconds=25, error=error))
    assert countdown.text == wait_sentence(retry.UNAVAILABLE, 25)
    now[0] += 10.5
    qtbot.waitUntil(lambda: countdown.text == wait_sentence(retry.UNAVAILABLE, 15))
    now[0] += 15
    qtbot.waitUntil(lambda: countdown.text == wait_sentence(retry.UNAVAILABLE, 0))
    assert countdown.text == WORDS[language]["maintenance wait"].split(";")[0] + (
        "; trying again now." if language == "EN" else "; nouvel essai en cours.")
    countdown.stop()
    assert countdown.wait is None and countdown.text == ""


def test_every_reason_has_its_words_in_french(qtbot: QtBot, language: str, words: dict[str, Any]) -> None:
    reasons = (retry.RATE_LIMITED, retry.UNAVAILABLE, retry.IN_PROGRESS, retry.SERVER_ERROR,
               retry.CONNECTION, retry.TIMEOUT)
    sentences = {wait_sentence(reason, seconds) for reason in reasons for seconds in (0, 7)}
    assert len(sentences) == 2 * len(reasons)
    for sentence in sentences:
        assert ("essai" in sentence) == (language == "FR"), sentence

"""The main window against the real sandbox: switch environments, Production, navigation, lock, start-up."""

from __future__ import annotations

import asyncio
import threading
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from console.api.environments import load_environments
from console.sandbox import EmbeddedSandbox
from console.services.sessions import Sessions
from console.ui.app import session_factory
from console.ui.context import ConsoleContext
from console.ui.idle import IdleWatcher
from console.ui.main_window import MainWindow
from tests.support.browser import SandboxBrowser
from tests.support.qt import run
from tests.support.window import PARTNER_SECRET, MakeWindow, started


def test_switching_environment_clears_member_data(qtbot: QtBot, make_window: MakeWindow,
                                                  context: ConsoleContext) -> None:
    window = make_window()
    started(qtbot, window)
    assert run(qtbot, window.signin_dialog.sign_in())
    sandbox_session = context.session
    page = window.search_page
    page.search_box.setText("Tremblay")
    page.run_search()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    seen: list[object] = []
    context.sig_session_changed.connect(seen.append)
    choice = next(a for a in window.menus.environment_button.environment_actions() if a.data() == "second")
    choice.trigger()
    qtbot.waitUntil(lambda: context.environment is not None and context.environment.name == "second")
    assert seen[0] is None  # member data cleared before the new session even exists
    assert page.model.rowCount() == 0
    assert window.status.identity.text() == "Not signed in"
    assert sandbox_session.signed_in  # each environment keeps its own session
    assert context.session is not sandbox_session
    assert context.settings.last_environment == "second"


def test_production_needs_typed_confirmation_and_shows_the_band(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext, modal_answers: Any) -> None:
    window = make_window()
    started(qtbot, window)
    modal_answers.text = ("production", True)  # not typed exactly
    window.request_environment("production")
    assert context.environment.name == "sandbox"
    assert window.menus.environment_button.current == "sandbox"
    assert not window.production_band.isVisible()
    modal_answers.text = ("PRODUCTION", True)
    window.request_environment("production")
    qtbot.waitUntil(lambda: context.environment is not None and context.environment.name == "production")
    assert window.production_band.isVisible()
    assert window.production_band.text() == "PRODUCTION: live member data"
    assert window.windowTitle().startswith("PRODUCTION")
    assert modal_answers.kinds() == ["confirm_word", "confirm_word"]
    modal_answers.question = QMessageBox.StandardButton.No
    assert not context.confirm_write(window, "enroll a member")
    window.request_environment("sandbox")
    qtbot.waitUntil(lambda: context.environment.name == "sandbox")
    assert not window.production_band.isVisible()
    assert context.confirm_write(window, "enroll a member")


def test_navigation_shortcuts(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    started(qtbot, window)
    window.signin_dialog.hide()
    window.activateWindow()
    window.menus.enroll_action.trigger()
    assert window.pages.currentWidget() is window.enroll_page
    window.menus.back_action.trigger()
    assert window.pages.currentWidget() is window.search_page
    assert window.menus.search_action.shortcut().toString() == "Ctrl+F"
    assert window.menus.enroll_action.shortcut().toString() == "Ctrl+N"
    assert window.menus.back_action.shortcut().toString() == "Alt+Left"


@pytest.mark.parametrize("secret_ok", [False, True])
def test_idle_lock_hides_data_and_needs_the_secret(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext, secret_ok: bool) -> None:
    window = make_window()
    started(qtbot, window)
    assert run(qtbot, window.signin_dialog.sign_in())
    window.menus.enroll_action.trigger()
    watcher = IdleWatcher(context)
    watcher.set_limit_seconds(0.2)
    qtbot.waitUntil(lambda: context.locked, timeout=3000)
    assert window.pages.currentWidget() is window.lock_screen
    window.menus.search_action.trigger()
    assert window.pages.currentWidget() is window.lock_screen
    lock = window.lock_screen
    assert lock.secret.isVisible()
    lock.secret.setText(PARTNER_SECRET if secret_ok else "wrong")
    assert run(qtbot, lock.unlock()) is secret_ok
    if secret_ok:
        assert not context.locked
        assert window.pages.currentWidget() is window.enroll_page  # the same partner: back where it was
    else:
        assert context.locked
        assert lock.message.text() == "Wrong secret."
    watcher.stop()


def test_unlocking_keeps_a_remembered_secret(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> None:
    window = make_window()
    started(qtbot, window)
    window.signin_dialog.remember.setChecked(True)
    assert run(qtbot, window.signin_dialog.sign_in())
    assert context.session.remembered_partner == "sandbox-partner"
    context.lock()
    window.lock_screen.secret.setText(PARTNER_SECRET)
    assert run(qtbot, window.lock_screen.unlock())
    assert context.session.remembered_partner == "sandbox-partner"


def test_member_unlocks_with_a_new_browser_sign_in(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> None:
    browser = SandboxBrowser()
    window = make_window(browser)
    started(qtbot, window)
    dialog = window.signin_dialog
    dialog.member_radio.click()
    assert run(qtbot, dialog.sign_in(), timeout=20_000)
    context.lock()
    assert not window.lock_screen.secret.isVisible()
    assert run(qtbot, window.lock_screen.unlock(), timeout=20_000)
    assert not context.locked
    assert len(browser.opened) == 2


def test_a_slow_sandbox_start_does_not_block_the_window(
        qtbot: QtBot, qasync_loop: Any, context: ConsoleContext, sandbox: EmbeddedSandbox) -> None:
    release = threading.Event()

    def slow_start() -> SimpleNamespace:
        release.wait(10)
        return SimpleNamespace(base_url=sandbox.base_url, stop=lambda: None)

    sessions = Sessions(load_environments(), session_factory(context.settings),
                        start_sandbox=slow_start)
    window = MainWindow(context, sessions, open_browser=lambda url: None)
    qtbot.addWidget(window)
    window.show()
    window.wait_for_first_paint()
    task = asyncio.ensure_future(window.start("sandbox"))
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    try:
        qtbot.waitUntil(lambda: window.status.environment.text() == "Sandbox (starting…)")
        qtbot.waitUntil(lambda: len(ticks) >= 10)  # the UI loop runs while the sandbox is still starting
        assert not task.done() and window._painted
    finally:
        timer.stop()
        release.set()
    qtbot.waitUntil(task.done, timeout=10_000)
    assert window.signin_dialog is not None and window.signin_dialog.isVisible()
    window.close()  # cancels the window's own requests (the health check) before the sessions close
    run(qtbot, sessions.aclose())


def test_a_collector_number_opens_the_member_page_and_esc_goes_back(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> None:
    window = make_window()
    started(qtbot, window)
    assert run(qtbot, window.signin_dialog.sign_in())
    window.menus.search_action.trigger()
    window.search_page.search_box.setText("8000 000 0007")
    window.search_page.run_search()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.member_page)
    window.menus.back_action.trigger()
    assert window.pages.currentWidget() is window.search_page


def test_quitting_with_an_unsent_enrollment_asks_first(
        qtbot: QtBot, make_window: MakeWindow, modal_answers: Any) -> None:
    window = make_window()
    started(qtbot, window)
    window.signin_dialog.hide()
    window.menus.enroll_action.trigger()
    window.enroll_page.form.field("personalDetails.firstName").setText("Ève-Marie")
    closed: list[bool] = []
    window.sig_closed.connect(lambda: closed.append(True))
    modal_answers.question = QMessageBox.StandardButton.No
    window.close()
    assert window.isVisible() and not closed
    assert window.enroll_page.form.field("personalDetails.firstName").text() == "Ève-Marie"
    modal_answers.question = QMessageBox.StandardButton.Yes
    window.close()
    assert closed

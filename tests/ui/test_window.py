"""The main window against the real sandbox: start, sign in, switch environments, Production, lock."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from console.api.environments import load_environments
from console.api.secrets import SecretStore
from console.sandbox import EmbeddedSandbox
from console.ui.app import Sessions, session_factory
from console.ui.context import ConsoleContext
from console.ui.idle import IdleWatcher
from console.ui.main_window import MainWindow
from console.ui.network import NetworkThread
from tests.api.browser import SandboxBrowser

PARTNER_SECRET = "sandbox-partner-secret"
MakeWindow = Callable[..., MainWindow]


def run(qtbot: QtBot, work: Coroutine[Any, Any, Any], timeout: int = 15_000) -> Any:
    """Run a coroutine on the qasync loop while Qt processes events; its result."""
    task = asyncio.ensure_future(work)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


@pytest.fixture
def environments_file(tmp_path: Path, sandbox: EmbeddedSandbox) -> Path:
    """Production and a second environment pointed at the loopback sandbox; one environment nobody serves."""
    url = sandbox.base_url
    path = tmp_path / "environments.json"
    path.write_text(json.dumps({"environments": {
        "production": {"api_base": url, "auth_base": url, "partner_client_id": "sandbox-partner"},
        "second": {"label": "Second", "api_base": url, "auth_base": url,
                   "partner_client_id": "sandbox-partner", "member_client_id": "sandbox-console",
                   "capabilities": ["search"]},
        "offline": {"label": "Offline", "api_base": "http://127.0.0.1:9", "auth_base": "http://127.0.0.1:9"},
    }}), encoding="utf-8")
    return path


@pytest.fixture
def make_window(qtbot: QtBot, qasync_loop: Any, context: ConsoleContext, sandbox: EmbeddedSandbox,
                environments_file: Path, network: NetworkThread) -> Iterator[Callable[..., MainWindow]]:
    """Builds the window over the test sandbox (already running, so it is not stopped at the end).

    Sessions are made as the application makes them: their HTTP work runs on the network thread.
    """
    sessions_made: list[Sessions] = []

    def make(browser: Callable[[str], None] | None = None) -> MainWindow:
        environments = load_environments(environments_file)
        sessions = Sessions(
            environments,
            session_factory(context.settings, network, secrets=SecretStore()),
            start_sandbox=lambda: SimpleNamespace(base_url=sandbox.base_url, stop=lambda: None),
        )
        sessions_made.append(sessions)
        window = MainWindow(context, sessions, open_browser=browser or SandboxBrowser())
        qtbot.addWidget(window)
        window.show()
        return window

    yield make
    run(qtbot, network.drain())
    for sessions in sessions_made:
        run(qtbot, sessions.aclose())


def _started(qtbot: QtBot, window: MainWindow, name: str = "sandbox") -> None:
    run(qtbot, window.start(name))


def test_first_start_offers_the_demo_partner_and_signs_in_with_one_click(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> None:
    window = make_window()
    _started(qtbot, window)
    dialog = window.signin_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.isModal()
    assert dialog.client_id.text() == "sandbox-partner"
    assert dialog.secret.text() == PARTNER_SECRET
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: context.session is not None and context.session.signed_in)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.identity_label.text() == "sandbox-partner (partner)"
    assert "left" in window.token_label.text()
    qtbot.waitUntil(lambda: window.connection_label.text() == "Online")
    assert context.settings.last_environment == "sandbox"
    assert window.pages.currentWidget() is window.search_page


def test_token_lifetime_ticks(qtbot: QtBot, make_window: MakeWindow,
                              context: ConsoleContext) -> None:
    window = make_window()
    _started(qtbot, window)
    assert run(qtbot, window.signin_dialog.sign_in())
    first = window.token_label.text()
    qtbot.waitUntil(lambda: window.token_label.text() != first, timeout=3000)


def test_wrong_secret_is_shown_next_to_the_secret(qtbot: QtBot, make_window: MakeWindow,
                                                  context: ConsoleContext) -> None:
    window = make_window()
    _started(qtbot, window)
    dialog = window.signin_dialog
    dialog.secret.setText("not-the-secret")
    assert not run(qtbot, dialog.sign_in())
    assert dialog.secret_message.isVisible()
    assert dialog.secret_message.text() == "Wrong client id or secret."
    assert dialog.isVisible()
    assert not context.session.signed_in
    assert window.identity_label.text() == "Not signed in"


def test_unreachable_host_is_shown_next_to_the_environment(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> None:
    window = make_window()
    _started(qtbot, window, "offline")
    dialog = window.signin_dialog
    dialog.client_id.setText("someone")
    dialog.secret.setText("something")
    assert not run(qtbot, dialog.sign_in())
    assert dialog.environment_message.isVisible()
    assert dialog.environment_message.text().startswith("Cannot reach 127.0.0.1")
    qtbot.waitUntil(lambda: window.connection_label.text().startswith("Unreachable"))


def test_no_keyring_says_the_secret_is_kept_for_this_session_only(
        qtbot: QtBot, no_keyring: Any, make_window: MakeWindow, context: ConsoleContext) -> None:
    window = make_window()
    _started(qtbot, window)
    dialog = window.signin_dialog
    dialog.remember.setChecked(True)
    assert run(qtbot, dialog.sign_in())
    assert context.session.signed_in
    assert "kept for this session only" in window.notice_label.text()
    window.open_sign_in()
    assert dialog.keyring_notice.isVisible()
    assert "kept for this session only" in dialog.keyring_notice.text()


def test_member_signs_in_in_the_browser(qtbot: QtBot, make_window: MakeWindow,
                                        context: ConsoleContext) -> None:
    browser = SandboxBrowser()
    window = make_window(browser)
    _started(qtbot, window)
    dialog = window.signin_dialog
    dialog.member_radio.click()
    assert dialog.pages.currentIndex() == dialog.MEMBER
    task = asyncio.ensure_future(dialog.sign_in())
    qtbot.waitUntil(task.done, timeout=20_000)
    assert task.result() is True
    assert browser.opened and "code_challenge_method=S256" in browser.opened[0]
    assert context.session.identity.method == "member"
    assert window.identity_label.text().endswith("(member)")
    assert "80000000007" not in window.identity_label.text()


def test_member_sign_in_can_be_cancelled(qtbot: QtBot, make_window: MakeWindow,
                                         context: ConsoleContext) -> None:
    opened: list[str] = []
    window = make_window(opened.append)
    _started(qtbot, window)
    dialog = window.signin_dialog
    dialog.member_radio.click()
    task = asyncio.ensure_future(dialog.sign_in())
    qtbot.waitUntil(lambda: bool(opened) and dialog.waiting.isVisible())
    assert dialog.waiting_label.text().startswith("Waiting for the browser")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(task.done)
    assert task.result() is False
    assert dialog.member_message.text() == "Sign-in cancelled."
    assert not dialog.waiting.isVisible()
    assert not context.session.signed_in
    with pytest.raises(httpx.TransportError):  # the one-shot loopback listener is closed
        httpx.get(opened[0].split("redirect_uri=")[1].split("&")[0].replace("%3A", ":").replace("%2F", "/"),
                  timeout=2)


def test_switching_environment_clears_member_data(qtbot: QtBot, make_window: MakeWindow,
                                                  context: ConsoleContext) -> None:
    window = make_window()
    _started(qtbot, window)
    assert run(qtbot, window.signin_dialog.sign_in())
    sandbox_session = context.session
    page = window.search_page
    page.search_box.setText("Tremblay")
    page.run_search()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    seen: list[object] = []
    context.sig_session_changed.connect(seen.append)
    window.environment_combo.setCurrentIndex(window.environment_combo.findData("second"))
    window.environment_combo.activated.emit(window.environment_combo.currentIndex())
    qtbot.waitUntil(lambda: context.environment is not None and context.environment.name == "second")
    assert seen[0] is None  # member data cleared before the new session even exists
    assert page.model.rowCount() == 0
    assert window.identity_label.text() == "Not signed in"
    assert sandbox_session.signed_in  # each environment keeps its own session
    assert context.session is not sandbox_session
    assert context.settings.last_environment == "second"


def test_production_needs_typed_confirmation_and_shows_the_band(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext, modal_answers: Any) -> None:
    window = make_window()
    _started(qtbot, window)
    modal_answers.text = ("production", True)  # not typed exactly
    window.request_environment("production")
    assert context.environment.name == "sandbox"
    assert window.environment_combo.currentData() == "sandbox"
    assert not window.production_band.isVisible()
    modal_answers.text = ("PRODUCTION", True)
    window.request_environment("production")
    qtbot.waitUntil(lambda: context.environment is not None and context.environment.name == "production")
    assert window.production_band.isVisible()
    assert window.production_band.text() == "PRODUCTION: live member data"
    assert window.windowTitle().startswith("PRODUCTION")
    assert modal_answers.kinds() == ["getText", "getText"]
    modal_answers.question = QMessageBox.StandardButton.No
    assert not context.confirm_write(window, "enroll a member")
    window.request_environment("sandbox")
    qtbot.waitUntil(lambda: context.environment.name == "sandbox")
    assert not window.production_band.isVisible()
    assert context.confirm_write(window, "enroll a member")


def test_navigation_shortcuts(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    _started(qtbot, window)
    window.signin_dialog.hide()
    window.activateWindow()
    window.enroll_action.trigger()
    assert window.pages.currentWidget() is window.enroll_page
    window.back_action.trigger()
    assert window.pages.currentWidget() is window.search_page
    assert window.search_action.shortcut().toString() == "Ctrl+F"
    assert window.enroll_action.shortcut().toString() == "Ctrl+N"
    assert window.back_action.shortcut().toString() == "Esc"


@pytest.mark.parametrize("secret_ok", [False, True])
def test_idle_lock_hides_data_and_needs_the_secret(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext, secret_ok: bool) -> None:
    window = make_window()
    _started(qtbot, window)
    assert run(qtbot, window.signin_dialog.sign_in())
    window.enroll_action.trigger()
    watcher = IdleWatcher(context)
    watcher.set_limit_seconds(0.2)
    qtbot.waitUntil(lambda: context.locked, timeout=3000)
    assert window.pages.currentWidget() is window.lock_screen
    window.search_action.trigger()
    assert window.pages.currentWidget() is window.lock_screen
    lock = window.lock_screen
    assert lock.secret.isVisible()
    lock.secret.setText(PARTNER_SECRET if secret_ok else "wrong")
    assert run(qtbot, lock.unlock()) is secret_ok
    if secret_ok:
        assert not context.locked
        assert window.pages.currentWidget() is window.search_page
    else:
        assert context.locked
        assert lock.message.text() == "Wrong secret."
    watcher.stop()


def test_member_unlocks_with_a_new_browser_sign_in(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> None:
    browser = SandboxBrowser()
    window = make_window(browser)
    _started(qtbot, window)
    dialog = window.signin_dialog
    dialog.member_radio.click()
    assert run(qtbot, dialog.sign_in(), timeout=20_000)
    context.lock()
    assert not window.lock_screen.secret.isVisible()
    assert run(qtbot, window.lock_screen.unlock(), timeout=20_000)
    assert not context.locked
    assert len(browser.opened) == 2

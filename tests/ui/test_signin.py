"""The sign-in dialog in the window: demo partner, wrong secret, unreachable host, no keyring, member PKCE."""

from __future__ import annotations

import asyncio
import threading
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.ui.context import ConsoleContext
from tests.support.browser import SandboxBrowser
from tests.support.qt import run
from tests.support.window import PARTNER_SECRET, MakeWindow, started


def test_first_start_offers_the_demo_partner_and_signs_in_with_one_click(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> None:
    window = make_window()
    started(qtbot, window)
    dialog = window.signin_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.isModal()
    assert dialog.client_id.text() == "sandbox-partner"
    assert dialog.secret.text() == PARTNER_SECRET
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: context.session is not None and context.session.signed_in)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.status.identity.text() == "sandbox-partner (partner)"
    assert "left" in window.status.token.text()
    qtbot.waitUntil(lambda: window.status.connection.text() == "Online")
    assert context.settings.last_environment == "sandbox"
    assert window.pages.currentWidget() is window.search_page


def test_token_lifetime_ticks(qtbot: QtBot, make_window: MakeWindow,
                              context: ConsoleContext) -> None:
    window = make_window()
    started(qtbot, window)
    assert run(qtbot, window.signin_dialog.sign_in())
    first = window.status.token.text()
    qtbot.waitUntil(lambda: window.status.token.text() != first, timeout=3000)


def test_wrong_secret_is_shown_next_to_the_secret(qtbot: QtBot, make_window: MakeWindow,
                                                  context: ConsoleContext) -> None:
    window = make_window()
    started(qtbot, window)
    dialog = window.signin_dialog
    dialog.secret.setText("not-the-secret")
    assert not run(qtbot, dialog.sign_in())
    assert dialog.secret_message.isVisible()
    assert dialog.secret_message.text() == "Wrong client id or secret."
    assert dialog.isVisible()
    assert not context.session.signed_in
    assert window.status.identity.text() == "Not signed in"


def test_unreachable_host_is_shown_next_to_the_environment(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> None:
    window = make_window()
    started(qtbot, window, "offline")
    dialog = window.signin_dialog
    dialog.client_id.setText("someone")
    dialog.secret.setText("something")
    assert not run(qtbot, dialog.sign_in())
    assert dialog.environment_message.isVisible()
    assert dialog.environment_message.text().startswith("Cannot reach 127.0.0.1")
    qtbot.waitUntil(lambda: window.status.connection.text().startswith("Unreachable"))


def test_no_keyring_says_the_secret_is_kept_for_this_session_only(
        qtbot: QtBot, no_keyring: Any, make_window: MakeWindow, context: ConsoleContext) -> None:
    window = make_window()
    started(qtbot, window)
    dialog = window.signin_dialog
    dialog.remember.setChecked(True)
    assert run(qtbot, dialog.sign_in())
    assert context.session.signed_in
    assert "kept for this session only" in window.status.notice.text()
    window.open_sign_in()
    assert dialog.keyring_notice.isVisible()
    assert "kept for this session only" in dialog.keyring_notice.text()


def test_member_signs_in_in_the_browser(qtbot: QtBot, make_window: MakeWindow,
                                        context: ConsoleContext) -> None:
    browser = SandboxBrowser()
    window = make_window(browser)
    started(qtbot, window)
    dialog = window.signin_dialog
    dialog.member_radio.click()
    assert dialog.pages.currentIndex() == dialog.MEMBER
    task = asyncio.ensure_future(dialog.sign_in())
    qtbot.waitUntil(task.done, timeout=20_000)
    assert task.result() is True
    assert browser.opened and "code_challenge_method=S256" in browser.opened[0]
    assert context.session.identity.method == "member"
    assert window.status.identity.text().endswith("(member)")
    assert "80000000007" not in window.status.identity.text()


def test_member_sign_in_can_be_cancelled(qtbot: QtBot, make_window: MakeWindow,
                                         context: ConsoleContext) -> None:
    opened: list[str] = []
    window = make_window(opened.append)
    started(qtbot, window)
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


def _redirect_uri(url: str) -> str:
    return parse_qs(urlsplit(url).query)["redirect_uri"][0]


def test_without_a_browser_the_link_is_shown_copied_and_followed(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> None:
    asked: list[str] = []

    def no_browser(url: str) -> bool:
        asked.append(url)
        return False  # as webbrowser.open answers on a machine without a browser

    window = make_window(no_browser)
    started(qtbot, window)
    dialog = window.signin_dialog
    dialog.member_radio.click()
    task = asyncio.ensure_future(dialog.sign_in())
    qtbot.waitUntil(dialog.link_row.isVisible)
    assert dialog.link.text() == asked[0] and "code_challenge_method=S256" in asked[0]
    assert dialog.waiting_label.text().startswith("No browser could be opened.")
    assert QApplication.focusWidget() is dialog.copy_button
    QApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied == asked[0]
    assert dialog.waiting_label.text().startswith("Link copied.")

    browser = SandboxBrowser()  # the user pastes the link into a browser of their own
    follower = threading.Thread(target=browser, args=(copied,))
    follower.start()
    qtbot.waitUntil(task.done, timeout=20_000)
    follower.join(timeout=10)
    assert task.result() is True
    assert browser.callback_status == 200
    assert context.session.signed_in and context.session.identity.method == "member"
    assert not dialog.link_row.isVisible() and not dialog.isVisible()


def test_without_a_browser_cancel_stops_waiting_for_the_redirect(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> None:
    window = make_window(lambda url: False)
    started(qtbot, window)
    dialog = window.signin_dialog
    dialog.member_radio.click()
    task = asyncio.ensure_future(dialog.sign_in())
    qtbot.waitUntil(dialog.link_row.isVisible)
    redirect = _redirect_uri(dialog.link.text())
    assert _status_in_thread(qtbot, redirect.replace("/callback", "/favicon.ico")) == 404  # listening
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(task.done)
    assert task.result() is False
    assert dialog.member_message.text() == "Sign-in cancelled."
    assert not dialog.waiting.isVisible() and dialog.link.text() == ""
    assert not context.session.signed_in
    with pytest.raises(httpx.TransportError):  # the loopback listener is closed
        httpx.get(redirect, timeout=2)


def _status_in_thread(qtbot: QtBot, url: str) -> int:
    """GET `url` from another thread (the listener runs on this thread's event loop)."""
    answers: list[int] = []
    thread = threading.Thread(target=lambda: answers.append(httpx.get(url, timeout=5).status_code))
    thread.start()
    qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
    thread.join()
    return answers[0]

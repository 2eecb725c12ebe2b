"""Tools → Token…: claims, countdown, refresh token held (never shown), JWKS key id, renew and revoke."""

from __future__ import annotations

import dataclasses
import re

import pytest
from pytestqt.qtbot import QtBot

from console.sandbox import EmbeddedSandbox
from console.ui.context import ConsoleContext
from console.ui.token_view import TokenView
from tests.support.qt import run
from tests.support.sandbox_http import advance_clock
from tests.support.window import MakeWindow, started


def signed_in(qtbot: QtBot, make_window: MakeWindow) -> TokenView:
    window = make_window()
    started(qtbot, window)
    assert run(qtbot, window.signin_dialog.sign_in())
    window.signin_dialog.hide()
    window.menus.token_action.trigger()
    return window.tools.token_view


def test_a_partner_token_shows_its_claims_and_its_key_is_in_the_jwks(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> None:
    view = signed_in(qtbot, make_window)
    fields = view.fields
    assert fields["audience"].text() == "loyalty-api"
    assert "collector:summary:read" in fields["scopes"].text()
    assert fields["azp"].text() == "sandbox-partner"
    assert fields["refresh"].text() == "none"
    assert re.search(r"\(in (1 h 00|0 h 59) min", fields["expires"].text())
    qtbot.waitUntil(lambda: "published in the tenant's JWKS" in fields["key"].text())
    text = view.claims.toPlainText()
    assert '"kid"' in text and '"gty": "client-credentials"' in text and "eyJ" not in text

    before = context.session.facts().claims["iat"]
    view.renew_button.click()
    qtbot.waitUntil(lambda: not view.tasks.running())
    assert context.session.facts().claims["iat"] >= before and view.notice.text() == ""
    view.revoke_button.click()
    qtbot.waitUntil(lambda: not context.session.signed_in)
    assert not view.renew_button.isEnabled() and fields["scopes"].text() == "—"


def test_a_far_future_expiry_displays_without_error(
        qtbot: QtBot, make_window: MakeWindow, sandbox: EmbeddedSandbox, context: ConsoleContext,
        monkeypatch: pytest.MonkeyPatch) -> None:
    advance_clock(sandbox.base_url, 9 * 365 * 86_400)  # the tenant's clock: tokens expire years ahead
    view = signed_in(qtbot, make_window)
    shown = view.fields["expires"].text()
    assert re.search(r"^20[34]\d-.* \(in \d+ h \d\d min \d\d s\)$", shown), shown
    facts = context.session.facts()
    beyond = dataclasses.replace(facts, expires_at=None)  # an exp past what a calendar date holds
    monkeypatch.setattr(context.session, "facts", lambda: beyond)
    view.refresh()
    assert view.fields["expires"].text() == "far in the future (beyond the calendar)"

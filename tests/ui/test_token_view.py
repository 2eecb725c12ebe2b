"""Tools → Token…: claims, countdown, refresh token held (never shown), JWKS key id, renew and revoke."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from pytestqt.qtbot import QtBot

from console.sandbox import EmbeddedSandbox
from console.ui.context import ConsoleContext
from console.ui.token_view import COLLECTOR_CLAIM, TokenView
from tests.support.browser import JANE_EMAIL, JANE_NUMBER, SandboxBrowser
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


def test_a_member_sign_in_shows_the_id_token_claims_masked(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> None:
    window = make_window(SandboxBrowser())
    started(qtbot, window)
    dialog = window.signin_dialog
    dialog.member_radio.click()
    assert run(qtbot, dialog.sign_in(), timeout=20_000)
    dialog.hide()
    window.menus.token_action.trigger()
    view = window.tools.token_view
    facts = context.session.facts()
    assert facts.id_claims["sub"] and facts.id_claims["email"] == JANE_EMAIL  # the sandbox's own claims
    assert view.fields["identity"].text().startswith("member")
    assert view.fields["member"].text() == "8•••••••007"
    assert view.fields["refresh"].text() == "held (its value is never shown)"
    assert view.fields["azp"].text() == "sandbox-console"
    document = json.loads(view.claims.toPlainText())
    id_claims = document["id_token_claims"]
    assert id_claims["aud"] == "sandbox-console"
    assert facts.id_claims["sub"] == f"auth0|{JANE_NUMBER}" and id_claims["sub"] == "auth0|8•••••••007"
    assert id_claims["iss"] == facts.issuer and id_claims["exp"] > id_claims["iat"]
    assert id_claims["email"] == "•••" and id_claims["email_verified"] is True
    assert id_claims.get("name", "•••") == "•••"
    assert document["claims"][COLLECTOR_CLAIM] == "8•••••••007"
    assert document["claims"]["sub"] == "auth0|8•••••••007"
    shown = " ".join([view.claims.toPlainText(), *(label.text() for label in view.fields.values())])
    for personal in (JANE_EMAIL, JANE_NUMBER, "Jane", "Doe", "eyJ"):
        assert personal not in shown

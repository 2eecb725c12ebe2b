"""The request inspector keeps personal data back: verified member only, each reveal audited; Production shows
metadata only unless PRODUCTION is typed. Against the real sandbox."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from console.audit import KIND_REVEAL, AuditLog
from console.sandbox.seed import fixed_members
from console.services.verification import Answer, OnFile
from console.ui.context import ConsoleContext
from console.ui.inspector import RequestInspector
from tests.support.qt import run
from tests.support.window import PARTNER_SECRET, MakeWindow, started

JANE, ELISE = "80000000007", "80000000014"
_JANE = fixed_members()[0]
JANE_ON_FILE = (_JANE.first_name, _JANE.last_name, _JANE.postal_code, _JANE.email, _JANE.address_line1)


def signed_in(qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext, tmp_path: Path,
              environment: str = "sandbox") -> RequestInspector:
    context.audit = AuditLog(tmp_path / "audit.jsonl")
    window = make_window()
    started(qtbot, window, environment)
    if not window.signin_dialog.secret.text():
        window.signin_dialog.secret.setText(PARTNER_SECRET)
    assert run(qtbot, window.signin_dialog.sign_in())
    window.signin_dialog.hide()
    return window.request_inspector


def select(qtbot: QtBot, inspector: RequestInspector, path: str, number: str | None = None) -> None:
    def row() -> int | None:
        for index in range(inspector.model.rowCount()):
            exchange = inspector.model.exchange(index)
            if exchange is not None and exchange.raw_url.split("?")[0].endswith(path) and (
                    number is None or exchange.collector_number == number):
                return index
        return None

    qtbot.waitUntil(lambda: row() is not None, timeout=10_000)
    inspector.table.selectRow(row())


def verify_jane(context: ConsoleContext) -> None:
    calls = context.verifications
    on_file = OnFile(first_name=_JANE.first_name, last_name=_JANE.last_name, postal_code=_JANE.postal_code)
    calls.open(JANE, on_file, environment=context.environment.name, staff=context.staff_identity())
    calls.check(Answer.NAME, "jane doe")
    calls.check(Answer.POSTAL_CODE, "m5x1a9")
    assert calls.is_verified(JANE)


def test_personal_values_show_only_for_the_verified_member_and_each_reveal_is_audited(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext, tmp_path: Path) -> None:
    inspector = signed_in(qtbot, make_window, context, tmp_path)
    client = context.session.client
    run(qtbot, client.get_profile(JANE))
    run(qtbot, client.get_profile(ELISE))

    select(qtbot, inspector, "/collectors/profile", JANE)
    before = inspector.detail.toPlainText()
    assert not any(value in before for value in JANE_ON_FILE)
    assert not inspector.reveal_button.isEnabled()  # nobody verified yet

    verify_jane(context)
    assert inspector.reveal_button.isEnabled()
    assert not any(value in inspector.detail.toPlainText() for value in JANE_ON_FILE)  # not until asked
    inspector.reveal_button.click()
    shown = inspector.detail.toPlainText()
    assert all(value in shown for value in JANE_ON_FILE)
    assert "Bearer •••" in shown  # a reveal never shows a secret
    assert not inspector.reveal_button.isEnabled()

    records = [r for r in context.audit.read_all() if r["kind"] == KIND_REVEAL]
    assert [(r["collectorNumber"], r["field"], r["environment"]) for r in records] == [
        (JANE, "exchange:getProfile", "sandbox")]
    assert not any(value in (tmp_path / "audit.jsonl").read_text() for value in JANE_ON_FILE)

    select(qtbot, inspector, "/collectors/profile", ELISE)  # another member: not verified in this call
    assert not inspector.reveal_button.isEnabled()
    assert "Tremblay" not in inspector.detail.toPlainText()

    select(qtbot, inspector, "/collectors/profile", JANE)  # still revealed while the call goes on
    assert "Doe" in inspector.detail.toPlainText()
    context.verifications.end_call()  # the call ends: masked again
    assert "Doe" not in inspector.detail.toPlainText()
    assert not inspector.reveal_button.isEnabled()


def test_copy_as_curl_never_carries_personal_values_even_after_a_reveal(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext, tmp_path: Path) -> None:
    inspector = signed_in(qtbot, make_window, context, tmp_path)
    run(qtbot, context.session.client.search(last_name="Doe", postal_code="M5E 1E5"))
    select(qtbot, inspector, "/collectors/search")
    assert not inspector.reveal_button.isEnabled()  # a search is about many members: never revealed
    verify_jane(context)
    assert not inspector.reveal_button.isEnabled()
    inspector.copy_as_curl()
    from PySide6.QtGui import QGuiApplication

    command = QGuiApplication.clipboard().text()
    assert "Doe" not in command and "M5E" not in command and "lastName=REDACTED" in command


@pytest.mark.parametrize("typed", ["production", "PRODUCTION"])
def test_production_shows_metadata_only_until_production_is_typed(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext, tmp_path: Path,
        modal_answers: Any, typed: str) -> None:
    inspector = signed_in(qtbot, make_window, context, tmp_path, "production")
    assert context.is_production
    run(qtbot, context.session.client.get_profile(JANE))
    assert inspector.model.paths_only  # paths without query strings, not even masked ones
    select(qtbot, inspector, "/collectors/profile", JANE)
    detail = inspector.detail.toPlainText()
    exchange = inspector.selected_exchange()
    assert exchange is not None and exchange.correlation_id in detail and "200" in detail
    assert "headers" not in detail.lower().split("\n")[0] and "collectorNumber" not in detail
    assert "authorization" not in detail.lower() and "x-correlation-id" not in detail.lower()
    assert not inspector.copy_button.isEnabled() and not inspector.bodies_button.isHidden()
    verify_jane(context)
    assert not inspector.reveal_button.isEnabled()  # metadata only, even for a verified member

    modal_answers.text = (typed, True)
    inspector.bodies_button.click()
    detail = inspector.detail.toPlainText()
    if typed != "PRODUCTION":
        assert not context.settings.inspector_bodies_in_production and "collectorNumber" not in detail
        return
    assert context.settings.inspector_bodies_in_production
    assert '"collectorNumber": "8•••••••007"' in detail and "Doe" not in detail  # bodies, still masked
    assert inspector.copy_button.isEnabled() and inspector.bodies_button.isHidden()
    assert inspector.reveal_button.isEnabled()


@pytest.mark.parametrize("typed", ["production", "PRODUCTION"])
def test_the_settings_dialog_asks_for_production_before_bodies_show_there(
        qtbot: QtBot, context: ConsoleContext, monkeypatch: pytest.MonkeyPatch, typed: str) -> None:
    from console.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(context.settings)
    qtbot.addWidget(dialog)
    asked: list[str] = []
    def answer(*args: object, **kwargs: object) -> tuple[str, bool]:
        asked.append(str(args[2]))
        return typed, True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    dialog.editors["inspector_bodies_in_production"].setChecked(True)
    dialog.accept()
    assert len(asked) == 1 and "PRODUCTION" in asked[0]
    assert context.settings.inspector_bodies_in_production is (typed == "PRODUCTION")
    assert dialog.result() == (1 if typed == "PRODUCTION" else 0)

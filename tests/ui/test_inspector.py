"""The request inspector in the main window, against the real sandbox: what went out, what came back."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QShortcut
from pytestqt.qtbot import QtBot

from console.api.exchange import Exchange, ExchangeLog
from console.sandbox import EmbeddedSandbox
from console.ui import theme
from console.ui.context import ConsoleContext
from console.ui.inspector import ExchangeModel, RequestInspector
from console.ui.main_window import MainWindow
from tests.support.qt import run, stand_in_session
from tests.support.window import PARTNER_SECRET, MakeWindow, started

MEMBER = "80000000007"
PATH, STATUS, CORRELATION = 2, 3, 6


@pytest.fixture
def bearer_tokens(sandbox: EmbeddedSandbox, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every bearer token the sandbox received, exactly as it arrived."""
    signer = sandbox.sandbox.signer
    received: list[str] = []
    verify = signer.verify

    def recording(token: str) -> object:
        received.append(token)
        return verify(token)

    monkeypatch.setattr(signer, "verify", recording)
    return received


def signed_in_window(qtbot: QtBot, make_window: MakeWindow) -> MainWindow:
    window = make_window()
    started(qtbot, window)
    assert run(qtbot, window.signin_dialog.sign_in())
    window.signin_dialog.hide()
    return window


def texts(inspector: RequestInspector, column: int) -> list[str]:
    model = inspector.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def row_of(inspector: RequestInspector, path: str) -> int:
    return next(row for row, text in enumerate(texts(inspector, PATH)) if text.startswith(path))


def wait_for_path(qtbot: QtBot, inspector: RequestInspector, path: str) -> int:
    qtbot.waitUntil(lambda: any(text.startswith(path) for text in texts(inspector, PATH)), timeout=10_000)
    return row_of(inspector, path)


def sandbox_correlation_ids(sandbox: EmbeddedSandbox, path: str) -> list[str]:
    answer = httpx.get(f"{sandbox.base_url}/_sandbox/requests", params={"path": path})
    return [item["correlationId"] for item in answer.raise_for_status().json()["items"]]


def test_a_lookup_is_listed_with_its_status_correlation_id_and_redacted_headers(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext, sandbox: EmbeddedSandbox,
        bearer_tokens: list[str]) -> None:
    window = signed_in_window(qtbot, make_window)
    inspector = window.request_inspector
    assert not inspector.isVisible()
    window.menus.requests_action.trigger()
    assert inspector.isVisible()
    assert run(qtbot, context.session.client.get_summary(MEMBER)).collector_number == MEMBER

    row = wait_for_path(qtbot, inspector, "/collectors/summary")
    model = inspector.model
    assert model.data(model.index(row, 1)) == "GET"
    assert model.data(model.index(row, STATUS)) == "200"
    correlation_id = model.data(model.index(row, CORRELATION))
    assert correlation_id in sandbox_correlation_ids(sandbox, "/collectors/summary")
    assert row_of(inspector, "/oauth/token") < row  # the sign-in's own call too, newest at the bottom

    inspector.table.selectRow(row)
    detail = inspector.detail.toPlainText()
    assert inspector.detail.isReadOnly()
    assert "authorization: Bearer •••" in detail
    assert '"collectorNumber": "8•••••••007"' in detail  # the body as the log redacted it
    token = bearer_tokens[-1]
    assert token.count(".") == 2  # a JWT the sandbox really received
    everything = "\n".join(inspector.describe(model.exchange(r)) for r in range(model.rowCount()))
    for secret in (token, token.split(".")[1], PARTNER_SECRET):
        assert secret not in everything


def test_copy_as_curl_puts_a_redacted_command_on_the_clipboard(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext, bearer_tokens: list[str]) -> None:
    window = signed_in_window(qtbot, make_window)
    inspector = window.request_inspector
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("before")
    assert not inspector.copy_button.isEnabled()  # nothing selected yet
    run(qtbot, context.session.client.get_summary(MEMBER))
    inspector.table.selectRow(wait_for_path(qtbot, inspector, "/collectors/summary"))
    assert inspector.copy_button.isEnabled()
    inspector.copy_button.click()
    command = clipboard.text()
    assert command.startswith("# Set COLLECTOR_TOKEN") and "\ncurl -X GET " in command
    assert " http://127.0.0.1:" in command and "/collectors/summary \\\n" in command
    assert "'collector-number: 80000000000'" in command  # placeholders: the command runs as it is
    assert '"authorization: Bearer $COLLECTOR_TOKEN"' in command
    assert bearer_tokens and bearer_tokens[-1] not in command
    assert MEMBER not in command

    inspector.table.selectRow(row_of(inspector, "/oauth/token"))
    inspector.copy_button.click()
    command = clipboard.text()
    assert "\ncurl -X POST " in command and "/oauth/token" in command
    assert "client_secret='\"$COLLECTOR_CLIENT_SECRET\"'" in command
    assert PARTNER_SECRET not in command


def test_switching_environment_shows_only_the_new_environments_requests(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> None:
    window = signed_in_window(qtbot, make_window)
    inspector = window.request_inspector
    old_session = context.session
    run(qtbot, old_session.client.get_summary(MEMBER))
    wait_for_path(qtbot, inspector, "/collectors/summary")
    inspector.table.selectRow(row_of(inspector, "/collectors/summary"))

    window.request_environment("second")
    qtbot.waitUntil(lambda: context.environment is not None and context.environment.name == "second")
    window.signin_dialog.hide()
    assert inspector.detail.toPlainText() == ""
    assert "/collectors/summary" not in " ".join(texts(inspector, PATH))
    run(qtbot, old_session.client.get_summary(MEMBER))  # the old environment goes on, unseen here
    wait_for_path(qtbot, inspector, "/collectors/health")  # the new session's own health check
    shown = [inspector.model.exchange(row) for row in range(inspector.model.rowCount())]
    assert all(any(x is e for e in context.session.exchange_log.recent) for x in shown)

    window.request_environment("sandbox")
    qtbot.waitUntil(lambda: context.environment.name == "sandbox")
    window.signin_dialog.hide()
    assert texts(inspector, PATH).count("/collectors/summary") == 2  # its own log again, kept meanwhile


def test_a_transport_error_is_listed_in_red(qtbot: QtBot, make_window: MakeWindow,
                                            context: ConsoleContext) -> None:
    window = make_window()
    started(qtbot, window, "offline")
    inspector = window.request_inspector
    row = wait_for_path(qtbot, inspector, "/collectors/health")
    model = inspector.model
    status = model.data(model.index(row, STATUS))
    assert status and not status.isdigit()
    error = model.exchange(row).error
    assert error.startswith(status)
    cell = model.index(row, STATUS)
    assert model.data(cell, Qt.ItemDataRole.ToolTipRole) == error
    assert model.data(cell, Qt.ItemDataRole.ForegroundRole).color() == theme.qcolor("error")
    inspector.table.selectRow(row)
    assert "No answer: " in inspector.detail.toPlainText()


def test_lock_hides_everything_and_unlock_shows_the_log_again(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> None:
    window = signed_in_window(qtbot, make_window)
    inspector = window.request_inspector
    run(qtbot, context.session.client.get_summary(MEMBER))
    inspector.table.selectRow(wait_for_path(qtbot, inspector, "/collectors/summary"))
    assert inspector.detail.toPlainText()

    context.lock()
    assert inspector.model.rowCount() == 0
    assert inspector.detail.toPlainText() == ""
    assert inspector.detail.placeholderText() == "Hidden while the console is locked."
    assert not inspector.copy_button.isEnabled()
    run(qtbot, context.session.client.get_profile(MEMBER))
    qtbot.wait(50)  # a delivery would be queued on this loop by now
    assert inspector.model.rowCount() == 0

    context.unlock()
    paths = texts(inspector, PATH)
    assert any(path.startswith("/collectors/summary") for path in paths)
    assert any(path.startswith("/collectors/profile") for path in paths)


def test_clear_forgets_the_environments_requests(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> None:
    window = signed_in_window(qtbot, make_window)
    inspector = window.request_inspector
    run(qtbot, context.session.client.get_summary(MEMBER))
    wait_for_path(qtbot, inspector, "/collectors/summary")
    inspector.clear_button.click()
    assert inspector.model.rowCount() == 0
    assert not inspector.clear_button.isEnabled()
    window.request_environment("second")
    qtbot.waitUntil(lambda: context.environment is not None and context.environment.name == "second")
    window.request_environment("sandbox")
    qtbot.waitUntil(lambda: context.environment.name == "sandbox")
    window.signin_dialog.hide()
    assert "/collectors/summary" not in " ".join(texts(inspector, PATH))


def test_the_toggle_has_its_own_shortcut_and_everything_is_named(qtbot: QtBot,
                                                                 make_window: MakeWindow) -> None:
    window = make_window()
    started(qtbot, window)
    window.signin_dialog.hide()
    action = window.menus.requests_action
    assert action.shortcut().toString() == "Ctrl+Shift+R"
    assert action.text() == "&Requests"
    keys = [a.shortcut().toString() for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    keys += [s.key().toString() for s in window.findChildren(QShortcut)]
    assert keys.count("Ctrl+Shift+R") == 1
    inspector = window.request_inspector
    window.activateWindow()
    action.trigger()
    assert inspector.isVisible() and action.isChecked()
    action.trigger()
    assert not inspector.isVisible()
    for widget in (inspector.table, inspector.detail, inspector.copy_button, inspector.clear_button):
        assert widget.accessibleName()


def _exchange(number: int) -> Exchange:
    return Exchange.capture(method="GET", url=f"http://127.0.0.1/collectors/health?n={number}",
                            request_headers=(), request_body=b"", started_at=datetime.now(UTC),
                            duration_ms=1.0, correlation_id=str(number), status=200)


def test_the_table_is_bounded_and_keeps_the_newest(qtbot: QtBot) -> None:
    model = ExchangeModel(limit=3)

    def added() -> list[str]:
        return [model.exchange(row).correlation_id for row in range(model.rowCount())]

    model.append(_exchange(n) for n in range(2))
    model.append([_exchange(2), _exchange(3)])
    assert added() == ["1", "2", "3"]
    model.append(_exchange(n) for n in range(4, 9))
    assert added() == ["6", "7", "8"]


def test_the_inspector_follows_the_bottom_unless_scrolled_up_and_keeps_500(
        qtbot: QtBot, context: ConsoleContext) -> None:
    log = ExchangeLog()
    log.publish(_exchange(-1))  # before the inspector: shown from the log's history
    context.set_session(stand_in_session(exchange_log=log, env=None))
    inspector = RequestInspector(context)
    qtbot.addWidget(inspector)
    inspector.resize(800, 300)
    inspector.show()
    assert [inspector.model.exchange(0).correlation_id] == ["-1"]
    bar = inspector.table.verticalScrollBar()
    for number in range(60):
        log.publish(_exchange(number))
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
    bar.setValue(0)  # the tester scrolls up to read
    log.publish(_exchange(60))
    assert bar.value() == 0
    for number in range(61, 700):
        log.publish(_exchange(number))
    assert inspector.model.rowCount() == 500
    assert inspector.model.exchange(499).correlation_id == "699"
    assert inspector.summary.text() == "500 requests"

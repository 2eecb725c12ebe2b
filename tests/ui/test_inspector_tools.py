"""The inspector's tester tools: filter, HAR/JSON export, Send again, newest row focused, column sizes."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from jsonschema import Draft202012Validator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.api.errors import CollectorNotFound
from console.ui.context import ConsoleContext
from console.ui.main_window import MainWindow
from tests.support.qt import run
from tests.support.window import MakeWindow, started

SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "har-1.2.schema.json").read_text("utf-8"))
JANE = "80000000007"
PATH = 2


def ready(qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> MainWindow:
    window = make_window()
    started(qtbot, window)
    assert run(qtbot, window.signin_dialog.sign_in())
    window.signin_dialog.hide()
    client = context.session.client
    run(qtbot, client.get_summary(JANE))
    with contextlib.suppress(CollectorNotFound):
        run(qtbot, client.get_profile("80000000015"))
    window.menus.requests_action.trigger()
    qtbot.waitUntil(lambda: window.request_inspector.model.rowCount() >= 3)
    return window


def visible_paths(window: MainWindow) -> list[str]:
    inspector = window.request_inspector
    model = inspector.model
    return [model.data(model.index(row, PATH)) for row in range(model.rowCount())
            if not inspector.table.isRowHidden(row)]


def test_filters_by_text_method_and_status_class(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> None:
    window = ready(qtbot, make_window, context)
    tools = window.request_inspector.tools
    tools.klass.setCurrentIndex(tools.klass.findData("4xx"))
    assert [path.split("?")[0] for path in visible_paths(window)] == ["/collectors/profile"]
    tools.klass.setCurrentIndex(0)
    tools.method.setCurrentIndex(tools.method.findData("POST"))
    assert visible_paths(window) == ["/oauth/token"]
    tools.method.setCurrentIndex(0)
    tools.text.setText("summary")
    assert visible_paths(window) == ["/collectors/summary"]
    tools.text.clear()
    assert len(visible_paths(window)) == window.request_inspector.model.rowCount()


def test_exports_are_valid_har_and_json_and_redacted(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext, tmp_path: Path) -> None:
    window = ready(qtbot, make_window, context)
    tools = window.request_inspector.tools
    everything = tools.export("har", selected=False, path=str(tmp_path / "all.har"))
    assert everything is not None
    document = json.loads(everything.read_text("utf-8"))
    assert list(Draft202012Validator(SCHEMA).iter_errors(document)) == []
    assert len(document["log"]["entries"]) == window.request_inspector.model.rowCount()
    text = everything.read_text("utf-8")
    assert JANE not in text and "sandbox-partner-secret" not in text and "eyJ" not in text
    tools.text.setText("summary")
    window.request_inspector.table.selectRow(next(
        row for row in range(window.request_inspector.model.rowCount())
        if not window.request_inspector.table.isRowHidden(row)))
    one = tools.export("json", selected=True, path=str(tmp_path / "one.json"))
    assert one is not None
    [entry] = json.loads(one.read_text("utf-8"))
    assert entry["method"] == "GET" and entry["url"].endswith("/collectors/summary")
    assert JANE not in one.read_text("utf-8")


def test_send_again_repeats_a_get_with_a_fresh_correlation_id(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> None:
    window = ready(qtbot, make_window, context)
    inspector = window.request_inspector
    tools = inspector.tools
    token_row = next(row for row in range(inspector.model.rowCount())
                     if inspector.model.exchange(row).method == "POST")
    inspector.table.selectRow(token_row)
    assert not tools.send_button.isEnabled()
    summary_row = next(row for row in range(inspector.model.rowCount())
                       if inspector.model.exchange(row).url.endswith("/collectors/summary"))
    inspector.table.selectRow(summary_row)
    first = inspector.model.exchange(summary_row)
    assert tools.send_button.isEnabled()
    before = inspector.model.rowCount()
    tools.send_button.click()
    qtbot.waitUntil(lambda: inspector.model.rowCount() == before + 1)
    again = inspector.model.exchange(before)
    assert again.status == 200 and again.url == first.url and again.correlation_id != first.correlation_id
    assert "Sent again: 200." in inspector.summary.text()


def test_opens_on_the_newest_row_with_focus_and_keeps_column_sizes_across_environments(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext) -> None:
    window = ready(qtbot, make_window, context)
    inspector = window.request_inspector
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.menus.requests_action.trigger()  # hide
    window.menus.requests_action.trigger()  # and open again
    qtbot.waitUntil(lambda: inspector.table.hasFocus() or QApplication.focusWidget() is inspector.table)
    assert inspector.table.currentIndex().row() == inspector.model.rowCount() - 1
    header = inspector.table.horizontalHeader()
    header.resizeSection(1, 140)
    widths = [header.sectionSize(column) for column in range(inspector.model.columnCount())]
    run(qtbot, window.switch_environment("second", offer_sign_in=False))
    assert [header.sectionSize(column) for column in range(inspector.model.columnCount())] == widths


def test_copy_with_data_only_for_the_revealed_member_outside_production_and_audited(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext, tmp_path: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    from console.audit import KIND_REVEAL
    from tests.ui.test_inspector_privacy import select, signed_in, verify_jane

    inspector = signed_in(qtbot, make_window, context, tmp_path)
    run(qtbot, context.session.client.get_profile(JANE))
    select(qtbot, inspector, "/collectors/profile", JANE)
    tools = inspector.tools
    assert tools.copy_data_button.isVisibleTo(inspector) and not tools.copy_data_button.isEnabled()
    verify_jane(context)
    assert not tools.copy_data_button.isEnabled()  # revealed first, then copied
    inspector.reveal_button.click()
    assert tools.copy_data_button.isEnabled()
    tools.copy_data_button.click()
    command = QGuiApplication.clipboard().text()
    assert f"collector-number: {JANE}" in command and command.isascii()
    fields = [r["field"] for r in context.audit.read_all() if r["kind"] == KIND_REVEAL]
    assert fields == ["exchange:getProfile", "curl:getProfile"]
    context.verifications.end_call()
    assert not tools.copy_data_button.isEnabled()

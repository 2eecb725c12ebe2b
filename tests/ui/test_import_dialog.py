"""Tools → Import enrollments…: the dialog over the import service, against the test sandbox."""

from __future__ import annotations

from pathlib import Path

import httpx
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QProgressBar, QWidget
from pytestqt.qtbot import QtBot

from console.sandbox import EmbeddedSandbox
from console.services.import_results import Status, read_results
from console.ui.import_dialog import ImportDialog
from console.ui.main_window import MainWindow
from tests.support.importing import enroll_posts, members_with, people_file, write_csv
from tests.support.qt import run
from tests.support.sandbox_http import machine_token
from tests.support.window import MakeWindow


def open_dialog(qtbot: QtBot, make_window: MakeWindow) -> tuple[MainWindow, ImportDialog]:
    window = make_window()
    run(qtbot, window.start("sandbox", auto_sign_in=True))
    assert window.menus.import_action in window.menus.menu_tools.actions()
    window.menus.import_action.trigger()
    dialog = window.tools.import_dialog
    assert dialog is not None and dialog.isVisible()
    return window, dialog


def test_the_dialog_imports_a_file_and_sums_it_up(
    qtbot: QtBot, make_window: MakeWindow, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    _window, dialog = open_dialog(qtbot, make_window)
    interactive = (QLineEdit, QAbstractButton, QComboBox, QProgressBar)
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, interactive):
            assert widget.accessibleName(), widget
    assert "Sandbox" in dialog.environment_label.text()
    path, good, bad = people_file(tmp_path / "people.csv", 6, "ui", bad_every=3)
    dialog.path_edit.setText(str(path))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=15_000)
    assert dialog.progress.value() == dialog.progress.maximum() == 6
    assert "Enrolled: 4" in dialog.counts_label.text() and "Rejected: 2" in dialog.counts_label.text()
    assert "Done" in dialog.message_label.text() and "people.results.csv" in dialog.message_label.text()
    assert dialog.start_button.isVisible() and not dialog.stop_button.isVisible()
    assert dialog.close_button.hasFocus()
    results = read_results(tmp_path / "people.results.csv")
    assert [r.row for r in results if r.status is Status.REJECTED] == bad
    token = machine_token(sandbox.base_url)
    assert all(len(members_with(sandbox.base_url, token, email)) == 1 for email in good)


def test_a_header_problem_is_said_in_words_and_nothing_is_sent(
    qtbot: QtBot, make_window: MakeWindow, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    _window, dialog = open_dialog(qtbot, make_window)
    path = write_csv(tmp_path / "odd.csv", ["contactDetails.email", "Shoe size"], [["a@example.com", "9"]])
    dialog.path_edit.setText(str(path))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: "Shoe size" in dialog.message_label.text(), timeout=10_000)
    assert "not an enrollment field" in dialog.message_label.text()
    assert not dialog.running and dialog.start_button.isEnabled()
    assert enroll_posts(sandbox.base_url) == []


def test_stop_finishes_the_rows_in_flight_and_leaves_the_rest_pending_for_the_next_run(
    qtbot: QtBot, make_window: MakeWindow, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    _window, dialog = open_dialog(qtbot, make_window)
    path, good, _bad = people_file(tmp_path / "people.csv", 40, "stop")
    httpx.put(f"{sandbox.base_url}/_sandbox/faults", json={"latencyMs": 150}).raise_for_status()
    dialog.path_edit.setText(str(path))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.progress.value() >= 2, timeout=15_000)
    dialog.reject()  # Esc while importing stops it; the dialog stays
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=15_000)
    summary = dialog.summary
    assert summary is not None and summary.stopped == "cancelled" and summary.exit_code == 3
    results = read_results(summary.results)
    assert len(results) == 40
    statuses = [r.status for r in results]
    assert Status.PENDING in statuses and Status.ENROLLED in statuses
    assert set(statuses) <= {Status.PENDING, Status.ENROLLED}
    assert "pending" in dialog.message_label.text()

    httpx.put(f"{sandbox.base_url}/_sandbox/faults", json={}).raise_for_status()
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.summary is not None and dialog.summary is not summary, timeout=20_000)
    assert dialog.summary is not None and dialog.summary.exit_code == 0
    token = machine_token(sandbox.base_url)
    assert all(len(members_with(sandbox.base_url, token, email)) == 1 for email in good)

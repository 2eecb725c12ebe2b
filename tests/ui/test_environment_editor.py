"""Tools → Environments…: add, check, save, test, duplicate, remove; Production needs the typed word."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from console.api.environments import load_environments
from console.sandbox import EmbeddedSandbox
from console.ui.context import ConsoleContext
from console.ui.environment_editor import EnvironmentEditor
from tests.support.window import MakeWindow, started


def fill(editor: EnvironmentEditor, **values: str) -> None:
    for key, value in values.items():
        editor.inputs[key].setText(value)


def open_editor(qtbot: QtBot, make_window: MakeWindow) -> EnvironmentEditor:
    window = make_window()
    started(qtbot, window)
    window.signin_dialog.hide()
    window.menus.environments_action.trigger()
    return window.tools.environment_editor


def test_an_environment_is_checked_saved_tested_copied_and_removed(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext, sandbox: EmbeddedSandbox,
        tmp_path: Path) -> None:
    path = tmp_path / "mine" / "environments.json"
    context.settings.environments_file = str(path)
    editor = open_editor(qtbot, make_window)
    assert editor.list.count() == 0
    editor.add_button.click()
    fill(editor, name="lab", label="Lab", api_base="http://example.com", auth_base=sandbox.base_url,
         partner_client_id="sandbox-partner", test_collector="80000000007")
    assert not editor.save()
    assert "api_base" in editor.message.text() and "https" in editor.message.text()
    assert not path.exists()

    fill(editor, api_base=sandbox.base_url)
    editor.search_box.setChecked(True)
    assert editor.save()
    saved = json.loads(path.read_text("utf-8"))["environments"]["lab"]
    assert saved["api_base"] == sandbox.base_url and saved["capabilities"] == ["search"]
    assert load_environments(path)["lab"].test_collector == "80000000007"
    assert context.settings.environments_file == str(path)
    window = editor.parent()
    assert "lab" in window.sessions.environments  # offered at once in the environments menu
    assert "lab" in [action.data() for action in window.menus.environment_button.environment_actions()]

    editor.secret_edit.setText("sandbox-partner-secret")
    editor.test_button.click()
    qtbot.waitUntil(lambda: "token was issued" in editor.message.text(), timeout=10_000)
    assert "sandbox-partner-secret" not in path.read_text("utf-8")

    editor.duplicate_button.click()
    assert editor.name_edit.text() == "lab-copy"
    editor.remove_button.click()
    assert sorted(json.loads(path.read_text("utf-8"))["environments"]) == ["lab"]


def test_saving_a_production_environment_needs_the_typed_word(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext, tmp_path: Path,
        modal_answers: Any) -> None:
    path = tmp_path / "user" / "environments.json"
    context.settings.environments_file = str(path)
    editor = open_editor(qtbot, make_window)
    fill(editor, name="live", label="Live", api_base="https://live.example", auth_base="https://auth.example")
    editor.kind_box.setCurrentIndex(editor.kind_box.findData("production"))
    modal_answers.text = ("production", True)
    assert not editor.save() and not path.exists()
    modal_answers.text = ("PRODUCTION", True)
    assert editor.save()
    assert json.loads(path.read_text("utf-8"))["environments"]["live"]["kind"] == "production"


def test_without_a_file_in_the_settings_the_console_creates_one_and_names_it(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import console.services.user_environments as store

    created = tmp_path / "config" / "environments.json"
    monkeypatch.setattr(store, "default_path", lambda: created)
    context.settings.environments_file = ""
    editor = open_editor(qtbot, make_window)
    fill(editor, name="cert-b", label="Cert B", api_base="https://cert.example", auth_base="https://auth.example")
    assert editor.save()
    assert created.exists() and context.settings.environments_file == str(created)

"""Every interactive widget of every page and dialog has an accessible name (what a screen reader says)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMenu, QMessageBox, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from console.ui.context import ConsoleContext
from console.ui.crash import CrashDialog
from console.ui.idle import IdleWatcher
from console.ui.lookup.override_dialog import OverrideDialog
from console.ui.main_window import MainWindow
from console.ui.settings_dialog import SettingsDialog
from console.ui.shortcut_sheet import ShortcutSheet
from tests.support.accessibility import interactive_widgets, unnamed
from tests.support.window import MakeWindow
from tests.ui.test_lock_keeps_the_call import verified_call


class Walk:
    """Collects the unnamed widgets of each place the test visits."""

    def __init__(self) -> None:
        self.problems: dict[str, list[str]] = {}
        self.visited: dict[str, int] = {}

    def check(self, where: str, root: QWidget) -> None:
        self.visited[where] = len(interactive_widgets(root))
        if found := unnamed(root):
            self.problems[where] = found

    def report(self) -> str:
        return "\n".join(f"{where}:\n  " + "\n  ".join(found) for where, found in self.problems.items())


@pytest.fixture
def real_static_boxes(monkeypatch: pytest.MonkeyPatch) -> list[QDialog]:
    """QMessageBox.about and QInputDialog.getText build their real dialog (kept, not run) for the walk."""
    built: list[QDialog] = []

    def about(parent: QWidget, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
        built.append(box)

    def get_text(parent: QWidget, title: str, label: str, *_args: Any, **_kwargs: Any) -> tuple[str, bool]:
        dialog = QInputDialog(parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.show()
        built.append(dialog)
        return "", False

    monkeypatch.setattr(QMessageBox, "about", staticmethod(about))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    return built


def test_every_page_and_dialog_names_its_interactive_widgets(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext,
        real_static_boxes: list[QDialog]) -> None:
    walk = Walk()
    window: MainWindow = verified_call(qtbot, make_window)
    walk.check("member page, verified member", window)
    window.show_search()
    walk.check("search page", window)
    window.show_enroll()
    walk.check("enrollment page", window)

    def dialog(where: str, open_it: Callable[[], QWidget | None]) -> None:
        shown = open_it()
        assert shown is not None, where
        shown.show()
        walk.check(where, shown)
        shown.hide()

    dialog("sign-in", window.open_sign_in)
    dialog("settings", lambda: SettingsDialog(context.settings, window))
    dialog("shortcut sheet", lambda: ShortcutSheet(window, window))
    window.tools.open_environment_editor()
    dialog("environments editor", lambda: window.tools.environment_editor)
    window.tools.open_token_view()
    dialog("token view", lambda: window.tools.token_view)
    window.tools.open_check()
    dialog("check", lambda: window.tools.check_dialog)
    dialog("import", window.tools.open_import)
    window.menus.requests_action.trigger()
    dialog("request inspector", lambda: window.request_inspector)
    window.outbox_view.show_list()
    dialog("enrollments waiting", lambda: window.outbox_view.dialog)
    dialog("override", lambda: OverrideDialog(window))
    dialog("crash", lambda: CrashDialog("Traceback: a bug", None, window))
    window.menus.about_action.trigger()
    dialog("about", lambda: real_static_boxes[-1])
    window.request_environment("production")
    dialog("production confirmation", lambda: real_static_boxes[-1])
    window.watch_idle(IdleWatcher(context, clock=lambda: 0.0))
    walk.check("idle warning", window.idle_warning)
    context.lock()
    walk.check("idle lock", window)
    assert {where for where, count in walk.visited.items() if count == 0} <= {"idle warning"}
    menus = [action for menu in window.menuBar().findChildren(QMenu) for action in menu.actions()]
    assert [a for a in menus if not a.isSeparator() and not a.text().replace("&", "").strip()] == []
    assert not walk.problems, "interactive widgets without an accessible name:\n" + walk.report()


def test_the_walk_finds_a_nameless_field_and_an_icon_only_button(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    QLineEdit(root).setObjectName("bare")
    QToolButton(root).setObjectName("icon")
    named = QLineEdit(root)
    named.setAccessibleName("Search")
    found = unnamed(root)
    assert len(found) == 2 and "'bare'" in found[0] and "'icon'" in found[1]

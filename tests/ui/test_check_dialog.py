"""Tools → Check this environment: the live list of checks against the real sandbox."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.services.check import CHECKS
from console.ui.check_dialog import CheckDialog, check_title
from tests.support.qt import run
from tests.support.window import MakeWindow, started


def rows(dialog: CheckDialog) -> list[tuple[str, str]]:
    tree = dialog.checks
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return [(item.text(0), item.text(1)) for item in items]


def test_the_checks_fill_in_as_they_run_and_all_pass_on_the_sandbox(
        qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    started(qtbot, window)
    assert run(qtbot, window.signin_dialog.sign_in())
    window.signin_dialog.hide()
    assert window.menus.check_action in window.menus.menu_tools.actions()
    window.menus.check_action.trigger()
    dialog = window.tools.check_dialog
    assert isinstance(dialog, CheckDialog) and dialog.run_button.isEnabled()
    dialog.write_box.setChecked(True)
    dialog.run_button.click()
    assert [title for title, _ in rows(dialog)] == [check_title(name) for name in CHECKS]
    assert dialog.tasks.running()
    qtbot.waitUntil(lambda: not dialog.tasks.running(), timeout=15_000)
    assert {result for _, result in rows(dialog)} == {"Passed"}
    assert dialog.checks.topLevelItem(0).text(3)  # a correlation id per check
    assert dialog.summary.text() == f"{len(CHECKS)} passed, 0 failed, 0 skipped, 0 not reached"
    assert dialog.isAncestorOf(QApplication.focusWidget())
    dialog.close()


def test_without_a_partner_sign_in_the_checks_do_not_run(
        qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    started(qtbot, window)
    window.signin_dialog.hide()
    window.menus.check_action.trigger()
    dialog = window.tools.check_dialog
    assert not dialog.run_button.isEnabled()
    assert "Sign in as a partner" in dialog.intro.text()
    dialog.start()
    assert dialog.checks.topLevelItemCount() == 0
    dialog.close()

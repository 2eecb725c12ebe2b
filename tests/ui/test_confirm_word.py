"""The typed Production confirmation: a wrong word keeps the dialog open and says what is expected."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.ui.confirm_word import ConfirmWordDialog


def opened(qtbot: QtBot) -> ConfirmWordDialog:
    dialog = ConfirmWordDialog(None, "Switch to Production", "Type PRODUCTION to switch.", "PRODUCTION")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.line)
    return dialog


@pytest.mark.parametrize(("typed", "said"), [
    ("Smith", "Type PRODUCTION to continue; you typed something else."),
    ("production", "Type PRODUCTION in capital letters to continue."),
    ("", "Type PRODUCTION to continue."),
])
def test_a_wrong_word_says_what_is_expected_and_never_repeats_it(qtbot: QtBot, typed: str, said: str) -> None:
    dialog = opened(qtbot)
    qtbot.keyClicks(dialog.line, typed)
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0  # still open, nothing confirmed
    assert dialog.problem.isVisible() and dialog.problem.text() == said
    assert dialog.line.accessibleDescription() == said
    if typed:
        assert typed not in dialog.problem.text()
        assert dialog.line.selectedText() == typed  # ready to be typed over
    assert QApplication.focusWidget() is dialog.line

    dialog.line.clear()
    qtbot.keyClicks(dialog.line, "PRODUCTION")
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    assert dialog.result() == 1 and not dialog.isVisible()


def test_the_wrong_word_message_is_french_in_the_french_interface(qtbot: QtBot, qapp: QApplication) -> None:
    from console.ui import i18n

    translators = i18n.install_translators(qapp, "FR")
    try:
        dialog = opened(qtbot)
        qtbot.keyClicks(dialog.line, "production")
        qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
        assert dialog.problem.text() == "Tapez PRODUCTION en majuscules pour continuer."
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)

"""At 150 % and 200 % text size nothing is clipped at 1366×768: labels, lines and buttons fit their text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from console.ui.context import ConsoleContext
from console.ui.settings_dialog import SettingsDialog
from tests.support.window import MakeWindow, started

SCREEN = (1366, 768)


@pytest.fixture(params=[150, 200], ids=lambda percent: f"{percent}%")
def text_size(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[int]:
    """The application font at `percent` of its size for one test."""
    original = QApplication.font()
    assert original.pointSizeF() > 0
    bigger = QFont(original)
    bigger.setPointSizeF(original.pointSizeF() * request.param / 100)
    QApplication.setFont(bigger)
    yield request.param
    QApplication.setFont(original)


def clipped(root: QWidget) -> list[str]:
    """Shown labels and buttons narrower (or, for labels, shorter) than their text needs."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel) and widget.text() and not widget.wordWrap():
            need = widget.minimumSizeHint()
            if widget.width() < need.width() or widget.height() < need.height():
                found.append(f"label {widget.text()!r}: {widget.size().toTuple()} < {need.toTuple()}")
        elif isinstance(widget, QLabel) and widget.text() and widget.hasHeightForWidth():
            if widget.height() < widget.heightForWidth(widget.width()):
                found.append(f"wrapped label {widget.text()[:40]!r}: height {widget.height()}")
        elif isinstance(widget, QLineEdit) and widget.placeholderText():
            need = widget.fontMetrics().horizontalAdvance(widget.placeholderText())
            if widget.width() < need:
                found.append(f"line {widget.placeholderText()!r}: width {widget.width()} < {need}")
        elif isinstance(widget, QAbstractButton) and widget.text() and not _icon_only(widget):
            need = widget.minimumSizeHint()
            if widget.width() < need.width():
                found.append(f"button {widget.text()!r}: width {widget.width()} < {need.width()}")
    return found


def _icon_only(button: QAbstractButton) -> bool:
    """A tool button that draws its icon only (its text is its name for screen readers)."""
    icon_only = Qt.ToolButtonStyle.ToolButtonIconOnly
    return isinstance(button, QToolButton) and button.toolButtonStyle() == icon_only


def test_settings_dialog_fits(qtbot: QtBot, text_size: int, context: ConsoleContext) -> None:
    dialog = SettingsDialog(context.settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.width() <= SCREEN[0] and dialog.height() <= SCREEN[1]
    body = dialog.form_scroll.widget()
    assert clipped(dialog) == [] and clipped(body) == []


def test_main_pages_fit(qtbot: QtBot, text_size: int, make_window: MakeWindow,
                        tmp_path: Path) -> None:
    shots = tmp_path
    window = make_window()
    started(qtbot, window)
    window.signin_dialog.hide()
    window.resize(*SCREEN)
    problems = {}
    for name, show in (("search", window.show_search), ("enrollment", window.show_enroll)):
        show()
        QApplication.processEvents()
        if found := clipped(window.pages.currentWidget()):
            problems[name] = found
        window.grab().save(str(shots / f"{name}-{text_size}.png"))  # rendered offscreen, to look at
    assert problems == {}


def test_a_squeezed_label_or_button_is_found(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    label = QLabel("Caller verification policy", root)
    button = QPushButton("Enroll this person", root)
    for widget in (label, button):
        widget.setFixedWidth(30)
    root.show()
    assert len(clipped(root)) == 2

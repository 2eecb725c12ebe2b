"""What a screen reader hears: the accessible name of every interactive widget of a widget tree."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit,
               QPlainTextEdit, QAbstractSlider, QTabBar)
"""Widgets a user acts on: each needs a name."""
COMPOSITE = (QComboBox, QAbstractSpinBox, QAbstractItemView, QCalendarWidget)
"""Widgets whose inner parts (a combo's list, a spin box's line) are named by the widget itself."""


def accessible_name(widget: QWidget) -> str:
    """The name assistive technology reads for `widget` (its accessible name, text or label buddy)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _inner_part(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root.parentWidget():
        if isinstance(parent, COMPOSITE):
            return True
        parent = parent.parentWidget()
    return False


def interactive_widgets(root: QWidget) -> list[QWidget]:
    """Every interactive widget under `root` (shown or not yet), without Qt's inner parts."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QScrollBar):
            continue
        if widget.objectName().startswith("qt_") or _inner_part(widget, root):
            continue
        found.append(widget)
    return found


def describe(widget: QWidget) -> str:
    parents = []
    parent = widget.parentWidget()
    while parent is not None and len(parents) < 3:
        parents.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    text = getattr(widget, "text", lambda: "")()
    return f"{type(widget).__name__} {widget.objectName()!r} text={text!r} in {' < '.join(parents)}"


def unnamed(root: QWidget) -> list[str]:
    """A description of each interactive widget under `root` that has no accessible name."""
    return [describe(widget) for widget in interactive_widgets(root) if not accessible_name(widget)]

"""Keyboard rules the whole window follows: scroll areas are no tab stops, F6 moves between panes.

A page may offer `panes() -> list[QWidget]`: the regions F6 cycles through, in order (the first focusable
widget inside each gets the focus). A page without it is one pane.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6 import QtCore
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from shiboken6 import isValid


def no_scroll_tab_stops(root: QWidget) -> None:
    """Take every scroll area under `root` (and `root` itself) out of the Tab chain."""
    areas = root.findChildren(QScrollArea)
    if isinstance(root, QScrollArea):
        areas.append(root)
    for area in areas:
        area.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)


class ScrollFocusGuard(QObject):
    """Scroll areas built after the window (panels, dialogs) never keep the focus: it moves on past them."""

    _installed: ScrollFocusGuard | None = None

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        app.focusChanged.connect(self._on_focus_changed)

    @classmethod
    def install(cls, app: QApplication) -> ScrollFocusGuard:
        """The application's guard, made on the first call.

        Remembered here rather than found with `app.findChild`, which wraps each of the application's
        children (its style among them) and costs the first paint several milliseconds.
        """
        guard = cls._installed
        if guard is None or not isValid(guard) or guard.parent() is not app:
            guard = cls._installed = cls(app)
        return guard

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, QScrollArea):
            new.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
            new.focusNextChild()


def first_focusable(pane: QWidget) -> QWidget | None:
    """The first widget inside `pane` (or `pane` itself) that takes focus by Tab and is visible."""
    if _takes_tab(pane):
        return pane
    for child in pane.findChildren(QWidget):
        if _takes_tab(child) and pane.isAncestorOf(child):
            return _chain_start(pane, child)
    return None


def _chain_start(pane: QWidget, fallback: QWidget) -> QWidget:
    """The earliest widget of `pane` in the focus chain (the order Tab follows), else `fallback`."""
    start = pane
    widget = pane.nextInFocusChain()
    while widget is not None and widget is not start:
        if pane.isAncestorOf(widget) and _takes_tab(widget):
            return widget
        widget = widget.nextInFocusChain()
    return fallback


def _takes_tab(widget: QWidget) -> bool:
    return (widget.isVisible() and widget.isEnabled()
            and bool(widget.focusPolicy() & QtCore.Qt.FocusPolicy.TabFocus))


def next_pane(panes: Sequence[QWidget], focused: QWidget | None, backwards: bool = False) -> QWidget | None:
    """The widget to focus in the pane after (or before) the one holding `focused`."""
    live = [pane for pane in panes if pane.isVisible() and first_focusable(pane) is not None]
    if not live:
        return None
    current = next((i for i, pane in enumerate(live)
                    if focused is not None and (pane is focused or pane.isAncestorOf(focused))), -1)
    step = -1 if backwards else 1
    index = (current + step) % len(live) if current >= 0 else 0
    return first_focusable(live[index])


def with_access_key(text: str, used: set[str]) -> str:
    """`text` with an & before its first letter not in `used` (which it joins); plain when none is free."""
    plain = text.replace("&", "")
    for index, char in enumerate(plain):
        if char.isalnum() and char.lower() not in used:
            used.add(char.lower())
            return plain[:index] + "&" + plain[index:]
    return plain

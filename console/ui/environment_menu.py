"""The environment selector: a toolbar button with a menu, out of the Tab chain.

A combo box changed environments on a stray letter, arrow key or wheel turn; a menu changes nothing until
an item is clicked or chosen with Enter, and the button never keeps the focus.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from console.ui.keyboard import with_access_key


class EnvironmentButton(QToolButton):
    """Shows the current environment; its menu lists them all (the same menu sits in the View menu)."""

    sig_chosen = Signal(str)
    """(name): the user chose this environment in the menu."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("environmentButton")
        # Set by name, not with Qt.FocusPolicy / Qt.ToolButtonStyle: the button is in the first paint, and
        # the `Qt` namespace's hundred enums take some 15 ms to build (tests/test_startup.py).
        self.setProperty("focusPolicy", "NoFocus")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setProperty("toolButtonStyle", "ToolButtonTextOnly")
        self.menu_environments = QMenu(self.tr("E&nvironment"), self)
        self.setMenu(self.menu_environments)
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self._actions: dict[str, QAction] = {}
        self._current: str | None = None
        self.setAccessibleName(self.tr("Environment"))
        self.setToolTip(self.tr("The Collector Service environment the console talks to"))
        self.show_current(None)

    def set_environments(self, environments: Iterable[tuple[str, str]]) -> None:
        """(name, label) of every environment, in menu order; access keys are given in that order.

        Called again (the user's environments changed), the old entries are replaced."""
        for action in self._actions.values():
            self._group.removeAction(action)
            self.menu_environments.removeAction(action)
            action.deleteLater()
        self._actions.clear()
        used: set[str] = set()
        for name, label in environments:
            action = QAction(with_access_key(label, used), self)
            action.setCheckable(True)
            action.setData(name)
            action.triggered.connect(lambda _checked=False, n=name: self._choose(n))
            self._group.addAction(action)
            self.menu_environments.addAction(action)
            self._actions[name] = action
        self.show_current(self._current)

    def _choose(self, name: str) -> None:
        self.show_current(self._current)  # the menu shows the truth until the switch happens
        self.sig_chosen.emit(name)

    def show_current(self, name: str | None, label: str | None = None) -> None:
        """Mark `name` as the current environment (None: none yet)."""
        self._current = name
        for action_name, action in self._actions.items():
            action.setChecked(action_name == name)
        if label is None and name in self._actions:
            label = self._actions[name].text().replace("&", "")
        text = self.tr("Environment: %1").replace("%1", label) if label else self.tr("Environment: —")
        self.setText(text)
        self.setAccessibleDescription(label or "")

    @property
    def current(self) -> str | None:
        return self._current

    def environment_actions(self) -> list[QAction]:
        return list(self._actions.values())


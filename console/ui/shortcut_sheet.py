"""The shortcut sheet (Help → Keyboard shortcuts, F1): every menu action with its keys, and the page keys.

The menu part is read from the window's menu bar, so an action a feature adds with a shortcut is listed
without any change here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

PAGE_KEYS = (
    ("Esc", QT_TRANSLATE_NOOP("ShortcutSheet", "Close a popup or cancel what is running; else go back "
                                               "(never leaves the enrollment form)")),
    ("Tab, Shift+Tab", QT_TRANSLATE_NOOP("ShortcutSheet", "Next or previous field or button")),
    ("Enter", QT_TRANSLATE_NOOP("ShortcutSheet", "Search; open the selected member")),
    ("Down", QT_TRANSLATE_NOOP("ShortcutSheet", "From the search box into the results")),
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("ShortcutSheet", "Enroll the person in the form")),
    ("F5", QT_TRANSLATE_NOOP("ShortcutSheet", "Load the member's profile and summary again")),
    (QT_TRANSLATE_NOOP("ShortcutSheet", "Alt+letter"),
     QT_TRANSLATE_NOOP("ShortcutSheet", "The field or button whose underlined letter it is")),
)
"""Keys handled inside the pages rather than by a menu action."""


def menu_shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action of the menu bar that has a shortcut, in menu order."""
    rows: list[tuple[str, str, str]] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu) and top.isVisible():
            _walk(menu, top.text().replace("&", ""), rows)
    return rows


def _walk(menu: QMenu, title: str, rows: list[tuple[str, str, str]]) -> None:
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            _walk(sub, f"{title} › {action.text().replace('&', '')}", rows)
        elif not action.isSeparator() and action.shortcuts():
            rows.append((title, _plain(action), _keys(action)))


def _plain(action: QAction) -> str:
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _keys(action: QAction) -> str:
    return ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts())


class ShortcutSheet(QDialog):
    """A read-only table of the keys; Esc or Close dismisses it."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = [(menu, action, keys) for menu, action, keys in menu_shortcuts(window)]
        page = self.tr("On every page")
        rows += [(page, QCoreApplication.translate("ShortcutSheet", str(text)), _native(str(keys)))
                 for keys, text in PAGE_KEYS]
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setObjectName("shortcutTable")
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 560)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the table shows, row by row (for tests and screen readers)."""
        return [(self._text(r, 0), self._text(r, 1), self._text(r, 2)) for r in range(self.table.rowCount())]

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""


def _native(keys: str) -> str:
    """Key names as the platform writes them ("Échap" in French); other words through the catalogue."""
    shown = []
    for part in (part.strip() for part in keys.split(",")):
        sequence = QKeySequence(part)
        valid = sequence.count() == 1 and sequence.toString() == part
        shown.append(sequence.toString(QKeySequence.SequenceFormat.NativeText) if valid
                     else QCoreApplication.translate("ShortcutSheet", part))
    return ", ".join(shown)

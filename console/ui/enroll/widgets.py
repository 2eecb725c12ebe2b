"""Small widgets of the enrollment form: a field with its message, a date entry with a calendar."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from console.services.enrollment_fields import parse_date
from console.ui import theme


class MessageLabel(QLabel):
    """The message shown under a field: red for a problem, amber for a warning, hidden when fine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_text(self, text: str | None, *, warning: bool = False) -> None:
        """Show `text` as a problem (or a warning); None hides the label."""
        if text is None:
            self.clear()
            self.hide()
            return
        prefix = "⚠ " if warning else "✖ "
        self.setText(prefix + text)
        self.setStyleSheet(theme.text_style("warning" if warning else "error"))
        self.show()


class FieldBox(QWidget):
    """An input (or a row of inputs) with its message label underneath."""

    def __init__(self, *editors: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = MessageLabel(self)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        for editor in editors:
            self.row.addWidget(editor, 1 if isinstance(editor, QLineEdit) else 0)
        self.row.addStretch(0)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(self.row)
        column.addWidget(self.message)


class DateEntry(QWidget):
    """A date typed as YYYY-MM-DD, or picked from a calendar; empty is allowed."""

    sig_picked = Signal()
    """A date was chosen in the calendar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("YYYY-MM-DD or 25/04/1990"))
        hint_width = self.edit.fontMetrics().horizontalAdvance(self.edit.placeholderText()) + 24
        self.edit.setMaximumWidth(max(140, hint_width))  # grows with the text size
        self.button = QToolButton(self)
        self.button.setText(self.tr("Pick…"))
        self.button.setToolTip(self.tr("Pick the date from a calendar"))
        self.button.setAccessibleName(self.tr("Pick the date of birth from a calendar"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName(self.tr("Calendar"))
        self.calendar.setGridVisible(True)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prepare_calendar)
        self.button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)

    def _prepare_calendar(self) -> None:
        today = date.today()
        self.calendar.setMaximumDate(QDate(today.year, today.month, today.day))
        current = _near(self.edit.text(), today)
        self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))

    def _picked(self, picked: QDate) -> None:
        self.edit.setText(picked.toString("yyyy-MM-dd"))
        self.button.menu().close()
        self.sig_picked.emit()


def _near(text: str, today: date) -> date:
    """Where the calendar opens: the date typed, else the year typed, else thirty years ago."""
    parsed = parse_date(text)
    if parsed is not None:
        try:
            return date(*parsed[0])
        except ValueError:
            pass
    year = re.search(r"\b(19|20)\d{2}\b", text)
    if year is not None and int(year[0]) <= today.year:
        return date(int(year[0]), 1, 1)
    return date(today.year - 30, 1, 1)

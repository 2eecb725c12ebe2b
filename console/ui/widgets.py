"""Small widgets the window is built from: the Production band, placeholder pages, status bar parts."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QProgressBar, QVBoxLayout, QWidget

from console.ui import theme


def with_clear_button(line: QLineEdit) -> QLineEdit:
    """Give `line` Qt's clear button, named "Clear" for screen readers (Qt leaves it nameless)."""
    line.setClearButtonEnabled(True)
    for action in line.findChildren(QAction):
        if action.objectName() == "_q_qlineeditclearaction":
            action.setText(QCoreApplication.translate("Widgets", "Clear"))
    return line


class ProductionBand(QLabel):
    """A persistent red band: the user must never forget they are on live member data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("PRODUCTION: live member data"))
        centred(self)
        self.setStyleSheet(theme.production_band_style())
        self.setAccessibleName(self.tr("Production warning"))
        self.setObjectName("productionBand")


class PlaceholderPage(QWidget):
    """Stands in for the pages while they load."""

    def __init__(self, title: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = centred(QLabel(title))
        heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading)
        layout.addWidget(centred(QLabel(note)))
        layout.addStretch(2)


def centred(label: QLabel) -> QLabel:
    """`label` with its text centred, set by name rather than with Qt.AlignmentFlag.AlignCenter.

    For widgets in the first paint: the `Qt` namespace's hundred enums take some 15 ms to build, on its
    first use (tests/test_startup.py holds that the first paint does not use it).
    """
    label.setProperty("alignment", "AlignCenter")
    return label


class InlineMessage(QLabel):
    """A word-wrapped message shown next to the field it is about; hidden while empty."""

    def __init__(self, role: str = "error", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(theme.text_style(role))
        self.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")


class BusyIndicator(QWidget):
    """An indeterminate bar and a word, visible only while requests run."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bar = QProgressBar()
        self._bar.setRange(0, 0)
        self._bar.setFixedWidth(60)
        self._bar.setMaximumHeight(12)
        self._bar.setTextVisible(False)
        self._label = QLabel(self.tr("Working…"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._label)
        layout.addWidget(self._bar)
        self.setAccessibleName(self.tr("Busy indicator"))
        self.hide()

    def set_busy(self, busy: bool) -> None:
        self.setVisible(busy)

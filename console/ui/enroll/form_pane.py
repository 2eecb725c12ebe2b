"""The enrollment form's pane: the form in its scroll area, the status panel, the hint and the buttons."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from console.ui import theme
from console.ui.enroll.form import EnrollForm
from console.ui.enroll.panels import StatusPanel


def _tr(text: str) -> str:
    return QCoreApplication.translate("EnrollPage", text)


class FormPane(QWidget):
    """`form` scrolls; `status` sits under it; Enroll (Ctrl+Enter) and Clear form below, with a hint."""

    sig_submit = Signal()
    """Enroll was pressed (or Ctrl+Enter)."""
    sig_clear = Signal()
    """Clear form was pressed."""

    def __init__(self, form: EnrollForm, status: StatusPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form_scroll = QScrollArea(self)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.form_scroll.setWidget(form)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(theme.text_style("muted"))
        self.clear_button = QPushButton(_tr("Clear form"), self)
        self.clear_button.setAccessibleName(_tr("Clear form"))
        self.clear_button.clicked.connect(self.sig_clear)
        self.submit_button = QPushButton(_tr("&Enroll"), self)
        self.submit_button.setAccessibleName(_tr("Enroll"))
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self.sig_submit)
        self.submit_button.setToolTip(_tr("Enroll this person (Ctrl+Enter)"))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.sig_submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form_scroll, 1)
        layout.addWidget(status)
        layout.addLayout(buttons)

    def focus(self, widget: QWidget) -> None:
        """Put the cursor in `widget` (of the form) and scroll it into view."""
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.form_scroll.ensureWidgetVisible(widget)

"""A read-only value shown masked until the agent reveals it (each reveal is audited by the page)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from console.api.redaction import MASK, mask_collector_number

BULLETS = MASK


def mask_text(_text: str) -> str:
    """No hint of a personal value: no initials, no last digits, no half postal code."""
    return BULLETS


mask_name = mask_text
MASKERS = {
    "name": mask_text,
    "email": mask_text,
    "phone": mask_text,
    "date": mask_text,
    "postal": mask_text,
    "number": mask_collector_number,
    "text": mask_text,
}


class MaskedField(QWidget):
    """A label plus a Show button; `field` names it in audit records, never its value."""

    sig_reveal_requested = Signal(str)
    """(field): the agent pressed Show; the owner audits it and calls `reveal()`."""

    def __init__(self, field: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._value = ""
        self._masked_value = ""
        self.revealed = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(label)
        self.button = QToolButton()
        self.button.setText(self.tr("Show"))
        self.button.setAccessibleName(self.tr("Show %1").replace("%1", label))
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.button.clicked.connect(lambda: self.sig_reveal_requested.emit(self.field))
        layout.addWidget(self.label, 1, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.button)

    def set_value(self, value: str, masked_value: str) -> None:
        """New member data: shown masked again."""
        self._value = value
        self._masked_value = masked_value
        self.revealed = False
        self._render()

    def reveal(self) -> None:
        self.revealed = True
        self._render()

    def set_revealable(self, allowed: bool, reason: str = "") -> None:
        self.button.setEnabled(allowed)
        self.button.setToolTip("" if allowed else reason)

    def _render(self) -> None:
        self.label.setText(self._value if self.revealed else self._masked_value)
        self.button.setVisible(bool(self._value) and not self.revealed)

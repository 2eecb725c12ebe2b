"""The override's reason: one chosen from a short list, or typed. Cancel changes nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from console.services.verification import OverrideReason
from console.ui import theme


class OverrideDialog(QDialog):
    """Window-modal; emits the reason when the agent confirms."""

    sig_reason_chosen = Signal(str, str)
    """(reason code, typed text): the agent confirmed the override."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Verify by override"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        intro = QLabel(self.tr("An override is recorded in the audit file with your name and the reason, "
                               "and shows as \u201cVerified by override\u201d. Why is the caller verified?"))
        intro.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.choices: dict[OverrideReason, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for reason, text in self.reason_texts().items():
            button = QRadioButton(text)
            button.setAccessibleName(text)
            self.group.addButton(button)
            self.choices[reason] = button
            layout.addWidget(button)
        self.other = QLineEdit()
        self.other.setAccessibleName(self.tr("Other reason"))
        self.other.setPlaceholderText(self.tr("Type the reason"))
        self.other.setMaxLength(200)
        self.other.textEdited.connect(lambda _text: self.choices[OverrideReason.OTHER].setChecked(True))
        layout.addWidget(self.other)
        self.hint = QLabel(self.tr("Do not type the caller's personal details here."))
        self.hint.setStyleSheet(theme.text_style("muted"))
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Verify by override"))
        self.ok_button.setAccessibleName(self.tr("Verify by override"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.group.buttonToggled.connect(self._update)
        self.other.textChanged.connect(self._update)
        self._update()
        self.choices[OverrideReason.SUPERVISOR_APPROVED].setFocus()

    def reason_texts(self) -> dict[OverrideReason, str]:
        return {
            OverrideReason.SUPERVISOR_APPROVED: self.tr("A supervisor approved it"),
            OverrideReason.IDENTITY_DOCUMENT_SEEN: self.tr("An identity document was checked"),
            OverrideReason.AUTHENTICATED_ELSEWHERE: self.tr("The caller was authenticated another way"),
            OverrideReason.OTHER: self.tr("Other reason:"),
        }

    def chosen(self) -> OverrideReason | None:
        return next((reason for reason, button in self.choices.items() if button.isChecked()), None)

    def _update(self, *_args: object) -> None:
        reason = self.chosen()
        ready = reason is not None and (reason is not OverrideReason.OTHER or bool(self.other.text().strip()))
        self.ok_button.setEnabled(ready)

    def _confirm(self) -> None:
        reason = self.chosen()
        if reason is None or (reason is OverrideReason.OTHER and not self.other.text().strip()):
            return
        text = self.other.text() if reason is OverrideReason.OTHER else ""
        self.accept()
        self.sig_reason_chosen.emit(reason.value, text)

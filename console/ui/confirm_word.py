"""A typed confirmation ("Type PRODUCTION to switch"): a wrong word keeps the dialog open and says what is
expected, never repeating what was typed (it may be whatever the user was typing elsewhere)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from console.ui import theme


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConfirmWord", text)


def expected(typed: str, word: str) -> str:
    """What to type instead of `typed` (which is not repeated)."""
    if not typed.strip():
        return _tr("Type %1 to continue.").replace("%1", word)
    if typed.strip().casefold() == word.casefold():
        return _tr("Type %1 in capital letters to continue.").replace("%1", word)
    return _tr("Type %1 to continue; you typed something else.").replace("%1", word)


class ConfirmWordDialog(QDialog):
    """Asks for `word`; OK accepts only the word itself, else says what is expected and stays open."""

    def __init__(self, parent: QWidget | None, title: str, text: str, word: str) -> None:
        super().__init__(parent)
        self.word = word
        self.setWindowTitle(title)
        self.text = QLabel(text, self)
        self.text.setWordWrap(True)
        self.line = QLineEdit(self)
        self.line.setAccessibleName(_tr("Confirmation word"))
        self.line.setAccessibleDescription(_tr("Type %1 to continue.").replace("%1", word))
        self.text.setBuddy(self.line)
        self.problem = QLabel(self)
        self.problem.setObjectName("confirmProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(theme.text_style("error"))
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName(_tr("Continue"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(_tr("Cancel"))
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.line)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)  # wrapped lines stay readable
        self.line.setFocus()

    def check(self) -> None:
        """Accept the word typed exactly; otherwise say what is expected, text selected for typing over."""
        typed = self.line.text()
        if typed.strip() == self.word:
            self.accept()
            return
        message = expected(typed, self.word)
        self.problem.setText(message)
        self.problem.show()
        self.adjustSize()  # room for the new line
        self.line.setAccessibleDescription(message)
        self.line.selectAll()
        self.line.setFocus()


def ask_for_word(parent: QWidget | None, title: str, text: str, word: str) -> bool:
    """True once the user typed `word` exactly and pressed OK; False when they cancelled."""
    dialog = ConfirmWordDialog(parent, title, text, word)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()

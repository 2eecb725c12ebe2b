"""The verification step: what to ask the caller, each answer marked when left, the lock, the override.

The step renders `console.services.verification` state and forwards what the agent types; nothing on
file is shown here, only the names of the answers to ask for.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.services.verification import (
    MAX_MISMATCHES,
    Answer,
    Call,
    OverrideReason,
    Result,
    VerificationError,
    VerificationLocked,
    Verifications,
)
from console.ui import theme
from console.ui.lookup.override_dialog import OverrideDialog
from console.ui.widgets import InlineMessage


class VerificationBox(QGroupBox):
    """Asks for the policy's answers; shown alone until the caller is verified (by match or override)."""

    sig_verified = Signal()
    """The caller of the current member is verified (the page shows the member)."""

    def __init__(self, verifications: Verifications, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Verify the caller"), parent)
        self.setObjectName("verificationStep")
        self._verifications = verifications
        self._call: Call | None = None
        self._rows: dict[Answer, tuple[QLineEdit, QLabel]] = {}
        self.override_dialog: OverrideDialog | None = None

        self.ask = QLabel()
        self.ask.setObjectName("verificationAsk")
        self.ask.setWordWrap(True)
        self.ask.setStyleSheet("font-weight: bold;")
        self.note = QLabel(self.tr("Type what the caller says; each answer is checked when you leave it. "
                                   "Nothing on file is shown until the answers match."))
        self.note.setWordWrap(True)
        self.note.setStyleSheet(theme.text_style("muted"))
        self._grid = QGridLayout()
        self._grid.setColumnStretch(1, 1)
        self.strikes = InlineMessage("warning")
        self.strikes.setObjectName("verificationStrikes")
        self.lock_message = InlineMessage("error")
        self.lock_message.setObjectName("verificationLocked")
        self.lock_message.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.lock_message.setAccessibleName(self.tr("Verification locked"))
        self.problem = InlineMessage("error")
        self.override_button = QPushButton(self.tr("&Override…"))
        self.override_button.setAccessibleName(self.tr("Verify by override, with a reason"))
        self.override_button.clicked.connect(self.open_override)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.override_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.ask)
        layout.addWidget(self.note)
        layout.addLayout(self._grid)
        layout.addWidget(self.strikes)
        layout.addWidget(self.lock_message)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(1000)
        self._lock_timer.timeout.connect(self.refresh)
        self.show_loading()

    # -- words ------------------------------------------------------------------------------------
    def duration_text(self, seconds: float) -> str:
        """"14 min 05 s" or "42 s" (rounded up: the lock is never shorter than said)."""
        whole = max(0, int(-(-seconds // 1)))
        minutes, rest = divmod(whole, 60)
        if minutes:
            return self.tr("%1 min %2 s").replace("%1", str(minutes)).replace("%2", f"{rest:02d}")
        return self.tr("%1 s").replace("%1", str(rest))

    def answer_label(self, answer: Answer) -> str:
        return {Answer.NAME: self.tr("Full name"), Answer.POSTAL_CODE: self.tr("Postal code"),
                Answer.DATE_OF_BIRTH: self.tr("Date of birth"), Answer.EMAIL: self.tr("Email")}[answer]

    def _ask_word(self, answer: Answer) -> str:
        return {Answer.NAME: self.tr("full name"), Answer.POSTAL_CODE: self.tr("postal code"),
                Answer.DATE_OF_BIRTH: self.tr("date of birth"), Answer.EMAIL: self.tr("email")}[answer]

    def ask_text(self, call: Call) -> str:
        """ "Ask for: full name, postal code" (or "…, postal code or date of birth" for a choice)."""
        combos = call.combinations
        if not combos:
            return self.tr("Nothing on file can be asked: verify by override, with a reason.")
        common = [answer for answer in combos[0] if all(answer in combo for combo in combos)]
        words = [self._ask_word(answer) for answer in common]
        if len(combos) > 1:
            choices = [" + ".join(self._ask_word(a) for a in combo if a not in common) for combo in combos]
            words.append(self.tr(" or ").join(choices))
        return self.tr("Ask for: %1").replace("%1", ", ".join(words))

    # -- state ------------------------------------------------------------------------------------
    @property
    def inputs(self) -> list[QLineEdit]:
        return [line for line, _result in self._rows.values()]

    def line(self, answer: Answer) -> QLineEdit:
        return self._rows[answer][0]

    def result_label(self, answer: Answer) -> QLabel:
        return self._rows[answer][1]

    def show_loading(self) -> None:
        """Before the member's profile arrived: nothing to ask yet."""
        self._clear_rows()
        self._call = None
        self.ask.setText(self.tr("Loading the member…"))
        self.override_button.setEnabled(False)
        self.strikes.clear_message()
        self.lock_message.clear_message()
        self.problem.clear_message()
        self._lock_timer.stop()

    def start(self, call: Call) -> None:
        """Ask for this call's answers (the typed answers stay when it is the call already shown)."""
        if call is not self._call:
            self._clear_rows()
            self._call = call
            for row, answer in enumerate(call.answers):
                label = QLabel(self.answer_label(answer))
                line = QLineEdit()
                name = self.tr("Caller's answer: %1").replace("%1", self.answer_label(answer))
                line.setAccessibleName(name)
                line.setObjectName(f"answer_{answer.value}")
                label.setBuddy(line)
                result = QLabel()
                result.setMinimumWidth(140)
                line.editingFinished.connect(lambda answer=answer: self.check(answer))
                line.returnPressed.connect(lambda row=row: self._focus_after(row))
                self._grid.addWidget(label, row, 0)
                self._grid.addWidget(line, row, 1)
                self._grid.addWidget(result, row, 2)
                for widget in (label, line, result):
                    widget.setVisible(True)  # at once, so that focus can land in the first field
                self._rows[answer] = (line, result)
        self.ask.setText(self.ask_text(call))
        self.refresh()

    def check(self, answer: Answer) -> None:
        """The agent left an answer: compare it (the service counts and audits) and mark it."""
        if self._call is None or self._call is not self._verifications.current:
            return
        was_verified = self._call.verified
        self.problem.clear_message()
        try:
            self._verifications.check(answer, self.line(answer).text())
        except OSError:
            self.problem.show_message(self.tr("The audit file cannot be written, so the caller cannot be "
                                              "verified."))
        self.refresh()
        if self._call.verified and not was_verified:
            self.sig_verified.emit()

    def refresh(self) -> None:
        """Render the call: each answer's mark, the mismatch count, the lock and its time left."""
        call = self._call
        if call is None:
            return
        left = self._verifications.seconds_locked() if call is self._verifications.current else 0.0
        for answer, (line, result) in self._rows.items():
            outcome = call.results.get(answer)
            if outcome is Result.MATCHES:
                result.setText(self.tr("✓ Matches"))
                result.setStyleSheet(theme.text_style("success", bold=True))
            elif outcome is Result.DOES_NOT_MATCH:
                result.setText(self.tr("✗ Does not match"))
                result.setStyleSheet(theme.text_style("error", bold=True))
            else:
                result.clear()
            line.setAccessibleDescription(result.text())
            line.setEnabled(left <= 0 and not call.verified)
        mismatches = self._verifications.mismatches() if call is self._verifications.current else 0
        if left > 0:
            self.strikes.clear_message()
            self.lock_message.show_message(self.tr(
                "Verification is locked for this member: %1 answers did not match. Try again in %2.")
                .replace("%1", str(MAX_MISMATCHES)).replace("%2", self.duration_text(left)))
            if not self._lock_timer.isActive():
                self._lock_timer.start()
                self.lock_message.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.lock_message.clear_message()
            self._lock_timer.stop()
            self.strikes.show_message(self.tr("Answers that did not match: %1 of %2.").replace(
                "%1", str(mismatches)).replace("%2", str(MAX_MISMATCHES)) if mismatches else "")
        self.override_button.setEnabled(left <= 0 and not call.verified)

    def focus_first(self) -> None:
        if self.inputs and self.inputs[0].isEnabled():
            self.inputs[0].setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.lock_message.isVisibleTo(self):
            self.lock_message.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.override_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- override ---------------------------------------------------------------------------------
    def open_override(self) -> OverrideDialog:
        """Ask for the override's reason (the dialog is window-modal; Cancel changes nothing)."""
        dialog = OverrideDialog(self)
        dialog.sig_reason_chosen.connect(self._override)
        self.override_dialog = dialog
        dialog.open()
        return dialog

    def _override(self, reason: str, text: str) -> None:
        if self._call is None:
            return
        self.problem.clear_message()
        try:
            self._verifications.override(OverrideReason(reason), text)
        except VerificationLocked:
            pass  # the lock message says it
        except VerificationError:
            self.problem.show_message(self.tr("An override needs a reason."))
        except OSError:
            self.problem.show_message(self.tr("The audit file cannot be written, so the caller cannot be "
                                              "verified."))
        self.refresh()
        if self._call.verified:
            self.sig_verified.emit()

    # -- helpers ----------------------------------------------------------------------------------
    def _focus_after(self, row: int) -> None:
        inputs = self.inputs
        if row + 1 < len(inputs) and inputs[row + 1].isEnabled():
            inputs[row + 1].setFocus(Qt.FocusReason.TabFocusReason)

    def _clear_rows(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.blockSignals(True)  # leaving a field being removed is not an answer
                widget.hide()
                widget.deleteLater()
        self._rows = {}

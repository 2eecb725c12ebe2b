"""The status panel's states around a submission: problems to fix first, refusals, errors, outcome unknown."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication

from console.api.errors import CollectorError, OutcomeUnknown, ValidationFailed
from console.ui.enroll.duplicates import with_ref
from console.ui.enroll.form import EnrollForm
from console.ui.enroll.panels import Action, StatusPanel
from console.ui.errors import error_text

PROBLEMS = "problems"
"""The status panel's topic while it lists what to fix before enrolling."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("EnrollPage", text)


class OutcomeViews:
    """Shows on `status` what stands in the way of an enrollment, or how a submission ended."""

    def __init__(
        self,
        status: StatusPanel,
        form: EnrollForm,
        *,
        send_later: Callable[[], object],
        check_again: Callable[[], object],
        try_again: Callable[[], object],
    ) -> None:
        self._status = status
        self._form = form
        self._send_later = send_later
        self._check_again = check_again
        self._try_again = try_again
        self._listed: tuple[str, ...] = ()

    # Before sending ----------------------------------------------------------------------------
    def show_problems(self, paths: Sequence[str]) -> None:
        """List each field that stops the enrollment, by its label, with what is wrong."""
        self._listed = tuple(paths)
        rows: list[tuple[str, list[Action]]] = [
            (_tr("%1: %2").replace("%1", caption).replace("%2", text), [])
            for _path, caption, text in self._form.problem_lines(paths)
        ]
        count = len(rows)
        title = (
            QCoreApplication.translate("EnrollPage", "Fix %n field before enrolling", None, count)
            if count == 1
            else QCoreApplication.translate("EnrollPage", "Fix %n fields before enrolling", None, count)
        )
        self._status.show_state(
            "error",
            title,
            _tr("Nothing was sent. Each field below says what it needs."),
            rows=rows,
            topic=PROBLEMS,
        )

    def follow_problems(self, paths: Sequence[str]) -> None:
        """The form changed while its problems are listed: list what is left, or close the list."""
        if self._status.topic != PROBLEMS or tuple(paths) == self._listed:
            return
        if paths:
            self.show_problems(paths)
        else:
            self._listed = ()
            self._status.hide_state()

    # After sending -----------------------------------------------------------------------------
    def show_unknown(self, cancelled: bool, env_label: str, error: CollectorError | None) -> None:
        """Sent, no definite answer: only "Check again" (same key) or leaving it to the outbox."""
        if cancelled:
            reason = _tr(
                "You cancelled while the request was on its way, so we don't know yet whether this "
                "member was created."
            )
        elif error is not None and not isinstance(error, OutcomeUnknown):
            reason = error_text(error)  # the check did not reach the service: still unknown
        else:
            reason = _tr("The connection was lost before %1 answered.").replace("%1", env_label)
        self._status.show_state(
            "warning",
            _tr("We don't know yet whether this member was created"),
            reason
            + " "
            + _tr(
                "Press “Check again”: it asks with the same enrollment key, so the member can never be "
                "created twice."
            ),
            [
                Action("send_later", _tr("Save and send &later"), self._send_later),
                Action("check_again", _tr("Check &again"), self._check_again, primary=True),
            ],
        )

    def show_field_errors(self, exc: ValidationFailed, phone_rows: list[int]) -> None:
        """The service refused some details: each on its field (focused), the others listed."""
        unplaced = self._form.show_server_errors(exc.field_errors, phone_rows)
        lines = [f"{e.field or ''}: {e.message or e.code}".strip(": ") for e in unplaced]
        text = _tr("Fix the fields marked in red and enroll again.")
        if lines:
            text += "\n" + "\n".join(lines)
        self._status.show_state("error", _tr("The service refused some details"), with_ref(text, exc))

    def show_error(self, title: str, exc: CollectorError, *, retry: bool, later: bool = False) -> None:
        actions = [Action("send_later", _tr("Save and send &later"), self._send_later)] if later else []
        if retry:
            actions.append(Action("try_again", _tr("Try again"), self._try_again, primary=True))
        self._status.show_state(
            "error",
            title,
            with_ref(error_text(exc) + " " + _tr("The form keeps what you typed."), exc),
            actions,
        )

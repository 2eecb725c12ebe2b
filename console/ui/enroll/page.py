"""The enrollment page: the form, the duplicate warning and a submission that never blocks or duplicates."""

from __future__ import annotations

import itertools
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from console.api.errors import DuplicateCollector, PermissionDenied, ValidationFailed
from console.audit import AuditLog
from console.field_profiles import ProfileSet, load_field_profiles
from console.services.enrollment import EnrollmentFlow, Outcome, Phase
from console.ui.enroll.draft_keeper import DraftKeeper
from console.ui.enroll.duplicates import DuplicateViews
from console.ui.enroll.form import EnrollForm
from console.ui.enroll.form_pane import FormPane
from console.ui.enroll.header import EnrollHeader
from console.ui.enroll.outcomes import PROBLEMS, OutcomeViews
from console.ui.enroll.panels import StatusPanel, SuccessView
from console.ui.enroll.waits import Cancelled, WaitNotice
from console.ui.tasks import run_task, ui_slot

if TYPE_CHECKING:
    from console.api.models import EnrollmentRequest
    from console.api.session import EnvironmentSession
    from console.ui.context import ConsoleContext

log = logging.getLogger(__name__)


class EnrollPage(QWidget):
    """Enroll a new member: form, duplicate check, confirmation in Production, safe submission, result."""

    sig_open_member = Signal(str)
    """(collector number): show this member (a possible duplicate, or the one just enrolled)."""

    def __init__(
        self,
        context: ConsoleContext,
        parent: QWidget | None = None,
        *,
        audit: AuditLog | None = None,
        profiles: ProfileSet | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.audit = audit if audit is not None else AuditLog()
        self.profiles = profiles if profiles is not None else load_field_profiles()
        self.flow = EnrollmentFlow(context.outbox, self.audit, context.staff_identity)
        self._phone_rows: list[int] = []
        self._sending = False
        self._environment_name: str | None = None

        language = context.settings.language
        self.form = EnrollForm(self.profiles, language, self)
        chosen = context.settings.enroll_use_case
        self.form.set_profile(chosen if chosen in self.profiles.profiles else self.profiles.default)
        self.form.sig_changed.connect(self._form_changed)
        self.status = StatusPanel(self)
        self.waits = WaitNotice(self.status)
        drafts = context.drafts
        self.drafts = DraftKeeper(self.form, self.status, drafts, self._typing) if drafts else None
        self.outcomes = OutcomeViews(
            self.status,
            self.form,
            send_later=self._send_later,
            check_again=self._check_again,
            try_again=self._submit_clicked,
        )
        self.duplicates = DuplicateViews(
            self.status,
            lambda number: self.sig_open_member.emit(number),
            self._enroll_anyway,
            lambda exc: self.outcomes.show_error(self.tr("Search failed"), exc, retry=False),
            back=self._back_to_form,
        )
        self.success = SuccessView(self)
        self.success.sig_open_member.connect(self.sig_open_member)
        self.success.sig_enroll_another.connect(self.enroll_another)

        header = EnrollHeader(self.profiles, self.form.profile.name, language, self)
        header.sig_use_case_chosen.connect(self._use_case_chosen)
        self.header = header
        self.environment_label, self.profile_combo = header.environment_label, header.profile_combo
        self.stack = QStackedWidget(self)
        pane = FormPane(self.form, self.status, self)
        pane.sig_submit.connect(self._submit_clicked)
        pane.sig_clear.connect(self._clear_clicked)
        self.pane = pane
        self.form_scroll, self.hint = pane.form_scroll, pane.hint
        self.clear_button, self.submit_button = pane.clear_button, pane.submit_button
        self.stack.addWidget(pane)
        self.stack.addWidget(self.success)
        locked = QLabel(self.tr("The console is locked. Unlock it to see the enrollment."), self)
        locked.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(locked)
        self._locked_page = locked
        self._page_before_lock = 0

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.stack, 1)

        chain = [self.profile_combo, *self.form.inputs(), self.clear_button, self.submit_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        context.sig_session_changed.connect(self._session_changed)
        context.sig_locked.connect(self._locked)
        context.sig_unlocked.connect(self._unlocked)
        self._session_changed(context.session)

    # Layout ------------------------------------------------------------------------------------
    def _use_case_chosen(self, name: str) -> None:
        self.form.set_profile(name)
        self.context.settings.enroll_use_case = name

    # State of the form -------------------------------------------------------------------------
    def _form_changed(self) -> None:
        """The user edited the form: an error about the old content no longer applies; a list of the
        problems to fix follows the form."""
        if self.status.topic == PROBLEMS:
            self.outcomes.follow_problems(self._blocking())
        else:
            stale = self.status.kind in ("error", "warning", "info")
            if stale and not self.status.has_button("check_again") and not self._sending:
                self.status.hide_state()
        self._refresh()

    def _blocking(self) -> list[str]:
        """The paths that stop the enrollment, in the order of the form."""
        return [path for path, _label, _text in self.form.problem_lines(self.form.state().blocking())]

    def _refresh(self) -> None:
        """Enroll stays enabled (pressing it lists what is missing) unless an enrollment is on its way or
        unresolved; the hint says what is still missing."""
        if self._sending:
            return
        if self.flow.locked:
            self.submit_button.setEnabled(False)
            self.hint.setText(self.tr("Waiting for the service to say whether this member was created."))
            return
        state = self.form.state()
        blocking = state.blocking()
        session = self.context.session
        signed_in = session is not None and session.signed_in
        self.submit_button.setEnabled(True)
        if blocking:
            missing = ", ".join(self.form.captions(blocking))
            self.hint.setText(self.tr("To enroll, fix: %1").replace("%1", missing))
        elif not signed_in:
            self.hint.setText(self.tr("Choose an environment and sign in to enroll."))
        else:
            self.hint.setText(self.tr("Ready to enroll."))

    def _session_changed(self, session: EnvironmentSession | None) -> None:
        env = session.env if session is not None else None
        self.header.show_environment(env)
        name = env.name if env is not None else None
        if name != self._environment_name:  # another service: a new logical enrollment there
            self._environment_name = name
            self._discard()
            if not self._sending:
                self.status.hide_state()
                self.form.set_read_only(False)
        if self.stack.currentWidget() is self.success:
            self.enroll_another()
        self._refresh()

    def _locked(self) -> None:
        if self.stack.currentWidget() is not self._locked_page:
            self._page_before_lock = self.stack.currentIndex()
            self.stack.setCurrentWidget(self._locked_page)

    def _unlocked(self) -> None:
        if self.stack.currentWidget() is self._locked_page:
            self.stack.setCurrentIndex(self._page_before_lock)

    def _discard(self) -> None:
        work = self.flow.discard()
        if work is not None:
            run_task(work)

    def _typing(self) -> bool:
        """The form is shown and editable: what it holds is worth a draft."""
        return self.stack.currentIndex() == 0 and not self._sending and not self.flow.locked

    def _clear_clicked(self) -> None:
        self.form.clear()
        if self.drafts is not None:
            self.drafts.forget()
        self._discard()
        self.status.hide_state()
        self.form.set_read_only(False)

    def enroll_another(self) -> None:
        """An empty form for the next person, with a new idempotency key."""
        self._clear_clicked()
        self.stack.setCurrentIndex(0)
        self.focus_first_field()

    # Submission --------------------------------------------------------------------------------
    def _submit_clicked(self) -> None:
        if self.stack.currentIndex() == 0 and not self._sending:
            self._submit(skip_duplicates=False)

    def has_unsent_input(self) -> bool:
        """The form holds what someone typed and it was not enrolled (yet, or knowingly)."""
        return self.stack.currentIndex() != self.stack.indexOf(self.success) and self.form.has_input()

    def focus_first_field(self) -> None:
        """Put the cursor in the first visible field, scrolled into view (after Ctrl+N, Enroll another)."""
        if self.stack.currentIndex() == 0:
            first = next((w for w in self.form.inputs() if w.isVisibleTo(self) and w.isEnabled()), self.form)
            self.pane.focus(first)

    def _back_to_form(self) -> None:
        """Close the duplicate warning; the cursor goes back to the form."""
        self.status.hide_state()
        self.focus_first_field()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.status.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        focused = self.focusWidget()
        if focused is None or not focused.isVisibleTo(self):
            self.focus_first_field()

    def _enroll_anyway(self) -> None:
        self.flow.duplicates_cleared()
        self._submit(skip_duplicates=True)

    @ui_slot
    async def _submit(self, skip_duplicates: bool = False) -> None:
        if self._sending:
            return
        state = self.form.state()
        if not state.valid:
            self.form.show_all_problems()
            blocking = self._blocking()
            self.outcomes.show_problems(blocking)
            self.pane.focus(self.form.editor_of(blocking[0]))
            return
        session = self.context.session
        if session is None or not session.signed_in:
            self.status.show_state(
                "error", self.tr("Not connected"), self.tr("Choose an environment and sign in to enroll.")
            )
            return
        self._set_sending(True)
        try:
            request, _key = await self.flow.prepare(
                state.reading,
                state.consents,
                language=state.consent_language,
                wording_version=self.profiles.wording_version,
            )
        finally:
            self._set_sending(False)
        self._phone_rows = state.phone_rows
        env = session.env
        check = not skip_duplicates and self.flow.needs_duplicate_check(env.capabilities)
        if check and await self._warn_duplicates(session, request):
            return
        action = self.tr("enroll a new member into “%1”").replace("%1", env.label)
        if not await self.context.confirm_write_async(self, action):
            self.status.show_state(
                "info",
                self.tr("Not sent"),
                self.tr("Nothing was sent to %1. The form is as you left it.").replace("%1", env.label),
            )
            self.submit_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        await self._send(session)

    @ui_slot
    async def _check_again(self) -> None:
        """Send the unresolved enrollment again with its key: the service replays it or creates it once."""
        session = self.context.session
        if session is not None and self.flow.submission.request is not None and not self._sending:
            await self._send(session)

    def _set_sending(self, sending: bool) -> None:
        self._sending = sending
        locked = sending or self.flow.locked
        self.form.set_read_only(locked)
        self.submit_button.setEnabled(not locked)
        self.clear_button.setEnabled(not locked)
        self.profile_combo.setEnabled(not locked)
        self._refresh()

    async def _send(self, session: EnvironmentSession) -> None:
        """Send the enrollment through the outbox, showing the client's waits; then show the outcome."""
        env = session.env
        self._set_sending(True)
        text = self.tr("Sending to %1. You can cancel; the form keeps what you typed.")
        try:
            outcome = await self._with_waits(
                lambda on_wait: self.flow.send(session.client, env.name, on_wait),
                self.tr("Enrolling…"),
                text.replace("%1", env.label),
            )
        except Cancelled:
            outcome = Outcome(Phase.UNKNOWN, item=self.flow.item)
            cancelled = True
        else:
            cancelled = False
        finally:
            self._set_sending(False)
        self._render(outcome, session, cancelled=cancelled)

    def _render(self, outcome: Outcome, session: EnvironmentSession, *, cancelled: bool = False) -> None:
        error = outcome.error
        if outcome.phase is Phase.ENROLLED and outcome.result is not None:
            self._succeeded(session, outcome)
        elif outcome.phase is Phase.UNKNOWN:
            self.outcomes.show_unknown(cancelled, session.env.label, error)
        elif outcome.phase is Phase.REJECTED and isinstance(error, ValidationFailed):
            self.outcomes.show_field_errors(error, self._phone_rows)
        elif outcome.phase is Phase.DUPLICATE and isinstance(error, DuplicateCollector):
            request = self.flow.submission.request
            self.duplicates.show_already_member(
                session, error, request.contact_details.email if request else ""
            )
        elif isinstance(error, PermissionDenied):
            self.outcomes.show_error(self.tr("Not allowed"), error, retry=False)
        elif error is not None:  # not sent (offline, sign-in lapsed, a long wait asked): in the outbox
            later = outcome.phase is Phase.NOT_SENT
            self.outcomes.show_error(self.tr("Not enrolled"), error, retry=True, later=later)
        self._set_sending(False)

    async def _with_waits(self, make_call: Any, title: str, text: str) -> Any:
        with self.context.busy():
            return await self.waits.run(make_call, title, text)

    # Outcomes ----------------------------------------------------------------------------------
    def _send_later(self) -> None:
        """Leave the enrollment to the outbox (sent from there) and free the form for the next person."""
        self.flow.keep_for_later()
        self.form.clear()
        if self.drafts is not None:
            self.drafts.forget()
        self.form.set_read_only(False)
        self.status.show_state(
            "info",
            self.tr("Saved in the outbox"),
            self.tr("The console keeps this enrollment and sends it when the service answers again."),
        )
        self._set_sending(False)
        self.focus_first_field()

    def _succeeded(self, session: EnvironmentSession, outcome: Outcome) -> None:
        request = outcome.request
        assert outcome.result is not None and request is not None
        self.status.hide_state()
        if self.drafts is not None:
            self.drafts.forget()
        self.success.show_result(outcome.result, request, session.env.label)
        if outcome.consent_error is not None:
            self.success.show_note(
                self.tr(
                    "The consent evidence could not be saved to the audit file (%1). "
                    "Note the answers on paper."
                ).replace("%1", outcome.consent_error.strerror or "")
            )
        self.stack.setCurrentWidget(self.success)

    # Duplicates --------------------------------------------------------------------------------
    async def _warn_duplicates(self, session: EnvironmentSession, request: EnrollmentRequest) -> bool:
        """Search for members who look like this person; True when the user must decide first."""
        self._set_sending(True)
        try:
            outcome = await self._with_waits(
                lambda on_wait: self.flow.check_duplicates(session.client, request, on_wait),
                self.tr("Checking for existing members…"),
                self.tr(
                    "Searching %1 by email, phone, and last name with postal code or date of birth."
                ).replace("%1", session.env.label),
            )
        except Cancelled:
            self.status.hide_state()
            return True
        finally:
            self._set_sending(False)
        if outcome.phase is Phase.CHECK_FAILED and outcome.error is not None:
            self.duplicates.show_check_failed(outcome.error)
            return True
        if outcome.phase is not Phase.DUPLICATES_FOUND:
            self.status.hide_state()
            return False
        self.duplicates.show_found(outcome.duplicates)
        return True

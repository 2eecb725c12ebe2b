"""The enrollment page: the form, the duplicate warning and a submission that never blocks or duplicates."""

from __future__ import annotations

import asyncio
import itertools
import logging
import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.api.errors import (
    AuthenticationFailed,
    CollectorError,
    DuplicateCollector,
    IdempotencyInProgress,
    IdempotencyKeyReused,
    OutcomeUnknown,
    PermissionDenied,
    RateLimited,
    ServiceUnavailable,
    ValidationFailed,
)
from console.api.redaction import MASK, mask_collector_number
from console.audit import AuditLog
from console.field_profiles import ProfileSet, load_field_profiles
from console.services.enrollment import Submission
from console.ui import theme
from console.ui.enroll.form import EnrollForm
from console.ui.enroll.panels import Action, StatusPanel, SuccessView
from console.ui.lookup.results_model import status_text
from console.ui.tasks import ui_slot

if TYPE_CHECKING:
    from console.api.models import EnrollmentRequest, EnrollmentResult, SearchItem
    from console.api.session import EnvironmentSession
    from console.ui.context import ConsoleContext

log = logging.getLogger(__name__)

SEARCH_CAPABILITY = "search"
MAX_AUTO_RETRIES = 10
DEFAULT_WAIT = 5.0
MAX_WAIT = 60.0
DUPLICATE_LIMIT = 10


class _Cancelled(Exception):
    """The user pressed Cancel while a call ran."""


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
        self.submission = Submission()
        self._phone_rows: list[int] = []
        self._duplicates_cleared_key: str | None = None
        self._call: asyncio.Future[Any] | None = None
        self._sending = False
        self._environment_name: str | None = None

        language = context.settings.language
        self.form = EnrollForm(self.profiles, language, self)
        chosen = context.settings.enroll_use_case
        self.form.set_profile(chosen if chosen in self.profiles.profiles else self.profiles.default)
        self.form.sig_changed.connect(self._form_changed)
        self.status = StatusPanel(self)
        self.success = SuccessView(self)
        self.success.sig_open_member.connect(self.sig_open_member)
        self.success.sig_enroll_another.connect(self.enroll_another)

        header = self._header()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._form_page())
        self.stack.addWidget(self.success)
        locked = QLabel(self.tr("The console is locked. Unlock it to see the enrollment."), self)
        locked.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(locked)
        self._locked_page = locked
        self._page_before_lock = 0

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)

        chain = [self.profile_combo, *self.form.inputs(), self.clear_button, self.submit_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        context.sig_session_changed.connect(self._session_changed)
        context.sig_locked.connect(self._locked)
        context.sig_unlocked.connect(self._unlocked)
        self._session_changed(context.session)

    # Layout ------------------------------------------------------------------------------------
    def _use_case_chosen(self) -> None:
        name = self.profile_combo.currentData()
        self.form.set_profile(name)
        self.context.settings.enroll_use_case = name

    def _header(self) -> QHBoxLayout:
        title = QLabel(self.tr("Enroll a member"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        self.environment_label = QLabel(self)
        self.profile_combo = QComboBox(self)
        self.profile_combo.setAccessibleName(self.tr("Use case"))
        self.profile_combo.setToolTip(self.tr("Which fields this use case collects (agreed with AIR MILES)"))
        language = self.context.settings.language
        for name, profile in self.profiles.profiles.items():
            self.profile_combo.addItem(profile.label(language), name)
        self.profile_combo.setCurrentIndex(self.profile_combo.findData(self.form.profile.name))
        self.profile_combo.currentIndexChanged.connect(self._use_case_chosen)
        use_case = QLabel(self.tr("&Use case:"), self)
        use_case.setBuddy(self.profile_combo)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(16)
        header.addWidget(self.environment_label)
        header.addStretch(1)
        header.addWidget(use_case)
        header.addWidget(self.profile_combo)
        return header

    def _form_page(self) -> QWidget:
        page = QWidget(self)
        self.form_scroll = QScrollArea(page)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.form_scroll.setWidget(self.form)
        self.hint = QLabel(page)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(theme.text_style("muted"))
        self.clear_button = QPushButton(self.tr("Clear form"), page)
        self.clear_button.setAccessibleName(self.tr("Clear form"))
        self.clear_button.clicked.connect(self._clear_clicked)
        self.submit_button = QPushButton(self.tr("&Enroll"), page)
        self.submit_button.setAccessibleName(self.tr("Enroll"))
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self._submit_clicked)
        self.submit_button.setToolTip(self.tr("Enroll this person (Ctrl+Enter)"))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), page)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._submit_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form_scroll, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        return page

    # State of the form -------------------------------------------------------------------------
    def _form_changed(self) -> None:
        """The user edited the form: an error about the old content no longer applies."""
        stale = self.status.kind in ("error", "warning", "info") and not self.status.has_button("check_again")
        if stale and not self._sending:
            self.status.hide_state()
        self._refresh()

    def _refresh(self) -> None:
        """Enable Enroll only for a valid form and a signed-in session, and say what is still missing."""
        if self._sending:
            return
        state = self.form.state()
        blocking = state.blocking()
        session = self.context.session
        signed_in = session is not None and session.signed_in
        self.submit_button.setEnabled(state.valid and signed_in)
        if blocking:
            missing = ", ".join(self.form.captions(blocking))
            self.hint.setText(self.tr("To enroll, fix: %1").replace("%1", missing))
        elif not signed_in:
            self.hint.setText(self.tr("Choose an environment and sign in to enroll."))
        else:
            self.hint.setText(self.tr("Ready to enroll."))

    def _session_changed(self, session: EnvironmentSession | None) -> None:
        env = session.env if session is not None else None
        if env is None:
            self.environment_label.setText(self.tr("No environment"))
            self.environment_label.setStyleSheet("")
        elif env.is_production:
            self.environment_label.setText(self.tr("PRODUCTION: %1").replace("%1", env.label))
            self.environment_label.setStyleSheet(theme.text_style("error", bold=True))
        else:
            self.environment_label.setText(self.tr("Environment: %1").replace("%1", env.label))
            self.environment_label.setStyleSheet("")
        name = env.name if env is not None else None
        if name != self._environment_name:  # another service: a new logical enrollment there
            self._environment_name = name
            self.submission.reset()
            self._duplicates_cleared_key = None
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

    def _clear_clicked(self) -> None:
        self.form.clear()
        self.submission.reset()
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
        """Put the cursor in the first visible field (for the window, after Ctrl+N)."""
        if self.stack.currentIndex() == 0:
            next(
                (w for w in self.form.inputs() if w.isVisibleTo(self) and w.isEnabled()), self.form
            ).setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        focused = self.focusWidget()
        if focused is None or not focused.isVisibleTo(self):
            self.focus_first_field()

    def _enroll_anyway(self) -> None:
        self._duplicates_cleared_key = self.submission.key
        self._submit(skip_duplicates=True)

    @ui_slot
    async def _submit(self, skip_duplicates: bool = False) -> None:
        if self._sending:
            return
        state = self.form.state()
        if not state.valid:
            self.form.show_all_problems()
            return
        session = self.context.session
        if session is None or not session.signed_in:
            self.status.show_state(
                "error", self.tr("Not connected"), self.tr("Choose an environment and sign in to enroll.")
            )
            return
        request, key = self.submission.prepare(
            state.reading,
            state.consents,
            language=state.consent_language,
            wording_version=self.profiles.wording_version,
        )
        self._phone_rows = state.phone_rows
        env = session.env
        if (
            not skip_duplicates
            and SEARCH_CAPABILITY in env.capabilities
            and self._duplicates_cleared_key != key
        ):
            if await self._warn_duplicates(session, request):
                return
            self._duplicates_cleared_key = key
        action = self.tr("enroll a new member into “%1”").replace("%1", env.label)
        if not await self.context.confirm_write_async(self, action):
            self.status.show_state(
                "info",
                self.tr("Not sent"),
                self.tr("Nothing was sent to %1. The form is as you left it.").replace("%1", env.label),
            )
            return
        await self._send(session, request, key)

    @ui_slot
    async def _check_again(self) -> None:
        """Send the unresolved enrollment again with its key: the service replays it or creates it once."""
        session, request, key = self.context.session, self.submission.request, self.submission.key
        if session is not None and request is not None and key is not None and not self._sending:
            await self._send(session, request, key)

    def _set_sending(self, sending: bool) -> None:
        self._sending = sending
        self.form.set_read_only(sending)
        self.submit_button.setEnabled(not sending)
        self.clear_button.setEnabled(not sending)
        self.profile_combo.setEnabled(not sending)
        self._refresh()

    async def _send(self, session: EnvironmentSession, request: EnrollmentRequest, key: str) -> None:
        """Send the enrollment with `key`, waiting out a busy service; show whatever happens."""
        env_label = session.env.label
        self._set_sending(True)
        unresolved = False
        try:
            result = await self._enroll_with_waits(session, request, key)
        except _Cancelled:
            unresolved = True
            self._show_outcome_unknown(
                self.tr(
                    "You cancelled while the request was on its way, so we don't know yet whether this "
                    "member was created."
                )
            )
        except OutcomeUnknown:
            unresolved = True
            self._show_outcome_unknown(
                self.tr("The connection was lost before %1 answered.").replace("%1", env_label)
            )
        except ValidationFailed as exc:
            self._show_field_errors(exc)
        except DuplicateCollector as exc:
            self._show_duplicate_collector(session, request, exc)
        except IdempotencyKeyReused as exc:
            self.submission.reset()
            self._show_error(self.tr("Not enrolled"), exc, retry=True)
        except (AuthenticationFailed, PermissionDenied) as exc:
            self._show_error(self.tr("Not allowed"), exc, retry=False)
        except CollectorError as exc:
            self._show_error(self.tr("Not enrolled"), exc, retry=True)
        else:
            self._succeeded(session, request, result)
        finally:
            self._set_sending(False)
            if unresolved:
                self.form.set_read_only(True)
                self.submit_button.setEnabled(False)

    async def _enroll_with_waits(
        self, session: EnvironmentSession, request: EnrollmentRequest, key: str
    ) -> EnrollmentResult:
        text = self.tr("Sending to %1. You can cancel; the form keeps what you typed.")
        return await self._with_waits(
            lambda: session.client.enroll(request, idempotency_key=key),
            self.tr("Enrolling…"),
            text.replace("%1", session.env.label),
        )

    async def _with_waits(self, make_call: Any, title: str, text: str) -> Any:
        """Run `make_call()` with a Cancel button; wait out a busy or rate-limited service, then retry."""
        rounds = 0
        while True:
            self.status.show_state("busy", title, text, [Action("cancel", self.tr("Cancel"), self._cancel)])
            try:
                with self.context.busy():
                    return await self._await_call(make_call())
            except (RateLimited, ServiceUnavailable, IdempotencyInProgress) as exc:
                rounds += 1
                if rounds > MAX_AUTO_RETRIES:
                    raise
                await self._wait_out(exc)

    async def _wait_out(self, exc: CollectorError) -> None:
        """Show the wait the service asked for, count it down, and return to try again."""
        wait = getattr(exc, "retry_after", None) or (
            2.0 if isinstance(exc, IdempotencyInProgress) else DEFAULT_WAIT
        )
        seconds = math.ceil(min(max(wait, 1.0), MAX_WAIT))
        if isinstance(exc, RateLimited):
            title = self.tr("Too many requests")
        elif isinstance(exc, IdempotencyInProgress):
            title = self.tr("Still being processed")
        else:
            title = self.tr("Service unavailable")
        for remaining in range(seconds, 0, -1):
            self.status.show_state(
                "warning",
                title,
                self.tr("%1 Trying again on its own in %2 s.")
                .replace("%1", exc.message)
                .replace("%2", str(remaining)),
                [Action("cancel", self.tr("Cancel"), self._cancel)],
            )
            await self._await_call(asyncio.sleep(1))

    async def _await_call(self, awaitable: Any) -> Any:
        """Await `awaitable` so that Cancel stops it: raises _Cancelled when the user cancelled."""
        call = asyncio.ensure_future(awaitable)
        self._call = call
        try:
            await asyncio.wait({call})
        finally:
            if not call.done():
                call.cancel()
            self._call = None
        if call.cancelled():
            raise _Cancelled
        return call.result()

    def _cancel(self) -> None:
        if self._call is not None:
            self._call.cancel()

    # Outcomes ----------------------------------------------------------------------------------
    def _show_outcome_unknown(self, reason: str) -> None:
        self.status.show_state(
            "warning",
            self.tr("We don't know yet whether this member was created"),
            reason
            + " "
            + self.tr(
                "Press “Check again”: it asks with the same enrollment key, so the member can never be "
                "created twice."
            ),
            [
                Action("keep_editing", self.tr("Keep editing"), self._keep_editing),
                Action("check_again", self.tr("Check &again"), self._check_again, primary=True),
            ],
        )

    def _keep_editing(self) -> None:
        self.status.show_state(
            "info",
            self.tr("Outcome still unknown"),
            self.tr(
                "If you change the form and enroll, the service refuses a second member with the same "
                "email. Press Enroll without changes to check with the same key."
            ),
        )
        self.form.set_read_only(False)
        self._refresh()

    def _show_field_errors(self, exc: ValidationFailed) -> None:
        unplaced = self.form.show_server_errors(exc.field_errors, self._phone_rows)
        lines = [f"{e.field or ''}: {e.message or e.code}".strip(": ") for e in unplaced]
        text = self.tr("Fix the fields marked in red and enroll again.")
        if lines:
            text += "\n" + "\n".join(lines)
        self.status.show_state(
            "error", self.tr("The service refused some details"), self._with_ref(text, exc)
        )

    def _show_duplicate_collector(
        self, session: EnvironmentSession, request: EnrollmentRequest, exc: DuplicateCollector
    ) -> None:
        text = self.tr("An active member already uses %1. Nothing new was created.").replace(
            "%1", MASK
        )
        actions = []
        if SEARCH_CAPABILITY in session.env.capabilities:
            actions.append(
                Action(
                    "find_existing",
                    self.tr("&Find that member"),
                    lambda: self._find_existing(session, request),
                    primary=True,
                )
            )
        else:
            text += " " + self.tr("Look the member up by email on the Search page.")
        self.status.show_state("error", self.tr("Already a member"), self._with_ref(text, exc), actions)

    @ui_slot
    async def _find_existing(self, session: EnvironmentSession, request: EnrollmentRequest) -> None:
        try:
            with self.context.busy():
                page = await session.client.search(email=request.contact_details.email, limit=DUPLICATE_LIMIT)
        except CollectorError as exc:
            self._show_error(self.tr("Search failed"), exc, retry=False)
            return
        rows = [(self._describe(item, self.tr("same email")), self._open_action(item)) for item in page.items]
        self.status.show_state(
            "error",
            self.tr("Already a member"),
            self.tr("This is the member who uses that email:")
            if rows
            else self.tr("No active member was found with that email."),
            rows=rows,
        )

    def _show_error(self, title: str, exc: CollectorError, *, retry: bool) -> None:
        actions = (
            [Action("try_again", self.tr("Try again"), self._submit_clicked, primary=True)] if retry else []
        )
        self.status.show_state(
            "error",
            title,
            self._with_ref(exc.message + " " + self.tr("The form keeps what you typed."), exc),
            actions,
        )

    def _with_ref(self, text: str, exc: CollectorError) -> str:
        ref = getattr(exc, "correlation_id", None)
        return text + ("\n" + self.tr("Reference: %1").replace("%1", ref) if ref else "")

    def _succeeded(
        self, session: EnvironmentSession, request: EnrollmentRequest, result: EnrollmentResult
    ) -> None:
        self.status.hide_state()
        self.success.show_result(result, request, session.env.label)
        try:
            self._record_consents(session, request, result)
        except OSError as exc:
            log.error("consent evidence not saved: %s", exc.strerror)
            self.success.show_note(
                self.tr(
                    "The consent evidence could not be saved to the audit file (%1). "
                    "Note the answers on paper."
                ).replace("%1", exc.strerror or "")
            )
        self.submission.reset()
        self.stack.setCurrentWidget(self.success)

    def _record_consents(
        self, session: EnvironmentSession, request: EnrollmentRequest, result: EnrollmentResult
    ) -> None:
        staff = self.context.staff_identity()
        for consent in request.consents:
            self.audit.record_consent(
                consent_type=consent.type,
                granted=consent.granted,
                wording_version=consent.wording_version or "",
                language=consent.language or "",
                channel=consent.channel or "",
                staff=staff,
                environment=session.env.name,
                collector_number=result.collector_number,
                captured_at=consent.captured_at,
            )

    # Duplicates --------------------------------------------------------------------------------
    async def _warn_duplicates(self, session: EnvironmentSession, request: EnrollmentRequest) -> bool:
        """Search for members who look like this person; True when the user must decide first."""
        criteria = self._duplicate_criteria(request)
        self._set_sending(True)
        try:
            pages = await self._with_waits(
                lambda: asyncio.gather(
                    *(session.client.search(**kwargs, limit=DUPLICATE_LIMIT) for _reason, kwargs in criteria)
                ),
                self.tr("Checking for existing members…"),
                self.tr("Searching %1 by email, phone, and last name with postal code.").replace(
                    "%1", session.env.label
                ),
            )
        except _Cancelled:
            self.status.hide_state()
            return True
        except CollectorError as exc:
            self.status.show_state(
                "warning",
                self.tr("Could not check for existing members"),
                self._with_ref(exc.message, exc),
                [Action("enroll_anyway", self.tr("Enroll &anyway"), self._enroll_anyway, primary=True)],
            )
            return True
        finally:
            self._set_sending(False)
        found: dict[str, tuple[SearchItem, list[str]]] = {}
        for (reason, _kwargs), page in zip(criteria, pages, strict=True):
            for item in page.items:
                found.setdefault(item.collector_number, (item, []))[1].append(reason)
        if not found:
            self.status.hide_state()
            return False
        rows = [
            (self._describe(item, ", ".join(reasons)), self._open_action(item))
            for item, reasons in found.values()
        ]
        self.status.show_state(
            "warning",
            self.tr("This person may already be a member"),
            self.tr(
                "Ask the customer whether one of these is them. Open the member instead of enrolling twice."
            ),
            [
                Action("back", self.tr("Back to the form"), self.status.hide_state),
                Action("enroll_anyway", self.tr("Enroll &anyway"), self._enroll_anyway),
            ],
            rows,
        )
        return True

    def _duplicate_criteria(self, request: EnrollmentRequest) -> list[tuple[str, dict[str, str]]]:
        email = request.contact_details.email
        criteria = [(self.tr("same email %1").replace("%1", MASK), {"email": email})]
        for phone in request.contact_details.phones:
            if phone.number:
                criteria.append(
                    (
                        self.tr("same phone %1").replace("%1", MASK),
                        {"phone": phone.number},
                    )
                )
        person, address = request.personal_details, request.address_details
        if person is not None and address is not None and address.postal_code:
            criteria.append(
                (
                    self.tr("same last name and postal code"),
                    {"last_name": person.last_name, "postal_code": address.postal_code},
                )
            )
        return criteria

    def _describe(self, item: SearchItem, reasons: str) -> str:
        name = " ".join(x for x in (item.first_name, (item.last_name or "")[:1] + ".") if x and x != ".")
        place = ", ".join(x for x in (item.city, item.province) if x)
        parts = [mask_collector_number(item.collector_number), name, place, status_text(item.status)]
        return " · ".join(p for p in parts if p) + f"  ({reasons})"

    def _open_action(self, item: SearchItem) -> list[Action]:
        number = item.collector_number
        return [Action(f"open_{number}", self.tr("Open"), lambda: self.sig_open_member.emit(number))]

"""The member view: the verification step alone first; profile and summary once the caller is verified.

Both are loaded at once when a member opens, but nothing on file reaches the screen (no initials, year,
last digits or balances) until `context.verifications` says the caller of this member is verified.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from console.api.errors import CollectorError
from console.api.redaction import mask_collector_number
from console.audit import AuditLog
from console.services.verification import OnFile, State
from console.ui.lookup.member_body import MemberBody
from console.ui.lookup.member_header import MemberHeader
from console.ui.lookup.messages import Action, describe_error
from console.ui.lookup.recent import RecentMember, RecentMembers
from console.ui.lookup.verification import VerificationBox
from console.ui.tasks import PageTasks, alive
from console.ui.waiting import WaitingLine

log = logging.getLogger(__name__)

class MemberPage(QWidget):
    """Shows one member; `show_member(None)` shows the signed-in member of a member token."""

    sig_loaded = Signal()
    """Both panels finished loading (with content or an error)."""
    sig_revealed = Signal(str)
    """(field): a masked field was revealed and audited."""

    def __init__(self, context: Any, parent: QWidget | None = None, *, audit: AuditLog | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberPage")
        self._context = context
        if audit is not None:
            context.audit = audit
        self._verifications = context.verifications
        self._number: str | None = None
        self._profile: Any = None
        self._summary: Any = None
        self._profile_failed = False
        self._revealed: set[str] = set()
        self._focus_after_load: QWidget | None = None
        self._tasks = PageTasks(self)

        self.header = MemberHeader()
        self.title, self.banner, self.notice = self.header.title, self.header.banner, self.header.notice
        self.verified_label, self.override_label = self.header.verified_label, self.header.override_label
        self.reveal_all_button = self.header.reveal_all_button
        self.reveal_all_button.clicked.connect(self.reveal_all)
        self.waiting = WaitingLine()
        self.waiting.sig_cancel.connect(self.cancel_operation)

        self.verification = VerificationBox(self._verifications)
        self.verification.sig_verified.connect(self._on_verified)
        self.verification.hide()

        self.body = MemberBody()
        self.profile_panel, self.profile_stack = self.body.profile_panel, self.body.profile_stack
        self.summary_panel, self.summary_stack = self.body.summary_panel, self.body.summary_stack
        self.profile_panel.sig_reveal_requested.connect(self.reveal)
        self.profile_stack.sig_retry.connect(lambda: self._start("profile"))
        self.summary_panel.sig_refresh.connect(lambda: self.refresh("summary"))
        self.summary_stack.sig_retry.connect(lambda: self._start("summary"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.waiting)
        self.verification.setFixedWidth(720)
        step_row = QHBoxLayout()
        step_row.addWidget(self.verification)
        step_row.addStretch(1)
        layout.addLayout(step_row)
        layout.addWidget(self.body, 1)
        self._filler = QWidget()  # holds the step at the top while the panels are hidden
        self._filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        layout.addWidget(self._filler, 1)

        context.sig_call_ended.connect(self.clear)
        context.sig_locked.connect(self._render)
        context.sig_unlocked.connect(self._render)
        self.clear()

    # -- public -----------------------------------------------------------------------------------
    @property
    def collector_number(self) -> str | None:
        """The member shown (known once the profile loaded, for a member token)."""
        return self._number

    @property
    def member_mode(self) -> bool:
        session = self._context.session
        identity = session.identity if session is not None else None
        return identity is not None and identity.method == "member"

    @property
    def is_loading(self) -> bool:
        return self._tasks.running()

    @property
    def verification_required(self) -> bool:
        """True until the caller of this member is verified (a member signed in is their own caller)."""
        return not self.member_mode and not self._verifications.is_verified(self._number)

    def show_member(self, collector_number: str | None) -> None:
        """Load the profile and summary of `collector_number` at once (None: the signed-in member)."""
        current = self._verifications.current
        if current is not None and current.collector_number != collector_number:
            self._verifications.end_call()  # another member: another call
        self.clear()
        if self.member_mode:
            identity = self._context.session.identity
            if collector_number not in (None, identity.collector_number):
                self._show_notice(self.tr("Signed in as a member: showing the signed-in member."))
            collector_number = identity.collector_number
        self._number = collector_number
        self._set_title()
        session = self._context.session
        if session is None or not session.signed_in:
            for stack in (self.profile_stack, self.summary_stack):
                stack.show_error(self.tr("Sign in to look up members."), retry=False)
            return
        self.verification.setVisible(not self.member_mode)
        self._show_body(self.member_mode)
        self._start("profile")
        self._start("summary")

    def cancel_operation(self) -> bool:
        """Cancel (or Esc) while loading: stop the calls; each panel stopped says so and offers Try again."""
        stopped = [name for name in ("profile", "summary") if self._tasks.is_running(name)]
        if not stopped:
            return False
        for name in stopped:
            self._tasks.cancel(name)
        self.waiting.stop()
        text = self.tr("Loading cancelled.")
        if "summary" in stopped:
            self.summary_stack.show_error(text)
            self.summary_panel.refresh_button.setEnabled(True)
        if "profile" in stopped:
            self._profile_failed = True
            self.profile_stack.show_error(text)
        self._render()
        stack = self.profile_stack if "profile" in stopped else self.summary_stack
        stack.retry_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.sig_loaded.emit()
        return True

    def clear(self, *_args: object) -> None:
        """Forget the member: cancel loads, empty both panels and the verification step."""
        self._tasks.cancel_all()
        self.waiting.stop()
        self.summary_panel.refresh_button.setEnabled(True)
        self._number = self._profile = self._summary = None
        self._profile_failed = False
        self._revealed = set()
        self.profile_panel.clear()
        self.summary_panel.clear()
        self.verification.show_loading()
        self.verification.hide()
        self.verified_label.hide()
        self.override_label.hide()
        self.banner.hide()
        self.notice.hide()
        self._show_body(True)
        self.title.setText(self.tr("No member selected"))
        self.reveal_all_button.setEnabled(False)
        for stack in (self.profile_stack, self.summary_stack):
            stack.show_error(self.tr("Open a member from the search page."), retry=False)

    # -- reveal -----------------------------------------------------------------------------------
    def reveal(self, field: str) -> bool:
        """Show one masked field after writing the audit record; False when not allowed or not recorded."""
        if self._profile is None or self.verification_required or self._context.locked:
            return False
        session = self._context.session
        try:
            self._context.audit.record_reveal(
                staff=self._context.staff_identity(),
                collector_number=self._profile.collector_number,
                field=field,
                environment=session.env.name if session is not None else "",
            )
        except OSError as error:
            log.error("audit file not writable: %s", type(error).__name__)
            self._show_notice(self.tr("The audit file cannot be written, so the field stays masked."))
            return False
        self.profile_panel.reveal(field)
        self._revealed.add(field)
        self.sig_revealed.emit(field)
        self._focus_next_show(field)
        return True

    def reveal_all(self) -> None:
        for field in self.profile_panel.masked_fields():
            if not self.reveal(field):
                break
        self._update_reveal_state()

    # -- loading ----------------------------------------------------------------------------------
    def refresh(self, *which: str) -> None:
        """Load `which` ("profile", "summary"; both when none) again; the focus comes back where it was."""
        focused = QApplication.focusWidget()
        self._focus_after_load = focused if focused is not None and self.isAncestorOf(focused) else None
        for part in which or ("summary", "profile"):
            self._start(part)

    def _start(self, which: str) -> None:
        session = self._context.session
        if session is None:
            return
        if which == "profile":
            self._profile_failed = False
            self.profile_stack.show_loading()
            work: Coroutine[Any, Any, None] = self._load_profile(session)
        else:
            self.summary_stack.show_loading()
            self.summary_panel.refresh_button.setEnabled(False)
            work = self._load_summary(session)
        self.waiting.start(self.tr("Asking the service for the member…"))
        self._tasks.start(which, work)

    def _number_argument(self) -> str | None:
        return None if self.member_mode else self._number

    async def _load_profile(self, session: Any) -> None:
        task = asyncio.current_task()
        try:
            with self._context.busy():
                profile = await session.client.get_profile(
                    self._number_argument(), on_wait=self.waiting.show_wait)
        except CollectorError as error:
            if self._still_wanted(task):
                self._profile_failed = True
                self.profile_stack.show_error(describe_error(error, Action.PROFILE))
                self._render()
                self._finished(task)
            return
        if self._still_wanted(task):
            self._profile = profile
            self._number = profile.collector_number
            if not self.member_mode:
                self._verifications.open(
                    profile.collector_number, OnFile.from_profile(profile),
                    environment=session.env.name, staff=self._context.staff_identity())
            self._add_recent()
            self._render()
            if not self.member_mode and self.verification_required and not self._context.locked:
                self.verification.focus_first()
            self._finished(task)

    async def _load_summary(self, session: Any) -> None:
        task = asyncio.current_task()
        try:
            with self._context.busy():
                summary = await session.client.get_summary(
                    self._number_argument(), on_wait=self.waiting.show_wait)
        except CollectorError as error:
            if self._still_wanted(task):
                self.summary_stack.show_error(describe_error(error, Action.SUMMARY))
                self.summary_panel.refresh_button.setEnabled(True)
                self._finished(task)
            return
        if self._still_wanted(task):
            self._summary = summary
            self.summary_panel.refresh_button.setEnabled(True)
            self._render()
            self._finished(task)

    def _still_wanted(self, task: asyncio.Task[Any] | None) -> bool:
        """The page still exists and `task` was not replaced by a newer load or dropped by clear()."""
        return alive(self) and self._tasks.is_current(task)

    def _finished(self, task: asyncio.Task[Any] | None) -> None:
        if self._tasks.all_done_but(task):
            self.waiting.stop()
            self._restore_focus()
            self.sig_loaded.emit()

    def _restore_focus(self) -> None:
        """After a refresh: back on the control that had the focus, else on the next useful one."""
        before, self._focus_after_load = self._focus_after_load, None
        if before is None or not self.isVisible() or self._context.locked:
            return
        if shiboken6.isValid(before) and before.isVisibleTo(self) and before.isEnabled():
            before.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._useful_control().setFocus(Qt.FocusReason.OtherFocusReason)

    def _add_recent(self) -> None:
        if self._number:
            RecentMembers.of(self._context).add(RecentMember(self._number))

    # -- rendering --------------------------------------------------------------------------------
    def _render(self) -> None:
        """Show what may be shown now: nothing while locked, the verification step alone before
        the caller is verified, the member after."""
        if self._number is None and self._profile is None:
            return
        if self._context.locked:
            self._hide_member()
            self.verification.hide()
            self._show_body(False)
            self.title.setText(self.tr("Locked"))
            return
        self._set_title()
        if not self.verification_required:
            self._show_member()
        else:
            self._hide_member()
            self.verification.setVisible(not self._profile_failed)
            self._show_body(self._profile_failed)
            call = self._verifications.current
            if self._profile is not None and call is not None and call.collector_number == self._number:
                self.verification.start(call)
            if self._profile_failed and not self.summary_stack.has_error:
                self.summary_stack.show_error(
                    self.tr("The summary is shown once the caller is verified."), retry=False)
        self._update_reveal_state()

    def _show_member(self) -> None:
        self.verification.hide()
        self._show_body(True)
        if self._profile is not None:
            self.profile_panel.set_profile(self._profile)
            for field in self._revealed:
                self.profile_panel.reveal(field)
            self.profile_stack.show_content()
        if self._summary is not None:
            self.summary_panel.set_summary(self._summary, self._context.settings.language)
            self.summary_stack.show_content()
        status = (self._profile.status if self._profile is not None else None) or (
            self._summary.status if self._summary is not None else None)
        call = self._verifications.current
        overridden = call is not None and call.state is State.OVERRIDDEN and not self.member_mode
        verified = not self.member_mode and not overridden
        self.header.show_member(status, verified=verified, overridden=overridden)

    def _hide_member(self) -> None:
        """Empty the panels (the loaded data stays in memory for this call)."""
        self.profile_panel.clear()
        self.summary_panel.clear()
        for stack in (self.profile_stack, self.summary_stack):
            if not stack.has_error and not stack.is_loading:
                stack.show_loading()
        self.header.hide_member()

    # -- verification -----------------------------------------------------------------------------
    def _on_verified(self) -> None:
        self._render()
        self.reveal_all_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_reveal_state(self) -> None:
        allowed = self._profile is not None and not self.verification_required and not self._context.locked
        self.profile_panel.set_revealable(allowed, self.tr("Verify the caller first."))
        self.reveal_all_button.setEnabled(allowed and bool(self.profile_panel.masked_fields()))
        self.reveal_all_button.setVisible(not self.verification_required)

    # -- helpers ----------------------------------------------------------------------------------
    def _focus_next_show(self, field: str) -> None:
        """After a Show, focus the next Show button still there (or the next useful control)."""
        names = list(self.profile_panel.fields)
        after = names[names.index(field) + 1:] + names[:names.index(field)]
        if self.isVisible():
            self._useful_control(after).setFocus(Qt.FocusReason.OtherFocusReason)

    def _useful_control(self, order: list[str] | None = None) -> QWidget:
        """The first Show button still there (in `order`), else Refresh, else the verification step."""
        fields = self.profile_panel.fields
        shows = [fields[name].button for name in order or list(fields)
                 if not fields[name].revealed and fields[name].button.isVisibleTo(self)
                 and fields[name].button.isEnabled()]
        if shows:
            return shows[0]
        refresh = self.summary_panel.refresh_button
        if refresh.isVisibleTo(self) and refresh.isEnabled():
            return refresh
        return self.verification if self.verification.isVisible() else self

    def _show_body(self, visible: bool) -> None:
        self.body.setVisible(visible)
        self._filler.setVisible(not visible)

    def _set_title(self) -> None:
        if self._number:
            self.title.setText(self.tr("Member %1").replace("%1", mask_collector_number(self._number)))
        else:
            self.title.setText(self.tr("The signed-in member"))

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_F5 and not self._context.locked:
            self.refresh()
            return
        super().keyPressEvent(event)

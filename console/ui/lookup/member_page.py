"""The member view: profile and summary side by side, loaded at once, each with its own state."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.api.errors import CollectorError
from console.api.redaction import mask_collector_number
from console.audit import AuditLog
from console.ui import theme
from console.ui.lookup.loading import LoadingStack
from console.ui.lookup.messages import Action, describe_error
from console.ui.lookup.profile_panel import ProfilePanel
from console.ui.lookup.recent import RecentMember, RecentMembers
from console.ui.lookup.summary_panel import SummaryPanel
from console.ui.lookup.verification import VerificationBox
from console.ui.tasks import PageTasks, alive

log = logging.getLogger(__name__)

INACTIVE_STATUSES = ("INACTIVE", "CLOSED")


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
        self._audit = audit if audit is not None else AuditLog()
        self._number: str | None = None
        self._profile: Any = None
        self._summary: Any = None
        self._tasks = PageTasks(self)
        self._verified = False

        self.title = QLabel()
        self.title.setObjectName("memberTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.verified_label = QLabel(self.tr("✓ Caller verified"))
        self.verified_label.setObjectName("callerVerified")
        self.verified_label.setStyleSheet(theme.text_style("success", bold=True))
        self.verified_label.hide()
        self.reveal_all_button = QPushButton(self.tr("Show all"))
        self.reveal_all_button.setAccessibleName(self.tr("Show every masked field"))
        self.reveal_all_button.clicked.connect(self.reveal_all)
        self.banner = QLabel()
        self.banner.setObjectName("memberBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(theme.notice_box_style())
        self.banner.hide()
        self.notice = QLabel()
        self.notice.setObjectName("memberNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(theme.text_style("error"))
        self.notice.hide()

        self.verification = VerificationBox()
        self.verification.sig_verified.connect(self._on_verified)
        self.verification.hide()

        self.profile_panel = ProfilePanel()
        self.profile_panel.sig_reveal_requested.connect(self.reveal)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.profile_panel)
        self.profile_stack = LoadingStack(scroll, self.tr("Loading the profile…"))
        self.profile_stack.sig_retry.connect(lambda: self._start("profile"))
        self.summary_panel = SummaryPanel()
        self.summary_panel.sig_refresh.connect(lambda: self._start("summary"))
        self.summary_stack = LoadingStack(self.summary_panel, self.tr("Loading the summary…"))
        self.summary_stack.sig_retry.connect(lambda: self._start("summary"))

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.verified_label)
        header.addWidget(self.reveal_all_button)
        profile_box = QGroupBox(self.tr("Profile"))
        QVBoxLayout(profile_box).addWidget(self.profile_stack)
        summary_box = QGroupBox(self.tr("Summary"))
        QVBoxLayout(summary_box).addWidget(self.summary_stack)
        body = QHBoxLayout()
        body.addWidget(profile_box, 3)
        body.addWidget(summary_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.verification)
        layout.addLayout(body, 1)

        context.sig_session_changed.connect(self.clear)
        context.sig_locked.connect(self.clear)
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
        enabled = bool(self._context.settings.caller_verification)
        return enabled and not self.member_mode and not self._verified

    def show_member(self, collector_number: str | None) -> None:
        """Load the profile and summary of `collector_number` at once (None: the signed-in member)."""
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
        self._start("profile")
        self._start("summary")

    def clear(self, *_args: object) -> None:
        """Forget the member: cancel loads, empty both panels, mask everything again."""
        self._tasks.cancel_all()
        self.summary_panel.refresh_button.setEnabled(True)
        self._number = self._profile = self._summary = None
        self._verified = False
        self.profile_panel.clear()
        self.summary_panel.clear()
        self.verification.hide()
        self.verified_label.hide()
        self.banner.hide()
        self.notice.hide()
        self.title.setText(self.tr("No member selected"))
        self.reveal_all_button.setEnabled(False)
        for stack in (self.profile_stack, self.summary_stack):
            stack.show_error(self.tr("Open a member from the search page."), retry=False)

    # -- reveal -----------------------------------------------------------------------------------
    def reveal(self, field: str) -> bool:
        """Show one masked field after writing the audit record; False when not allowed or not recorded."""
        if self._profile is None or self.verification_required:
            return False
        session = self._context.session
        try:
            self._audit.record_reveal(
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
        self.sig_revealed.emit(field)
        return True

    def reveal_all(self) -> None:
        for field in self.profile_panel.masked_fields():
            if not self.reveal(field):
                break
        self._update_reveal_state()

    # -- loading ----------------------------------------------------------------------------------
    def _start(self, which: str) -> None:
        session = self._context.session
        if session is None:
            return
        if which == "profile":
            self.profile_stack.show_loading()
            work: Coroutine[Any, Any, None] = self._load_profile(session)
        else:
            self.summary_stack.show_loading()
            self.summary_panel.refresh_button.setEnabled(False)
            work = self._load_summary(session)
        self._tasks.start(which, work)

    def _number_argument(self) -> str | None:
        return None if self.member_mode else self._number

    async def _load_profile(self, session: Any) -> None:
        task = asyncio.current_task()
        try:
            with self._context.busy():
                profile = await session.client.get_profile(self._number_argument())
        except CollectorError as error:
            if self._still_wanted(task):
                self.profile_stack.show_error(describe_error(error, Action.PROFILE))
                self._finished(task)
            return
        if self._still_wanted(task):
            self._profile = profile
            self._number = profile.collector_number
            self.profile_panel.set_profile(profile)
            self.profile_stack.show_content()
            self._set_title()
            self._after_load()
            if self.verification_required:
                self.verification.set_profile(profile)
                self.verification.show()
                self._chain_tab_order()
            self._update_reveal_state()
            self._finished(task)

    async def _load_summary(self, session: Any) -> None:
        task = asyncio.current_task()
        try:
            with self._context.busy():
                summary = await session.client.get_summary(self._number_argument())
        except CollectorError as error:
            if self._still_wanted(task):
                self.summary_stack.show_error(describe_error(error, Action.SUMMARY))
                self.summary_panel.refresh_button.setEnabled(True)
                self._finished(task)
            return
        if self._still_wanted(task):
            self._summary = summary
            self.summary_panel.set_summary(summary, self._context.settings.language)
            self.summary_stack.show_content()
            self.summary_panel.refresh_button.setEnabled(True)
            self._after_load()
            self._finished(task)

    def _still_wanted(self, task: asyncio.Task[Any] | None) -> bool:
        """The page still exists and `task` was not replaced by a newer load or dropped by clear()."""
        return alive(self) and self._tasks.is_current(task)

    def _finished(self, task: asyncio.Task[Any] | None) -> None:
        if self._tasks.all_done_but(task):
            self.sig_loaded.emit()

    def _after_load(self) -> None:
        status = (self._profile.status if self._profile is not None else None) or (
            self._summary.status if self._summary is not None else None)
        if status in INACTIVE_STATUSES:
            self.banner.setText(
                self.tr("This member is inactive: the account cannot collect or redeem Miles.")
                if status == "INACTIVE" else
                self.tr("This member's account is closed: it cannot collect or redeem Miles."))
            self.banner.show()
        if self._number:
            RecentMembers.of(self._context).add(RecentMember(
                self._number,
                (self._summary.first_name if self._summary is not None else None)
                or (self._profile.personal_details.first_name
                    if self._profile is not None and self._profile.personal_details else None),
                self._summary.tier if self._summary is not None else None,
            ))

    # -- verification -----------------------------------------------------------------------------
    def _on_verified(self) -> None:
        self._verified = True
        self.verification.hide()
        self.verified_label.show()
        self._update_reveal_state()

    def _update_reveal_state(self) -> None:
        allowed = self._profile is not None and not self.verification_required
        self.profile_panel.set_revealable(allowed, self.tr("Verify the caller first."))
        self.reveal_all_button.setEnabled(allowed and bool(self.profile_panel.masked_fields()))

    # -- helpers ----------------------------------------------------------------------------------
    def _chain_tab_order(self) -> None:
        """Checklist first (typed into at once), then the profile's Show buttons, then Refresh."""
        chain: list[QWidget] = [self.reveal_all_button]
        for line, box in zip(self.verification.inputs, self.verification.checkboxes, strict=True):
            chain += [line, box] if line.isVisibleTo(self.verification) else [box]
        chain += [field.button for field in self.profile_panel.fields.values()]
        chain.append(self.summary_panel.refresh_button)
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        chain[1].setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_title(self) -> None:
        if self._number:
            self.title.setText(self.tr("Member %1").replace("%1", mask_collector_number(self._number)))
        else:
            self.title.setText(self.tr("The signed-in member"))

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_F5:
            self._start("summary")
            self._start("profile")
            return
        super().keyPressEvent(event)

"""The state every page shares: the current environment session, settings, lock and busy state."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from console.ui.settings import Settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from console.api.environments import Environment
    from console.api.session import EnvironmentSession
    from console.audit import AuditLog
    from console.services.drafts import DraftsOpener
    from console.services.outbox import OutboxOpener
    from console.services.sessions import Change, Sessions
    from console.services.verification import Verifications


class ConsoleContext(QObject):
    """Handed to every page: what the console is connected to and what the user may see.

    The one place where the sessions registry's announcements become Qt signals. Pages read `session`
    (the current environment's `EnvironmentSession`, or None while none is open) and clear member data
    on `sig_session_changed` and `sig_locked`.
    """

    sig_session_changed = Signal(object)
    """(EnvironmentSession | None): the environment was switched, or its user signed in or out."""
    sig_token_renewed = Signal()
    """The current session got a new access token."""
    sig_locked = Signal()
    """The window locked after idle time: hide member data now."""
    sig_unlocked = Signal()
    """The user proved who they are again."""
    sig_busy_changed = Signal(bool)
    """(busy): the first request started, or the last one finished."""
    sig_call_ended = Signal()
    """Forget the call in progress (member, its verification, recent members): see `Change.CALL_ENDED`."""

    def __init__(self, settings: Settings | None = None, parent: QObject | None = None,
                 sessions: Sessions | None = None, audit: AuditLog | None = None) -> None:
        super().__init__(parent)
        self._settings = settings if settings is not None else Settings(parent=self)
        self._audit = audit
        self._verifications: Verifications | None = None
        self._outbox: OutboxOpener | None = None
        self._drafts: DraftsOpener | None = None
        self._drafts_off = False
        self._busy_count = 0
        self._sessions: Sessions | None = None
        self._unsubscribe: Callable[[], None] | None = None
        if sessions is not None:
            self.attach(sessions)

    @property
    def verifications(self) -> Verifications:
        """The caller verifications of this console (Qt-free; `is_verified(number)`).

        Made on first use: the audit file and the matching rules stay out of the first paint.
        """
        if self._verifications is None:
            from console.audit import AuditLog
            from console.services.verification import Verifications

            settings = self._settings
            self._verifications = Verifications(
                self._audit if self._audit is not None else AuditLog(),
                policy=lambda: settings.verification_policy,
                lock_seconds=lambda: settings.verification_lock_minutes * 60.0)
        return self._verifications

    @property
    def outbox(self) -> OutboxOpener:
        """The enrollment outbox, opened when first needed (the window's status bar, a submission).

        Imported on first use: the storage and encryption stack stays out of the first paint.
        """
        if self._outbox is None:
            from console.services.outbox import OutboxOpener

            self._outbox = OutboxOpener()
        return self._outbox

    @outbox.setter
    def outbox(self, opener: OutboxOpener) -> None:
        self._outbox = opener

    @property
    def drafts(self) -> DraftsOpener | None:
        """The encrypted draft of the enrollment form being typed (None: no drafts)."""
        if self._drafts is None and not self._drafts_off:
            from console.services.drafts import DraftsOpener

            self._drafts = DraftsOpener(self.outbox)
        return self._drafts

    @drafts.setter
    def drafts(self, opener: DraftsOpener | None) -> None:
        self._drafts, self._drafts_off = opener, opener is None

    def attach(self, sessions: Sessions) -> None:
        """Follow `sessions` (the registry the window switches environments in) from now on."""
        if self._unsubscribe is not None:
            self._unsubscribe()
        self._sessions = sessions
        self._unsubscribe = sessions.subscribe(self._on_change)

    def _on_change(self, change: Change) -> None:
        # Compared by value: this module stays importable before the API layer (first paint).
        if change == "token_renewed":
            self.sig_token_renewed.emit()
        elif change == "locked":
            self.sig_locked.emit()
        elif change == "unlocked":
            self.sig_unlocked.emit()
        elif change == "call_ended":
            if self._verifications is not None:  # none made yet: no call to end
                self._verifications.end_call()
            self.sig_call_ended.emit()
        else:
            self.sig_session_changed.emit(self.session)

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def audit(self) -> AuditLog:
        """The audit file reveals, consents and verifications are written to."""
        return self.verifications.audit

    @audit.setter
    def audit(self, audit: AuditLog) -> None:
        self._audit = audit
        if self._verifications is not None:
            self._verifications.audit = audit

    @property
    def sessions(self) -> Sessions:
        """The registry; an empty one until the window attaches its own (pages shown on their own)."""
        if self._sessions is None:
            self.attach(_no_sessions())
        assert self._sessions is not None
        return self._sessions

    @property
    def session(self) -> EnvironmentSession | None:
        return self._sessions.current if self._sessions is not None else None

    @property
    def environment(self) -> Environment | None:
        session = self.session
        return session.env if session is not None else None

    @property
    def is_production(self) -> bool:
        env = self.environment
        return env is not None and env.is_production

    def set_session(self, session: EnvironmentSession | None) -> None:
        """Make `session` current without an environment switch (a page shown on its own, in tests)."""
        self.sessions.make_current(session)

    # Lock ------------------------------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self._sessions is not None and self._sessions.locked

    def lock(self) -> None:
        self.sessions.lock()

    def unlock(self) -> None:
        self.sessions.unlock()

    # Busy ------------------------------------------------------------------------------------------
    @property
    def is_busy(self) -> bool:
        return self._busy_count > 0

    @contextmanager
    def busy(self) -> Iterator[None]:
        """Mark a request as running for the whole `with` block (nests; always released)."""
        self._busy_count += 1
        if self._busy_count == 1:
            self.sig_busy_changed.emit(True)
        try:
            yield
        finally:
            self._busy_count -= 1
            if self._busy_count == 0:
                self.sig_busy_changed.emit(False)

    # Writes ----------------------------------------------------------------------------------------
    def confirm_write(self, parent: QWidget | None, action: str) -> bool:
        """True when the write may go ahead; in Production the user is asked once more.

        `action` is the translated description of the write, e.g. "enroll Ève Tremblay".
        Call it from a plain slot only: inside a coroutine the box's nested event loop would step other
        asyncio tasks while this one runs ("Cannot enter into task"); use `confirm_write_async` there.
        """
        if not self.is_production:
            return True
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            parent,
            self.tr("Write to Production"),
            self.tr("You are about to %1 in PRODUCTION, on live member data.\n\nGo ahead?").replace(
                "%1", action),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    async def confirm_write_async(self, parent: QWidget | None, action: str) -> bool:
        """`confirm_write` for coroutines: the question runs from the Qt loop, outside any asyncio task."""
        if not self.is_production:
            return True
        import qasync

        return await qasync.asyncWrap(self.confirm_write, parent, action)

    def staff_identity(self) -> str:
        """Who is at the keyboard, for audit and consent records: OS login, and the signed-in identity."""
        user = _login_name()
        session = self.session
        identity = session.identity if session is not None else None
        if identity is None:
            return user
        return f"{user} ({identity.method}: {identity.display})"


def _no_sessions() -> Sessions:
    from console.api.session import EnvironmentSession
    from console.services.sessions import Sessions

    return Sessions({}, EnvironmentSession)


def _login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"

"""Idle lock: a warning a minute before, then after the configured time without input the window locks.

Unlocking needs the partner secret again, or a new member sign-in; the same identity gets its call back.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.api.errors import CollectorError, WrongCredentials
from console.ui import theme
from console.ui.context import ConsoleContext
from console.ui.errors import error_text
from console.ui.tasks import ui_slot
from console.ui.widgets import InlineMessage

if TYPE_CHECKING:
    from console.api.session import Identity

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress, QEvent.Type.Shortcut,
})


WARNING_SECONDS = 60.0
"""How long before locking the warning with "Continue working" shows."""


class IdleWatcher(QObject):
    """An application-wide event filter that notes the last input, warns, then locks the context when idle.

    The filter only stores a timestamp; one single-shot timer checks it, so input costs nothing.
    Locking happens only while someone is signed in (there is nothing to hide otherwise). `clock` is
    monotonic seconds; tests hand in their own and call `check()` instead of waiting.
    """

    sig_warning = Signal(float)
    """(seconds left): the console locks soon unless there is input or "Continue working"."""
    sig_warning_over = Signal()
    """The warning is no longer needed (input came, or the console locked)."""

    def __init__(self, context: ConsoleContext, app: QCoreApplication | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(context)
        self._context = context
        found = app or QCoreApplication.instance()
        if found is None:
            raise RuntimeError("the idle lock watches the application: create it first")
        self._app = found
        self._clock = clock
        self._last_input = clock()
        self._limit_override: float | None = None
        self.warning = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        self._app.installEventFilter(self)
        context.settings.sig_changed.connect(self._on_setting_changed)
        context.sig_unlocked.connect(self.restart)
        context.sig_session_changed.connect(self.restart)
        self.restart()

    @property
    def limit_seconds(self) -> float:
        """Idle seconds before locking; 0 means never."""
        if self._limit_override is not None:
            return self._limit_override
        return self._context.settings.idle_lock_minutes * 60.0

    def set_limit_seconds(self, seconds: float | None) -> None:
        """Override the settings' minutes (None: back to the setting). For tests and demos."""
        self._limit_override = seconds
        self.restart()

    def seconds_left(self) -> float:
        """Seconds before the lock at this rate of (no) input."""
        return max(0.0, self.limit_seconds - (self._clock() - self._last_input))

    def restart(self, *_args: object) -> None:
        """Count idle time from now ("Continue working", unlock, sign-in)."""
        self._last_input = self._clock()
        self._end_warning()
        self.check()

    def stop(self) -> None:
        self._timer.stop()
        self._app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._last_input = self._clock()
            if self.warning:
                self._end_warning()
                self.check()
        return False

    def check(self) -> None:
        """Warn or lock when it is time; otherwise wait for the next moment that matters."""
        limit = self.limit_seconds
        if limit <= 0 or self._context.locked:
            self._timer.stop()
            self._end_warning()
            return
        session = self._context.session
        if session is None or not session.signed_in:
            self._last_input = self._clock()
            self._end_warning()
            self._schedule(limit)
            return
        left = self.seconds_left()
        if left <= 0:
            self._end_warning()
            self._context.lock()
            return
        warn_in = left - min(WARNING_SECONDS, limit)
        if warn_in <= 0:
            if not self.warning:
                self.warning = True
                self.sig_warning.emit(left)
            self._schedule(left)
        else:
            self._schedule(warn_in)

    def _end_warning(self) -> None:
        if self.warning:
            self.warning = False
            self.sig_warning_over.emit()

    def _schedule(self, seconds: float) -> None:
        self._timer.start(max(1, int(seconds * 1000)))

    def _on_setting_changed(self, key: str) -> None:
        if key == type(self._context.settings).idle_lock_minutes.key:
            self.restart()


class IdleWarning(QFrame):
    """A band over the pages: "the console locks in 42 s" with "Continue working" (focused)."""

    def __init__(self, watcher: IdleWatcher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("idleWarning")
        background, foreground = theme.panel_style("warning")
        self.setStyleSheet(f"#idleWarning {{ background: {background}; "
                           f"border: 1px solid {theme.colours().notice_border}; }} "
                           f"#idleWarning QLabel {{ color: {foreground}; }}")
        self._watcher = watcher
        self._focus_before: QWidget | None = None
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.continue_button = QPushButton(self.tr("&Continue working"))
        self.continue_button.setAccessibleName(self.tr("Continue working: do not lock"))
        self.continue_button.clicked.connect(self._continue)
        row = QHBoxLayout(self)
        row.addWidget(self.message, 1)
        row.addWidget(self.continue_button)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.refresh)
        watcher.sig_warning.connect(self._on_warning)
        watcher.sig_warning_over.connect(self._on_over)
        self.hide()

    def refresh(self) -> None:
        seconds = int(-(-self._watcher.seconds_left() // 1))
        if seconds == 1:
            text = self.tr("No input for a while: the console locks in 1 second and hides member data.")
        else:
            text = self.tr("No input for a while: the console locks in %1 seconds and hides member data.")
        self.message.setText(text.replace("%1", str(seconds)))

    def _on_warning(self, _seconds: float) -> None:
        self.refresh()
        self.show()
        self._ticker.start()
        focused = QApplication.focusWidget()
        self._focus_before = focused if focused is not self.continue_button else None
        self.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_over(self) -> None:
        self._ticker.stop()
        had_focus = self.continue_button.hasFocus()
        self.hide()
        before, self._focus_before = self._focus_before, None
        if had_focus and before is not None and shiboken6.isValid(before) and before.isVisible():
            before.setFocus(Qt.FocusReason.OtherFocusReason)

    def _continue(self) -> None:
        self._watcher.restart()


class LockScreen(QWidget):
    """Shown instead of the pages while locked: unlock with the partner secret or a new member sign-in."""

    sig_sign_in_requested = Signal()
    """The user wants to sign in as someone else (the window opens the sign-in dialog)."""

    def __init__(self, context: ConsoleContext, *, open_browser: Callable[[str], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._open_browser = open_browser
        title = QLabel(self.tr("Locked"))
        title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(self.tr("Partner secret"))
        self.secret.setPlaceholderText(self.tr("Partner secret"))
        self.secret.returnPressed.connect(self._on_unlock_clicked)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.clicked.connect(self._on_unlock_clicked)
        self.message = InlineMessage()
        self.message.setAccessibleName(self.tr("Unlock problem"))
        self.other_button = QPushButton(self.tr("Sign in as someone &else…"))
        self.other_button.clicked.connect(self.sig_sign_in_requested)
        box = QVBoxLayout()
        box.setSpacing(10)
        box.addWidget(title, alignment=Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.reason)
        row = QHBoxLayout()
        row.addWidget(self.secret, 1)
        row.addWidget(self.unlock_button)
        box.addLayout(row)
        box.addWidget(self.message)
        box.addWidget(self.other_button, alignment=Qt.AlignmentFlag.AlignRight)
        frame = QWidget()
        frame.setFixedWidth(480)
        frame.setLayout(box)
        centred = QHBoxLayout()  # centred by stretches, not alignment, so the frame grows with wrapped text
        centred.addStretch(1)
        centred.addWidget(frame)
        centred.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(2)
        context.sig_locked.connect(self._prepare)

    def _identity(self) -> Identity | None:
        session = self._context.session
        return session.identity if session is not None else None

    def _prepare(self) -> None:
        identity = self._identity()
        partner = identity if identity is not None and identity.method == "partner" else None
        self.message.clear_message()
        self.secret.clear()
        self.secret.setVisible(partner is not None)
        if partner is not None:
            self.reason.setText(self.tr(
                "The console locked after a while without input. Member data is hidden. "
                "Enter the secret of %1 to unlock.").replace("%1", partner.client_id))
            self.unlock_button.setText(self.tr("&Unlock"))
            self.secret.setFocus()
        else:
            self.reason.setText(self.tr(
                "The console locked after a while without input. Member data is hidden. "
                "The member signs in again in the browser to unlock."))
            self.unlock_button.setText(self.tr("Sign in in the &browser"))
            self.unlock_button.setFocus()

    @ui_slot
    async def _on_unlock_clicked(self) -> None:
        await self.unlock()

    async def unlock(self) -> bool:
        """Prove the user again (partner secret, or a new member sign-in); True when unlocked."""
        session = self._context.session
        identity = self._identity()
        if session is None or identity is None:
            self._context.unlock()
            return True
        self.message.clear_message()
        self.unlock_button.setEnabled(False)
        try:
            with self._context.busy():
                if identity.method == "partner":
                    if not self.secret.text():
                        self.message.show_message(self.tr("Enter the secret."))
                        return False
                    remember = session.remembered_partner is not None
                    await session.sign_in_partner(identity.client_id, self.secret.text(), remember)
                else:
                    await session.sign_in_member(self._member_connection(identity), self._open_browser)
        except WrongCredentials:
            self.message.show_message(self.tr("Wrong secret."))
            self.secret.selectAll()
            return False
        except CollectorError as exc:
            self.message.show_message(error_text(exc))
            return False
        finally:
            self.unlock_button.setEnabled(True)
        self.secret.clear()
        self._context.unlock()
        return True

    @staticmethod
    def _member_connection(identity: Identity) -> Literal["email", "pin"]:
        return "pin" if getattr(identity, "connection", None) == "pin" else "email"

"""Shows the retry loop's waits on a status panel: why, and a countdown to the next attempt, with Cancel."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer

from console.api import retry
from console.ui.enroll.panels import Action, StatusPanel

T = TypeVar("T")
_CONTEXT = "WaitNotice"
# reason: (title, sentence)
_WORDS: dict[str, tuple[object, object]] = {
    retry.RATE_LIMITED: (
        QT_TRANSLATE_NOOP("WaitNotice", "Too many requests"),
        QT_TRANSLATE_NOOP("WaitNotice", "The service asked the console to slow down."),
    ),
    retry.UNAVAILABLE: (
        QT_TRANSLATE_NOOP("WaitNotice", "Service unavailable"),
        QT_TRANSLATE_NOOP("WaitNotice", "The service is unavailable right now."),
    ),
    retry.IN_PROGRESS: (
        QT_TRANSLATE_NOOP("WaitNotice", "Still being processed"),
        QT_TRANSLATE_NOOP("WaitNotice", "The service is still processing this enrollment."),
    ),
    retry.SERVER_ERROR: (
        QT_TRANSLATE_NOOP("WaitNotice", "Service error"),
        QT_TRANSLATE_NOOP("WaitNotice", "The service had an internal error."),
    ),
    retry.CONNECTION: (
        QT_TRANSLATE_NOOP("WaitNotice", "Connection problem"),
        QT_TRANSLATE_NOOP("WaitNotice", "The service could not be reached."),
    ),
    retry.TIMEOUT: (
        QT_TRANSLATE_NOOP("WaitNotice", "No answer yet"),
        QT_TRANSLATE_NOOP("WaitNotice", "The service did not answer in time."),
    ),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class Cancelled(Exception):
    """The user pressed Cancel while the call ran."""


class WaitNotice(QObject):
    """While a call runs: its busy state, then each wait the retry loop reports, counted down in seconds;
    Cancel stops the call."""

    def __init__(self, panel: StatusPanel) -> None:
        super().__init__(panel)
        self._panel = panel
        self._call: asyncio.Future[Any] | None = None
        self._busy: tuple[str, str] = ("", "")
        self._wait: retry.Wait | None = None
        self._remaining = 0
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)

    async def run(self, make_call: Callable[[retry.WaitListener], Awaitable[T]], title: str, text: str) -> T:
        """Await `make_call(listener)` showing its waits; raises `Cancelled` when the user cancelled."""
        self.start(title, text)
        call = asyncio.ensure_future(make_call(self.show_wait))
        self._call = call
        try:
            await asyncio.wait({call})
        finally:
            if not call.done():
                call.cancel()
            self._call = None
            self.stop()
        if call.cancelled():
            raise Cancelled
        return call.result()

    def _cancel(self) -> None:
        if self._call is not None:
            self._call.cancel()

    def start(self, title: str, text: str) -> None:
        """Show the call as busy, with Cancel."""
        self._busy = (title, text)
        self._timer.stop()
        self._panel.show_state("busy", title, text, [self._cancel_action()])

    def show_wait(self, wait: retry.Wait) -> None:
        """The retry loop's listener: show why it waits and count down to the next attempt."""
        self._wait = wait
        self._remaining = max(1, math.ceil(wait.seconds))
        self._render()
        self._timer.start()

    def stop(self) -> None:
        """The call ended: no more countdown (the caller shows the outcome)."""
        self._timer.stop()
        self._wait = None

    def _tick(self) -> None:
        self._remaining -= 1
        if self._remaining <= 0:
            self.start(*self._busy)  # the next attempt is on its way
        else:
            self._render()

    def _render(self) -> None:
        if self._wait is None:
            return
        title, sentence = _WORDS.get(self._wait.reason, _WORDS[retry.SERVER_ERROR])
        text = (
            QCoreApplication.translate("EnrollPage", "%1 Trying again on its own in %2 s.")
            .replace("%1", _tr(str(sentence)))
            .replace("%2", str(self._remaining))
        )
        self._panel.show_state("warning", _tr(str(title)), text, [self._cancel_action()])

    def _cancel_action(self) -> Action:
        return Action("cancel", QCoreApplication.translate("EnrollPage", "Cancel"), self._cancel)

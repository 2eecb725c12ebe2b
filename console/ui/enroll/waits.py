"""Shows the retry loop's waits on a status panel: why, and a countdown to the next attempt, with Cancel."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

from console.api import retry
from console.ui.enroll.panels import Action, StatusPanel
from console.ui.waiting import WaitCountdown

T = TypeVar("T")
_CONTEXT = "WaitNotice"
# reason: the panel's title while waiting (the sentence comes from console.ui.waiting)
_TITLES: dict[str, object] = {
    retry.RATE_LIMITED: QT_TRANSLATE_NOOP("WaitNotice", "Service busy"),
    retry.UNAVAILABLE: QT_TRANSLATE_NOOP("WaitNotice", "Service in maintenance"),
    retry.IN_PROGRESS: QT_TRANSLATE_NOOP("WaitNotice", "Still being processed"),
    retry.SERVER_ERROR: QT_TRANSLATE_NOOP("WaitNotice", "Service error"),
    retry.CONNECTION: QT_TRANSLATE_NOOP("WaitNotice", "Connection problem"),
    retry.TIMEOUT: QT_TRANSLATE_NOOP("WaitNotice", "No answer yet"),
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
        self._countdown = WaitCountdown(self)
        self._countdown.sig_text.connect(self._render)

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
        self._countdown.stop()
        self._show("busy", title, text)

    def show_wait(self, wait: retry.Wait) -> None:
        """The retry loop's listener: show why it waits and count down to the next attempt."""
        self._countdown.show_wait(wait)

    def stop(self) -> None:
        """The call ended: no more countdown (the caller shows the outcome)."""
        self._countdown.stop()

    def _render(self, text: str) -> None:
        wait = self._countdown.wait
        if wait is None:
            return
        title = _TITLES.get(wait.reason, _TITLES[retry.SERVER_ERROR])
        self._show("warning", _tr(str(title)), text)

    def _show(self, kind: str, title: str, text: str) -> None:
        """The panel with Cancel; the focus stays on Cancel if it was there (the panel renews its buttons)."""
        panel = self._panel
        focused = panel.has_button("cancel") and panel.button("cancel").hasFocus()
        panel.show_state(kind, title, text, [self._cancel_action()])
        if focused:
            panel.button("cancel").setFocus()

    def _cancel_action(self) -> Action:
        """Cancel takes the focus: the form is read-only while the call runs."""
        text = QCoreApplication.translate("EnrollPage", "Cancel")
        return Action("cancel", text, self._cancel, primary=True)

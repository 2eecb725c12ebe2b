"""What the console says while it waits for the service, and the line with Cancel a loading page shows.

The retry loop (`console.api.retry`) reports each wait before it starts; `WaitCountdown` turns it into a
sentence counted down to the next attempt ("The service is in maintenance; trying again in 25 s."), in
the catalogue's words. `WaitingLine` shows what a page is doing, then each wait, with a Cancel button.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from console.api import retry
from console.ui import theme


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for; typed as str
    return text


_CONTEXT = "Waiting"
# reason: (while counting down, with %1 the seconds left; once the next attempt is on its way)
_SENTENCES: dict[str, tuple[str, str]] = {
    retry.RATE_LIMITED: (
        QT_TRANSLATE_NOOP("Waiting", "The service is busy; trying again in %1 s."),
        QT_TRANSLATE_NOOP("Waiting", "The service is busy; trying again now."),
    ),
    retry.UNAVAILABLE: (
        QT_TRANSLATE_NOOP("Waiting", "The service is in maintenance; trying again in %1 s."),
        QT_TRANSLATE_NOOP("Waiting", "The service is in maintenance; trying again now."),
    ),
    retry.IN_PROGRESS: (
        QT_TRANSLATE_NOOP("Waiting", "The service is still processing the enrollment; trying again in %1 s."),
        QT_TRANSLATE_NOOP("Waiting", "The service is still processing the enrollment; trying again now."),
    ),
    retry.SERVER_ERROR: (
        QT_TRANSLATE_NOOP("Waiting", "The service had an internal error; trying again in %1 s."),
        QT_TRANSLATE_NOOP("Waiting", "The service had an internal error; trying again now."),
    ),
    retry.CONNECTION: (
        QT_TRANSLATE_NOOP("Waiting", "The service cannot be reached; trying again in %1 s."),
        QT_TRANSLATE_NOOP("Waiting", "The service cannot be reached; trying again now."),
    ),
    retry.TIMEOUT: (
        QT_TRANSLATE_NOOP("Waiting", "The service did not answer in time; trying again in %1 s."),
        QT_TRANSLATE_NOOP("Waiting", "The service did not answer in time; trying again now."),
    ),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def wait_sentence(reason: str, seconds_left: int) -> str:
    """Why the console waits and when it tries again; `seconds_left` 0 or less: it is trying now."""
    counting, now = _SENTENCES.get(reason, _SENTENCES[retry.SERVER_ERROR])
    if seconds_left <= 0:
        return _tr(now)
    return _tr(counting).replace("%1", str(seconds_left))


class WaitCountdown(QObject):
    """Counts a reported wait down to the next attempt; `sig_text` carries each new sentence."""

    sig_text = Signal(str)
    """The sentence to show now (it changes every second of a wait, then says the console tries again)."""

    def __init__(self, parent: QObject | None = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._wait: retry.Wait | None = None
        self._ends = 0.0
        self.text = ""
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)

    @property
    def wait(self) -> retry.Wait | None:
        """The wait being counted down (or the last one, while its next attempt runs); None once stopped."""
        return self._wait

    def show_wait(self, wait: retry.Wait) -> None:
        """The retry loop's listener: count `wait` down."""
        self._wait = wait
        self._ends = self._clock() + max(0.0, wait.seconds)
        self.text = ""
        self._timer.start()
        self._tick()

    def stop(self) -> None:
        """The call ended: nothing more to count."""
        self._timer.stop()
        self._wait = None
        self.text = ""

    def _tick(self) -> None:
        if self._wait is None:
            return
        left = math.ceil(self._ends - self._clock())
        if left <= 0:
            self._timer.stop()
        text = wait_sentence(self._wait.reason, left)
        if text != self.text:
            self.text = text
            self.sig_text.emit(text)


class WaitingLine(QWidget):
    """While a page waits for the service: what it is doing, then each wait counted down, and Cancel.

    Hidden until `start`; `sig_cancel` when the user presses Cancel (the page cancels its call and
    puts the focus somewhere useful).
    """

    sig_cancel = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waitingLine")
        self._doing = ""
        self._bar = QProgressBar()
        self._bar.setRange(0, 0)
        self._bar.setTextVisible(False)
        self._bar.setFixedWidth(60)
        self._bar.setMaximumHeight(10)
        self.label = QLabel()
        self.label.setObjectName("waitingText")
        self.label.setAccessibleName(self.tr("What the console is waiting for"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("waitingCancel")
        self.cancel_button.setAccessibleName(self.tr("Cancel the request"))
        self.cancel_button.clicked.connect(self.sig_cancel)
        self.countdown = WaitCountdown(self)
        self.countdown.sig_text.connect(self._show_text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._bar, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.label)
        layout.addSpacing(12)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addStretch(1)  # Cancel stays next to what it cancels
        self.hide()

    @property
    def is_waiting(self) -> bool:
        """Between `start` and `stop`."""
        return not self.isHidden()

    def start(self, doing: str) -> None:
        """A call started: say what it does (the page's words), with Cancel."""
        self._doing = doing
        self.countdown.stop()
        self._show_text(doing, warning=False)
        self.show()

    def show_wait(self, wait: retry.Wait) -> None:
        """The retry loop's listener: say why the call waits and when it tries again."""
        self.countdown.show_wait(wait)

    def stop(self) -> None:
        """The call ended (answered, failed or cancelled): the line goes away."""
        self.countdown.stop()
        self.hide()

    def _show_text(self, text: str, *, warning: bool = True) -> None:
        self.label.setText(text)
        self.label.setStyleSheet(theme.text_style("warning", bold=True) if warning else "")

"""The sandbox's time: the real clock plus an offset that `POST /_sandbox/clock` moves forward.

Token lifetimes, sign-in codes, idempotency records, rate-limit windows, injected latency and the
dates the sandbox writes all read this clock, so a test can jump a day ahead instead of waiting.
"""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import UTC, date, datetime

MAX_ADVANCE = 10 * 366 * 86400
"""The largest single step forward (about ten years)."""


class Clock:
    """Real time plus `offset` seconds; `advance()` wakes whatever sleeps on it."""

    def __init__(self) -> None:
        self.offset = 0.0
        self.sleeping = 0
        self._lock = threading.Lock()
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = set()

    def time(self) -> float:
        """Seconds since the epoch, as the sandbox sees them."""
        return time.time() + self.offset

    def monotonic(self) -> float:
        return time.monotonic() + self.offset

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.time(), UTC)

    def today(self) -> date:
        """The local date the sandbox stamps on enrollments."""
        return date.fromtimestamp(self.time())

    def advance(self, seconds: float) -> None:
        """Move forward by seconds (≥ 0) and wake the sleepers so they see the new time."""
        if not 0 <= seconds <= MAX_ADVANCE:
            raise ValueError(f"seconds must be between 0 and {MAX_ADVANCE}")
        with self._lock:
            self.offset += seconds
            waiters, self._waiters = self._waiters, set()
        self._wake(waiters)

    def reset(self) -> None:
        """Back to the real time."""
        with self._lock:
            self.offset = 0.0
            waiters, self._waiters = self._waiters, set()
        self._wake(waiters)

    @staticmethod
    def _wake(waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]]) -> None:
        for loop, future in waiters:
            if not loop.is_closed():
                loop.call_soon_threadsafe(_settle, future)

    async def sleep(self, seconds: float) -> None:
        """Wait until the sandbox clock has moved `seconds` on, by real time or by `advance()`."""
        end = self.monotonic() + seconds
        loop = asyncio.get_running_loop()
        self.sleeping += 1
        try:
            while (left := end - self.monotonic()) > 0:
                future: asyncio.Future[None] = loop.create_future()
                entry = (loop, future)
                with self._lock:
                    self._waiters.add(entry)
                try:
                    await asyncio.wait((future,), timeout=left)
                finally:
                    with self._lock:
                        self._waiters.discard(entry)
        finally:
            self.sleeping -= 1

    def to_json(self) -> dict[str, object]:
        return {
            "offsetSeconds": self.offset,
            "now": self.now().isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "sleeping": self.sleeping,
        }


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)

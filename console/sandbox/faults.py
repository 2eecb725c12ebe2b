"""Runtime state of the faults: which request gets which fault, and the per-client rate limit."""

from __future__ import annotations

import math
import random

from console.sandbox.clock import Clock
from console.sandbox.config import Faults, Share


class FaultState:
    """Decides faults request by request; `next` counters count down as they are used."""

    def __init__(self, faults: Faults, clock: Clock) -> None:
        self._random = random.Random()
        self.clock = clock
        self.set(faults)

    def set(self, faults: Faults) -> None:
        self.faults = faults
        self._error_index = 0
        self._windows: dict[str, tuple[float, int]] = {}

    def take(self, share: Share) -> bool:
        """True when this request gets the fault described by share."""
        if share.next > 0:
            share.next -= 1
            return True
        return share.rate > 0 and self._random.random() < share.rate

    def error_status(self) -> int | None:
        """The injected error status for this request, if any."""
        errors = self.faults.errors
        if errors.next > 0:
            errors.next -= 1
            status = errors.statuses[self._error_index % len(errors.statuses)]
            self._error_index += 1
            return status
        if errors.rate > 0 and self._random.random() < errors.rate:
            return self._random.choice(errors.statuses)
        return None

    def rate_limited(self, client_id: str) -> int | None:
        """Seconds to wait when client_id is over its limit, else None (and the request is counted)."""
        limit = self.faults.rate_limit
        if limit is None:
            return None
        now = self.clock.monotonic()
        start, count = self._windows.get(client_id, (now, 0))
        if now - start >= limit.per_seconds:
            start, count = now, 0
        if count >= limit.requests:
            return max(1, math.ceil(start + limit.per_seconds - now))
        self._windows[client_id] = (start, count + 1)
        return None

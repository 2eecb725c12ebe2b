"""A retry loop's sleep and clock for tests: each wait asked for is recorded, and taken at once."""

from __future__ import annotations

import asyncio


class RecordedWaits:
    """Pass `sleep` and `clock` to a `CollectorClient`: `waits` lists the seconds each wait asked for,
    and the clock moves on by them, so a test asserts the waits instead of timing them."""

    def __init__(self) -> None:
        self.waits: list[float] = []
        self.now = 0.0

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)

    def clock(self) -> float:
        return self.now

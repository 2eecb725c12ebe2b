"""The requests a page has in flight: one task per name, cancelled on clear and when the page is destroyed."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QObject
from shiboken6 import isValid


def alive(widget: QObject) -> bool:
    """False once the C++ side of `widget` is gone (a task resuming after its page closed)."""
    return isValid(widget)


class PageTasks:
    """Named tasks of one page; starting a name again cancels the previous task of that name."""

    def __init__(self, owner: QObject) -> None:
        self._tasks: dict[str, asyncio.Task[Any]] = {}
        owner.destroyed.connect(self.cancel_all)

    def start(self, name: str, work: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        self.cancel(name)
        task = self._tasks[name] = asyncio.ensure_future(work)
        return task

    def cancel(self, name: str) -> None:
        task = self._tasks.pop(name, None)
        if task is not None and not task.done():
            task.cancel()

    def cancel_all(self, *_args: object) -> None:
        for name in list(self._tasks):
            self.cancel(name)

    def running(self) -> bool:
        return any(not task.done() for task in self._tasks.values())

    def is_current(self, task: asyncio.Task[Any] | None) -> bool:
        """True when `task` is still the page's task for its name (not replaced nor cancelled)."""
        return task is not None and any(task is mine for mine in self._tasks.values())

    def all_done_but(self, task: asyncio.Task[Any] | None) -> bool:
        return all(mine.done() or mine is task for mine in self._tasks.values())

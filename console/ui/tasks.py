"""The one way the UI runs a coroutine: as a task whose bug, if it has one, reaches the crash handler.

`run_task(coro)` starts a task and keeps it alive until it ends; an exception other than cancellation
goes to `sys.excepthook` (the crash handler), so expected API errors must be caught inside the
coroutine and shown there. `@ui_slot` makes an `async def` method a Qt slot that runs that way, and
`PageTasks` gives a page named tasks that are cancelled when the page goes away.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import sys
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject
from shiboken6 import isValid

T = TypeVar("T")

_running: set[asyncio.Task[Any]] = set()
"""Strong references to running tasks (the event loop keeps only weak ones)."""


def run_task(coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
    """Run `coro` on the UI loop; a bug in it reaches the crash handler."""
    task = asyncio.ensure_future(coro)
    _running.add(task)
    task.add_done_callback(_finished)
    return task


def _finished(task: asyncio.Task[Any]) -> None:
    _running.discard(task)
    if task.cancelled():
        return
    error = task.exception()
    if error is not None:
        sys.excepthook(type(error), error, error.__traceback__)


def ui_slot(method: Callable[..., Coroutine[Any, Any, Any]]) -> Callable[..., asyncio.Task[Any]]:
    """Decorate an `async def` slot: connected to a signal, each emission runs it with `run_task`.

    Trailing signal arguments the method does not take are dropped, as Qt does for plain slots.
    """
    signature = inspect.signature(method)

    @functools.wraps(method)
    def slot(*args: Any, **kwargs: Any) -> asyncio.Task[Any]:
        while True:
            try:
                signature.bind(*args, **kwargs)
            except TypeError:
                if not args:
                    raise
                args = args[:-1]
            else:
                return run_task(method(*args, **kwargs))

    return slot


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
        task = self._tasks[name] = run_task(work)
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

    def is_running(self, name: str) -> bool:
        task = self._tasks.get(name)
        return task is not None and not task.done()

    def is_current(self, task: asyncio.Task[Any] | None) -> bool:
        """True when `task` is still the page's task for its name (not replaced nor cancelled)."""
        return task is not None and any(task is mine for mine in self._tasks.values())

    def all_done_but(self, task: asyncio.Task[Any] | None) -> bool:
        return all(mine.done() or mine is task for mine in self._tasks.values())

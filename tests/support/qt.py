"""Helpers for the window tests: run a coroutine on the qasync loop from a sync test."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from types import SimpleNamespace
from typing import Any

from pytestqt.qtbot import QtBot


def run(qtbot: QtBot, work: Coroutine[Any, Any, Any], timeout: int = 15_000) -> Any:
    """Run a coroutine on the qasync loop while Qt processes events; its result."""
    task = asyncio.ensure_future(work)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


def stand_in_session(**attributes: Any) -> Any:
    """An object in place of an `EnvironmentSession` for pages that read only `attributes` of it."""
    return SimpleNamespace(subscribe=lambda listener: lambda: None, **attributes)

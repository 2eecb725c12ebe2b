"""UI test fixtures: a qasync loop, clean settings, patched modal boxes, a memory keyring."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
import qasync
from keyring.errors import NoKeyringError
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox

from console.audit import AuditLog
from console.services.drafts import DraftsOpener
from console.services.outbox import OutboxOpener
from console.ui.confirm_word import ConfirmWordDialog
from console.ui.context import ConsoleContext
from console.ui.settings import Settings
from tests.support.keyrings import FailingKeyring, MemoryKeyring, using
from tests.support.window import environments_file, make_window  # noqa: F401 (fixtures)

QT_LOG_IGNORE = (
    # The offscreen platform has no window manager: size hints and raising a window are no-ops there.
    r"This plugin does not support (propagateSizeHints|raise)\(\)",
)


ANYIO_UNSTARTED_CONNECT = (
    "ignore:coroutine 'connect_tcp.<locals>.try_connect' was never awaited:RuntimeWarning"
)
"""anyio wraps each task-group child in a coroutine; when a connection attempt is cancelled before that
wrapper first runs (a request cancelled on the network thread while it connects), the child coroutine is
dropped unstarted and Python warns at garbage collection. Harmless; nothing else is ignored."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Ignore known harmless warnings in UI tests (any other Qt warning or Python warning fails)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.qt_log_ignore(*QT_LOG_IGNORE))
            item.add_marker(pytest.mark.filterwarnings(ANYIO_UNSTARTED_CONNECT))


@pytest.fixture(scope="session")
def _session_qasync_loop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """One qasync loop on the already running test QApplication for the whole session.

    qasync loops made and closed one after another in a process stop delivering executor results
    (a `run_in_executor` future never completes in the second loop), so the loop is shared.
    """
    from console.ui.app import ConsoleEventLoop

    loop = ConsoleEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    loop.stop()
    with contextlib.suppress(RuntimeError, TypeError):
        qapp.aboutToQuit.disconnect(loop._after_run_forever)
    asyncio.events._set_running_loop(None)
    loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture
def qasync_loop(qapp: QApplication, _session_qasync_loop: qasync.QEventLoop) -> Iterator[qasync.QEventLoop]:
    """The qasync loop, so `@asyncSlot`s and tasks run while a sync test waits with `qtbot.waitUntil`.

    Teardown cancels the tasks the test left running and lets them finish (at most 5 s).
    """
    loop = _session_qasync_loop
    asyncio.events._set_running_loop(loop)
    asyncio.set_event_loop(loop)
    before = set(asyncio.all_tasks(loop))
    yield loop
    pending = [task for task in asyncio.all_tasks(loop) if task not in before and not task.done()]
    for task in pending:
        task.cancel()
    deadline = time.monotonic() + 5
    while any(not task.done() for task in pending) and time.monotonic() < deadline:
        qapp.processEvents()


@pytest.fixture(autouse=True)
def settings_store(tmp_path: Path) -> Iterator[Path]:
    """Every QSettings of the test lives in a fresh folder, so each test starts from the defaults."""
    folder = tmp_path / "qsettings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture
def settings(qapp: QApplication, settings_store: Path) -> Settings:
    """The console settings, at their defaults."""
    value = Settings()
    value.reset()
    return value


@pytest.fixture
def context(settings: Settings, tmp_path: Path) -> Iterator[ConsoleContext]:
    """A fresh ConsoleContext with default settings, no session, its own audit file and outbox."""
    ctx = ConsoleContext(settings, audit=AuditLog(tmp_path / "context-audit.jsonl"))
    ctx.outbox = OutboxOpener(tmp_path / "outbox" / "outbox.sqlite3")
    ctx.drafts = DraftsOpener(ctx.outbox, tmp_path / "outbox" / "draft.bin")
    yield ctx
    if ctx.outbox.current is not None:
        ctx.outbox.current.close_now()
    ctx.deleteLater()


# Modal boxes --------------------------------------------------------------------------------------
@dataclass
class ModalAnswers:
    """What patched modal boxes answer, and the calls they received (so a test can assert on them)."""

    question: QMessageBox.StandardButton = QMessageBox.StandardButton.No
    text: tuple[str, bool] = ("", False)
    dialog_result: int = QDialog.DialogCode.Rejected
    calls: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)

    def kinds(self) -> list[str]:
        return [kind for kind, _args in self.calls]


@pytest.fixture(autouse=True)
def modal_answers(monkeypatch: pytest.MonkeyPatch) -> ModalAnswers:
    """Patch every modal box so none can block a test; `question` boxes answer No unless told otherwise."""
    answers = ModalAnswers()

    def record(kind: str, result: Any) -> Any:
        def patched(*args: Any, **_kwargs: Any) -> Any:
            answers.calls.append((kind, args))
            return result() if callable(result) else result
        return staticmethod(patched)

    monkeypatch.setattr(QMessageBox, "question", record("question", lambda: answers.question))
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, record(kind, QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "about", record("about", None))
    monkeypatch.setattr(QInputDialog, "getText", record("getText", lambda: answers.text))

    def exec_(self: QDialog) -> int:
        answers.calls.append((f"exec:{type(self).__name__}", (self,)))
        return answers.dialog_result

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QDialog, "exec", exec_)

    def confirm_word(self: ConfirmWordDialog) -> int:
        """Types `answers.text` and presses OK; a wrong word stays unconfirmed (as if then cancelled)."""
        answers.calls.append(("confirm_word", (self.windowTitle(), self.text.text())))
        typed, pressed_ok = answers.text
        if not pressed_ok:
            return QDialog.DialogCode.Rejected
        self.line.setText(typed)
        self.check()
        return self.result()

    monkeypatch.setattr(ConfirmWordDialog, "exec", confirm_word)
    return answers


# Keyring ------------------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every UI test runs with an in-memory keyring, never the real one."""
    with using(MemoryKeyring()) as backend:
        yield backend


@pytest.fixture
def no_keyring(memory_keyring: MemoryKeyring) -> Iterator[FailingKeyring]:
    """No keyring at all, as on a headless Linux session."""
    with using(FailingKeyring(NoKeyringError)) as backend:
        yield backend

"""The running console: logging, the crash handler, the sessions registry, and a clean quit."""

from __future__ import annotations

import asyncio
import gc
import logging
import logging.handlers
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
import qasync
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from console.api.redaction import RedactingFilter
from console.services.sessions import DEFAULT_ENVIRONMENT, SessionFactory, Sessions, load_all
from console.ui.texts import localized

if TYPE_CHECKING:
    from console.api.environments import Environment
    from console.api.session import EnvironmentSession
    from console.ui.main_window import MainWindow
    from console.ui.settings import Settings

log = logging.getLogger(__name__)

APP_NAME = "collector-console"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class ConsoleEventLoop(qasync.QEventLoop):
    """qasync's loop without `activated["int"].disconnect()` when a socket notifier is dropped.

    With PySide6 6.12 that disconnect loses a reference to the bool it returns: a process that cancelled
    requests in flight died at exit with "Fatal Python error: bool_dealloc" (8 runs in 8 with 40
    cancelled httpx requests; none with this class). `console/ui/refcount_guard.py` now guards the bools
    too; disabling the notifier and deleting it still drops the connection on the C++ side, with no
    call that loses a reference.
    """

    def _add_reader(self, fd: Any, callback: Callable[..., object], *args: object) -> None:
        self._drop(self._read_notifiers, fd)
        super()._add_reader(fd, callback, *args)

    def _add_writer(self, fd: Any, callback: Callable[..., object], *args: object) -> None:
        self._drop(self._write_notifiers, fd)
        super()._add_writer(fd, callback, *args)

    def _remove_reader(self, fd: Any) -> bool | None:
        return None if self.is_closed() else self._drop(self._read_notifiers, fd)

    def _remove_writer(self, fd: Any) -> bool | None:
        return None if self.is_closed() else self._drop(self._write_notifiers, fd)

    @staticmethod
    def _drop(notifiers: dict[Any, Any], fd: Any) -> bool:
        notifier = notifiers.pop(fd, None)
        if notifier is None:
            return False
        notifier.setEnabled(False)
        notifier.deleteLater()
        return True


def log_folder() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def setup_logging(level: str, folder: Path | None = None) -> Path:
    """Log to a rotating file in the platform log folder, every record through the redaction filter."""
    folder = folder or log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "console.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level.upper())
    # httpx logs every URL with its query (search terms); the client logs its exchanges, redacted, itself.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.INFO)
    return path


@dataclass
class Options:
    """What the command line asked for."""

    env: str | None = None
    no_err_windows: bool = False
    screenshot: Path | None = None
    log_level: str | None = None
    auto_sign_in: bool = False
    exit_when_ready: bool = False
    mark: Callable[[str], None] = field(default=lambda _name: None)
    """Called with "ready" when start-up finished (the start-up benchmark prints it)."""


async def run_console(options: Options, window: MainWindow) -> int:
    """The console's main coroutine: finish the (already painted) window, wait until it closes, shut down."""
    from console.ui.crash import CrashHandler
    from console.ui.idle import IdleWatcher

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    context = window.context
    settings = context.settings
    setup_logging(options.log_level or settings.log_level)
    crash = CrashHandler(log_folder(), show_dialogs=not options.no_err_windows)
    crash.install()
    loaded = load_all(settings.environments_file)
    environments = localized(loaded.environments)

    tune_for_ui()
    sessions = Sessions(environments, session_factory(settings))
    window.attach(sessions)
    window.watch_idle(IdleWatcher(context, app))
    closed = asyncio.Event()
    window.sig_closed.connect(closed.set)
    if loaded.ignored_file is not None:
        window.show_notice(QCoreApplication.translate(
            "App", "Your environments file %1 is not valid and was ignored; the log names the problem.")
            .replace("%1", loaded.ignored_file.name))
    name = options.env or settings.last_environment or DEFAULT_ENVIRONMENT
    if name not in environments:
        window.show_notice(QCoreApplication.translate("App", "Unknown environment “%1”; using the sandbox.")
                           .replace("%1", name))
        name = DEFAULT_ENVIRONMENT
    if environments[name].is_production and not await qasync.asyncWrap(window.confirm_production):
        name = DEFAULT_ENVIRONMENT  # starting in Production needs the same typed confirmation as switching
    auto = options.auto_sign_in or options.screenshot is not None
    starting = window.spawn(window.start(name, auto_sign_in=auto))
    starting.add_done_callback(lambda _task: settle_after_start())
    if options.screenshot is not None or options.exit_when_ready:
        window.spawn(_when_ready(window, starting, options))
    try:
        await closed.wait()
    finally:
        await shutdown(sessions)
        crash.uninstall()
    return window.exit_code


async def _when_ready(window: MainWindow, starting: asyncio.Future[object], options: Options) -> None:
    await starting
    options.mark("ready")
    if options.screenshot is not None:
        await asyncio.sleep(0.2)  # let the last layout and paint settle
        options.screenshot.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(options.screenshot)):
            window.exit_code = 2
    QTimer.singleShot(0, window.close)


UI_SWITCH_INTERVAL = 0.001
"""Seconds a thread holds the GIL before handing over: short, so the UI thread waits little for the
embedded sandbox's thread."""


def tune_for_ui() -> None:
    """Favour the UI thread's latency over the embedded sandbox thread's throughput."""
    sys.setswitchinterval(UI_SWITCH_INTERVAL)


def settle_after_start() -> None:
    """Move start-up objects out of the collector's way, so later collections stay short."""
    gc.collect()
    gc.freeze()


def session_factory(settings: Settings, **extra: Any) -> SessionFactory:
    """Makes each environment's session from the settings.

    Sessions run on the UI loop: the client queues bursts itself (a few connections at a time), so 200
    concurrent lookups keep the UI heartbeat well within its targets (tests/bench/bench_responsiveness.py);
    keyring calls run in worker threads.
    """
    from console.api.client import ClientSettings
    from console.api.session import EnvironmentSession

    def make(env: Environment) -> EnvironmentSession:
        client_settings = ClientSettings(connect_timeout=settings.connect_timeout,
                                         read_timeout=settings.read_timeout,
                                         deadline=settings.call_deadline)
        return EnvironmentSession(env, settings=client_settings, language=settings.language, **extra)

    return make


async def shutdown(sessions: Sessions) -> None:
    """Cancel background tasks, close the sessions and stop the sandbox; bounded so quitting never hangs."""
    current = asyncio.current_task()
    tasks = [task for task in asyncio.all_tasks() if task is not current and not task.done()]
    for task in tasks:
        task.cancel()
    if tasks:
        await asyncio.wait(tasks, timeout=5)
    await sessions.aclose()

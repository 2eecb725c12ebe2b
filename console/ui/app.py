"""The running console: logging, the environment sessions, the embedded sandbox and a clean quit."""

from __future__ import annotations

import asyncio
import contextlib
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

from console.api.environments import Environment, EnvironmentConfigError, load_environments
from console.api.redaction import RedactingFilter

if TYPE_CHECKING:
    from console.api.session import EnvironmentSession
    from console.sandbox import EmbeddedSandbox
    from console.ui.main_window import MainWindow
    from console.ui.network import NetworkThread
    from console.ui.settings import Settings

log = logging.getLogger(__name__)

APP_NAME = "collector-console"
DEFAULT_ENVIRONMENT = "sandbox"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class ConsoleEventLoop(qasync.QEventLoop):
    """qasync's loop without `activated["int"].disconnect()` when a socket notifier is dropped.

    With PySide6 6.12 that disconnect corrupts a reference count: a process that cancelled requests
    in flight dies at exit with "Fatal Python error: bool_dealloc" (8 runs in 8 with 40 cancelled
    httpx requests; none with this class). Disabling the notifier and deleting it drops the
    connection on the C++ side instead.
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


def environments_from(user_file: str) -> tuple[dict[str, Environment], str | None]:
    """The environments, and a problem with the user's file (then only the bundled ones are used)."""
    if user_file:
        try:
            return load_environments(Path(user_file).expanduser()), None
        except EnvironmentConfigError as exc:
            log.warning("Ignoring the user environments file: %s", exc)
            return load_environments(), str(exc)
    return load_environments(), None


SessionFactory = Callable[[Environment], "EnvironmentSession"]


class Sessions:
    """One EnvironmentSession per environment, made on first use; starts the embedded sandbox when needed.

    The sandbox starts in a worker thread so the window paints and stays responsive meanwhile.
    """

    def __init__(self, environments: dict[str, Environment], factory: SessionFactory, *,
                 start_sandbox: Callable[[], EmbeddedSandbox] | None = None) -> None:
        self.environments = environments
        self._factory = factory
        self._start_sandbox = start_sandbox or _start_default_sandbox
        self._sessions: dict[str, EnvironmentSession] = {}
        self._sandbox: EmbeddedSandbox | None = None
        self._sandbox_starting: asyncio.Future[EmbeddedSandbox] | None = None

    @property
    def sandbox(self) -> EmbeddedSandbox | None:
        return self._sandbox

    def existing(self, name: str) -> EnvironmentSession | None:
        return self._sessions.get(name)

    async def get(self, name: str) -> EnvironmentSession:
        """The session for environment `name` (KeyError if unknown); may start the sandbox first."""
        if name in self._sessions:
            return self._sessions[name]
        env = self.environments[name]
        if env.embedded and not env.ready:
            sandbox = await self._ensure_sandbox()
            env = env.with_base(sandbox.base_url)
        if name not in self._sessions:  # another caller may have made it while we awaited
            self._sessions[name] = self._factory(env)
        return self._sessions[name]

    async def _ensure_sandbox(self) -> EmbeddedSandbox:
        if self._sandbox is not None:
            return self._sandbox
        if self._sandbox_starting is None:
            loop = asyncio.get_running_loop()
            self._sandbox_starting = loop.run_in_executor(None, self._start_sandbox)
        try:
            self._sandbox = await asyncio.shield(self._sandbox_starting)
        except Exception:
            self._sandbox_starting = None
            raise
        log.info("Embedded sandbox at %s", self._sandbox.base_url)
        return self._sandbox

    async def aclose(self) -> None:
        """Close every session's connections and stop the sandbox (in a worker thread)."""
        sessions, self._sessions = list(self._sessions.values()), {}
        for session in sessions:
            try:
                await asyncio.wait_for(session.aclose(), 5)
            except (TimeoutError, Exception):
                log.exception("Closing the %s session failed", session.env.name)
        starting = self._sandbox_starting
        if self._sandbox is None and starting is not None:
            with contextlib.suppress(Exception):
                self._sandbox = await starting
        if self._sandbox is not None:
            sandbox, self._sandbox = self._sandbox, None
            await asyncio.get_running_loop().run_in_executor(None, sandbox.stop)


def _start_default_sandbox() -> EmbeddedSandbox:
    from console.sandbox import start_embedded

    return start_embedded()


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
    from console.ui.network import NetworkThread

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    context = window.context
    settings = context.settings
    setup_logging(options.log_level or settings.log_level)
    crash = CrashHandler(log_folder(), show_dialogs=not options.no_err_windows)
    crash.install()
    environments, env_problem = environments_from(settings.environments_file)

    tune_for_ui()
    network = NetworkThread()
    sessions = Sessions(environments, session_factory(settings, network))
    window.attach(sessions)
    window.idle_watcher = IdleWatcher(context, app)
    closed = asyncio.Event()
    window.sig_closed.connect(closed.set)
    if env_problem:
        window.show_notice(QCoreApplication.translate("App", "Your environments file was ignored: %1")
                           .replace("%1", env_problem))
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
        await shutdown(sessions, network)
        crash.uninstall()
    return window.exit_code


async def _when_ready(window: MainWindow, starting: asyncio.Future[None], options: Options) -> None:
    await starting
    options.mark("ready")
    if options.screenshot is not None:
        await asyncio.sleep(0.2)  # let the last layout and paint settle
        options.screenshot.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(options.screenshot)):
            window.exit_code = 2
    QTimer.singleShot(0, window.close)


UI_SWITCH_INTERVAL = 0.001
"""Seconds a thread holds the GIL before handing over: short, so the UI thread waits little for it."""


def tune_for_ui() -> None:
    """Favour the UI thread's latency over the network thread's throughput."""
    sys.setswitchinterval(UI_SWITCH_INTERVAL)


def settle_after_start() -> None:
    """Move start-up objects out of the collector's way, so later collections stay short."""
    gc.collect()
    gc.freeze()


def session_factory(settings: Settings, network: NetworkThread, **extra: Any) -> SessionFactory:
    """Makes each environment's session from the settings, its HTTP work on the network thread."""
    from console.api.client import ClientSettings
    from console.api.session import EnvironmentSession
    from console.ui.network import ThreadedSession

    def make(env: Environment) -> EnvironmentSession:
        client_settings = ClientSettings(connect_timeout=settings.connect_timeout,
                                         read_timeout=settings.read_timeout)
        session = EnvironmentSession(env, settings=client_settings, language=settings.language, **extra)
        return ThreadedSession(session, network)  # type: ignore[return-value]

    return make


async def shutdown(sessions: Sessions, network: NetworkThread) -> None:
    """Cancel background tasks here and on the network thread, close sessions, stop the sandbox and the
    network thread; bounded so quitting never hangs."""
    current = asyncio.current_task()
    tasks = [task for task in asyncio.all_tasks() if task is not current and not task.done()]
    for task in tasks:
        task.cancel()
    if tasks:
        await asyncio.wait(tasks, timeout=5)
    await network.drain()
    await sessions.aclose()
    await asyncio.get_running_loop().run_in_executor(None, network.stop)

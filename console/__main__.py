"""Start the console: `python -m console` or `collector-console`.

The window is shown and painted before the API layer, asyncio and qasync are even imported, so the
first paint costs little more than a bare Qt window; the rest of start-up happens behind it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from console.ui.main_window import MainWindow


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="collector-console", description="Collector Console")
    parser.add_argument("--env", metavar="NAME",
                        help="environment to open (default: the last one, else the sandbox)")
    parser.add_argument("--no-err-windows", action="store_true",
                        help="never show error dialogs; print crash reports to stderr (for CI)")
    parser.add_argument("--screenshot", metavar="PATH", type=Path,
                        help="start, sign in with the sandbox demo partner, save a PNG of the window, quit")
    parser.add_argument("--log-level", choices=("DEBUG", "INFO", "WARNING", "ERROR"), type=str.upper,
                        help="lowest level written to the log file (default: from the settings)")
    parser.add_argument("--auto-sign-in", action="store_true",
                        help="sign in with the sandbox demo partner at start (sandbox only)")
    parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--timings", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _marker(enabled: bool) -> Callable[[str], None]:
    def mark(name: str) -> None:
        if enabled:
            print(f"TIMING {name} {time.time():.6f}", flush=True)

    return mark


def main(argv: list[str] | None = None) -> int:
    """Run a headless command (`collector-console check ...`), or the console until its window closes."""
    argv = sys.argv[1:] if argv is None else argv
    from console.commands import COMMANDS, run

    if argv and argv[0] in COMMANDS:
        return run(argv[0], argv[1:])
    args = parse_args(argv)
    try:
        return _run_window(args, argv)
    except KeyboardInterrupt:  # Ctrl+C in the terminal that started it: end quietly
        return 130


def show_window(mark: Callable[[str], None] = lambda _name: None) -> tuple[QApplication, MainWindow]:
    """The application and its window, shown and painted once.

    Only what that first paint needs is imported here (Qt, the settings, the translators and the
    window's shell); tests/test_startup.py holds the list of what must wait until after it.
    """
    from PySide6.QtWidgets import QApplication

    from console.ui.context import ConsoleContext
    from console.ui.i18n import install_translators, startup_language
    from console.ui.main_window import MainWindow
    from console.ui.settings import Settings

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("collector-console")  # no display name: Qt would append it to every title
    settings = Settings()
    install_translators(app, startup_language(settings))
    window = MainWindow(ConsoleContext(settings))
    window.restore_geometry()
    window.sig_first_paint.connect(lambda: mark("first_paint"))
    window.show()
    window.wait_for_first_paint()
    return app, window


def _run_window(args: argparse.Namespace, argv: list[str]) -> int:
    mark = _marker(args.timings)
    app, window = show_window(mark)

    from console.ui.refcount_guard import guard_refcounts

    guard_refcounts()
    import asyncio

    from console.ui.app import ConsoleEventLoop, Options, run_console

    options = Options(env=args.env, no_err_windows=args.no_err_windows, screenshot=args.screenshot,
                      log_level=args.log_level, auto_sign_in=args.auto_sign_in,
                      exit_when_ready=args.exit_when_ready, mark=mark)
    # What qasync.run does on Python 3.12+. On 3.11 qasync.run installs a process-wide event loop policy
    # instead, and then `asyncio.run` in the embedded sandbox's thread builds a Qt loop there and fails.
    with asyncio.Runner(loop_factory=lambda: ConsoleEventLoop(app)) as runner:
        code = runner.run(run_console(options, window))
    if window.restart_requested:
        os.execv(sys.executable, [sys.executable, "-m", "console", *argv])  # noqa: S606 (ourselves again)
    return code


if __name__ == "__main__":
    sys.exit(main())

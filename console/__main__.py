"""Start the console: `python -m console` or `collector-console`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


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


def main(argv: list[str] | None = None) -> int:
    """Run the console until its window closes; the process exit code."""
    args = parse_args(argv)
    import asyncio

    import qasync
    from PySide6.QtWidgets import QApplication

    from console.ui.app import APP_NAME, Options, run_console

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Collector Console")
    options = Options(env=args.env, no_err_windows=args.no_err_windows, screenshot=args.screenshot,
                      log_level=args.log_level, auto_sign_in=args.auto_sign_in,
                      exit_when_ready=args.exit_when_ready, timings=args.timings)
    # What qasync.run does on Python 3.12+. On 3.11 qasync.run installs a process-wide event loop policy
    # instead, and then `asyncio.run` in the embedded sandbox's thread builds a Qt loop there and fails.
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        return runner.run(run_console(options))


if __name__ == "__main__":
    sys.exit(main())

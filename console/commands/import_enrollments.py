"""`collector-console import FILE.csv`: enroll the people of a CSV file, resumably; `--template` writes one.

Each good row goes through the console's outbox (the one the window uses), so a row left pending is
also sent by the window once it signs in to that environment.

Exit codes: 0 every row settled (enrolled, already enrolled or rejected), 3 some rows still pending
(the service could not be reached: run it again), 2 a usage error (arguments, file, columns), 1 the
import could not start (sign-in refused, the state file or the outbox not writable).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import signal
import sqlite3
import sys
import time
from pathlib import Path
from typing import TextIO

from console.api.environments import EnvironmentConfigError, load_environments
from console.api.errors import CollectorError, PartnerSecretMissing, UnknownEnvironment
from console.api.secrets import SecretStore
from console.audit import AuditLog
from console.field_profiles import FieldProfile, ProfileError, load_field_profiles
from console.services.import_columns import ColumnError
from console.services.import_csv import ImportFileError
from console.services.import_results import Status
from console.services.import_sending import DuplicateSearch
from console.services.import_state import StateError
from console.services.import_template import write_template
from console.services.importing import (
    DEFAULT_CONCURRENCY,
    Importer,
    ImportOptions,
    ImportSummary,
    Progress,
    check_columns,
)
from console.services.outbox import Outbox, default_path
from console.services.sessions import SECRET_VARIABLE, partner_session

OK, FAILED, USAGE, PENDING = 0, 1, 2, 3
CONFIRM_WORD = "PRODUCTION"
LINE_EVERY = 5.0  # seconds between progress lines when stderr is not a terminal
BAR_EVERY = 0.2
BAR_WIDTH = 28


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="collector-console import",
        description="Enroll the people listed in a CSV file (UTF-8, comma or semicolon separated). "
        "Results go to FILE.results.csv; running it again resumes without enrolling anyone twice.",
        epilog="Exit codes: 0 all rows settled, 3 some rows pending (run again), 2 usage error, "
        "1 could not start.",
    )
    p.add_argument("file", nargs="?", type=Path, metavar="FILE.csv", help="the file to import")
    p.add_argument(
        "--template", type=Path, metavar="FILE.csv", help="write an empty, documented template and stop"
    )
    p.add_argument(
        "--env", default="sandbox", metavar="NAME", help="environment (default: the embedded sandbox)"
    )
    p.add_argument(
        "--environments", type=Path, metavar="FILE", help="a user environments file (as in the settings)"
    )
    p.add_argument(
        "--profile",
        metavar="NAME",
        help="the field profile the rows are checked against (default: the profiles file's default)",
    )
    p.add_argument(
        "--check-duplicates",
        action="store_true",
        help="search for existing members first; a row that looks like one is not sent",
    )
    p.add_argument(
        "--confirm-production",
        metavar="PRODUCTION",
        default="",
        help="needed to import into a Production environment: type PRODUCTION",
    )
    p.add_argument(
        "--concurrency",
        type=int,
        default=DEFAULT_CONCURRENCY,
        metavar="N",
        help=f"rows in flight at once (default {DEFAULT_CONCURRENCY})",
    )
    return p


def main(argv: list[str]) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) and USAGE
    try:
        profiles = load_field_profiles()
    except ProfileError as exc:
        return _fail(str(exc), USAGE)
    if args.profile and args.profile not in profiles.profiles:
        return _fail(
            f"No field profile named {args.profile!r} (there are: {', '.join(profiles.profiles)}).", USAGE
        )
    if args.template is not None:
        return _write_template(args.template, profiles.profiles[args.profile or profiles.default])
    if args.file is None:
        return _fail("Name the CSV file to import (or --template FILE.csv for an empty one).", USAGE)
    if args.concurrency < 1:
        return _fail("--concurrency must be at least 1.", USAGE)
    if args.environments is not None and not args.environments.expanduser().is_file():
        return _fail(f"No environments file at {args.environments}.", USAGE)
    try:
        environments = load_environments(args.environments.expanduser() if args.environments else None)
    except EnvironmentConfigError as exc:
        return _fail(str(exc), USAGE)
    env = environments.get(args.env)
    if env is None:
        return _fail(
            f"There is no environment named {args.env!r} (there are: {', '.join(environments)}).", USAGE
        )
    if env.is_production and args.confirm_production != CONFIRM_WORD:
        return _fail(
            f"{env.label} is Production, live member data: add --confirm-production {CONFIRM_WORD}.", USAGE
        )
    options = ImportOptions.from_profiles(
        profiles,
        args.profile,
        concurrency=args.concurrency,
        check_duplicates=args.check_duplicates,
        staff=_login_name(),
    )
    try:
        check_columns(args.file, options.profile)
    except (ImportFileError, ColumnError) as exc:
        return _fail(str(exc), USAGE)
    return asyncio.run(_import(args, options))


async def _import(args: argparse.Namespace, options: ImportOptions) -> int:
    try:
        async with partner_session(args.env, environments_file=args.environments) as session:
            if args.check_duplicates and "search" not in session.env.capabilities:
                return _fail(f"{session.env.label} offers no member search: drop --check-duplicates.", USAGE)
            try:
                outbox = await Outbox.open(secrets=SecretStore())
            except (OSError, sqlite3.Error) as exc:
                return _fail(f"Cannot open the outbox {default_path()}: {exc}.", FAILED)
            try:
                duplicates = DuplicateSearch(session.client) if args.check_duplicates else None
                importer = Importer(
                    args.file,
                    outbox,
                    session.client,
                    session.env.name,
                    options,
                    duplicates=duplicates,
                    consents=AuditLog(),
                )
                with _stop_on_interrupt(importer):
                    summary = await importer.run(ProgressPrinter(sys.stderr))
            finally:
                await outbox.close()
    except PartnerSecretMissing as exc:
        return _fail(
            f'{exc.message} Sign in once in the console with "remember", or set {SECRET_VARIABLE}.', FAILED
        )
    except UnknownEnvironment as exc:
        return _fail(exc.message, USAGE)
    except (ImportFileError, ColumnError) as exc:
        return _fail(str(exc), USAGE)
    except StateError as exc:
        return _fail(str(exc), FAILED)
    except CollectorError as exc:  # the sign-in failed: nothing was sent
        return _fail(f"Could not sign in: {exc.message}", FAILED)
    print(summary_text(summary), file=sys.stdout)
    return summary.exit_code


@contextlib.contextmanager
def _stop_on_interrupt(importer: Importer):  # type: ignore[no-untyped-def]
    """A first Ctrl+C stops starting rows (those in flight finish); a second one interrupts."""
    loop = asyncio.get_running_loop()

    def stop() -> None:
        print("\nStopping: the rows in flight finish first (Ctrl+C again to interrupt).", file=sys.stderr)
        importer.cancel()
        loop.remove_signal_handler(signal.SIGINT)

    try:
        loop.add_signal_handler(signal.SIGINT, stop)
    except (NotImplementedError, RuntimeError):  # not the main thread, or not offered here
        yield
        return
    try:
        yield
    finally:
        loop.remove_signal_handler(signal.SIGINT)


def summary_text(summary: ImportSummary) -> str:
    counts = summary.counts.by_status
    line = (
        f"{summary.counts.done} rows: {counts[Status.ENROLLED]} enrolled, "
        f"{counts[Status.ALREADY_ENROLLED]} already enrolled, {counts[Status.REJECTED]} rejected, "
        f"{counts[Status.PENDING]} pending. Results: {summary.results}"
    )
    if summary.orphans:
        line += (
            f"\n{summary.orphans} rows sent by an earlier run changed or left the file before their outcome "
            "was known: put them back as they were and run again."
        )
    if summary.counts.pending:
        line += "\nSome rows are pending: run the same command again to settle them."
    return line


class ProgressPrinter:
    """Progress on a stream: a bar redrawn in place on a terminal, else one line every few seconds."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self._last = 0.0

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        counts = progress.counts
        finished = counts.total is not None and counts.done >= counts.total
        if not finished and now - self._last < (BAR_EVERY if self.tty else LINE_EVERY):
            return
        self._last = now
        text = self.line(progress)
        if self.tty:
            end = "\n" if finished else ""
            self.stream.write(f"\r{text}\x1b[K{end}")
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def line(self, progress: Progress) -> str:
        counts = progress.counts
        by = counts.by_status
        total = counts.total or 0
        tally = (
            f"{counts.done}/{total}  enrolled {by[Status.ENROLLED]}  already {by[Status.ALREADY_ENROLLED]}  "
            f"rejected {by[Status.REJECTED]}  pending {by[Status.PENDING]}  {progress.rate:.0f} rows/s"
        )
        left = progress.seconds_left
        if left is not None:
            tally += f"  {_duration(left)} left"
        if not self.tty:
            return "import: " + tally
        filled = round(BAR_WIDTH * counts.done / total) if total else BAR_WIDTH
        return f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {tally}"


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _write_template(path: Path, profile: FieldProfile) -> int:
    try:
        write_template(path, profile)
    except OSError as exc:
        return _fail(f"Cannot write {path}: {exc.strerror or exc}.", USAGE)
    print(f"Template written to {path}", file=sys.stdout)
    return OK


def _fail(message: str, code: int) -> int:
    print(f"collector-console import: {message}", file=sys.stderr)
    return code


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"

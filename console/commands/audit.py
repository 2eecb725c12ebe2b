"""`collector-console audit verify [FILE]`: check the audit file's hash chain and say where it breaks.

Every record carries the hash of the one before it, so an edited, removed or moved line shows. FILE
defaults to the console's own audit file. Exit codes: 0 intact, 1 broken, 2 a usage error (arguments, no
such file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from console.audit import default_audit_path, verify_chain

INTACT, BROKEN, USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="collector-console audit",
                                description="Check the audit file (append-only JSON lines, hash-chained).",
                                epilog="Exit codes: 0 intact, 1 broken, 2 usage error.")
    actions = p.add_subparsers(dest="action", metavar="verify")
    verify = actions.add_parser("verify", help="check the hash chain and say where it breaks")
    verify.add_argument("file", nargs="?", type=Path, metavar="FILE",
                        help="the audit file (default: the console's own)")
    return p


def main(argv: list[str]) -> int:
    p = parser()
    try:
        args = p.parse_args(argv)
    except SystemExit as stop:  # argparse's own --help (0) and usage errors (2)
        return INTACT if stop.code == 0 else USAGE
    if args.action != "verify":
        p.print_usage(sys.stderr)
        return USAGE
    path: Path = args.file or default_audit_path()
    try:
        report = verify_chain(path)
    except FileNotFoundError:
        print(f"No audit file at {path}.", file=sys.stderr)
        return USAGE
    except OSError as error:
        print(f"Cannot read {path}: {error.strerror or type(error).__name__}.", file=sys.stderr)
        return USAGE
    if report.intact:
        print(f"{path}: intact, {report.records} records.")
        return INTACT
    print(f"{path}: broken, {report.records} lines checked.")
    for problem in report.problems:
        print(f"  {problem.message}")
    return BROKEN

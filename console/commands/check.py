"""`collector-console check`: hold one environment to the contract (`console/resources/openapi.yaml`).

    collector-console check --env NAME [--environments FILE] [--collector NUMBER] [--write]
                            [--junit FILE] [--har FILE]

Prints a table (check, result, time, correlation id) with every failure and drift below its check.
Exit status: 0 when every check passes, 1 when one fails or drifts, 2 for usage or connection errors.
The partner secret comes from the keyring or `COLLECTOR_CLIENT_SECRET`; the embedded sandbox needs none.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from console.api.environments import EnvironmentConfigError, load_environments
from console.api.errors import CollectorError, UnknownEnvironment
from console.formats import is_collector_number
from console.services import har
from console.services.check import CheckReport, ContractCheck, WriteRefused
from console.services.check_report import junit, table
from console.services.sessions import SECRET_VARIABLE, partner_session

USAGE_ERROR = 2


def _collector(text: str) -> str:
    if not is_collector_number(text):
        raise argparse.ArgumentTypeError("a collector number is 11 digits starting with 8")
    return text


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="collector-console check",
        description="Check an environment against the Collector Service contract.",
        epilog=f"The partner secret comes from the keyring or {SECRET_VARIABLE}. "
               "Exit status: 0 all passed, 1 a check failed or drifted, 2 usage or connection error.",
    )
    parser.add_argument("--env", metavar="NAME", required=True, help="the environment to check")
    parser.add_argument("--environments", metavar="FILE", type=lambda text: Path(text).expanduser(),
                        help="a user environments file merged over the bundled ones")
    parser.add_argument("--collector", metavar="NUMBER", type=_collector,
                        help="the test collector to read (default: the environment's test collector)")
    parser.add_argument("--write", action="store_true",
                        help="also enroll one generated test person and replay it (never in Production)")
    parser.add_argument("--junit", metavar="FILE", type=Path, help="write a JUnit XML report")
    parser.add_argument("--har", metavar="FILE", type=Path, help="write the requests as a redacted HAR file")
    return parser.parse_args(argv)


async def _run(args: argparse.Namespace) -> tuple[CheckReport, dict]:
    environments = await asyncio.to_thread(load_environments, args.environments)
    if args.env not in environments:
        raise UnknownEnvironment(args.env)
    if args.write and environments[args.env].is_production:
        raise WriteRefused(environments[args.env].label)
    async with partner_session(args.env, environments_file=args.environments) as session:
        check = ContractCheck(session, collector=args.collector, write=args.write)
        report = await check.run()
        archive = har.to_har(session.exchange_log.recent, comment=f"collector-console check {args.env}")
    return report, archive


def main(argv: list[str]) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) and USAGE_ERROR
    try:
        report, archive = asyncio.run(_run(args))
    except WriteRefused as exc:
        print(f"collector-console check: --write is refused for {exc} (Production)", file=sys.stderr)
        return USAGE_ERROR
    except (EnvironmentConfigError, CollectorError) as exc:
        print(f"collector-console check: {exc}", file=sys.stderr)
        return USAGE_ERROR
    sys.stdout.write(table(report))
    try:
        if args.junit:
            args.junit.write_text(junit(report), encoding="utf-8")
        if args.har:
            args.har.write_text(har.dumps(archive), encoding="utf-8")
    except OSError as exc:
        print(f"collector-console check: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return USAGE_ERROR
    return report.exit_code

"""`collector-sandbox`: run the sandbox in the foreground and print how to reach it."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from console.sandbox.app import create_app
from console.sandbox.config import (
    ERROR_STATUSES,
    MAX_MEMBERS,
    ConfigError,
    Faults,
    RateLimit,
    SandboxConfig,
    command_line_db_path,
)
from console.sandbox.seed import DEMO_PASSWORD, DEMO_PIN
from console.sandbox.server import base_url_for, bind, make_server

BANNER = """\
Collector sandbox listening on {url}
  API and sign-in base URL: {url}   audience: loyalty-api
  Partner client:   sandbox-partner / sandbox-partner-secret   (all four collector scopes)
  Read-only client: sandbox-readonly / sandbox-readonly-secret (profile and summary)
  Member client:    sandbox-console (PKCE), redirect http://127.0.0.1:<any port>/callback
  Member sign-in:   jane.doe@example.com / {password}   or collector 80000000007 with PIN {pin}
  Control:          {url}/_sandbox/faults, /_sandbox/settings, /_sandbox/clock, /_sandbox/reset,
                    /_sandbox/requests, /_sandbox/blocks
  Data:             {data}
Press Ctrl+C to stop."""


EPILOG = """\
data: collectors, issued numbers, idempotency records, refresh tokens and sign-in blocks are kept
  in SQLite (WAL; an answer is on disk before it is sent), in --db PATH or by default in the
  console's data folder; --in-memory keeps nothing. POST /_sandbox/reset restores the seed; a
  collector number is never issued twice.
limits: body 64 KiB (413 PAYLOAD_TOO_LARGE); JSON depth 32, numbers 18 digits, valid UTF-8 only,
  10 consents, headers 16 KiB (400 INVALID_REQUEST naming the field); a client that stops sending
  is cut off after 5 s. Control values: latencyMs <= 60000, rates 0-1, counts <= 10000.
sign-in blocks: 10 failed password or PIN attempts in a row block a login; lift them with
  DELETE /_sandbox/blocks[?collectorNumber=N] or POST /_sandbox/reset.
control endpoints (/_sandbox/*) answer loopback clients only, and refuse other sites (Origin, Host)."""


def _rate(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def _members(text: str) -> int:
    value = int(text)
    if not 0 <= value <= MAX_MEMBERS:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_MEMBERS}")
    return value


def _statuses(text: str) -> tuple[int, ...]:
    statuses = tuple(int(s) for s in text.split(",") if s.strip())
    if not statuses or any(s not in ERROR_STATUSES for s in statuses):
        raise argparse.ArgumentTypeError("a comma-separated list of 500, 503, 429")
    return statuses


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="collector-sandbox",
        description="A local Collector Service sandbox.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--port", type=int, default=8080, help="TCP port (0 = any free port; default 8080)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    p.add_argument("--members", type=_members, default=500, help=f"synthetic collectors (≤ {MAX_MEMBERS})")
    p.add_argument("--seed", type=int, default=1, help="seed of the data generator")
    data = p.add_mutually_exclusive_group()
    data.add_argument(
        "--db",
        metavar="PATH",
        default=str(command_line_db_path()),
        help="SQLite file that keeps collectors, issued numbers, idempotency records, refresh tokens "
        "and sign-in blocks across restarts (default: %(default)s)",
    )
    data.add_argument("--in-memory", action="store_true", help="keep nothing: a throwaway run")
    p.add_argument("--access-token-ttl", type=int, default=3600, metavar="S")
    p.add_argument("--refresh-token-ttl", type=int, default=30 * 86400, metavar="S")
    p.add_argument("--min-age", type=int, default=13)
    faults = p.add_argument_group("faults (the flags override the matching part of --faults)")
    faults.add_argument("--faults", metavar="JSON|@FILE", help="start faults, as for PUT /_sandbox/faults")
    faults.add_argument("--latency-ms", type=int, help="added to every request")
    faults.add_argument("--error-rate", type=_rate, help="share of /collectors/* calls failing")
    faults.add_argument("--error-statuses", type=_statuses, metavar="500,503,429")
    faults.add_argument("--retry-after", type=int, metavar="S", help="Retry-After on 429 and 503")
    faults.add_argument("--reset-rate", type=_rate, help="share of connections reset")
    faults.add_argument("--drop-rate", type=_rate, help="share of enrollments committed then dropped")
    faults.add_argument("--maintenance", action="store_true", help="answer 503 on every /collectors/* call")
    faults.add_argument(
        "--rate-limit", type=int, metavar="N", help="at most N requests per client per window"
    )
    faults.add_argument("--rate-window", type=float, default=1.0, metavar="S", help="rate-limit window")
    return p


def faults_from(args: argparse.Namespace) -> Faults:
    """The start faults: the --faults document (or none), then each fault flag given."""
    faults = Faults()
    if args.faults:
        text = Path(args.faults[1:]).read_text() if args.faults.startswith("@") else args.faults
        try:
            faults = Faults.from_json(json.loads(text))
        except ValueError as error:
            raise ConfigError(f"--faults: {error}") from error
    if args.latency_ms is not None:
        faults.latency_ms = args.latency_ms
    if args.error_rate is not None:
        faults.errors.rate = args.error_rate
    if args.error_statuses is not None:
        faults.errors.statuses = args.error_statuses
    if args.maintenance:
        faults.maintenance = True
    if args.retry_after is not None:
        faults.retry_after = faults.errors.retry_after = args.retry_after
    if args.reset_rate is not None:
        faults.reset.rate = args.reset_rate
    if args.drop_rate is not None:
        faults.commit_then_drop.rate = args.drop_rate
    if args.rate_limit:
        faults.rate_limit = RateLimit(args.rate_limit, args.rate_window)
    return faults


def config_from(args: argparse.Namespace) -> SandboxConfig:
    faults = faults_from(args)
    return SandboxConfig(
        members=args.members,
        seed=args.seed,
        db=None if args.in_memory else args.db,
        access_token_ttl=args.access_token_ttl,
        refresh_token_ttl=args.refresh_token_ttl,
        min_age=args.min_age,
        faults=faults,
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        config = config_from(args)
        sock = bind(args.host, args.port)
    except (ConfigError, OSError) as error:
        print(f"collector-sandbox: {error}", file=sys.stderr)
        return 2
    url = base_url_for(args.host, sock.getsockname()[1])
    app = create_app(config, url)
    data = (
        "in memory (--in-memory): nothing is kept after this run"
        if config.db is None
        else f"{config.db} (kept across restarts; POST /_sandbox/reset restores the seed)"
    )
    print(BANNER.format(url=url, password=DEMO_PASSWORD, pin=DEMO_PIN, data=data), flush=True)
    try:
        make_server(app).run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises the Ctrl+C it handled
        pass
    finally:
        sock.close()
        app.sandbox.close()
    return 0

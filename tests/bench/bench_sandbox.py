"""Load benchmark of the sandbox with 100 000 members, on loopback.

Run: .venv/bin/python tests/bench/bench_sandbox.py [--members N] [--seconds S] [--concurrency C]

The sandbox runs in its own process (`python -m console.sandbox`); this process drives it with a
small keep-alive HTTP/1.1 client on asyncio streams (cheaper per request than a full client
library, so the driver is less likely to be the bottleneck). The driver's and the server's CPU use
are printed next to each throughput figure: a server near 100 % of one core means the figure is the
server's, a driver near 100 % means the driver limited it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from statistics import quantiles
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
PARTNER = ("sandbox-partner", "sandbox-partner-secret")
TARGET_RATIO = 0.65
TARGET_SEARCH_P99_MS = 20.0
DISCOVERY_LAST_NAMES = ("Smith", "Tremblay", "Gagnon", "Brown", "Roy", "Wilson", "Côté", "Patel")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


class Connection:
    """One keep-alive HTTP/1.1 connection that sends prepared requests."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    async def open(cls, port: int) -> Connection:
        reader, writer = await asyncio.open_connection(HOST, port)
        return cls(reader, writer)

    async def send(self, raw: bytes) -> tuple[int, bytes]:
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        chunked = False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
        if not chunked:
            return status, await self.reader.readexactly(length)
        body = bytearray()
        while size := int((await self.reader.readuntil(b"\r\n")).strip(), 16):
            body += await self.reader.readexactly(size)
            await self.reader.readexactly(2)
        await self.reader.readexactly(2)
        return status, bytes(body)

    def close(self) -> None:
        self.writer.close()


def prepare(port: int, method: str, target: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    lines = [
        f"{method} {target} HTTP/1.1",
        f"Host: {HOST}:{port}",
        *(f"{k}: {v}" for k, v in headers.items()),
    ]
    if method in ("POST", "PUT"):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


@dataclass
class Result:
    name: str
    seconds: float
    latencies: list[float] = field(default_factory=list)
    unexpected: dict[int, int] = field(default_factory=dict)
    driver_cpu: float = 0.0
    server_cpu: float = 0.0

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile_ms(self, q: int) -> float:
        return quantiles(self.latencies, n=100, method="inclusive")[q - 1] * 1000

    def line(self) -> str:
        errors = f"  UNEXPECTED {self.unexpected}" if self.unexpected else ""
        return (
            f"  {self.name:<32} {self.throughput:8.0f} req/s   p50 {self.percentile_ms(50):6.2f} ms"
            f"   p99 {self.percentile_ms(99):6.2f} ms   n={len(self.latencies):<6}"
            f" driver CPU {self.driver_cpu:4.0%}  server CPU {self.server_cpu:4.0%}{errors}"
        )


async def drive(
    name: str,
    port: int,
    server_pid: int,
    make: Callable[[int], bytes],
    expect: int,
    *,
    concurrency: int,
    seconds: float | None = None,
    count: int | None = None,
) -> Result:
    """Send requests from `make(i)` on `concurrency` connections for `seconds` or `count` requests."""
    connections = [await Connection.open(port) for _ in range(concurrency)]
    for connection in connections:  # warm each connection once, outside the measurement
        await connection.send(make(-1 - connections.index(connection)))
    result = Result(name, 0.0)
    issued = 0
    deadline = time.perf_counter() + seconds if seconds else float("inf")
    limit = count if count is not None else sys.maxsize

    async def worker(connection: Connection) -> None:
        nonlocal issued
        while issued < limit and time.perf_counter() < deadline:
            i = issued
            issued += 1
            raw = make(i)
            started = time.perf_counter()
            status, _ = await connection.send(raw)
            result.latencies.append(time.perf_counter() - started)
            if status != expect:
                result.unexpected[status] = result.unexpected.get(status, 0) + 1

    cpu0, server0, wall0 = time.process_time(), process_cpu_seconds(server_pid), time.perf_counter()
    await asyncio.gather(*(worker(c) for c in connections))
    result.seconds = time.perf_counter() - wall0
    result.driver_cpu = (time.process_time() - cpu0) / result.seconds
    result.server_cpu = (process_cpu_seconds(server_pid) - server0) / result.seconds
    for connection in connections:
        connection.close()
    return result


def start_sandbox(members: int, port: int, db: Path) -> tuple[subprocess.Popen[bytes], float]:
    """The sandbox with persistence on (a fresh SQLite file in WAL mode), as testers run it."""
    command = [sys.executable, "-m", "console.sandbox", "--members", str(members), "--port", str(port)]
    command += ["--db", str(db)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603
    while time.perf_counter() - started < 300:
        if process.poll() is not None:
            raise SystemExit(
                f"sandbox exited with {process.returncode}: {process.stderr.read().decode()[-2000:]}"
            )
        try:
            if httpx.get(f"http://{HOST}:{port}/collectors/health", timeout=1).status_code == 200:
                return process, time.perf_counter() - started
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit("sandbox did not start within 300 s")


def discover(base: str, token: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """Collector numbers, emails, phones and last names of seeded members, found through the API."""
    numbers: list[str] = []
    last_names: list[str] = []
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as client:
        for last_name in DISCOVERY_LAST_NAMES:
            items = client.get("/collectors/search", params={"lastName": last_name, "limit": 50}).json()[
                "items"
            ]
            numbers += [item["collectorNumber"] for item in items]
            if items:
                last_names.append(last_name)
        emails: list[str] = []
        phones: list[str] = []
        for number in numbers[:150]:
            profile = client.get("/collectors/profile", headers={"Collector-Number": number}).json()
            emails.append(profile["contactDetails"]["email"])
            phones += [phone["number"] for phone in profile["contactDetails"].get("phones", [])[:1]]
    if not (numbers and emails and phones and last_names):
        raise SystemExit("could not discover seeded members through the search endpoint")
    return numbers, emails, phones, last_names


def enrollment_body(i: int, run: str) -> bytes:
    return json.dumps(
        {
            "personalDetails": {"firstName": "Bench", "lastName": "Loader", "dateOfBirth": "1990-01-01"},
            "contactDetails": {
                "email": f"bench.{run}.{i + 10}@example.com",
                "phones": [{"type": "Mobile", "number": "4165550142"}],
            },
            "addressDetails": {"city": "Toronto", "province": "ON", "postalCode": "M5V 2T6", "country": "CA"},
        }
    ).encode()


def partner_token(base: str) -> str:
    form = {"grant_type": "client_credentials", "client_id": PARTNER[0], "client_secret": PARTNER[1]}
    response = httpx.post(f"{base}/oauth/token", data={**form, "audience": "loyalty-api"})
    response.raise_for_status()
    return response.json()["access_token"]


@dataclass
class Plan:
    """What to send, found before the measurements start."""

    port: int
    pid: int
    token: str
    ceiling_path: str
    numbers: list[str]
    emails: list[str]
    phones: list[str]
    last_names: list[str]


async def measure(plan: Plan, args: argparse.Namespace) -> tuple[Result, Result, Result, list[Result]]:
    port, pid = plan.port, plan.pid
    auth = {"Authorization": f"Bearer {plan.token}"}
    conc, secs = args.concurrency, args.seconds
    ceiling_raw = prepare(port, "GET", plan.ceiling_path, {})
    summaries = [
        prepare(port, "GET", "/collectors/summary", {**auth, "Collector-Number": n}) for n in plan.numbers
    ]
    run = f"{os.getpid()}-{int(time.time())}"
    post_headers = {**auth, "Content-Type": "application/json"}

    print(f"\nThroughput ({conc} keep-alive connections, {secs:.0f} s each):")
    ceiling = await drive(
        f"GET {plan.ceiling_path} (ceiling)",
        port,
        pid,
        lambda i: ceiling_raw,
        200,
        concurrency=conc,
        seconds=secs,
    )
    print(ceiling.line())
    summary = await drive(
        "GET /collectors/summary",
        port,
        pid,
        lambda i: summaries[i % len(summaries)],
        200,
        concurrency=conc,
        seconds=secs,
    )
    print(summary.line())
    enroll = await drive(
        "POST /collectors/",
        port,
        pid,
        lambda i: prepare(port, "POST", "/collectors/", post_headers, enrollment_body(i, run)),
        201,
        concurrency=conc,
        seconds=secs,
    )
    print(enroll.line())

    print(f"\nSearch latency (one request at a time, {args.searches} each, {args.members:,} members):")
    searches = {
        "email": [{"email": e} for e in plan.emails],
        "phone": [{"phone": p} for p in plan.phones],
        "lastName": [{"lastName": n} for n in plan.last_names],
    }
    search_results = []
    for key, queries in searches.items():
        raws = [prepare(port, "GET", "/collectors/search?" + urlencode(q), auth) for q in queries]
        result = await drive(
            f"GET /collectors/search {key}",
            port,
            pid,
            lambda i, raws=raws: raws[i % len(raws)],
            200,
            concurrency=1,
            count=args.searches,
        )
        search_results.append(result)
        print(result.line())
    return ceiling, summary, enroll, search_results


def report(
    ceiling: Result, summary: Result, enroll: Result, searches: list[Result], ping_missing: bool
) -> bool:
    ratio = summary.throughput / ceiling.throughput
    worst_p99 = max(r.percentile_ms(99) for r in searches)
    failures = [r.name for r in (ceiling, summary, enroll, *searches) if r.unexpected]
    print("\nTargets:")
    if ping_missing:
        print("  NOTE: GET /_sandbox/ping is missing; /collectors/health stands in as the ceiling.")
    verdict = "PASS" if ratio >= TARGET_RATIO else "FAIL"
    print(f"  summary / ceiling throughput: {ratio:.2f}  (target >= {TARGET_RATIO})  {verdict}")
    verdict = "PASS" if worst_p99 <= TARGET_SEARCH_P99_MS else "FAIL"
    print(f"  worst search p99: {worst_p99:.2f} ms  (target <= {TARGET_SEARCH_P99_MS:.0f} ms)  {verdict}")
    if failures:
        print(f"  unexpected statuses in: {', '.join(failures)}  FAIL")
    return ratio >= TARGET_RATIO and worst_p99 <= TARGET_SEARCH_P99_MS and not failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=5.0, help="duration of each throughput run")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--searches", type=int, default=1000, help="requests per search kind")
    args = parser.parse_args()
    port = args.port or free_port()
    base = f"http://{HOST}:{port}"
    print(f"Starting the sandbox with {args.members:,} members on {base} (separate process) ...")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"  machine: {os.cpu_count()} cores, load average {load} (other work skews the figures)")
    folder = tempfile.TemporaryDirectory()
    process, startup = start_sandbox(args.members, port, Path(folder.name) / "bench.sqlite3")
    try:
        print(f"  ready in {startup:.1f} s")
        token = partner_token(base)
        ping_missing = httpx.get(f"{base}/_sandbox/ping").status_code != 200
        numbers, emails, phones, last_names = discover(base, token)
        ceiling_path = "/collectors/health" if ping_missing else "/_sandbox/ping"
        plan = Plan(port, process.pid, token, ceiling_path, numbers, emails, phones, last_names)
        results = asyncio.run(measure(plan, args))
    finally:
        process.terminate()
        process.wait(timeout=10)
        folder.cleanup()
    sys.exit(0 if report(*results, ping_missing=ping_missing) else 1)


if __name__ == "__main__":
    main()

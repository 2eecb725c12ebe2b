"""Benchmark: get_summary through CollectorClient versus raw httpx with a fixed token.

The sandbox runs in its own process; both sides call it in the same run, interleaved in batches
(alternating which side goes first) so that machine noise falls on both. Both send the same request
(the contract's headers included), so the ratio is the client's own cost. Target: client/raw <= 1.15.

    python3 dev.py bench client        or        .venv/bin/python tests/bench/bench_client.py [--calls N]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Generator
from pathlib import Path
from uuid import uuid4

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from console.api.client import ORIGIN_CLIENT, ClientSettings, CollectorClient  # noqa: E402
from console.api.environments import load_environments  # noqa: E402
from console.api.exchange import ExchangeLog  # noqa: E402

JANE = "80000000007"
TARGET = 1.15
BATCH = 50


class StaticBearer(httpx.Auth):
    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_sandbox() -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "console.sandbox", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/collectors/health").status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("the sandbox did not start")


def machine_token(url: str) -> str:
    form = {
        "grant_type": "client_credentials",
        "client_id": "sandbox-partner",
        "client_secret": "sandbox-partner-secret",
        "audience": "loyalty-api",
        "scope": "collector:summary:read",
    }
    response = httpx.post(f"{url}/oauth/token", data=form)
    response.raise_for_status()
    return response.json()["access_token"]


async def timed(call: Callable[[], Awaitable[object]], count: int, into: list[float]) -> None:
    for _ in range(count):
        started = time.perf_counter()
        await call()
        into.append(time.perf_counter() - started)


async def run(url: str, calls: int) -> float:
    token = machine_token(url)
    env = load_environments()["sandbox"].with_base(url)
    # As the console uses it: an exchange log that keeps the recent history, one listener.
    exchange_log = ExchangeLog()
    exchange_log.subscribe(lambda exchange: None)
    client = CollectorClient(env, StaticBearer(token), settings=ClientSettings(), exchange_log=exchange_log)
    raw = httpx.AsyncClient(headers={"Authorization": f"Bearer {token}"})
    summary_url = f"{url}/collectors/summary"

    async def through_client() -> object:
        return await client.get_summary(JANE)

    async def through_raw() -> object:
        headers = {
            "Collector-Number": JANE,
            "X-Correlation-Id": str(uuid4()),
            "Accept-Language": "EN",
            "x-origin-client": ORIGIN_CLIENT,
        }
        response = await raw.get(summary_url, headers=headers)
        response.raise_for_status()
        return response.json()

    try:
        await timed(through_client, BATCH, [])  # warm up both connections
        await timed(through_raw, BATCH, [])
        client_times: list[float] = []
        raw_times: list[float] = []
        for batch in range(calls // BATCH):
            sides = [(through_client, client_times), (through_raw, raw_times)]
            for call, into in sides if batch % 2 == 0 else reversed(sides):
                await timed(call, BATCH, into)
    finally:
        await client.aclose()
        await raw.aclose()

    client_total, raw_total = sum(client_times), sum(raw_times)
    ratio = client_total / raw_total
    for name, times, total in (("client", client_times, client_total), ("raw httpx", raw_times, raw_total)):
        print(
            f"{name:>10}: {len(times)} calls in {total:.3f} s  "
            f"mean {total / len(times) * 1000:.3f} ms  median {statistics.median(times) * 1000:.3f} ms"
        )
    median_ratio = statistics.median(client_times) / statistics.median(raw_times)
    print(f"     ratio: {ratio:.3f} (client / raw total, target <= {TARGET}); medians: {median_ratio:.3f}")
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1000, help="calls per side (default 1000)")
    args = parser.parse_args()
    process, url = start_sandbox()
    try:
        ratio = asyncio.run(run(url, args.calls))
    finally:
        process.terminate()
        process.wait(timeout=10)
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())

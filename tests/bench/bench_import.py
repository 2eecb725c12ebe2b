"""Benchmark: a 10 000-row CSV import versus a bare loop of `client.enroll`, and the import's memory.

The sandbox runs in its own process (data in memory). In the same run, at the same concurrency and
over the same signed-in client, a bare loop enrolls half as many people before the import and half
after (so machine noise falls on both sides), then the import enrolls every row of a generated file:
rows read, checked like the form, keyed, kept in the import's state, stored in the outbox (encrypted,
committed before the first attempt), sent from there, and written to the results file. Printed: rows/s
of each, their ratio (target ≥ 0.7), the peak growth of the process's resident memory during the import
(target ≤ 50 MB: the file is streamed, never held whole), and PASS or FAIL for each target.

    python3 dev.py bench import        or        .venv/bin/python tests/bench/bench_import.py [--rows N]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from console.api.client import ClientSettings  # noqa: E402
from console.api.environments import load_environments  # noqa: E402
from console.api.models import EnrollmentRequest  # noqa: E402
from console.api.secrets import SecretStore  # noqa: E402
from console.api.session import EnvironmentSession  # noqa: E402
from console.field_profiles import load_field_profiles  # noqa: E402
from console.services import enrollment_fields as ef  # noqa: E402
from console.services.importing import Importer, ImportOptions  # noqa: E402
from console.services.outbox import Outbox  # noqa: E402
from tests.support.keyrings import MemoryKeyring, using  # noqa: E402

RATIO_TARGET = 0.7
MEMORY_TARGET_MB = 50.0
HEADER = ("personalDetails.firstName", "personalDetails.lastName", "personalDetails.dateOfBirth",
          "contactDetails.email", "contactDetails.phones[0].number", "addressDetails.postalCode",
          "preferences.language", "enrollmentChannel", "consents.EMAIL_MARKETING")
FIRST = ("Élise", "Ève-Marie", "Jean", "O'Neil", "Zoë", "Marc", "Anne", "Luc")
LAST = ("Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Smith", "Brown", "Lee")
PAGE = os.sysconf("SC_PAGE_SIZE")


def person(n: int, tag: str) -> list[str]:
    return [FIRST[n % 8], LAST[n // 8 % 8], f"19{50 + n % 50}-0{1 + n % 9}-1{n % 10}",
            f"{tag}.{n}@example.com", f"416555{n % 10_000:04d}", "M5V 2T6", ("EN", "FR")[n % 2],
            ("EVENT", "IN_STORE")[n % 2], ("yes", "no", "")[n % 3]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_sandbox() -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "console.sandbox", "--port", str(port), "--in-memory", "--members", "0"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/collectors/health").status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("the sandbox did not start")


def rss() -> int:
    """The process's resident memory now, in bytes."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * PAGE


class PeakMemory:
    """Samples the resident memory in a thread; `growth` is the peak above the level at the start."""

    def __init__(self) -> None:
        self.start = rss()
        self.peak = self.start
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, rss())

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss())

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.start) / 2**20


def write_file(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
            writer.writerow(person(n, "import"))


def bare_requests(count: int, tag: str, profile_name: str) -> Iterator[EnrollmentRequest]:
    """The same kind of requests, made straight from checked values (what the import sends)."""
    profile = load_field_profiles().profiles[profile_name]
    for n in range(count):
        cells = person(n, tag)
        values = dict(zip(HEADER[:-1], cells[:-1], strict=True))
        reading = ef.read(values, profile)
        yield reading.request([("EMAIL_MARKETING", True)], consent_language="EN", wording_version="v1")


async def bare_loop(
    session: EnvironmentSession, count: int, tag: str, concurrency: int, profile: str
) -> float:
    """rows/s of `count` enrollments through client.enroll, `concurrency` at a time."""
    requests = bare_requests(count, tag, profile)

    async def worker() -> None:
        for request in requests:
            await session.client.enroll(request, idempotency_key=str(uuid4()))

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return count / (time.perf_counter() - started)


async def bench(url: str, rows: int, concurrency: int, folder: Path) -> int:
    env = load_environments()["sandbox"].with_base(url)
    settings = ClientSettings(max_connections=max(8, concurrency))
    session = EnvironmentSession(env, settings=settings)
    await session.sign_in_partner("sandbox-partner", "sandbox-partner-secret")
    profiles = load_field_profiles()
    profile = profiles.default
    try:
        await bare_loop(session, 100, "warm", concurrency, profile)
        path = folder / "people.csv"
        write_file(path, rows)
        first = await bare_loop(session, rows // 2, "bare1", concurrency, profile)
        options = ImportOptions.from_profiles(profiles, profile, concurrency=concurrency)
        outbox = await Outbox.open(folder / "outbox.sqlite3", secrets=SecretStore())
        importer = Importer(path, outbox, session.client, env.name, options)
        with PeakMemory() as memory:
            started = time.perf_counter()
            summary = await importer.run()
            elapsed = time.perf_counter() - started
        left = len(outbox.items())
        await outbox.close()
        second = await bare_loop(session, rows - rows // 2, "bare2", concurrency, profile)
    finally:
        await session.aclose()
    enrolled = summary.counts.by_status
    imported = rows / elapsed
    bare = (first + second) / 2
    ratio = imported / bare
    print(f"rows: {rows}, concurrency: {concurrency}, profile: {profile}")
    print(f"outcomes: {', '.join(f'{status.value} {count}' for status, count in enrolled.items())}")
    print(f"bare client.enroll loop: {bare:8.1f} rows/s  (before {first:.1f}, after {second:.1f})")
    print(f"import:                  {imported:8.1f} rows/s  ({elapsed:.1f} s)")
    print(f"outbox entries left:     {left:8d}   (settled rows leave it)")
    speed_ok = ratio >= RATIO_TARGET
    memory_ok = memory.growth_mb <= MEMORY_TARGET_MB
    print(f"ratio import/bare:       {ratio:8.2f}   (target >= {RATIO_TARGET})  {_verdict(speed_ok)}")
    print(
        f"import peak memory growth: {memory.growth_mb:6.1f} MB (target <= {MEMORY_TARGET_MB:.0f} MB)  "
        f"{_verdict(memory_ok)}"
    )
    ok = speed_ok and memory_ok and summary.settled and left == 0
    print(f"overall: {_verdict(ok)}")
    return 0 if ok else 1


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    process, url = start_sandbox()
    try:
        with tempfile.TemporaryDirectory() as folder, using(MemoryKeyring()):  # the outbox encrypts
            return asyncio.run(bench(url, args.rows, args.concurrency, Path(folder)))
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())

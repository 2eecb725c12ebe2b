"""A sandbox killed with SIGKILL under enrollment load keeps every acknowledged enrollment."""

import os
import re
import signal
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import httpx

from tests.support.sandbox import machine_token

ACKNOWLEDGED_BEFORE_KILL = 40


def start(db: Path) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "console.sandbox", "--port", "0", "--members", "20", "--db", str(db)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)  # noqa: S603
    assert child.stdout is not None
    match = re.search(r"http://127\.0\.0\.1:\d+", child.stdout.readline())
    assert match, "the sandbox printed no URL"
    return child, match[0]


def body(key: str) -> dict:
    return {"contactDetails": {"email": f"load.{key}@example.com"}}


def test_sigkill_under_load_loses_no_acknowledged_enrollment(tmp_path: Path) -> None:
    db = tmp_path / "sandbox.sqlite3"
    child, url = start(db)
    acknowledged: dict[str, str] = {}  # idempotency key -> collector number
    enough = threading.Event()
    lock = threading.Lock()
    try:
        token = machine_token(url)

        def load() -> None:
            with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=10) as http:
                while True:
                    key = str(uuid.uuid4())
                    try:
                        answer = http.post("/collectors/", json=body(key), headers={"Idempotency-Key": key})
                    except httpx.TransportError:
                        return  # killed
                    if answer.status_code == 201:
                        with lock:
                            acknowledged[key] = answer.json()["collectorNumber"]
                            if len(acknowledged) >= ACKNOWLEDGED_BEFORE_KILL:
                                enough.set()

        workers = [threading.Thread(target=load, daemon=True) for _ in range(4)]
        for worker in workers:
            worker.start()
        assert enough.wait(60), "the load never got going"
        os.kill(child.pid, signal.SIGKILL)  # mid-load: requests are in flight
        for worker in workers:
            worker.join(15)
    finally:
        child.kill()
        child.wait(10)
        child.stdout.close()  # type: ignore[union-attr]

    child, url = start(db)
    try:
        token = machine_token(url)
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=10) as http:
            for number in acknowledged.values():
                assert (
                    http.get("/collectors/profile", headers={"Collector-Number": number}).status_code == 200
                )
            key, number = next(iter(acknowledged.items()))
            replay = http.post("/collectors/", json=body(key), headers={"Idempotency-Key": key})
            assert replay.status_code == 201
            assert replay.headers["idempotent-replayed"] == "true"
            assert replay.json()["collectorNumber"] == number
            fresh = {
                http.post("/collectors/", json=body(str(uuid.uuid4()))).json()["collectorNumber"]
                for _ in range(20)
            }
        assert not fresh & set(acknowledged.values())
    finally:
        child.send_signal(signal.SIGINT)
        child.wait(15)
        child.stdout.close()  # type: ignore[union-attr]

"""The whole application in a child process: first launch, screenshot, clean quit with requests in flight."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from PySide6.QtGui import QImage

from console.__main__ import parse_args
from console.sandbox import EmbeddedSandbox

ROOT = Path(__file__).resolve().parents[2]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

IN_FLIGHT_DRIVER = """
import asyncio, sys, time
from console.__main__ import main
from console.ui.main_window import MainWindow

started = MainWindow.start

async def start(self, name, *, auto_sign_in=False):
    await started(self, name, auto_sign_in=True)
    session = self.context.session
    for _ in range(40):
        self.spawn(session.client.get_summary("80000000007"))
    self.spawn(session.client.health())
    await asyncio.sleep(0.3)
    print(f"CLOSING {time.time():.6f}", flush=True)
    self.close()

MainWindow.start = start
code = main(["--no-err-windows"])
print(f"EXITED {time.time():.6f}", flush=True)
sys.exit(code)
"""


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "PYTHONPATH": str(ROOT),
    })
    return env


def run_child(command: list[str], home: Path, timeout: float = 45) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, env=child_env(home), capture_output=True, text=True,  # noqa: S603
                          timeout=timeout, check=False)


def test_command_line_options() -> None:
    args = parse_args(["--env", "certification", "--no-err-windows", "--screenshot", "x.png",
                       "--log-level", "debug"])
    assert args.env == "certification"
    assert args.no_err_windows
    assert args.screenshot == Path("x.png")
    assert args.log_level == "DEBUG"


@pytest.mark.slow
def test_first_launch_screenshot_on_the_embedded_sandbox(tmp_path: Path) -> None:
    shot = tmp_path / "window.png"
    command = [sys.executable, "-m", "console", "--screenshot", str(shot), "--no-err-windows"]
    result = run_child(command, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert shot.read_bytes().startswith(PNG_MAGIC)
    image = QImage(str(shot))
    assert image.width() >= 800 and image.height() >= 500
    log_file = tmp_path / "state" / "collector-console" / "log" / "console.log"
    text = log_file.read_text(encoding="utf-8")
    assert "signed in to sandbox as partner" in text
    assert "sandbox-partner-secret" not in text
    settings = tmp_path / "config" / "CollectorConsole" / "Collector Console.ini"
    assert "last=sandbox" in settings.read_text(encoding="utf-8")


@pytest.mark.slow
def test_quit_with_requests_in_flight_exits_cleanly(tmp_path: Path, sandbox: EmbeddedSandbox) -> None:
    url = sandbox.base_url
    environments = tmp_path / "environments.json"
    environments.write_text(json.dumps({"environments": {
        "sandbox": {"embedded": False, "api_base": url, "auth_base": url}}}), encoding="utf-8")
    ini = tmp_path / "config" / "CollectorConsole" / "Collector Console.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text(f"[environments]\nuser_file={environments}\n", encoding="utf-8")
    httpx.put(f"{url}/_sandbox/faults", json={"latencyMs": 4000}).raise_for_status()
    try:
        result = run_child([sys.executable, "-c", IN_FLIGHT_DRIVER], tmp_path)
    finally:
        httpx.put(f"{url}/_sandbox/faults", json={}).raise_for_status()
    assert result.returncode == 0, result.stderr
    assert "Fatal Python error" not in result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    marks = dict(line.split() for line in lines if line.startswith(("CLOSING", "EXITED")))
    closing, exited = float(marks["CLOSING"]), float(marks["EXITED"])
    assert exited - closing < 3.0, "quitting cancels the requests instead of waiting for them"

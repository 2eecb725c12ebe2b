"""`collector-sandbox` / `python -m console.sandbox` in a child process."""

import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from console.sandbox.cli import config_from, main, parser

SANDBOX = [sys.executable, "-m", "console.sandbox"]


def test_cli_prints_url_and_demo_credentials_and_serves() -> None:
    command = [
        *SANDBOX,
        "--in-memory",
        "--port",
        "0",
        "--members",
        "20",
        "--latency-ms",
        "1",
    ]
    with subprocess.Popen(  # noqa: S603 - our own module
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as child:
        try:
            assert child.stdout is not None
            first = child.stdout.readline()
            match = re.search(r"http://127\.0\.0\.1:\d+", first)
            assert match, first
            banner = "".join(child.stdout.readline() for _ in range(5))
            assert "sandbox-partner / sandbox-partner-secret" in banner
            assert "jane.doe@example.com / sandbox" in banner
            assert "PIN 1234" in banner
            url = match[0]
            assert httpx.get(f"{url}/collectors/health", timeout=10).json() == {"status": "UP"}
            assert httpx.get(f"{url}/_sandbox/faults").json()["latencyMs"] == 1
        finally:
            child.send_signal(signal.SIGINT)
            child.communicate(timeout=15)
    assert child.returncode == 0


def test_fault_flags_become_the_start_faults() -> None:
    args = parser().parse_args(
        [
            "--error-rate",
            "0.25",
            "--error-statuses",
            "503,429",
            "--retry-after",
            "3",
            "--reset-rate",
            "0.1",
            "--drop-rate",
            "0.2",
            "--maintenance",
            "--rate-limit",
            "5",
            "--rate-window",
            "2",
            "--members",
            "100000",
        ]
    )
    faults = config_from(args).faults.to_json()
    assert faults["errors"] == {"rate": 0.25, "next": 0, "statuses": [503, 429], "retryAfter": 3}
    assert faults["reset"]["rate"] == 0.1
    assert faults["commitThenDrop"]["rate"] == 0.2
    assert faults["maintenance"] is True
    assert faults["rateLimit"] == {"requests": 5, "perSeconds": 2.0}


@pytest.mark.parametrize(
    "flags", [["--members", "100001"], ["--error-rate", "2"], ["--error-statuses", "404"]]
)
def test_bad_flags_are_refused(flags: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parser().parse_args(flags)
    assert "error" in capsys.readouterr().err


def test_faults_document_from_a_file_with_flags_on_top(tmp_path: Path) -> None:
    document = tmp_path / "faults.json"
    document.write_text('{"errors": {"next": 2, "statuses": [503]}, "rateLimit": {"requests": 9}}')
    args = parser().parse_args(["--faults", f"@{document}", "--latency-ms", "40"])
    faults = config_from(args).faults.to_json()
    assert faults["errors"]["next"] == 2 and faults["errors"]["statuses"] == [503]
    assert faults["rateLimit"] == {"requests": 9, "perSeconds": 1.0}
    assert faults["latencyMs"] == 40


def test_a_bad_faults_document_stops_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--port", "0", "--faults", '{"errors": {"rate": 3}}']) == 2
    assert "errors.rate" in capsys.readouterr().err

"""The suite-wide log scan finds watched secrets, also when they are watched only after being logged."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.support.log_scan import LogScan

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"


def scanned_logger(scan: LogScan) -> logging.Logger:
    logger = logging.getLogger(f"test.log_scan.{id(scan)}")
    logger.addHandler(scan)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    return logger


def test_finds_values_watched_before_or_after_they_were_logged_at_any_level() -> None:
    scan = LogScan()
    logger = scanned_logger(scan)
    scan.current = "test_a"
    scan.watch(TOKEN)
    logger.debug("sending Authorization: Bearer %s", TOKEN)
    logger.info("refresh token %s stored", "v1.refresh-abcdef123")
    logger.info("nothing secret here: 80000000007 took 12 ms")
    scan.current = "test_b"
    scan.watch("v1.refresh-abcdef123", "1234")  # too short values are ignored

    assert scan.hits == {TOKEN: ("test_a", logger.name), "v1.refresh-abcdef123": ("test_a", logger.name)}
    assert scan.report()[0].startswith("eyJhbG… (length 49) logged by")


def test_demo_secrets_are_always_watched_even_inside_other_text() -> None:
    scan = LogScan()
    logger = scanned_logger(scan)
    try:
        raise RuntimeError("form was client_secret=sandbox-partner-secretX")
    except RuntimeError:
        logger.exception("token call failed")

    assert list(scan.hits) == ["sandbox-partner-secret"]


def test_clean_logs_pass() -> None:
    scan = LogScan()
    logger = scanned_logger(scan)
    logger.warning("GET /collectors/summary -> 200 in 3.1 ms (correlation id %s)", "c0ffee00-1234")
    scan.watch(TOKEN)
    assert scan.hits == {}


def test_the_plugin_fails_a_run_that_logs_a_secret(tmp_path: Path) -> None:
    (tmp_path / "test_leaky.py").write_text(
        textwrap.dedent(
            """
            import logging
            from tests.support.log_scan import watch

            def test_leaks():
                logging.getLogger("leaky").debug("issued %s", "tok-0123456789abcdef")
                watch("tok-0123456789abcdef")

            def test_clean():
                logging.getLogger("clean").debug("nothing to see")
            """
        ),
        encoding="utf-8",
    )
    run = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "tests.support.log_scan",
            "-p",
            "no:cacheprovider",
            "-q",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=50,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "2 passed" in run.stdout
    assert "secrets found in logs" in run.stdout
    assert "tok-01… (length 20) logged by 'leaky' during" in run.stdout and "test_leaks" in run.stdout

"""`collector-console import` end to end: exit codes, the template, progress, and a process killed mid-run."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from console.api.secrets import SecretStore
from console.commands import COMMANDS, run
from console.sandbox import EmbeddedSandbox
from console.services.import_results import Status, read_results
from console.services.importing import import_source
from console.services.outbox import Outbox, OutboxItem
from tests.support.importing import (
    FAST_PATHS,
    enroll_posts,
    members_with,
    people_file,
    person,
    write_csv,
)
from tests.support.keyrings import MemoryKeyring, using
from tests.support.sandbox_http import machine_token

SECRET = "sandbox-partner-secret"


def environments_file(path: Path, url: str, *, kind: str = "custom") -> Path:
    entry = {
        "label": "Target",
        "kind": kind,
        "api_base": url,
        "auth_base": url,
        "partner_client_id": "sandbox-partner",
        "capabilities": ["search"],
    }
    path.write_text(json.dumps({"environments": {"target": entry}}), encoding="utf-8")
    return path


@pytest.fixture
def target(sandbox: EmbeddedSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Arguments that point the import at the test sandbox, as a tester would."""
    monkeypatch.setenv("COLLECTOR_CLIENT_SECRET", SECRET)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the consent evidence
    with using(MemoryKeyring()):
        yield [
            "--env",
            "target",
            "--environments",
            str(environments_file(tmp_path / "envs.json", sandbox.base_url)),
        ]


def test_import_is_a_command() -> None:
    assert COMMANDS["import"] == "console.commands.import_enrollments"


def test_every_row_settled_is_exit_0_with_a_summary_and_progress_lines(
    target: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _good, bad = people_file(tmp_path / "people.csv", 8, "cli", bad_every=4)
    assert run("import", [str(path), *target]) == 0
    out, err = capsys.readouterr()
    assert "8 rows: 6 enrolled, 0 already enrolled, 2 rejected, 0 pending" in out
    assert "people.results.csv" in out
    assert re.search(r"^import: 8/8 .*rejected 2", err, re.M)  # not a terminal: plain lines
    rejected = [r.row for r in read_results(tmp_path / "people.results.csv") if r.status is Status.REJECTED]
    assert rejected == bad


def test_pending_rows_are_exit_3_and_the_same_command_settles_them(
    target: list[str], sandbox: EmbeddedSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, good, _bad = people_file(tmp_path / "people.csv", 6, "cli3")
    httpx.put(
        f"{sandbox.base_url}/_sandbox/faults", json={"maintenance": True, "retryAfter": 0}
    ).raise_for_status()
    assert run("import", [str(path), *target]) == 3
    assert "run the same command again" in capsys.readouterr().out
    tried = {item["idempotencyKey"] for item in enroll_posts(sandbox.base_url)}
    assert {item.key for item in asyncio.run(outbox_entries(tmp_path, path))} == tried  # the window's outbox
    httpx.put(f"{sandbox.base_url}/_sandbox/faults", json={}).raise_for_status()
    assert run("import", [str(path), *target]) == 0
    token = machine_token(sandbox.base_url)
    assert all(len(members_with(sandbox.base_url, token, email)) == 1 for email in good)
    assert asyncio.run(outbox_entries(tmp_path, path)) == []


async def outbox_entries(home: Path, path: Path) -> list[OutboxItem]:
    """The import's entries in the console's outbox (the one the window opens, under XDG_DATA_HOME)."""
    box = await Outbox.open(home / "data" / "collector-console" / "outbox.sqlite3", secrets=SecretStore())
    try:
        return box.items(source=import_source(path))
    finally:
        await box.close()


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        ([], "Name the CSV file"),
        (["missing.csv"], "Cannot open"),
        (["people.csv", "--env", "nowhere"], "no environment named 'nowhere'"),
        (["people.csv", "--profile", "nobody"], "No field profile named 'nobody'"),
        (["people.csv", "--environments", "absent.json"], "absent.json"),
        (["odd.csv"], "(“Shoe size”)"),
        (["people.csv", "--concurrency", "0"], "at least 1"),
        (["people.csv", "--bogus"], "unrecognized arguments"),
    ],
)
def test_usage_errors_are_exit_2_and_say_what_is_wrong(
    target: list[str],
    sandbox: EmbeddedSandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    complaint: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    people_file(tmp_path / "people.csv", 2, "usage")
    write_csv(tmp_path / "odd.csv", ["contactDetails.email", "Shoe size"], [["a@example.com", "9"]])
    extra = target if "--env" not in args and "--environments" not in args else []
    assert run("import", args + extra) == 2
    assert complaint in capsys.readouterr().err
    assert enroll_posts(sandbox.base_url) == []


def test_production_needs_the_word(
    sandbox: EmbeddedSandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("COLLECTOR_CLIENT_SECRET", SECRET)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    envs = environments_file(tmp_path / "envs.json", sandbox.base_url, kind="production")
    path, _good, _bad = people_file(tmp_path / "people.csv", 2, "prod")
    args = [str(path), "--env", "target", "--environments", str(envs)]
    with using(MemoryKeyring()):
        assert run("import", args) == 2
        assert "--confirm-production PRODUCTION" in capsys.readouterr().err
        assert run("import", [*args, "--confirm-production", "production"]) == 2
        assert enroll_posts(sandbox.base_url) == []
        assert run("import", [*args, "--confirm-production", "PRODUCTION"]) == 0


def test_the_template_documents_its_columns_and_imports_once_filled(
    target: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "template.csv"
    assert run("import", ["--template", str(template)]) == 0
    text = template.read_text(encoding="utf-8-sig")
    assert "contactDetails.email (Email / Courriel); required" in text
    assert "consents.EMAIL_MARKETING" in text and "yes, no, or empty" in text
    header = text.splitlines()[-1].split(",")
    assert header[:3] == [
        "personalDetails.firstName",
        "personalDetails.lastName",
        "personalDetails.dateOfBirth",
    ]
    assert run("import", [str(template), *target]) == 0  # empty: nothing to do
    values = dict(zip(FAST_PATHS, person(5, "tpl"), strict=True))
    with template.open("a", encoding="utf-8", newline="") as handle:
        handle.write(",".join(values.get(column, "") for column in header) + "\r\n")
    assert run("import", [str(template), *target]) == 0
    [result] = read_results(tmp_path / "template.results.csv")
    assert result.status is Status.ENROLLED and result.row == len(text.splitlines()) + 1


# A process killed mid-run --------------------------------------------------------------------------


@pytest.fixture
def sandbox_process(tmp_path: Path) -> Iterator[str]:
    """A sandbox in its own process (data on disk), slow enough to be killed mid-import."""
    command = [
        sys.executable,
        "-m",
        "console.sandbox",
        "--port",
        "0",
        "--members",
        "10",
        "--db",
        str(tmp_path / "sandbox.sqlite3"),
        "--latency-ms",
        "60",
    ]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as child:  # noqa: S603
        try:
            assert child.stdout is not None
            match = re.search(r"http://127\.0\.0\.1:\d+", child.stdout.readline())
            assert match
            yield match[0]
        finally:
            child.send_signal(signal.SIGINT)
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def _import_process(path: Path, envs: Path, data: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "COLLECTOR_CLIENT_SECRET": SECRET,
        "XDG_DATA_HOME": str(data),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    command = [
        sys.executable,
        "-m",
        "console",
        "import",
        str(path),
        "--env",
        "target",
        "--environments",
        str(envs),
        "--concurrency",
        "4",
    ]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603


@pytest.mark.timeout(150)
def test_an_import_killed_again_and_again_enrolls_each_good_row_exactly_once(
    sandbox_process: str, tmp_path: Path
) -> None:
    url = sandbox_process
    envs = environments_file(tmp_path / "envs.json", url)
    path, good, bad = people_file(tmp_path / "people.csv", 120, "kill", bad_every=10)
    kills = 0
    for _round in range(3):
        before = len(enroll_posts(url))
        child = _import_process(path, envs, tmp_path / "data")
        deadline = time.monotonic() + 60
        while len(enroll_posts(url)) < before + 12 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            kills += 1
        child.wait(timeout=30)
    assert kills >= 2  # the runs really were cut short
    codes = []
    for _attempt in range(3):
        child = _import_process(path, envs, tmp_path / "data")
        codes.append(child.wait(timeout=90))
        if codes[-1] == 0:
            break
    assert codes[-1] == 0, codes
    results = read_results(tmp_path / "people.results.csv")
    assert sorted(r.row for r in results if r.status is Status.REJECTED) == bad
    assert all(r.fields == "personalDetails.dateOfBirth" for r in results if r.status is Status.REJECTED)
    assert len([r for r in results if r.status is Status.ENROLLED]) == len(good)
    token = machine_token(url)
    for email in good:
        assert len(members_with(url, token, email)) == 1, email

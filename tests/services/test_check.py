"""The contract check: passes on the real sandbox, names each drift of a deliberately drifted server."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.commands import check as command
from console.sandbox import EmbeddedSandbox
from console.services.check import CHECKS, Outcome
from tests.services.drift_server import Rule, drifted, header_rule, json_rule, status_rule
from tests.support.keyrings import MemoryKeyring, using

PARTNER = ("sandbox-partner", "sandbox-partner-secret")


@pytest.fixture(autouse=True)
def keyring_backend() -> Iterator[MemoryKeyring]:
    with using(MemoryKeyring()) as backend:
        yield backend  # type: ignore[misc]


def environments_file(tmp_path: Path, api_base: str, auth_base: str, **extra: object) -> Path:
    entry = {"label": "Lab", "api_base": api_base, "auth_base": auth_base, "partner_client_id": PARTNER[0],
             "capabilities": ["search"], "test_collector": "80000000007", **extra}
    path = tmp_path / "environments.json"
    path.write_text(json.dumps({"environments": {"lab": entry}}), encoding="utf-8")
    return path


def rows(output: str) -> dict[str, str]:
    """check name -> result, from the printed table."""
    found = {}
    for line in output.splitlines():
        cells = line.split()
        if cells and cells[0] in CHECKS:
            found[cells[0]] = cells[1]
    return found


def test_the_embedded_sandbox_passes_every_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junit, har = tmp_path / "check.xml", tmp_path / "check.har"
    code = command.main(["--env", "sandbox", "--write", "--junit", str(junit), "--har", str(har)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert rows(out) == dict.fromkeys(CHECKS, "PASS")
    suite = ET.parse(junit).getroot()  # noqa: S314 - our own report
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == (str(len(CHECKS)), "0", "0")
    entries = json.loads(har.read_text("utf-8"))["log"]["entries"]
    urls = [entry["request"]["url"] for entry in entries]
    assert any(url.endswith("/oauth/token") for url in urls)
    assert any("/collectors/search" in url for url in urls)
    text = har.read_text("utf-8")
    assert PARTNER[1] not in text and "jane.doe@example.com" not in text and "eyJ" not in text


def test_without_write_the_enrollment_checks_are_not_planned(capsys: pytest.CaptureFixture[str]) -> None:
    assert command.main(["--env", "sandbox"]) == 0
    shown = rows(capsys.readouterr().out)
    assert "enroll" not in shown and "replay" not in shown and shown["no-token"] == "PASS"


def test_write_is_refused_for_production_before_any_request(capsys: pytest.CaptureFixture[str]) -> None:
    assert command.main(["--env", "production", "--write"]) == 2
    assert "refused" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert command.main(["--env", "sandbox", "--collector", "123"]) == 2
    assert command.main(["--env", "nowhere"]) == 2
    assert "nowhere" in capsys.readouterr().err


def test_an_unreachable_service_is_a_connection_error(
        tmp_path: Path, sandbox: EmbeddedSandbox, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLLECTOR_CLIENT_SECRET", PARTNER[1])
    path = environments_file(tmp_path, "http://127.0.0.1:9", sandbox.base_url)
    assert command.main(["--env", "lab", "--environments", str(path)]) == 2
    shown = rows(capsys.readouterr().out)
    assert shown["health"] == "ERROR" and shown["summary"] == "ERROR"


def _summary_cash_as_text(body: dict) -> dict:
    return {**body, "cashBalance": str(body["cashBalance"])}


def _profile_without_status(body: dict) -> dict:
    return {key: value for key, value in body.items() if key != "status"}


DRIFTS: dict[str, tuple[Rule, str, list[str]]] = {
    "wrong type": (
        json_rule("GET", "/collectors/summary", 200, _summary_cash_as_text),
        "summary",
        ["GET /collectors/summary 200: $.cashBalance: expected integer, got string"],
    ),
    "missing required field": (
        json_rule("GET", "/collectors/profile", 200, _profile_without_status),
        "profile",
        ["GET /collectors/profile 200: $.status: required, missing"],
    ),
    "wrong status": (
        status_rule("GET", "/collectors/health", 200, 202),
        "health",
        ["expected 200, got 202",
         "GET /collectors/health 202: status: not in the contract (expected one of 200, 503)"],
    ),
    "error without the envelope": (
        json_rule("GET", "/collectors/profile", 404, lambda body: {"error": "not found"}),
        "unknown-collector",
        ["GET /collectors/profile 404: $.responseCode: required, missing",
         "GET /collectors/profile 404: $.error: not in the contract"],
    ),
    "missing required header": (
        header_rule("GET", "/collectors/profile", 401, "WWW-Authenticate"),
        "no-token",
        ["GET /collectors/profile 401: header WWW-Authenticate: required, missing"],
    ),
}


@pytest.mark.parametrize("drift", list(DRIFTS))
def test_each_drift_is_found_and_named(
        drift: str, tmp_path: Path, sandbox: EmbeddedSandbox, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    rule, check_name, lines = DRIFTS[drift]
    monkeypatch.setenv("COLLECTOR_CLIENT_SECRET", PARTNER[1])
    junit = tmp_path / "check.xml"
    with drifted(sandbox.base_url, rule) as api_base:
        path = environments_file(tmp_path, api_base, sandbox.base_url)
        code = command.main(["--env", "lab", "--environments", str(path), "--junit", str(junit)])
    out = capsys.readouterr().out
    assert code == 1, out
    shown = rows(out)
    assert shown.pop(check_name) == "FAIL", out
    assert set(shown.values()) == {"PASS"}, out  # only the broken rule is reported
    for line in lines:
        assert f"    {line}" in out.splitlines(), out
    failure = ET.parse(junit).getroot().find(  # noqa: S314 - our own report
        f"testcase[@name='{check_name}']/failure")
    assert failure is not None and lines[-1] in (failure.text or "")


def test_the_listener_sees_each_check_start_and_end(tmp_path: Path, sandbox: EmbeddedSandbox) -> None:
    import asyncio

    from console.services.check import ContractCheck
    from console.services.sessions import partner_session

    seen: list[tuple[str, Outcome]] = []

    async def run() -> None:
        path = environments_file(tmp_path, sandbox.base_url, sandbox.base_url, kind="custom")
        async with partner_session("lab", environments_file=path) as session:
            await ContractCheck(session, listener=lambda r: seen.append((r.name, r.outcome))).run()

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COLLECTOR_CLIENT_SECRET", PARTNER[1])
        asyncio.run(run())
    assert seen[:2] == [("health", Outcome.RUNNING), ("health", Outcome.PASSED)]
    assert [name for name, outcome in seen if outcome is Outcome.RUNNING] == [
        name for name in CHECKS if name not in ("enroll", "replay")]

"""Copy as cURL runs: the copied command is executed against the sandbox (curl, or replayed with httpx)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from datetime import date

import httpx
import pytest

from console.api.client import USER_AGENT, CollectorClient
from console.api.environments import load_environments
from console.api.exchange import Exchange, ExchangeLog
from console.api.models import ContactDetails, EnrollmentRequest, PersonalDetails, Phone
from console.api.secrets import SecretStore
from console.api.session import EnvironmentSession
from console.sandbox import EmbeddedSandbox
from console.services.curl import TOKEN_VARIABLE, as_curl
from tests.support.keyrings import MemoryKeyring, using
from tests.support.sandbox_http import StaticBearer, machine_token

JANE = "80000000007"


async def exchanges(sandbox: EmbeddedSandbox) -> tuple[str, dict[str, Exchange]]:
    """A token, and the exchanges of a summary, a search with accents and an enrollment."""
    token = machine_token(sandbox.base_url)
    log = ExchangeLog()
    env = load_environments()["sandbox"].with_base(sandbox.base_url)
    async with CollectorClient(env, StaticBearer(token), exchange_log=log) as client:
        await client.get_summary(JANE)
        await client.search(last_name="Tremblay", first_name="Élise")
        await client.enroll(EnrollmentRequest(
            personal_details=PersonalDetails(first_name="Ève-Marie", last_name="O'Neil",
                                             date_of_birth=date(1990, 5, 17)),
            contact_details=ContactDetails(email="eve.oneil@example.com",
                                           phones=[Phone(number="5145550142")]),
        ))
    by_path = {exchange.raw_url.split("?")[0].rsplit("/", 1)[-1] or "enroll": exchange
               for exchange in log.recent}
    return token, by_path


def replay(command: str, token: str, runner: str = "curl", secret: str = "") -> httpx.Response:
    """Run the command with curl (where installed), or parsed with shlex and replayed with httpx."""
    if runner == "curl" and shutil.which("curl") and shutil.which("bash"):
        script = command.rstrip("\n") + ' -s -o /dev/null -w "%{http_code}"'
        variables = {**os.environ, TOKEN_VARIABLE: token, "COLLECTOR_CLIENT_SECRET": secret}
        done = subprocess.run(["bash", "-c", script], env=variables,  # noqa: S603,S607
                              capture_output=True, text=True, timeout=30, check=True)
        return httpx.Response(int(done.stdout))
    words = shlex.split(command.replace(f"${TOKEN_VARIABLE}", token)
                        .replace("$COLLECTOR_CLIENT_SECRET", secret), comments=True)
    method, url = words[words.index("-X") + 1], words[words.index("-X") + 2]
    headers = dict(words[i + 1].split(": ", 1) for i, w in enumerate(words) if w == "-H")
    body = words[words.index("--data-raw") + 1].encode() if "--data-raw" in words else None
    return httpx.request(method, url, headers=headers, content=body)


@pytest.mark.parametrize("runner", ["curl", "httpx"])
async def test_copied_commands_run_against_the_sandbox(sandbox: EmbeddedSandbox, runner: str) -> None:
    token, by_path = await exchanges(sandbox)
    async with httpx.AsyncClient() as http:  # the placeholder person is new again
        (await http.post(f"{sandbox.base_url}/_sandbox/reset")).raise_for_status()
    for name, expected in (("summary", {200, 404}), ("search", {200}), ("enroll", {201})):
        command = as_curl(by_path[name])
        assert command.isascii(), command
        assert command.startswith(f"# Set {TOKEN_VARIABLE}")
        assert f'-H "authorization: Bearer ${TOKEN_VARIABLE}"' in command
        assert token not in command
        assert replay(command, token, runner).status_code in expected, (name, command)


async def test_personal_values_become_placeholders_and_keys_are_fresh(sandbox: EmbeddedSandbox) -> None:
    _token, by_path = await exchanges(sandbox)
    enroll = by_path["enroll"]
    command = as_curl(enroll)
    for personal in ("eve.oneil", "O'Neil", "Neil", "5145550142", "1990-05-17", "Marie"):
        assert personal not in command
    sent_key = enroll.view().request_headers["idempotency-key"]
    sent_cid = enroll.correlation_id
    assert sent_key not in command and (sent_cid or "") not in command
    assert re.search(r"idempotency-key: [0-9a-f-]{36}", command, re.IGNORECASE)
    search = as_curl(by_path["search"])
    url = shlex.split(search.splitlines()[1].rstrip("\\"))[3]
    assert "Tremblay" not in search and url.isascii() and "lastName=" in url and " " not in url


async def test_copy_with_data_keeps_the_members_values(sandbox: EmbeddedSandbox) -> None:
    _token, by_path = await exchanges(sandbox)
    command = as_curl(by_path["search"], reveal=True)
    assert "Tremblay" in command and "%C3%89lise" in command and command.isascii()


async def test_a_token_request_shows_its_correlation_id_and_user_agent_and_needs_no_token(
        sandbox: EmbeddedSandbox) -> None:
    env = load_environments()["sandbox"].with_base(sandbox.base_url)
    with using(MemoryKeyring()):
        session = EnvironmentSession(env, secrets=SecretStore())
        await session.sign_in_partner("sandbox-partner", "sandbox-partner-secret")
        [exchange] = [e for e in session.exchange_log.recent if e.raw_url.endswith("/oauth/token")]
        command = as_curl(exchange)
        await session.aclose()
    assert command.startswith("# Set COLLECTOR_CLIENT_SECRET") and "sandbox-partner-secret" not in command
    assert exchange.correlation_id and exchange.request_headers["user-agent"] == USER_AGENT
    assert replay(command, "", secret="sandbox-partner-secret").status_code == 200
    assert replay(command, "", secret="wrong").status_code == 401

"""Brute-force protection of the hosted sign-in page: 10 failed attempts in a row block a login."""

from pathlib import Path

import httpx
import pytest

from console.api.errors import LoginBlocked
from console.api.pkce import LoopbackReceiver
from console.sandbox import SandboxConfig, start_embedded
from tests.support.sandbox import (
    EMAIL_CONNECTION,
    JANE,
    JANE_LOGIN,
    JANE_PIN,
    PIN_CONNECTION,
    Pkce,
    authorize_params,
    open_sign_in_page,
    post_sign_in,
    query_of,
)

WRONG_PASSWORD = {"email": "jane.doe@example.com", "password": "not-it"}
WRONG_PIN = {"collectorNumber": JANE, "pin": "0000"}
BLOCKED = "Your account has been blocked after multiple consecutive login attempts."


def attempt(base_url: str, credentials: dict[str, str]) -> httpx.Response:
    connection = EMAIL_CONNECTION if "email" in credentials else PIN_CONNECTION
    page = open_sign_in_page(base_url, authorize_params(connection=connection, pkce=Pkce.make()))
    return post_sign_in(base_url, page, credentials)


def is_signed_in(response: httpx.Response) -> bool:
    return response.status_code == 302 and "code" in query_of(response.headers["location"])


def is_blocked(response: httpx.Response) -> bool:
    if response.status_code != 302:
        return False
    answer = query_of(response.headers["location"])
    return answer.get("error") == "unauthorized" and answer.get("error_description") == BLOCKED


@pytest.mark.parametrize(("wrong", "right"), [(WRONG_PASSWORD, JANE_LOGIN), (WRONG_PIN, JANE_PIN)])
def test_the_tenth_failure_in_a_row_blocks_the_login(
    sandbox_url: str, wrong: dict[str, str], right: dict[str, str]
) -> None:
    for _ in range(9):
        answer = attempt(sandbox_url, wrong)
        assert answer.status_code == 200 and not is_blocked(answer)  # the page again, with its error
    assert is_blocked(attempt(sandbox_url, wrong))
    assert is_blocked(attempt(sandbox_url, right))  # even the right password, while blocked


def test_a_success_starts_the_count_again(sandbox_url: str) -> None:
    for _ in range(9):
        attempt(sandbox_url, WRONG_PASSWORD)
    assert is_signed_in(attempt(sandbox_url, JANE_LOGIN))
    for _ in range(9):
        assert not is_blocked(attempt(sandbox_url, WRONG_PIN))
    assert is_signed_in(attempt(sandbox_url, JANE_PIN))


def test_one_blocked_login_leaves_the_others_alone(sandbox_url: str) -> None:
    for _ in range(10):
        attempt(sandbox_url, WRONG_PASSWORD)
    assert is_signed_in(attempt(sandbox_url, {"email": "elise.tremblay@example.com", "password": "sandbox"}))


@pytest.mark.parametrize("lift", ["blocks", "blocks-of-one", "reset"])
def test_the_control_endpoints_lift_a_block(sandbox_url: str, lift: str) -> None:
    for _ in range(10):
        attempt(sandbox_url, WRONG_PASSWORD)
    assert is_blocked(attempt(sandbox_url, JANE_LOGIN))
    if lift == "reset":
        httpx.post(f"{sandbox_url}/_sandbox/reset").raise_for_status()
    else:
        params = {"collectorNumber": JANE} if lift == "blocks-of-one" else None
        response = httpx.delete(f"{sandbox_url}/_sandbox/blocks", params=params)
        assert response.json() == {"lifted": 1}
    assert is_signed_in(attempt(sandbox_url, JANE_LOGIN))


def test_a_block_outlives_a_restart(tmp_path: Path) -> None:
    config = SandboxConfig(members=5, db=str(tmp_path / "sandbox.db"))
    with start_embedded(config) as server:
        for _ in range(10):
            attempt(server.base_url, WRONG_PASSWORD)
    with start_embedded(config) as server:
        assert is_blocked(attempt(server.base_url, JANE_LOGIN))


def test_the_console_reads_the_blocked_answer_as_a_blocked_login() -> None:
    outcome = LoopbackReceiver("s")._judge(
        {"state": "s", "error": "unauthorized", "error_description": BLOCKED}
    )
    assert isinstance(outcome, LoginBlocked)

"""The sandbox clock: moved on by `POST /_sandbox/clock`, bounded, put back by reset."""

from datetime import datetime

import httpx
import pytest

from tests.support.sandbox import advance_clock


def clock(base_url: str) -> dict:
    return httpx.get(f"{base_url}/_sandbox/clock").json()


def test_advancing_moves_the_sandbox_time_and_reset_puts_it_back(sandbox_url: str) -> None:
    before = clock(sandbox_url)
    assert before["offsetSeconds"] == 0
    advance_clock(sandbox_url, 86_400)
    after = clock(sandbox_url)
    assert after["offsetSeconds"] == 86_400
    moved = datetime.fromisoformat(after["now"]) - datetime.fromisoformat(before["now"])
    assert moved.days == 1
    httpx.post(f"{sandbox_url}/_sandbox/reset").raise_for_status()
    assert clock(sandbox_url)["offsetSeconds"] == 0


@pytest.mark.parametrize(
    "body", [{"advanceSeconds": -1}, {"advanceSeconds": 10**12}, {"advanceSeconds": "60"}, {}, [60]]
)
def test_the_clock_only_moves_forward_by_a_bounded_step(sandbox_url: str, body: object) -> None:
    response = httpx.post(f"{sandbox_url}/_sandbox/clock", json=body)
    assert response.status_code == 400, response.text
    assert clock(sandbox_url)["offsetSeconds"] == 0

"""Enrollment idempotency: replay, key reused with another body, key still in progress."""

import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from tests.support.sandbox import (
    advance_clock,
    api,
    assert_error,
    full_enrollment,
    logged_requests,
    machine_token,
    set_faults,
    wait_until_sleeping,
)


def post(
    base_url: str, token: str, body: dict[str, Any], key: str, path: str = "/collectors/"
) -> httpx.Response:
    with api(base_url, token, **{"Idempotency-Key": key}) as client:
        return client.post(path, json=body)


def search_email(base_url: str, token: str, email: str) -> list[dict[str, Any]]:
    with api(base_url, token) as client:
        response = client.get("/collectors/search", params={"email": email})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_same_key_same_body_replays_the_first_response(sandbox_url: str) -> None:
    token = machine_token(sandbox_url)
    body = full_enrollment()
    key = str(uuid.uuid4())
    first = post(sandbox_url, token, body, key)
    assert first.status_code == 201, first.text
    assert first.headers.get("idempotent-replayed") != "true"
    second = post(sandbox_url, token, body, key)
    assert second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["idempotent-replayed"] == "true"
    assert len(search_email(sandbox_url, token, body["contactDetails"]["email"])) == 1
    keys = [item["idempotencyKey"] for item in logged_requests(sandbox_url, "/collectors/")]
    assert keys == [key, key]


def test_replay_works_on_both_paths(sandbox_url: str) -> None:
    token = machine_token(sandbox_url)
    body = full_enrollment()
    key = str(uuid.uuid4())
    first = post(sandbox_url, token, body, key, "/collectors")
    second = post(sandbox_url, token, body, key, "/collectors/")
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["idempotent-replayed"] == "true"


def test_replay_of_an_error_response(sandbox_url: str) -> None:
    token = machine_token(sandbox_url)
    body = {"contactDetails": {"email": "jane.doe@example.com"}}
    key = str(uuid.uuid4())
    first = post(sandbox_url, token, body, key)
    assert_error(first, 409, "DUPLICATE_COLLECTOR")
    second = post(sandbox_url, token, body, key)
    assert second.status_code == 409
    assert second.json()["responseCode"] == "DUPLICATE_COLLECTOR"


def test_same_key_other_body_is_refused(sandbox_url: str) -> None:
    token = machine_token(sandbox_url)
    key = str(uuid.uuid4())
    assert post(sandbox_url, token, full_enrollment(), key).status_code == 201
    other = full_enrollment()
    assert_error(post(sandbox_url, token, other, key), 422, "IDEMPOTENCY_KEY_REUSED")
    assert search_email(sandbox_url, token, other["contactDetails"]["email"]) == []


def test_other_key_same_body_is_a_new_attempt(sandbox_url: str) -> None:
    token = machine_token(sandbox_url)
    body = full_enrollment()
    assert post(sandbox_url, token, body, str(uuid.uuid4())).status_code == 201
    assert_error(post(sandbox_url, token, body, str(uuid.uuid4())), 409, "DUPLICATE_COLLECTOR")


def test_key_still_in_progress_is_a_conflict(sandbox_url: str) -> None:
    token = machine_token(sandbox_url)
    set_faults(sandbox_url, latencyMs=60_000)
    body = full_enrollment()
    key = str(uuid.uuid4())
    with ThreadPoolExecutor(max_workers=1) as pool:
        first = pool.submit(post, sandbox_url, token, body, key)
        wait_until_sleeping(sandbox_url)
        second = post(sandbox_url, token, body, key)
        assert not first.done()
        advance_clock(sandbox_url, 60)
        responses = [first.result(), second]
    assert responses[0].status_code == 201, responses[0].text
    assert_error(responses[1], 409, "IDEMPOTENCY_IN_PROGRESS")
    set_faults(sandbox_url)
    replay = post(sandbox_url, token, body, key)
    assert replay.status_code == 201
    assert replay.json() == responses[0].json()


def test_key_longer_than_255_is_invalid(sandbox_url: str) -> None:
    token = machine_token(sandbox_url)
    response = post(sandbox_url, token, full_enrollment(), "k" * 256)
    assert_error(response, 400, "INVALID_REQUEST")
    assert post(sandbox_url, token, full_enrollment(), "k" * 255).status_code == 201


def test_a_record_is_replayed_for_24_hours_then_forgotten(sandbox_url: str) -> None:
    token = machine_token(sandbox_url)
    body = full_enrollment()
    key = str(uuid.uuid4())
    first = post(sandbox_url, token, body, key)
    assert first.status_code == 201, first.text
    advance_clock(sandbox_url, 24 * 3600 - 60)
    token = machine_token(sandbox_url)
    replay = post(sandbox_url, token, body, key)
    assert replay.headers.get("idempotent-replayed") == "true"
    assert replay.json() == first.json()
    advance_clock(sandbox_url, 120)
    token = machine_token(sandbox_url)
    fresh = post(sandbox_url, token, body, key)  # a new attempt: the email is now taken
    assert fresh.headers.get("idempotent-replayed") != "true"
    assert_error(fresh, 409, "DUPLICATE_COLLECTOR")

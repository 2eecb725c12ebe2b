"""Faults on demand: latency, error statuses, connection reset, commit-then-drop, maintenance, rate limit."""

import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.support.sandbox import (
    JANE,
    PARTNER,
    READONLY,
    advance_clock,
    api,
    assert_error,
    full_enrollment,
    logged_requests,
    machine_token,
    set_faults,
    wait_until_sleeping,
)


def summary_client(base_url: str, client: tuple[str, str] = PARTNER) -> httpx.Client:
    return api(base_url, machine_token(base_url, client), **{"Collector-Number": JANE})


def test_faults_round_trip_and_default_off(sandbox_url: str) -> None:
    defaults = httpx.get(f"{sandbox_url}/_sandbox/faults").json()
    assert defaults["latencyMs"] == 0
    assert defaults["maintenance"] is False
    assert defaults["rateLimit"] is None
    set_faults(sandbox_url, latencyMs=25, maintenance=True)
    current = httpx.get(f"{sandbox_url}/_sandbox/faults").json()
    assert current["latencyMs"] == 25
    assert current["maintenance"] is True
    set_faults(sandbox_url)  # PUT replaces: omitted keys go back to off.
    assert httpx.get(f"{sandbox_url}/_sandbox/faults").json() == defaults


def test_control_routes_are_not_logged(sandbox_url: str) -> None:
    set_faults(sandbox_url, latencyMs=0)
    httpx.get(f"{sandbox_url}/_sandbox/faults")
    httpx.get(f"{sandbox_url}/collectors/health")
    assert logged_requests(sandbox_url, "/_sandbox/faults") == []
    assert [item["path"] for item in logged_requests(sandbox_url, "/collectors/health")] == [
        "/collectors/health"
    ]


def test_added_latency_holds_the_answer_until_the_clock_has_moved(sandbox_url: str) -> None:
    with summary_client(sandbox_url) as client, ThreadPoolExecutor(max_workers=1) as pool:
        set_faults(sandbox_url, latencyMs=30_000)
        answer = pool.submit(client.get, "/collectors/summary")
        wait_until_sleeping(sandbox_url)
        advance_clock(sandbox_url, 29)
        assert httpx.get(f"{sandbox_url}/_sandbox/clock").json()["sleeping"] == 1
        assert not answer.done()
        advance_clock(sandbox_url, 1)
        assert answer.result(timeout=10).status_code == 200


@pytest.mark.parametrize(
    ("status", "code"),
    [(500, "INTERNAL_ERROR"), (503, "SERVICE_UNAVAILABLE"), (429, "RATE_LIMITED")],
)
def test_next_error_status(sandbox_url: str, status: int, code: str) -> None:
    with summary_client(sandbox_url) as client:
        set_faults(sandbox_url, errors={"next": 2, "statuses": [status], "retryAfter": 3})
        for _ in range(2):
            response = client.get("/collectors/summary")
            assert_error(response, status, code)
            if status in (429, 503):
                assert response.headers["retry-after"] == "3"
        assert client.get("/collectors/summary").status_code == 200


def test_errors_also_hit_enrollment_and_search(sandbox_url: str) -> None:
    with api(sandbox_url, machine_token(sandbox_url)) as client:
        set_faults(sandbox_url, errors={"next": 2, "statuses": [503], "retryAfter": 1})
        assert_error(client.post("/collectors/", json=full_enrollment()), 503, "SERVICE_UNAVAILABLE")
        assert_error(client.get("/collectors/search", params={"lastName": "Doe"}), 503, "SERVICE_UNAVAILABLE")
        assert client.get("/collectors/search", params={"lastName": "Doe"}).status_code == 200


def test_error_rate_one_fails_everything_but_health(sandbox_url: str) -> None:
    set_faults(sandbox_url, errors={"rate": 1.0, "statuses": [500]})
    with summary_client(sandbox_url) as client:
        assert [client.get("/collectors/summary").status_code for _ in range(5)] == [500] * 5
        assert client.get("/collectors/health").status_code == 200


def test_error_mix_uses_the_listed_statuses(sandbox_url: str) -> None:
    set_faults(sandbox_url, errors={"next": 30, "statuses": [500, 503, 429], "retryAfter": 1})
    with summary_client(sandbox_url) as client:
        statuses = {client.get("/collectors/summary").status_code for _ in range(30)}
    assert statuses <= {500, 503, 429}
    assert len(statuses) >= 2


def test_reset_drops_the_connection(sandbox_url: str) -> None:
    with summary_client(sandbox_url) as client:
        set_faults(sandbox_url, reset={"next": 1})
        with pytest.raises(httpx.TransportError):
            client.get("/collectors/summary")
        assert client.get("/collectors/summary").status_code == 200


def test_reset_rate_one(sandbox_url: str) -> None:
    set_faults(sandbox_url, reset={"rate": 1.0})
    with summary_client(sandbox_url) as client:
        for _ in range(3):
            with pytest.raises(httpx.TransportError):
                client.get("/collectors/summary")
        assert client.get("/collectors/health").status_code == 200


def test_commit_then_drop_creates_the_collector(sandbox_url: str) -> None:
    body = full_enrollment()
    key = str(uuid.uuid4())
    with api(sandbox_url, machine_token(sandbox_url), **{"Idempotency-Key": key}) as client:
        set_faults(sandbox_url, commitThenDrop={"next": 1})
        with pytest.raises(httpx.TransportError):
            client.post("/collectors/", json=body)
        found = client.get("/collectors/search", params={"email": body["contactDetails"]["email"]}).json()
        assert len(found["items"]) == 1
        # The retry with the same key gets the first outcome, not a duplicate.
        retry = client.post("/collectors/", json=body)
    assert retry.status_code == 201, retry.text
    assert retry.headers["idempotent-replayed"] == "true"
    assert retry.json()["collectorNumber"] == found["items"][0]["collectorNumber"]


def test_commit_then_drop_spares_reads(sandbox_url: str) -> None:
    set_faults(sandbox_url, commitThenDrop={"next": 1})
    with summary_client(sandbox_url) as client:
        assert client.get("/collectors/summary").status_code == 200


def test_maintenance(sandbox_url: str) -> None:
    token = machine_token(sandbox_url)
    set_faults(sandbox_url, maintenance=True, retryAfter=7)
    with api(sandbox_url, token, **{"Collector-Number": JANE}) as client:
        for response in (
            client.get("/collectors/health"),
            client.get("/collectors/summary"),
            client.get("/collectors/profile"),
            client.post("/collectors/", json=full_enrollment()),
            client.get("/collectors/search", params={"lastName": "Doe"}),
        ):
            assert_error(response, 503, "SERVICE_UNAVAILABLE")
            assert response.headers["retry-after"] == "7"
        set_faults(sandbox_url)
        assert client.get("/collectors/health").json() == {"status": "UP"}
        assert client.get("/collectors/summary").status_code == 200


def test_maintenance_in_french(sandbox_url: str) -> None:
    set_faults(sandbox_url, maintenance=True)
    english = httpx.get(f"{sandbox_url}/collectors/health").json()
    french = httpx.get(f"{sandbox_url}/collectors/health", headers={"Accept-Language": "FR"}).json()
    assert french["message"] != english["message"]


def test_rate_limit_per_client(sandbox_url: str) -> None:
    partner = summary_client(sandbox_url)
    readonly = summary_client(sandbox_url, READONLY)
    set_faults(sandbox_url, rateLimit={"requests": 3, "perSeconds": 60}, retryAfter=2)
    with partner, readonly:
        assert [partner.get("/collectors/summary").status_code for _ in range(3)] == [200] * 3
        limited = partner.get("/collectors/summary")
        assert_error(limited, 429, "RATE_LIMITED")
        assert 55 <= int(limited.headers["retry-after"]) <= 60  # what is left of the window, not retryAfter
        # Another client id has its own budget.
        assert readonly.get("/collectors/summary").status_code == 200
        advance_clock(sandbox_url, 59)
        assert_error(partner.get("/collectors/summary"), 429, "RATE_LIMITED")
        advance_clock(sandbox_url, 1)
        assert partner.get("/collectors/summary").status_code == 200

"""The embedded sandbox: base URL, clean stop, the control endpoints' basics."""

import socket
from pathlib import Path

import httpx
import pytest

from console.sandbox import EmbeddedSandbox, SandboxConfig, start_embedded
from console.sandbox.app import create_app
from tests.support.sandbox import member_tokens, refresh


def test_starts_on_a_free_loopback_port_and_stops_cleanly() -> None:
    server = start_embedded()
    try:
        assert server.base_url.startswith("http://127.0.0.1:")
        assert not server.base_url.endswith("/")
        assert httpx.get(f"{server.base_url}/collectors/health").json() == {"status": "UP"}
    finally:
        server.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.base_url}/collectors/health")


def test_context_manager_on_a_given_port() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with start_embedded(SandboxConfig(members=10), port=port) as server:
        assert isinstance(server, EmbeddedSandbox)
        assert server.base_url == f"http://127.0.0.1:{port}"
        issuer = httpx.get(f"{server.base_url}/.well-known/openid-configuration").json()["issuer"]
        assert issuer == f"{server.base_url}/"


def test_ping_is_a_trivial_control_route(sandbox: EmbeddedSandbox) -> None:
    response = httpx.get(f"{sandbox.base_url}/_sandbox/ping")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_reset_restores_seeded_data_and_clears_the_log(sandbox: EmbeddedSandbox) -> None:
    base = sandbox.base_url
    token = httpx.post(
        f"{base}/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "sandbox-partner",
            "client_secret": "sandbox-partner-secret",
            "audience": "loyalty-api",
        },
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    created = httpx.post(
        f"{base}/collectors/", headers=headers, json={"contactDetails": {"email": "a@example.com"}}
    )
    assert created.status_code == 201
    number = created.json()["collectorNumber"]
    assert len(httpx.get(f"{base}/_sandbox/requests").json()["items"]) == 2
    httpx.put(f"{base}/_sandbox/faults", json={"maintenance": True}).raise_for_status()

    httpx.post(f"{base}/_sandbox/reset").raise_for_status()

    assert httpx.get(f"{base}/_sandbox/requests").json() == {"items": []}
    assert httpx.get(f"{base}/_sandbox/faults").json()["maintenance"] is False
    gone = httpx.get(f"{base}/collectors/profile", headers={**headers, "Collector-Number": number})
    assert gone.status_code == 404


def test_request_log_filters_by_path(sandbox: EmbeddedSandbox) -> None:
    base = sandbox.base_url
    httpx.get(f"{base}/collectors/health", headers={"X-Correlation-Id": "abc-123"})
    httpx.post(
        f"{base}/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "sandbox-readonly",
            "client_secret": "sandbox-readonly-secret",
        },
    )
    items = httpx.get(f"{base}/_sandbox/requests", params={"path": "/oauth/token"}).json()["items"]
    assert [(i["status"], i["clientId"], i["grantType"]) for i in items] == [
        (200, "sandbox-readonly", "client_credentials")
    ]
    health = httpx.get(f"{base}/_sandbox/requests", params={"path": "/collectors/health"}).json()["items"]
    assert health[0]["correlationId"] == "abc-123"


def _partner_headers(base: str) -> dict[str, str]:
    form = {
        "grant_type": "client_credentials",
        "client_id": "sandbox-partner",
        "client_secret": "sandbox-partner-secret",
    }
    return {"Authorization": f"Bearer {httpx.post(f'{base}/oauth/token', data=form).json()['access_token']}"}


def test_db_file_keeps_enrollments_across_restarts_until_reset(tmp_path: Path) -> None:
    config = SandboxConfig(members=20, db=str(tmp_path / "sandbox.db"))
    with start_embedded(config) as server:
        created = httpx.post(
            f"{server.base_url}/collectors/",
            headers=_partner_headers(server.base_url),
            json={"contactDetails": {"email": "kept@example.com"}},
        )
        number = created.json()["collectorNumber"]
    with start_embedded(config) as server:
        headers = {**_partner_headers(server.base_url), "Collector-Number": number}
        assert httpx.get(f"{server.base_url}/collectors/profile", headers=headers).status_code == 200
        httpx.post(f"{server.base_url}/_sandbox/reset").raise_for_status()
        assert httpx.get(f"{server.base_url}/collectors/profile", headers=headers).status_code == 404


@pytest.mark.allow_log_warnings
def test_an_unexpected_error_answers_the_contract_500(
    sandbox: EmbeddedSandbox, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(number: str) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(sandbox.sandbox.store, "get", broken)
    headers = {**_partner_headers(sandbox.base_url), "Collector-Number": "80000000007"}
    response = httpx.get(f"{sandbox.base_url}/collectors/summary", headers=headers)
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/json;charset=UTF-8"
    assert response.json()["responseCode"] == "INTERNAL_ERROR"
    assert response.json()["correlationId"] == response.headers["x-correlation-id"]
    assert "disk on fire" in caplog.text


@pytest.mark.parametrize(("client", "status"), [("192.0.2.7", 404), ("127.0.0.1", 200), ("::1", 200)])
async def test_control_routes_answer_loopback_clients_only(client: str, status: int) -> None:
    app = create_app(SandboxConfig(members=5), "http://sandbox.test")
    transport = httpx.ASGITransport(app=app, client=(client, 40000))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://sandbox.test") as http:
            for method, path in (
                ("GET", "/_sandbox/faults"),
                ("POST", "/_sandbox/reset"),
                ("GET", "/_sandbox/ping"),
            ):
                assert (await http.request(method, path)).status_code == status
            assert (await http.get("/collectors/health")).status_code == 200
    finally:
        app.sandbox.close()


def test_a_restart_replays_idempotent_answers_and_keeps_refresh_tokens(tmp_path: Path) -> None:
    config = SandboxConfig(members=20, db=str(tmp_path / "sandbox.db"))
    body = {"contactDetails": {"email": "replayed@example.com"}}
    with start_embedded(config) as server:
        headers = {**_partner_headers(server.base_url), "Idempotency-Key": "kept-key"}
        first = httpx.post(f"{server.base_url}/collectors/", headers=headers, json=body)
        assert first.status_code == 201
        tokens = member_tokens(server.base_url)
    with start_embedded(config) as server:
        headers = {**_partner_headers(server.base_url), "Idempotency-Key": "kept-key"}
        again = httpx.post(f"{server.base_url}/collectors/", headers=headers, json=body)
        assert (again.status_code, again.json()) == (201, first.json())
        assert again.headers["idempotent-replayed"] == "true"
        renewed = refresh(server.base_url, tokens["refresh_token"])
        assert renewed.status_code == 200, renewed.text


def test_numbers_are_never_issued_twice_not_even_after_a_reset(tmp_path: Path) -> None:
    config = SandboxConfig(members=20, db=str(tmp_path / "sandbox.db"))
    issued = []
    for _ in range(2):
        with start_embedded(config) as server:
            headers = _partner_headers(server.base_url)
            for i in range(3):
                body = {"contactDetails": {"email": f"again.{i}@example.com"}}
                created = httpx.post(f"{server.base_url}/collectors/", headers=headers, json=body)
                issued.append(created.json()["collectorNumber"])
            httpx.post(f"{server.base_url}/_sandbox/reset").raise_for_status()
    assert len(set(issued)) == len(issued) == 6

"""Control endpoints: loopback only (IPv4, IPv6, IPv4-mapped), same site only, bounded values."""

import socket

import httpx
import pytest

from console.sandbox import SandboxConfig
from console.sandbox.app import is_loopback
from console.sandbox.server import EmbeddedSandbox
from tests.support.sandbox import assert_error


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),
        ("192.0.2.7", False),
        ("::ffff:192.0.2.7", False),
        ("2001:db8::1", False),
        ("nonsense", False),
    ],
)
def test_loopback_addresses(address: str, loopback: bool) -> None:
    assert is_loopback(address) is loopback


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Host": "evil.example"},
        {"Host": "127.0.0.1:1"},
        {"Origin": "http://localhost:1"},
    ],
)
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/_sandbox/reset"),
        ("PUT", "/_sandbox/faults"),
        ("POST", "/_sandbox/clock"),
        ("GET", "/_sandbox/requests"),
    ],
)
def test_cross_site_control_requests_are_403(
    sandbox_url: str, headers: dict[str, str], method: str, path: str
) -> None:
    httpx.put(f"{sandbox_url}/_sandbox/faults", json={"latencyMs": 7}).raise_for_status()
    response = httpx.request(method, f"{sandbox_url}{path}", headers=headers, json={"maintenance": True})
    assert_error(response, 403, "FORBIDDEN")
    assert httpx.get(f"{sandbox_url}/_sandbox/faults").json()["latencyMs"] == 7  # nothing changed


def test_the_sandbox_own_origin_and_loopback_names_are_welcome(sandbox_url: str) -> None:
    port = sandbox_url.rsplit(":", 1)[1]
    for headers in (
        {"Origin": sandbox_url},
        {"Host": f"localhost:{port}"},
        {"Origin": f"http://localhost:{port}"},
    ):
        assert httpx.get(f"{sandbox_url}/_sandbox/faults", headers=headers).status_code == 200


@pytest.mark.skipif(not socket.has_ipv6, reason="no IPv6")
def test_bound_to_all_ipv6_addresses_control_takes_ipv4_loopback_too() -> None:
    try:
        server = EmbeddedSandbox(SandboxConfig(members=5), host="::")
    except OSError:
        pytest.skip("cannot bind ::")
    with server.start():
        port = server.port
        for base in (f"http://127.0.0.1:{port}", f"http://[::1]:{port}"):
            assert httpx.get(f"{base}/_sandbox/faults").status_code == 200, base


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/_sandbox/faults", {"latencyMs": 60_001}, "latencyMs"),
        ("/_sandbox/faults", {"errors": {"rate": 1.5}}, "errors.rate"),
        ("/_sandbox/faults", {"reset": {"rate": -0.1}}, "reset.rate"),
        ("/_sandbox/faults", {"errors": {"next": 10_001}}, "errors.next"),
        ("/_sandbox/faults", {"commitThenDrop": {"next": 10**30}}, "commitThenDrop.next"),
        ("/_sandbox/faults", {"rateLimit": {"requests": 10_001}}, "rateLimit.requests"),
        ("/_sandbox/faults", {"retryAfter": 10**9}, "retryAfter"),
        ("/_sandbox/faults", {"surprise": 1}, "surprise"),
        ("/_sandbox/settings", {"accessTokenTtl": 0}, "accessTokenTtl"),
        ("/_sandbox/settings", {"accessTokenTtl": 10**12}, "accessTokenTtl"),
        ("/_sandbox/settings", {"refreshTokenTtl": 10**12}, "refreshTokenTtl"),
        ("/_sandbox/settings", {"codeTtl": 86_400}, "codeTtl"),
        ("/_sandbox/settings", {"minAge": 500}, "minAge"),
    ],
)
def test_fault_and_setting_values_are_bounded(sandbox_url: str, path: str, body: dict, field: str) -> None:
    response = httpx.put(f"{sandbox_url}{path}", json=body)
    assert_error(response, 400, "INVALID_REQUEST", field_errors={field: "INVALID_VALUE"})


def test_the_largest_allowed_values_are_taken(sandbox_url: str) -> None:
    faults = {"latencyMs": 60_000, "errors": {"rate": 1, "next": 10_000}, "rateLimit": {"requests": 10_000}}
    assert httpx.put(f"{sandbox_url}/_sandbox/faults", json=faults).status_code == 200
    httpx.put(f"{sandbox_url}/_sandbox/faults", json={}).raise_for_status()

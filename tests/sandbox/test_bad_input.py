"""Bad input of every kind is a 4xx with the contract's body naming the field, never a 500; the server
stays up, its memory bounded; a client that stops sending is cut off."""

import base64
import contextlib
import resource
import select
import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.support.sandbox import (
    JANE,
    api,
    assert_error,
    assert_json_utf8,
    full_enrollment,
    machine_token,
)

DEEP = "[" * 1000 + "]" * 1000
DEEP_OBJECT = '{"a":' * 1000 + "1" + "}" * 1000


@pytest.fixture
def partner(sandbox_url: str) -> Iterator[httpx.Client]:
    with api(sandbox_url, machine_token(sandbox_url)) as client:
        yield client


@pytest.fixture(autouse=True)
def server_stays_up(sandbox_url: str) -> Iterator[None]:
    yield
    assert httpx.get(f"{sandbox_url}/collectors/health").json() == {"status": "UP"}


def post_json_text(client: httpx.Client, text: str | bytes, path: str = "/collectors/") -> httpx.Response:
    content = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return client.post(path, content=content, headers={"Content-Type": "application/json"})


def field_of(response: httpx.Response) -> str:
    body = assert_error(response, 400, "INVALID_REQUEST")
    return body["errors"][0]["field"]


def test_a_body_over_64_kib_is_413(partner: httpx.Client) -> None:
    response = post_json_text(partner, b'{"a":"' + b"x" * (64 * 1024) + b'"}')
    assert_error(response, 413, "PAYLOAD_TOO_LARGE")


def test_a_declared_300_mb_body_is_refused_before_it_is_read(sandbox_url: str) -> None:
    host, port = sandbox_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(
            b"POST /collectors/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 314572800\r\n\r\n"
        )
        head = b""
        while chunk := sock.recv(65536):
            head += chunk
    assert head.startswith(b"HTTP/1.1 413"), head[:200]
    assert b"PAYLOAD_TOO_LARGE" in head


def test_a_chunked_body_is_counted_as_it_streams_and_memory_stays_bounded(partner: httpx.Client) -> None:
    def endless() -> Iterator[bytes]:
        yield b'{"a":"'
        for _ in range(2000):  # 32 MB if it were all read
            yield b"x" * 16384

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        response = partner.post(
            "/collectors/", content=endless(), headers={"Content-Type": "application/json"}
        )
    except httpx.TransportError:  # the server may close before the client has finished sending
        return
    assert_error(response, 413, "PAYLOAD_TOO_LARGE")
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 16 * 1024


@pytest.mark.parametrize("text", [DEEP, DEEP_OBJECT, '{"contactDetails":' + DEEP + "}"])
def test_json_nested_deeper_than_32_levels_is_400(partner: httpx.Client, text: str) -> None:
    assert field_of(post_json_text(partner, text)) == "body"


def test_32_levels_are_still_read(partner: httpx.Client) -> None:
    body = '{"consents":' + "[" * 31 + "]" * 31 + "}"
    response = post_json_text(partner, body)  # read, then refused as a consent
    fields = [error["field"] for error in assert_error(response, 400, "INVALID_REQUEST")["errors"]]
    assert "consents[0]" in fields


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('{"contactDetails": {"email": "a\\ud800@example.com"}}', "contactDetails.email"),
        ('{"personalDetails": {"firstName": "\\udfff"}}', "personalDetails.firstName"),
        (
            '{"contactDetails": {"email": "x@example.com", "phones": [{"number": "\\ud83d"}]}}',
            "contactDetails.phones[0].number",
        ),
    ],
)
def test_a_lone_surrogate_in_a_text_field_is_400_naming_it(
    partner: httpx.Client, text: str, field: str
) -> None:
    assert field_of(post_json_text(partner, text)) == field


def test_invalid_utf8_in_the_body_is_400(partner: httpx.Client) -> None:
    assert field_of(post_json_text(partner, b'{"contactDetails": {"email": "\xff\xfe"}}')) == "body"


@pytest.mark.parametrize(
    ("number", "field"),
    [("1" * 5000, "consents"), ("1e999", "consents"), ("NaN", "consents"), ("-" + "9" * 40, "consents")],
)
def test_numbers_out_of_range_or_too_long_are_400(partner: httpx.Client, number: str, field: str) -> None:
    assert field_of(post_json_text(partner, '{"consents": ' + number + "}")) == field


def test_more_than_10_consents_is_400_naming_consents(partner: httpx.Client) -> None:
    consent = full_enrollment()["consents"][0]
    body = {**full_enrollment(), "consents": [consent] * 11}
    response = partner.post("/collectors/", json=body)
    body = assert_error(response, 400, "INVALID_REQUEST", field_errors={"consents": "TOO_LONG"})


def test_a_non_ascii_idempotency_key_is_400(partner: httpx.Client) -> None:
    response = partner.post(
        "/collectors/", json=full_enrollment(), headers={"Idempotency-Key": "clé".encode()}
    )
    assert field_of(response) == "Idempotency-Key"


@pytest.mark.parametrize(
    "query",
    [
        "lastName=Doe&limit=" + "9" * 5000,
        "lastName=%ED%A0%80",  # a lone surrogate, UTF-8-encoded (invalid UTF-8)
        "lastName=%FF",
        "lastName=Doe&cursor=" + base64.urlsafe_b64encode(DEEP.encode()).decode(),
        "lastName=Doe&cursor=" + base64.urlsafe_b64encode(b'["\\ud800","",""]').decode(),
        "lastName=Doe&cursor=" + "A" * 5000,
    ],
)
def test_bad_search_queries_are_400(partner: httpx.Client, query: str) -> None:
    response = partner.get(f"/collectors/search?{query}")
    assert_error(response, 400, "INVALID_REQUEST")


def test_invalid_utf8_in_a_header_is_400_naming_it(sandbox_url: str) -> None:
    response = httpx.get(f"{sandbox_url}/collectors/summary", headers={"Collector-Number": b"\xff\xfe"})
    assert field_of(response) == "Collector-Number"


def test_oversized_headers_are_refused_with_the_contract_body(sandbox_url: str) -> None:
    response = httpx.get(f"{sandbox_url}/collectors/health", headers={"X-Filler": "x" * 40_000})
    assert_error(response, 400, "INVALID_REQUEST", field_errors={"headers": "TOO_LONG"})


def test_headers_too_large_for_the_parser_get_the_contract_body_too(sandbox_url: str) -> None:
    host, port = sandbox_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(b"GET /collectors/health HTTP/1.1\r\nHost: x\r\n")
        for _ in range(10):  # 40 KB of headers in pieces, never finished
            if select.select([sock], [], [], 0.05)[0]:
                break  # answered already: more bytes would only make the server reset the connection
            try:
                sock.sendall(b"X-Filler: " + b"x" * 4000 + b"\r\n")
            except (BrokenPipeError, ConnectionResetError):
                break
        received = b""
        with contextlib.suppress(ConnectionResetError):
            while chunk := sock.recv(65536):
                received += chunk
    assert received.startswith(b"HTTP/1.1 400"), received[:200]
    assert b'"responseCode":"INVALID_REQUEST"' in received


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (DEEP.encode(), "application/json"),
        (b'{"grant_type": "\\ud800"}', "application/json"),
        (b"grant_type=%FF", "application/x-www-form-urlencoded"),
        (
            b"grant_type=client_credentials&" + b"&".join(b"f%d=1" % i for i in range(500)),
            "application/x-www-form-urlencoded",
        ),
        (b"x" * 70_000, "application/x-www-form-urlencoded"),
    ],
)
def test_the_token_endpoint_refuses_bad_bodies_with_a_4xx(
    sandbox_url: str, content: bytes, content_type: str
) -> None:
    response = httpx.post(
        f"{sandbox_url}/oauth/token", content=content, headers={"Content-Type": content_type}
    )
    assert 400 <= response.status_code < 500, response.text
    assert_json_utf8(response)


@pytest.mark.parametrize("path", ["/_sandbox/faults", "/_sandbox/settings"])
@pytest.mark.parametrize("content", [DEEP.encode(), b'{"latencyMs": 1e999}', b'{"x": "\\udc00"}', b"\xff"])
def test_control_endpoints_refuse_bad_bodies_with_400(sandbox_url: str, path: str, content: bytes) -> None:
    response = httpx.put(
        f"{sandbox_url}{path}", content=content, headers={"Content-Type": "application/json"}
    )
    assert_error(response, 400, "INVALID_REQUEST")


def test_the_sign_in_form_refuses_invalid_utf8(sandbox_url: str) -> None:
    response = httpx.post(
        f"{sandbox_url}/authorize/login",
        content=b"txn=%FF",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 400
    assert "Traceback" not in response.text


def _silent_after(sandbox_url: str, sent: bytes) -> bytes:
    """Send part of a request and stop: what the server answers before it closes (b"" = just closed)."""
    host, port = sandbox_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(sent)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
        return received


@pytest.mark.parametrize(
    "sent",
    [
        b"GET /collectors/health HTTP/1.1\r\nHost: x\r\n",  # headers never finished
        b"POST /collectors/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b'Content-Length: 100\r\n\r\n{"contact',  # body never finished
    ],
)
def test_a_client_that_stops_sending_is_cut_off(sandbox_url: str, sent: bytes) -> None:
    # The socket timeout (30 s) is far above the server's limit (5 s): a read that times out fails the test.
    assert _silent_after(sandbox_url, sent) == b""


def test_nothing_bad_reaches_the_stored_data(partner: httpx.Client, sandbox_url: str) -> None:
    post_json_text(partner, '{"contactDetails": {"email": "a\\ud800@example.com"}}')
    with api(sandbox_url, machine_token(sandbox_url), **{"Collector-Number": JANE}) as client:
        assert client.get("/collectors/profile").status_code == 200


def test_error_bodies_never_carry_a_traceback(partner: httpx.Client) -> None:
    answers: list[Any] = [
        post_json_text(partner, DEEP),
        post_json_text(partner, b"\xff"),
        partner.get("/collectors/search?lastName=Doe&limit=" + "9" * 5000),
    ]
    assert all("Traceback" not in answer.text for answer in answers)

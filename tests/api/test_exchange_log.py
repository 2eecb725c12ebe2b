"""The exchange log: every attempt published to listeners, with secrets and personal data redacted."""

from __future__ import annotations

import logging
import shlex
from datetime import UTC, date, datetime

import httpx
import pytest

from console.api.client import ClientSettings, CollectorClient
from console.api.exchange import Exchange, ExchangeLog
from console.api.models import ContactDetails, EnrollmentRequest, PersonalDetails, Phone
from tests.api.conftest import MakeClient
from tests.support.sandbox_http import machine_token, requests_log, set_faults

JANE = "80000000007"


async def test_listeners_get_every_exchange_redacted(make_client: MakeClient, partner_token: str) -> None:
    log = ExchangeLog()
    seen: list[Exchange] = []
    log.subscribe(seen.append)
    client = await make_client(exchange_log=log)

    await client.get_summary(JANE)
    result = await client.enroll(
        EnrollmentRequest(
            personal_details=PersonalDetails(
                first_name="Jean", last_name="Roy", date_of_birth=date(1985, 2, 3)
            ),
            contact_details=ContactDetails(email="jean.roy@example.com", phones=[Phone(number="5145550142")]),
        )
    )

    summary, enrollment = seen
    assert list(log.recent) == seen
    assert (summary.method, summary.status) == ("GET", 200)
    assert summary.url.endswith("/collectors/summary") and summary.duration_ms > 0
    assert summary.request_headers["authorization"] == "Bearer •••"
    assert summary.request_headers["collector-number"] == "8•••••••007"
    assert summary.response_body["collectorNumber"] == "8•••••••007"
    assert summary.response_body["cashBalance"] == "•••"  # balances are personal data too
    assert summary.view(reveal=True).response_body["cashBalance"] > 0
    assert summary.view(reveal=True).request_headers["authorization"] == "Bearer •••"  # never a secret
    assert summary.collector_number == JANE
    assert summary.response_headers["x-correlation-id"] == summary.correlation_id

    assert (enrollment.method, enrollment.status) == ("POST", 201)
    assert enrollment.request_headers["idempotency-key"]
    assert enrollment.request_body["contactDetails"] == {"email": "•••", "phones": [{"number": "•••"}]}
    assert enrollment.request_body["personalDetails"] == {"firstName": "•••", "lastName": "•••",
                                                          "dateOfBirth": "•••"}
    assert (
        enrollment.response_body["collectorNumber"]
        == result.collector_number[0] + "•" * 7 + result.collector_number[-3:]
    )

    everything = " ".join(repr(x) + str(x.request_body) + str(x.response_body) + x.as_curl() for x in seen)
    for secret in (
        partner_token,
        "jean.roy@example.com",
        "5145550142",
        "1985-02-03",
        result.collector_number,
    ):
        assert secret not in everything


async def test_every_attempt_is_published_with_its_error(make_client: MakeClient, sandbox_url: str) -> None:
    set_faults(sandbox_url, reset={"next": 1})
    client = await make_client()

    await client.get_profile(JANE)

    failed, succeeded = client.exchange_log.recent
    assert (failed.status, failed.attempt, succeeded.status, succeeded.attempt) == (None, 1, 200, 2)
    assert failed.error and "Error" in failed.error and failed.response_body is None
    assert failed.correlation_id != succeeded.correlation_id


async def test_search_values_are_masked_in_the_url(client: CollectorClient) -> None:
    await client.search(email="jane.doe@example.com", limit=5)
    await client.search(phone="4165550123")
    await client.search(last_name="Tremblay", postal_code="H2X 1Y4")

    urls = [exchange.url for exchange in client.exchange_log.recent]
    assert urls[0].endswith("/collectors/search?email=•••&limit=5")
    assert urls[1].endswith("?phone=•••&limit=20")
    assert urls[2].endswith("?lastName=•••&postalCode=•••&limit=20")
    assert all(exchange.collector_number is None for exchange in client.exchange_log.recent)


async def test_as_curl_replays_the_request_without_secrets(
    client: CollectorClient, partner_token: str
) -> None:
    await client.enroll(EnrollmentRequest(contact_details=ContactDetails(email="copy.me@example.com")))

    command = client.exchange_log.recent[-1].as_curl()
    words = shlex.split(command)

    assert words[:4] == ["curl", "-X", "POST", client.env.api_url("enroll")]
    assert "authorization: Bearer REDACTED" in words and "content-type: application/json" in words
    assert words[words.index("--data-raw") + 1] == '{"contactDetails": {"email": "redacted@example.com"}}'
    assert partner_token not in command and "copy.me" not in command


async def test_a_placeholder_curl_runs_against_the_sandbox(client: CollectorClient, sandbox_url: str) -> None:
    await client.search(last_name="Doe", postal_code="M5E 1E5")
    command = client.exchange_log.recent[-1].as_curl()
    words = shlex.split(command)
    assert "Doe" not in command and "M5E" not in command
    token = machine_token(sandbox_url)
    headers = {w.split(": ", 1)[0]: w.split(": ", 1)[1] for w in words[words.index("-H") :: 2] if ": " in w}
    headers["authorization"] = f"Bearer {token}"
    async with httpx.AsyncClient() as http:
        answer = await http.get(words[3], headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"items": []}


async def test_unsubscribe_stops_delivery_and_history_is_bounded(make_client: MakeClient) -> None:
    log = ExchangeLog(history=2)
    seen: list[Exchange] = []
    unsubscribe = log.subscribe(seen.append)
    client = await make_client(exchange_log=log)

    await client.health()
    unsubscribe()
    await client.health()
    await client.health()

    assert len(seen) == 1 and len(log.recent) == 2


@pytest.mark.allow_log_warnings
async def test_a_failing_listener_does_not_fail_the_call(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    log = ExchangeLog()
    log.subscribe(lambda exchange: 1 / 0)
    client = await make_client(exchange_log=log)

    assert (await client.health()).status == "UP"
    assert "exchange listener" in caplog.text


async def test_the_console_log_has_one_redacted_line_per_attempt(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture, partner_token: str, sandbox_url: str
) -> None:
    set_faults(sandbox_url, errors={"next": 1, "statuses": [500]})
    client = await make_client(settings=ClientSettings(backoff_base=0.01))
    with caplog.at_level(logging.DEBUG, logger="console.api.client"):
        await client.get_summary(JANE)

    lines = [r.getMessage() for r in caplog.records if r.name == "console.api.client"]
    cids = [item["correlationId"] for item in requests_log(sandbox_url, "/collectors/summary")]
    assert len(lines) == 3  # two attempts and one retry notice
    assert "GET /collectors/summary -> 500 in" in lines[0] and cids[0] in lines[0]
    assert "retrying in" in lines[1] and cids[1] in lines[2]
    assert partner_token not in caplog.text and JANE not in caplog.text


def test_exchanges_keep_no_credentials_even_in_memory(partner_token: str) -> None:
    token_answer = f'{{"access_token": "{partner_token}", "refresh_token": "v1.refresh-0123456789"}}'
    exchange = Exchange.capture(
        method="POST",
        url="http://127.0.0.1:9/oauth/token",
        request_headers=[("Authorization", "Basic c2FuZGJveC1wYXJ0bmVyOnNlY3JldA=="), ("Cookie", "sid=abc")],
        request_body=b"grant_type=client_credentials&client_secret=sandbox-partner-secret",
        started_at=datetime.now(UTC),
        duration_ms=3.0,
        correlation_id=None,
        status=200,
        response_headers=[(b"Set-Cookie", b"sid=def")],
        response_body=token_answer.encode(),
    )

    kept = str(vars(exchange))
    for secret in (partner_token, "v1.refresh-0123456789", "sandbox-partner-secret", "c2FuZGJveC1w", "sid="):
        assert secret not in kept
    assert exchange.request_headers == {"authorization": "Basic •••", "cookie": "•••"}
    assert exchange.response_body == {"access_token": "•••", "refresh_token": "•••"}
    assert exchange.request_body == "grant_type=client_credentials&client_secret=•••"

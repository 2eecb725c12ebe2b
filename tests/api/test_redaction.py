"""Masking helpers and the RedactingFilter."""

from __future__ import annotations

import logging

import pytest

from console.api import redaction as r

JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzYW5kYm94LXBhcnRuZXJAY2xpZW50cyJ9.c2lnbmF0dXJlLXZhbHVl"


def test_masks_keep_a_hint_only() -> None:
    assert r.mask_email("jane.doe@example.com") == "j•••@example.com"
    assert r.mask_email("not an email") == "•••"
    assert r.mask_phone("(416) 555-0123") == "•••-•••-0123"
    assert r.mask_collector_number("80000000007") == "8•••••••007"
    assert r.mask_date("1990-05-17") == "1990-••-••"


def test_headers_lose_credentials_and_collector_numbers() -> None:
    headers = r.redact_headers(
        {"Authorization": f"Bearer {JWT}", "Collector-Number": "80000000007", "X-Correlation-Id": "abc-1"}
    )
    assert headers == {
        "Authorization": "Bearer •••",
        "Collector-Number": "8•••••••007",
        "X-Correlation-Id": "abc-1",
    }


def test_json_bodies_lose_secrets_and_personal_data_wherever_they_sit() -> None:
    redacted = r.redact_json(
        {
            "access_token": JWT,
            "refresh_token": "v1.refresh-123",
            "collectorNumber": "80000000007",
            "personalDetails": {"firstName": "Jane", "dateOfBirth": "1990-05-17"},
            "contactDetails": {
                "email": "jane.doe@example.com",
                "phones": [{"type": "Home", "number": "4165550123"}],
            },
            "errors": [
                {"field": "contactDetails.email", "code": "INVALID_FORMAT", "message": "jane@x.ca is bad"}
            ],
            "cashBalance": 120,
        }
    )
    assert redacted == {
        "access_token": "•••",
        "refresh_token": "•••",
        "collectorNumber": "8•••••••007",
        "personalDetails": {"firstName": "Jane", "dateOfBirth": "1990-••-••"},
        "contactDetails": {
            "email": "j•••@example.com",
            "phones": [{"type": "Home", "number": "•••-•••-0123"}],
        },
        "errors": [
            {"field": "contactDetails.email", "code": "INVALID_FORMAT", "message": "j•••@x.ca is bad"}
        ],
        "cashBalance": 120,
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Authorization: Bearer {JWT}", "Authorization: Bearer •••"),
        (f"token {JWT} issued", "token ••• issued"),
        ("grant_type=client_credentials&client_secret=sandbox-partner-secret&x=1",
         "grant_type=client_credentials&client_secret=•••&x=1"),
        ("{'refresh_token': 'v1.abc', 'scope': 'openid'}", "{'refresh_token': '•••', 'scope': 'openid'}"),
        ('{"password": "sandbox", "pin": "1234"}', '{"password": "•••", "pin": "•••"}'),
        ("/callback?code=SplxlOBeZQ&state=xyz", "/callback?code=•••&state=xyz"),
        ("search?email=jane.doe%40example.com&limit=5", "search?email=j•••%40example.com&limit=5"),
        ("call +1 (416) 555-0123 or 905.555.0199", "call •••-•••-0123 or •••-•••-0199"),
        ("collector 80000000007 found", "collector 8•••••••007 found"),
        ('"dateOfBirth": "1990-05-17", "asOf": "2026-11-27"',
         '"dateOfBirth": "1990-••-••", "asOf": "2026-11-27"'),
        ("date_of_birth=datetime.date(1990, 5, 17)", "date_of_birth=datetime.date(1990, •, •)"),
        ('"code": "INVALID_FORMAT", correlation 1c0f3e2a-55aa-4b7e-9d3c-1234567890ab',
         '"code": "INVALID_FORMAT", correlation 1c0f3e2a-55aa-4b7e-9d3c-1234567890ab'),
        ("took 12.5 ms, status 200", "took 12.5 ms, status 200"),
    ],
)  # fmt: skip
def test_free_text(text: str, expected: str) -> None:
    assert r.redact_text(text) == expected


def make_logger(name: str) -> tuple[logging.Logger, list[logging.LogRecord], logging.Handler]:
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger(name)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    return logger, records, handler


def test_filter_redacts_messages_arguments_and_tracebacks() -> None:
    logger, records, handler = make_logger("test.redaction.filter")
    child = logging.getLogger("test.redaction.filter.child")
    try:
        r.install_redaction(logger)
        child.info("token %s for %s", JWT, "jane.doe@example.com")
        secret = "-".join(["sandbox", "partner", "secret"])  # not in the traceback's source line
        try:
            raise ValueError(f"bad secret client_secret={secret}")
        except ValueError:
            logger.exception("failed for %s", "80000000007")

        formatted = [logging.Formatter().format(record) for record in records]
        assert formatted[0] == "token ••• for j•••@example.com"  # a child's record, via the handler
        assert formatted[1].startswith("failed for 8•••••••007\nTraceback")
        assert "client_secret=•••" in formatted[1]
        assert "sandbox-partner-secret" not in "".join(formatted)
    finally:
        logger.removeHandler(handler)
        logger.filters.clear()


def test_installing_twice_adds_one_filter() -> None:
    logger, _, handler = make_logger("test.redaction.twice")
    try:
        first, second = r.install_redaction(logger), r.install_redaction(logger)
        assert first is second
        assert logger.filters == [first] and handler.filters == [first]
    finally:
        logger.removeHandler(handler)
        logger.filters.clear()

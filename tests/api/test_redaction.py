"""The one redaction: from the contract's marks, in mask and placeholder modes; and the log filter."""

from __future__ import annotations

import json
import logging
import re

import jsonschema
import pytest

from console.api import redaction as r
from console.api.redaction import MASK, Mode, redactor

JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzYW5kYm94LXBhcnRuZXJAY2xpZW50cyJ9.c2lnbmF0dXJlLXZhbHVl"
SCHEMAS = "/components/schemas"
SEARCH = "/paths//collectors/search/get/parameters"

# The contract's "Personal data" section, as places in openapi.yaml: every field under personalDetails,
# contactDetails and addressDetails except province and country; firstName and lastName in search results
# and summaries; the search query values; cashBalance and dreamBalance; collectorNumber (all but its last 3
# digits). The sign-in form (the hosted page's, never sent by the console) holds a member's email and number.
CONTRACT_PERSONAL = {
    *(f"{SCHEMAS}/PersonalDetails/properties/{name}"
      for name in ("firstName", "lastName", "middleName", "suffix", "dateOfBirth", "gender", "title")),
    f"{SCHEMAS}/ContactDetails/properties/email",
    f"{SCHEMAS}/Phone/properties/type",
    f"{SCHEMAS}/Phone/properties/number",
    *(f"{SCHEMAS}/AddressDetails/properties/{name}"
      for name in ("addressLine1", "addressLine2", "city", "postalCode")),
    f"{SCHEMAS}/SearchItem/properties/firstName",
    f"{SCHEMAS}/SearchItem/properties/lastName",
    f"{SCHEMAS}/Summary/properties/firstName",
    f"{SCHEMAS}/Summary/properties/cashBalance",
    f"{SCHEMAS}/Summary/properties/dreamBalance",
    f"{SCHEMAS}/SearchPage/properties/nextCursor",  # the cursor carries the last item's names
    f"{SCHEMAS}/CollectorNumber",
    f"{SCHEMAS}/LoginForm/properties/email",
    f"{SCHEMAS}/LoginForm/properties/collectorNumber",
}  # fmt: skip
SEARCH_CRITERIA = {"email", "phone", "lastName", "firstName", "postalCode", "dateOfBirth", "cursor"}

PROFILE = {
    "collectorNumber": "80000000007", "status": "ACTIVE", "enrollmentDate": "2015-06-01",
    "personalDetails": {"firstName": "Jane", "lastName": "Doe", "dateOfBirth": "1980-05-17",
                        "gender": "FEMALE", "title": "MS"},
    "contactDetails": {"email": "jane.doe@example.com",
                       "phones": [{"type": "Mobile", "number": "4165550100"}]},
    "addressDetails": {"addressLine1": "1 Yonge Street", "city": "Toronto", "province": "ON",
                       "postalCode": "M5E 1E5", "country": "CA"},
    "preferences": {"language": "EN"},
}  # fmt: skip
PERSONAL_VALUES = (
    "80000000007",
    "Jane",
    "Doe",
    "1980-05-17",
    "FEMALE",
    "MS",
    "jane.doe@example.com",
    "4165550100",
    "Mobile",
    "1 Yonge Street",
    "Toronto",
    "M5E 1E5",
)


def spec() -> dict:
    return redactor()._spec  # type: ignore[return-value]


def test_the_marks_are_the_contracts_list() -> None:
    marks = redactor().marks()
    search_parameters = {pointer for pointer in marks if pointer.startswith(SEARCH)}
    named = {
        spec()["paths"]["/collectors/search"]["get"]["parameters"][int(p.rsplit("/", 1)[1])]["name"]
        for p in search_parameters
    }
    declared = {p.get("name") for p in spec()["paths"]["/collectors/search"]["get"]["parameters"]}
    assert named == SEARCH_CRITERIA & declared
    assert marks - search_parameters == CONTRACT_PERSONAL


def test_secrets_are_marked_in_every_token_shape() -> None:
    secrets = {
        pointer.split("/")[3] + "." + pointer.split("/")[-1] for pointer in redactor().marks("x-secret")
    }
    assert secrets == {
        "AuthorizationCodeGrant.code", "AuthorizationCodeGrant.code_verifier",
        "AuthorizationCodeGrant.client_secret", "RefreshTokenGrant.refresh_token",
        "RefreshTokenGrant.client_secret", "ClientCredentialsGrant.client_secret",
        "TokenResponse.access_token", "TokenResponse.refresh_token", "TokenResponse.id_token",
        "RevokeRequest.token", "RevokeRequest.client_secret", "LoginForm.password", "LoginForm.pin",
    }  # fmt: skip


def test_mask_mode_leaves_no_hint() -> None:
    masked = redactor().body("getProfile", "response", PROFILE, Mode.MASK, status=200)
    text = json.dumps(masked, ensure_ascii=False)
    for value in PERSONAL_VALUES:
        assert value not in text
    assert masked["collectorNumber"] == "8•••••••007"  # what the contract leaves public
    assert masked["personalDetails"] == dict.fromkeys(PROFILE["personalDetails"], MASK)
    assert masked["addressDetails"]["province"] == "ON" and masked["addressDetails"]["country"] == "CA"
    assert masked["addressDetails"]["postalCode"] == MASK  # not half of it
    assert (masked["status"], masked["enrollmentDate"]) == ("ACTIVE", "2015-06-01")


def test_placeholder_mode_keeps_every_body_valid() -> None:
    enrollment = {
        **{k: v for k, v in PROFILE.items() if k not in ("collectorNumber", "status", "enrollmentDate")},
        "enrollmentChannel": "CALL_CENTRE",
    }
    summary = {
        "collectorNumber": "80000000014",
        "firstName": "Élise",
        "tier": "O",
        "cashBalance": 10,
        "dreamBalance": 20,
        "status": "ACTIVE",
        "asOf": "2026-11-27T15:04:05Z",
    }
    for operation, direction, body in (
        ("getProfile", "response", PROFILE),
        ("enrollCollector", "request", enrollment),
        ("getSummary", "response", summary),
    ):
        schema = redactor().body_schema(operation, direction, 200)
        placed = redactor().body(operation, direction, body, Mode.PLACEHOLDER, status=200)
        resolver_spec = {**spec(), **redactor()._resolve(schema)}
        jsonschema.Draft202012Validator(resolver_spec, format_checker=jsonschema.FormatChecker()).validate(
            placed
        )
        text = json.dumps(placed, ensure_ascii=False)
        for value in (*PERSONAL_VALUES[1:], "Élise", "80000000014"):
            if value not in ("FEMALE", "MS", "Mobile"):  # an enum's placeholder is its first value, for all
                assert f'"{value}"' not in text
    assert (
        redactor().body("getSummary", "response", summary, Mode.PLACEHOLDER, status=200)["cashBalance"] == 0
    )


def test_placeholders_follow_pattern_format_and_length() -> None:
    schemas = spec()["components"]["schemas"]
    address = schemas["AddressDetails"]["properties"]
    assert re.fullmatch(address["postalCode"]["pattern"], redactor().placeholder(address["postalCode"]))
    phone = schemas["Phone"]["properties"]["number"]
    assert re.fullmatch(phone["pattern"], redactor().placeholder(phone))
    verifier = schemas["AuthorizationCodeGrant"]["properties"]["code_verifier"]
    assert len(redactor().placeholder(verifier)) == verifier["minLength"]
    suffix = schemas["PersonalDetails"]["properties"]["suffix"]
    assert len(redactor().placeholder(suffix)) <= suffix["maxLength"]


def test_unknown_fields_and_operations_are_hidden() -> None:
    assert redactor().body("getProfile", "response", {"nickname": "Janie"}, status=200) == {"nickname": MASK}
    assert redactor().body(None, "response", {"a": {"b": "x", "c": 3}}) == {"a": {"b": MASK, "c": MASK}}
    assert redactor().query("searchCollectors", "middleName=Anne&limit=5") == f"middleName={MASK}&limit=5"


@pytest.mark.parametrize("mode", list(Mode))
def test_search_queries_hide_every_criterion(mode: Mode) -> None:
    query = "lastName=Tremblay&firstName=%C3%89lise&postalCode=H2X%201Y4&limit=20"
    redacted = redactor().url("searchCollectors", f"http://127.0.0.1:9/collectors/search?{query}", mode)
    assert "Tremblay" not in redacted and "lise" not in redacted and "H2X" not in redacted
    assert redacted.endswith("&limit=20")
    filler = MASK if mode is Mode.MASK else r.PLACEHOLDER_TEXT
    assert f"lastName={filler}" in redacted


def test_headers_lose_credentials_and_collector_numbers() -> None:
    headers = {
        "Authorization": f"Bearer {JWT}",
        "Collector-Number": "80000000007",
        "X-Correlation-Id": "abc-1",
        "Cookie": "sid=1",
    }
    assert redactor().headers("getProfile", "request", headers) == {
        "Authorization": "Bearer •••",
        "Collector-Number": "8•••••••007",
        "X-Correlation-Id": "abc-1",
        "Cookie": MASK,
    }
    placed = redactor().headers("getProfile", "request", headers, Mode.PLACEHOLDER)
    assert placed["Authorization"] == "Bearer REDACTED" and placed["Cookie"] == "REDACTED"
    assert (
        re.fullmatch(r"8\d{10}", placed["Collector-Number"]) and placed["Collector-Number"] != "80000000007"
    )


def test_token_forms_lose_their_secrets() -> None:
    form = "grant_type=refresh_token&client_id=sandbox-console&refresh_token=v1.abc&client_secret=s3"
    assert redactor().form("token", "request", form) == (
        f"grant_type=refresh_token&client_id=sandbox-console&refresh_token={MASK}&client_secret={MASK}"
    )
    assert "v1.abc" not in redactor().form("token", "request", form, reveal=True)  # a reveal shows no secret


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
        ("search?email=jane.doe%40example.com&limit=5", "search?email=•••&limit=5"),
        ("mail jane.doe@example.com now", "mail ••• now"),
        ("call +1 (416) 555-0123 or 905.555.0199", "call ••• or •••"),
        ("collector 80000000007 found", "collector 8•••••••007 found"),
        ('"dateOfBirth": "1990-05-17", "asOf": "2026-11-27"', '"dateOfBirth": "•••", "asOf": "2026-11-27"'),
        ("date_of_birth=datetime.date(1990, 5, 17)", "date_of_birth=•••"),
        ("first_name='Jane', last_name='Doe'", "first_name='•••', last_name='•••'"),
        ("lives at M5E 1E5", "lives at •••"),
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
        assert formatted[0] == "token ••• for •••"  # a child's record, via the handler
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

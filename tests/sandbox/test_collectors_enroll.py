"""Enrollment: success shapes, field-level validation, minimum age, duplicates, French messages."""

import copy
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.support.sandbox import (
    api,
    assert_error,
    assert_json_utf8,
    assert_no_empty_fields,
    collector_check_digit_ok,
    full_enrollment,
    machine_token,
    new_email,
    set_settings,
)


def partner(base_url: str, **headers: str) -> httpx.Client:
    return api(base_url, machine_token(base_url), **headers)


def years_ago(years: int, days: int = 0) -> str:
    today = date.today()
    try:
        then = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        then = today.replace(year=today.year - years, day=28)
    return (then + timedelta(days=days)).isoformat()


def today_dates() -> set[str]:
    return {date.today().isoformat(), datetime.now(UTC).date().isoformat()}


def enroll(base_url: str, body: Any, path: str = "/collectors/", **headers: str) -> httpx.Response:
    with partner(base_url, **headers) as client:
        return client.post(path, json=body)


def read_profile(base_url: str, number: str) -> dict[str, Any]:
    with partner(base_url, **{"Collector-Number": number}) as client:
        response = client.get("/collectors/profile")
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("path", ["/collectors/", "/collectors"])
def test_full_enrollment(sandbox_url: str, path: str) -> None:
    body = full_enrollment()
    response = enroll(sandbox_url, body, path)
    assert response.status_code == 201, response.text
    assert_json_utf8(response)
    result = response.json()
    assert set(result) == {"collectorNumber", "status", "enrollmentDate"}
    assert collector_check_digit_ok(result["collectorNumber"])
    assert result["status"] == "ACTIVE"
    assert result["enrollmentDate"] in today_dates()
    assert response.headers.get("idempotent-replayed") != "true"

    profile = read_profile(sandbox_url, result["collectorNumber"])
    assert profile == {
        "collectorNumber": result["collectorNumber"],
        "status": "ACTIVE",
        "enrollmentDate": result["enrollmentDate"],
        "personalDetails": body["personalDetails"],
        "contactDetails": body["contactDetails"],
        "addressDetails": body["addressDetails"],
        "preferences": body["preferences"],
    }


def test_new_collector_summary(sandbox_url: str) -> None:
    number = enroll(sandbox_url, full_enrollment()).json()["collectorNumber"]
    with partner(sandbox_url, **{"Collector-Number": number}) as client:
        summary = client.get("/collectors/summary").json()
    assert summary["collectorNumber"] == number
    assert summary["firstName"] == "Zoé"
    assert summary["status"] == "ACTIVE"
    assert summary["tier"] == "B"
    assert summary["cashBalance"] == 0
    assert summary["dreamBalance"] == 0


def test_partial_pii_email_only(sandbox_url: str) -> None:
    email = new_email("partial")
    response = enroll(sandbox_url, {"contactDetails": {"email": email}})
    assert response.status_code == 201, response.text
    profile = read_profile(sandbox_url, response.json()["collectorNumber"])
    assert set(profile) == {"collectorNumber", "status", "enrollmentDate", "contactDetails"}
    assert profile["contactDetails"] == {"email": email}
    assert_no_empty_fields(profile)


def test_server_normalises_postal_code_and_phone_type(sandbox_url: str) -> None:
    body = full_enrollment()
    body["addressDetails"]["postalCode"] = "m5x1a9"
    body["contactDetails"]["phones"] = [{"type": " mobile ", "number": "4165550123"}]
    response = enroll(sandbox_url, body)
    assert response.status_code == 201, response.text
    profile = read_profile(sandbox_url, response.json()["collectorNumber"])
    assert profile["addressDetails"]["postalCode"] == "M5X 1A9"
    assert profile["contactDetails"]["phones"] == [{"type": "Mobile", "number": "4165550123"}]


def test_fields_not_sent_are_left_out(sandbox_url: str) -> None:
    body = {"contactDetails": {"email": new_email("sparse")}, "addressDetails": {"city": "Laval"}}
    response = enroll(sandbox_url, body)
    assert response.status_code == 201, response.text
    profile = read_profile(sandbox_url, response.json()["collectorNumber"])
    assert profile["addressDetails"] == {"city": "Laval"}
    assert "preferences" not in profile
    assert "personalDetails" not in profile
    assert "phones" not in profile["contactDetails"]
    assert_no_empty_fields(profile)


def with_change(path: str, value: Any) -> dict[str, Any]:
    """A valid full enrollment with one field (dotted path, `[i]` for items) set or removed (`...`)."""
    body = full_enrollment()
    keys = path.replace("[", ".").replace("]", "").split(".")
    target: Any = body
    for key in keys[:-1]:
        target = target[int(key)] if isinstance(target, list) else target[key]
    last: Any = int(keys[-1]) if isinstance(target, list) else keys[-1]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return body


FIELD_CASES = [
    ("contactDetails", ..., "REQUIRED"),
    ("contactDetails.email", ..., "REQUIRED"),
    ("contactDetails.email", "not-an-email", "INVALID_FORMAT"),
    ("contactDetails.email", "a@b", "INVALID_FORMAT"),
    ("contactDetails.email", "a@" + ".".join(["b" * 63] * 3) + "." + "c" * 58 + ".ca", "TOO_LONG"),
    ("contactDetails.phones[0].number", "1165550123", "INVALID_FORMAT"),
    ("contactDetails.phones[0].number", "4161550123", "INVALID_FORMAT"),
    ("contactDetails.phones[1].number", "416555012", "INVALID_FORMAT"),
    ("contactDetails.phones[1].type", "Fax", "INVALID_VALUE"),
    ("personalDetails.firstName", ..., "REQUIRED"),
    ("personalDetails.lastName", ..., "REQUIRED"),
    ("personalDetails.dateOfBirth", ..., "REQUIRED"),
    ("personalDetails.firstName", "J" * 51, "TOO_LONG"),
    ("personalDetails.lastName", "D0e", "INVALID_FORMAT"),
    ("personalDetails.middleName", "M" * 51, "TOO_LONG"),
    ("personalDetails.suffix", "S" * 11, "TOO_LONG"),
    ("personalDetails.dateOfBirth", "12/04/1985", "INVALID_FORMAT"),
    ("personalDetails.dateOfBirth", "1985-02-30", "INVALID_FORMAT"),
    ("personalDetails.gender", "F", "INVALID_VALUE"),
    ("personalDetails.title", "SIR", "INVALID_VALUE"),
    ("addressDetails.addressLine1", "A" * 61, "TOO_LONG"),
    ("addressDetails.addressLine2", "A" * 61, "TOO_LONG"),
    ("addressDetails.city", "C" * 41, "TOO_LONG"),
    ("addressDetails.province", "XX", "INVALID_VALUE"),
    ("addressDetails.postalCode", "D5X 1A9", "INVALID_FORMAT"),
    ("addressDetails.postalCode", "W5X 1A9", "INVALID_FORMAT"),
    ("addressDetails.postalCode", "M5X 1A", "INVALID_FORMAT"),
    ("addressDetails.country", "US", "INVALID_VALUE"),
    ("preferences.language", "DE", "INVALID_VALUE"),
    ("consents[0].type", "POSTAL_MARKETING", "INVALID_VALUE"),
    ("consents[0].language", "DE", "INVALID_VALUE"),
    ("consents[0].capturedAt", "yesterday", "INVALID_FORMAT"),
    ("enrollmentChannel", "FAX", "INVALID_VALUE"),
]


@pytest.mark.parametrize(("field", "value", "code"), FIELD_CASES)
def test_field_validation(sandbox_url: str, field: str, value: Any, code: str) -> None:
    response = enroll(sandbox_url, with_change(field, value))
    assert_error(response, 400, "INVALID_REQUEST", field_errors={field: code})


def test_too_many_phones(sandbox_url: str) -> None:
    phones = [{"type": "Home", "number": f"416555010{i}"} for i in range(4)]
    response = enroll(sandbox_url, with_change("contactDetails.phones", phones))
    assert_error(response, 400, "INVALID_REQUEST", field_errors={"contactDetails.phones": "TOO_LONG"})


def test_every_invalid_field_is_reported(sandbox_url: str) -> None:
    body = with_change("contactDetails.phones[0].number", "123")
    body["personalDetails"]["dateOfBirth"] = "1985-13-01"
    body["addressDetails"]["province"] = "ZZ"
    response = enroll(sandbox_url, body)
    assert_error(
        response,
        400,
        "INVALID_REQUEST",
        field_errors={
            "contactDetails.phones[0].number": "INVALID_FORMAT",
            "personalDetails.dateOfBirth": "INVALID_FORMAT",
            "addressDetails.province": "INVALID_VALUE",
        },
    )


@pytest.mark.parametrize("accented", ["Zoé", "Ève-Marie", "D'Arcy", "St. John", "Łukasz", "Çelik"])
def test_names_accept_accents_and_punctuation(sandbox_url: str, accented: str) -> None:
    response = enroll(sandbox_url, with_change("personalDetails.firstName", accented))
    assert response.status_code == 201, response.text


def test_date_of_birth_in_the_future(sandbox_url: str) -> None:
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    response = enroll(sandbox_url, with_change("personalDetails.dateOfBirth", tomorrow))
    body = assert_error(response, 400, "INVALID_REQUEST")
    assert [(e["field"], e["code"]) for e in body["errors"]] in (
        [("personalDetails.dateOfBirth", "INVALID_VALUE")],
        [("personalDetails.dateOfBirth", "TOO_YOUNG")],
    )


def test_minimum_age_is_thirteen(sandbox_url: str) -> None:
    exactly = enroll(sandbox_url, with_change("personalDetails.dateOfBirth", years_ago(13)))
    assert exactly.status_code == 201, exactly.text
    one_day_short = enroll(sandbox_url, with_change("personalDetails.dateOfBirth", years_ago(13, days=1)))
    assert_error(
        one_day_short, 400, "INVALID_REQUEST", field_errors={"personalDetails.dateOfBirth": "TOO_YOUNG"}
    )


def test_minimum_age_is_configurable(sandbox_url: str) -> None:
    set_settings(sandbox_url, minAge=18)
    response = enroll(sandbox_url, with_change("personalDetails.dateOfBirth", years_ago(16)))
    assert_error(response, 400, "INVALID_REQUEST", field_errors={"personalDetails.dateOfBirth": "TOO_YOUNG"})
    assert enroll(sandbox_url, with_change("personalDetails.dateOfBirth", years_ago(18))).status_code == 201


@pytest.mark.parametrize("content", [b"{not json", b"[]", b'"text"'])
def test_body_that_is_not_an_object(sandbox_url: str, content: bytes) -> None:
    with partner(sandbox_url, **{"Content-Type": "application/json"}) as client:
        response = client.post("/collectors/", content=content)
    assert_error(response, 400, "INVALID_REQUEST")


def test_body_that_is_not_declared_json(sandbox_url: str) -> None:
    with partner(sandbox_url, **{"Content-Type": "text/plain"}) as client:
        response = client.post("/collectors/", content=b'{"contactDetails": {"email": "t@example.com"}}')
    assert_error(response, 400, "INVALID_REQUEST")


def test_duplicate_email_is_a_conflict(sandbox_url: str) -> None:
    body = full_enrollment()
    assert enroll(sandbox_url, body).status_code == 201
    again = copy.deepcopy(body)
    again["personalDetails"]["firstName"] = "Other"
    assert_error(enroll(sandbox_url, again), 409, "DUPLICATE_COLLECTOR")


def test_seeded_member_email_is_a_duplicate(sandbox_url: str) -> None:
    response = enroll(sandbox_url, {"contactDetails": {"email": "jane.doe@example.com"}})
    assert_error(response, 409, "DUPLICATE_COLLECTOR")


def test_french_field_messages(sandbox_url: str) -> None:
    body = with_change("contactDetails.email", "nope")
    english = enroll(sandbox_url, body, **{"Accept-Language": "EN"}).json()
    french = enroll(sandbox_url, body, **{"Accept-Language": "FR"}).json()
    assert french["responseCode"] == english["responseCode"] == "INVALID_REQUEST"
    assert french["message"] != english["message"]
    assert french["errors"][0]["field"] == english["errors"][0]["field"] == "contactDetails.email"
    assert french["errors"][0]["code"] == english["errors"][0]["code"] == "INVALID_FORMAT"
    assert french["errors"][0]["message"] != english["errors"][0]["message"]


def test_french_duplicate_message(sandbox_url: str) -> None:
    body = {"contactDetails": {"email": "jane.doe@example.com"}}
    english = enroll(sandbox_url, body).json()
    french = enroll(sandbox_url, body, **{"Accept-Language": "fr-CA"}).json()
    assert french["responseCode"] == "DUPLICATE_COLLECTOR"
    assert french["message"] != english["message"]

"""Partner search: by email, phone or last name; paging; refusals."""

from typing import Any

import httpx
import pytest

from tests.support.sandbox import ELISE, JANE, api, assert_error, assert_json_utf8, machine_token, new_email

ITEM_KEYS = {"collectorNumber", "firstName", "lastName", "city", "province", "status"}
JANE_ITEM = {
    "collectorNumber": JANE,
    "firstName": "Jane",
    "lastName": "Doe",
    "city": "Toronto",
    "province": "ON",
    "status": "ACTIVE",
}


def partner(base_url: str, **headers: str) -> httpx.Client:
    return api(base_url, machine_token(base_url), **headers)


def search(base_url: str, **params: Any) -> httpx.Response:
    with partner(base_url) as client:
        return client.get("/collectors/search", params=params)


def items(base_url: str, **params: Any) -> list[dict[str, Any]]:
    response = search(base_url, **params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def numbers_of(found: list[dict[str, Any]]) -> list[str]:
    return [item["collectorNumber"] for item in found]


def jane_profile(base_url: str) -> dict[str, Any]:
    with partner(base_url, **{"Collector-Number": JANE}) as client:
        return client.get("/collectors/profile").json()


@pytest.mark.parametrize("email", ["jane.doe@example.com", "JANE.Doe@Example.COM"])
def test_by_email_case_insensitive(sandbox_url: str, email: str) -> None:
    response = search(sandbox_url, email=email)
    assert response.status_code == 200
    assert_json_utf8(response)
    assert response.json() == {"items": [JANE_ITEM]}


def test_email_is_exact_not_prefix(sandbox_url: str) -> None:
    assert items(sandbox_url, email="jane.doe@example.co") == []


def test_by_phone_matches_any_of_the_phones(sandbox_url: str) -> None:
    phones = [phone["number"] for phone in jane_profile(sandbox_url)["contactDetails"]["phones"]]
    assert phones
    for phone in phones:
        assert JANE in [item["collectorNumber"] for item in items(sandbox_url, phone=phone)]


def test_by_second_phone_of_a_new_collector(sandbox_url: str) -> None:
    body = {
        "contactDetails": {
            "email": new_email("phones"),
            "phones": [
                {"type": "Home", "number": "8195550142"},
                {"type": "Business", "number": "8195550199"},
            ],
        }
    }
    with partner(sandbox_url) as client:
        number = client.post("/collectors/", json=body).json()["collectorNumber"]
    assert [item["collectorNumber"] for item in items(sandbox_url, phone="8195550199")] == [number]


@pytest.mark.parametrize("last_name", ["Doe", "doe", "DOE"])
def test_by_last_name_case_insensitive(sandbox_url: str, last_name: str) -> None:
    found = items(sandbox_url, lastName=last_name)
    assert JANE_ITEM in found
    assert all(item["lastName"].lower() == "doe" for item in found)


def test_last_name_is_exact(sandbox_url: str) -> None:
    assert all(item["lastName"].lower() == "do" for item in items(sandbox_url, lastName="Do"))
    assert JANE not in [item["collectorNumber"] for item in items(sandbox_url, lastName="Do")]


def test_first_name_narrows_and_matches_whole(sandbox_url: str) -> None:
    assert JANE_ITEM in items(sandbox_url, lastName="Doe", firstName="jane")
    assert JANE not in [
        item["collectorNumber"] for item in items(sandbox_url, lastName="Doe", firstName="ja")
    ]


@pytest.mark.parametrize(
    ("last", "first"),
    [("tremblay", "elise"), ("TREMBLAY", "ÉLISE"), ("  Tremblay ", " Élise"), ("Trémblay", "Elisé")],
)
def test_names_ignore_case_accents_and_surrounding_spaces(sandbox_url: str, last: str, first: str) -> None:
    assert ELISE in [item["collectorNumber"] for item in items(sandbox_url, lastName=last, firstName=first)]


def test_an_enrolled_accented_name_is_found_without_its_accents(sandbox_url: str) -> None:
    body = {
        "personalDetails": {"firstName": "Hélène", "lastName": "Lévêque-Côté", "dateOfBirth": "1970-03-04"},
        "contactDetails": {"email": new_email("helene")},
    }
    with partner(sandbox_url) as client:
        number = client.post("/collectors/", json=body).json()["collectorNumber"]
    found = items(sandbox_url, lastName="leveque-cote", firstName="HELENE")
    assert [(i["collectorNumber"], i["firstName"], i["lastName"]) for i in found] == [
        (number, "Hélène", "Lévêque-Côté")
    ]


def test_date_of_birth_narrows_a_last_name(sandbox_url: str) -> None:
    assert JANE_ITEM in items(sandbox_url, lastName="Doe", dateOfBirth="1985-06-15")
    assert JANE not in [
        i["collectorNumber"] for i in items(sandbox_url, lastName="Doe", dateOfBirth="1985-06-16")
    ]


def test_same_last_name_orders_by_first_name_then_collector_number(sandbox_url: str) -> None:
    numbers = []
    with partner(sandbox_url) as client:
        for first in ("Zoé", "Ève", "Eve", "Adam"):
            body = {
                "personalDetails": {"firstName": first, "lastName": "Ordonné", "dateOfBirth": "1990-01-01"},
                "contactDetails": {"email": new_email("order")},
            }
            numbers.append(client.post("/collectors/", json=body).json()["collectorNumber"])
    found = items(sandbox_url, lastName="Ordonne")
    first_names = [item["firstName"] for item in found]
    assert (first_names[0], first_names[-1]) == ("Adam", "Zoé")
    eves = [item["collectorNumber"] for item in found if item["firstName"] in ("Ève", "Eve")]
    assert eves == sorted(numbers[1:3])


def test_postal_code_narrows_and_is_normalised(sandbox_url: str) -> None:
    postal = jane_profile(sandbox_url)["addressDetails"]["postalCode"]
    loose = postal.replace(" ", "").lower()
    assert JANE_ITEM in items(sandbox_url, lastName="Doe", postalCode=loose)
    assert JANE not in [
        i["collectorNumber"] for i in items(sandbox_url, lastName="Doe", postalCode="X0A 0A0")
    ]


def test_no_match_is_an_empty_page(sandbox_url: str) -> None:
    response = search(sandbox_url, email="nobody.at.all@example.com")
    assert response.status_code == 200
    assert response.json() == {"items": []}


def test_paging_with_cursor_in_order(sandbox_url: str) -> None:
    first_names = ["Eve", "Bob", "Dan", "Amy", "Cal"]
    with partner(sandbox_url) as client:
        for first in first_names:
            body = {
                "personalDetails": {"firstName": first, "lastName": "Paginette", "dateOfBirth": "1990-01-01"},
                "contactDetails": {"email": new_email(first.lower())},
            }
            assert client.post("/collectors/", json=body).status_code == 201
    pages = []
    cursor = None
    for _ in range(5):
        params = {"lastName": "Paginette", "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = search(sandbox_url, **params).json()
        pages.append([item["firstName"] for item in page["items"]])
        cursor = page.get("nextCursor")
        if cursor is None:
            break
    assert pages == [["Amy", "Bob"], ["Cal", "Dan"], ["Eve"]]


def test_default_limit_is_20(sandbox_url: str) -> None:
    with partner(sandbox_url) as client:
        for i in range(21):
            body = {
                "personalDetails": {
                    "firstName": f"Member{'abcdefghijklmnopqrstu'[i]}",
                    "lastName": "Pagely",
                    "dateOfBirth": "1990-01-01",
                },
                "contactDetails": {"email": new_email("many")},
            }
            assert client.post("/collectors/", json=body).status_code == 201
    page = search(sandbox_url, lastName="Pagely").json()
    assert len(page["items"]) == 20
    assert page["nextCursor"]
    rest = search(sandbox_url, lastName="Pagely", cursor=page["nextCursor"]).json()
    assert len(rest["items"]) == 1
    assert "nextCursor" not in rest
    numbers = [item["collectorNumber"] for item in page["items"] + rest["items"]]
    assert len(set(numbers)) == 21


def test_search_items_carry_only_their_fields(sandbox_url: str) -> None:
    for item in items(sandbox_url, lastName="Doe", limit=50):
        assert set(item) <= ITEM_KEYS
        assert {"collectorNumber", "status"} <= set(item)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"firstName": "Jane"},
        {"postalCode": "M5V 2T6"},
        {"dateOfBirth": "1985-06-15"},
        {"email": "jane.doe@example.com", "dateOfBirth": "1985-06-15"},
        {"limit": 5},
        {"email": "jane.doe@example.com", "phone": "4165550100"},
        {"email": "jane.doe@example.com", "lastName": "Doe"},
        {"phone": "4165550100", "lastName": "Doe"},
        {"email": ""},
    ],
)
def test_not_exactly_one_criterion_is_invalid(sandbox_url: str, params: dict[str, Any]) -> None:
    assert_error(search(sandbox_url, **params), 400, "INVALID_REQUEST")


@pytest.mark.parametrize(
    ("params", "field", "code"),
    [
        ({"lastName": "Doe", "limit": 0}, "limit", "INVALID_VALUE"),
        ({"lastName": "Doe", "limit": 51}, "limit", "INVALID_VALUE"),
        ({"lastName": "Doe", "limit": "ten"}, "limit", "INVALID_FORMAT"),
        ({"phone": "416555010"}, "phone", "INVALID_FORMAT"),
        ({"phone": "416-555-0100"}, "phone", "INVALID_FORMAT"),
        ({"lastName": "Doe", "dateOfBirth": "15/06/1985"}, "dateOfBirth", "INVALID_FORMAT"),
        ({"lastName": "Doe", "dateOfBirth": "1985-02-30"}, "dateOfBirth", "INVALID_FORMAT"),
    ],
)
def test_invalid_query_values(sandbox_url: str, params: dict[str, Any], field: str, code: str) -> None:
    assert_error(search(sandbox_url, **params), 400, "INVALID_REQUEST", field_errors={field: code})


def test_garbage_cursor_is_invalid(sandbox_url: str) -> None:
    assert_error(search(sandbox_url, lastName="Doe", cursor="%%%not-a-cursor"), 400, "INVALID_REQUEST")


def test_limit_50_is_accepted(sandbox_url: str) -> None:
    assert search(sandbox_url, lastName="Doe", limit=50).status_code == 200

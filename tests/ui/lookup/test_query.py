"""The one search box: what each kind of entry becomes."""

import pytest

from console.ui.lookup.query import Problem, QueryKind, parse_query


@pytest.mark.parametrize("text", ["80000000007", "8000 000 0007", "800-000-000-07", " 8 0000 0000 07 "])
def test_collector_number_with_spaces_and_dashes(text: str) -> None:
    query = parse_query(text)
    assert query.kind is QueryKind.NUMBER
    assert query.collector_number == "80000000007"
    assert query.problems == ()


def test_bad_check_digit_is_a_warning_that_still_runs() -> None:
    query = parse_query("8006 0860 887")
    assert query.kind is QueryKind.NUMBER
    assert query.problems == (Problem.CHECK_DIGIT,)
    assert query.runnable


def test_email_is_normalised() -> None:
    query = parse_query("  Jane.Doe@Example.com ")
    assert query.kind is QueryKind.EMAIL
    assert query.search_args() == {"email": query.email}
    assert query.email.lower() == "jane.doe@example.com"


def test_bad_email() -> None:
    assert parse_query("jane@").problems == (Problem.BAD_EMAIL,)


@pytest.mark.parametrize("text", ["416 555 0123", "(416) 555-0123", "+1 416-555-0123", "14165550123"])
def test_phone_forms(text: str) -> None:
    query = parse_query(text)
    assert query.kind is QueryKind.PHONE
    assert query.search_args() == {"phone": "4165550123"}


@pytest.mark.parametrize("text", ["12345", "7000 000 0007", "8000 000 000"])
def test_digits_that_are_neither(text: str) -> None:
    query = parse_query(text)
    assert query.kind is QueryKind.INVALID
    assert query.problems == (Problem.BAD_NUMBER,)


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("Doe", {"last_name": "Doe"}),
        ("Tremblay, Élise", {"last_name": "Tremblay", "first_name": "Élise"}),
        ("Doe K1A 0B1", {"last_name": "Doe", "postal_code": "K1A 0B1"}),
        ("doe k1a0b1", {"last_name": "doe", "postal_code": "K1A 0B1"}),
        ("Doe, Jane M5V 2T6", {"last_name": "Doe", "first_name": "Jane", "postal_code": "M5V 2T6"}),
        ("O'Neil-Smith, Ève-Marie", {"last_name": "O'Neil-Smith", "first_name": "Ève-Marie"}),
        ("Van der Berg", {"last_name": "Van der Berg"}),
    ],
)
def test_name_syntax(text: str, args: dict[str, str]) -> None:
    query = parse_query(text)
    assert query.kind is QueryKind.NAME
    assert query.search_args() == args


def test_bad_names() -> None:
    assert parse_query("Doe2").problems == (Problem.BAD_NAME,)
    assert parse_query(", Jane").problems == (Problem.BAD_NAME,)
    assert parse_query("Doe, J4ne").problems == (Problem.BAD_FIRST_NAME,)


def test_empty() -> None:
    assert parse_query("   ").kind is QueryKind.EMPTY
    assert not parse_query("").runnable

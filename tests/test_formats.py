"""Canadian formats and collector numbers."""

from datetime import date

import pytest

from console import formats


@pytest.mark.parametrize(
    "number", ["80060860886", "80000000007", "80000000014", "80000000021", "80000000039"]
)
def test_known_numbers_pass_the_check(number: str) -> None:
    assert formats.collector_number_checks(number)


@pytest.mark.parametrize("number", ["80060860887", "80000000008", "90000000007", "8000000000", "8000000000x"])
def test_bad_numbers_fail_the_check(number: str) -> None:
    assert not formats.collector_number_checks(number)


def test_check_digit_follows_the_weights() -> None:
    assert formats.collector_check_digit("8006086088") == 6
    assert formats.collector_check_digit("8000000000") == 7
    with pytest.raises(ValueError):
        formats.collector_check_digit("123")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8000 0000 007", "80000000007"),
        ("800-000-000-07", "80000000007"),
        ("90000000007", None),
        ("800000000", None),
        ("８0000000007", None),
    ],
)
def test_normalise_collector_number(text: str, expected: str | None) -> None:
    assert formats.normalise_collector_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("k1a0b1", "K1A 0B1"),
        (" h3g 1p1 ", "H3G 1P1"),
        ("M5X-1A9", "M5X 1A9"),
        ("W1A 0B1", None),
        ("Z1A 0B1", None),
        ("K1D 0B1", None),
        ("K1A 0B", None),
        ("K1A 0B1X", None),
        ("", None),
    ],
)
def test_normalise_postal_code(text: str, expected: str | None) -> None:
    assert formats.normalise_postal_code(text) == expected


def test_postal_code_province_match() -> None:
    assert formats.postal_code_matches_province("H3G 1P1", "QC")
    assert formats.postal_code_matches_province("x0a0h0", "NU")
    assert formats.postal_code_matches_province("X1A 2B3", "NT")
    assert not formats.postal_code_matches_province("H3G 1P1", "ON")
    assert not formats.postal_code_matches_province("bad", "ON")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+1 (416) 555-0123", "4165550123"),
        ("416.555.0123", "4165550123"),
        ("1-514-555-0199", "5145550199"),
        ("0165550123", None),
        ("4161550123", None),
        ("416555012", None),
        ("+44 20 7946 0958", None),
        ("1-800-FLOWERS", None),
        ("416-555-0123 ext 5", None),
        ("", None),
    ],
)
def test_normalise_phone(text: str, expected: str | None) -> None:
    assert formats.normalise_phone(text) == expected


@pytest.mark.parametrize("name", ["Ève-Marie", "O'Neil", "St. John", "Élise", "D’Amours", "Zoë"])
def test_valid_names(name: str) -> None:
    assert formats.is_valid_name(name)


@pytest.mark.parametrize("name", ["", " Jane", "R2D2", "Jane!", "--", "x" * 51])
def test_invalid_names(name: str) -> None:
    assert not formats.is_valid_name(name)


def test_name_length_limit_is_a_parameter() -> None:
    assert formats.is_valid_name("x" * 60, max_length=60)


def test_normalise_email() -> None:
    assert formats.normalise_email("Jane.Doe@Example.COM") == "Jane.Doe@example.com"
    assert formats.normalise_email("élise@example.ca") == "élise@example.ca"
    for bad in ("", "jane", "jane@", "@example.com", "a b@example.com", "x" * 250 + "@example.com"):
        assert formats.normalise_email(bad) is None


def test_age_on_counts_completed_years() -> None:
    assert formats.age_on(date(2000, 6, 15), date(2013, 6, 14)) == 12
    assert formats.age_on(date(2000, 6, 15), date(2013, 6, 15)) == 13
    assert formats.age_on(date(2000, 2, 29), date(2013, 2, 28)) == 12


def test_province_tables_agree() -> None:
    assert len(formats.PROVINCES) == 13
    assert formats.PROVINCES["QC"] == ("Quebec", "Québec")
    provinces = {p for ps in formats.POSTAL_FIRST_LETTER.values() for p in ps}
    assert provinces == set(formats.PROVINCES)

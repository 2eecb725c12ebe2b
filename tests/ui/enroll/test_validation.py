"""Each enrollment field check, with good and bad input and the message it shows."""

from datetime import date

import pytest

from console.ui.enroll import validation as v

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Ève-Marie", "Ève-Marie"),
        ("O'Neil", "O'Neil"),
        ("  Jean   Luc ", "Jean Luc"),
        ("St. John", "St. John"),
    ],
)
def test_good_names_are_kept_with_spaces_tidied(text, value):
    check = v.check_name(text, required=True)
    assert check.problem is None
    assert check.value == value


@pytest.mark.parametrize(
    ("text", "message"),
    [("R2D2", "letters"), ("Jane_Doe", "letters"), ("A" * 51, "At most 50"), ("", "Required")],
)
def test_bad_names_say_what_is_wrong(text, message):
    check = v.check_name(text, required=True)
    assert check.blocking
    assert message in check.problem.message


def test_empty_optional_name_is_fine_and_suffix_is_short():
    assert v.check_name("", required=False) == v.Check()
    assert v.check_name("III", max_length=v.SUFFIX_MAX).problem is None
    assert "At most 10" in v.check_name("Seniorissimo", max_length=v.SUFFIX_MAX).problem.message


@pytest.mark.parametrize(
    ("text", "value"),
    [("jane.doe@Example.COM", "jane.doe@example.com"), ("  eve@example.ca ", "eve@example.ca")],
)
def test_good_emails_are_normalised(text, value):
    assert v.check_email(text) == v.Check(value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("jane.example.com", "needs an @"),
        ("jane@", "Not a valid"),
        ("a@b@c.com", "Not a valid"),
        ("", "Required"),
        ("x" * 250 + "@example.com", "At most 254"),
    ],
)
def test_bad_emails_say_what_is_wrong(text, message):
    check = v.check_email(text)
    assert check.blocking
    assert message in check.problem.message


@pytest.mark.parametrize(
    ("text", "digits"),
    [("416-555-0123", "4165550123"), ("+1 (514) 555-0199", "5145550199"), ("1 604 555 0100", "6045550100")],
)
def test_good_phones_become_ten_digits(text, digits):
    assert v.check_phone(text) == v.Check(digits)
    assert v.format_phone(digits) == f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("555-0123", "10 digits"),
        ("416-555-01234", "10 digits"),
        ("116-555-0123", "start with 2–9"),
        ("416-155-0123", "start with 2–9"),
        ("+44 20 7946 0000", "10 digits"),
        ("call me", "10 digits"),
    ],
)
def test_bad_phones_say_what_is_wrong(text, message):
    check = v.check_phone(text)
    assert check.blocking
    assert message in check.problem.message


def test_dates_of_birth():
    assert v.check_date_of_birth("1990-04-25", today=TODAY) == v.Check("1990-04-25")
    assert v.check_date_of_birth("2013-11-27", today=TODAY).problem is None  # exactly 13 today
    assert "at least 13" in v.check_date_of_birth("2013-11-28", today=TODAY).problem.message
    assert "at least 18" in v.check_date_of_birth("2010-01-01", today=TODAY, min_age=18).problem.message
    assert "future" in v.check_date_of_birth("2027-01-01", today=TODAY).problem.message
    assert "YYYY-MM-DD" in v.check_date_of_birth("25/04/1990", today=TODAY).problem.message
    assert "YYYY-MM-DD" in v.check_date_of_birth("19900425", today=TODAY).problem.message
    assert "no such date" in v.check_date_of_birth("1990-02-30", today=TODAY).problem.message
    assert v.check_date_of_birth("", required=True, today=TODAY).blocking
    assert v.check_date_of_birth("", today=TODAY) == v.Check()


@pytest.mark.parametrize(
    ("text", "value"), [("k1a0b1", "K1A 0B1"), ("h2x 1y4", "H2X 1Y4"), ("T2P-1J9", "T2P 1J9")]
)
def test_good_postal_codes_are_normalised(text, value):
    assert v.check_postal_code(text) == v.Check(value)


@pytest.mark.parametrize("text", ["D1A 0B1", "W1A 0B1", "Z1A 0B1", "K1O 0B1", "K1A0B", "12345"])
def test_bad_postal_codes_are_refused(text):
    check = v.check_postal_code(text)
    assert check.blocking
    assert "A1A 1A1" in check.problem.message


def test_postal_code_and_province_mismatch_is_only_a_warning():
    assert v.check_postal_province("K1A 0B1", "ON") is None
    assert v.check_postal_province("X0A 0H0", "NU") is None
    warning = v.check_postal_province("K1A 0B1", "QC")
    assert warning.warning
    assert "Ontario" in warning.message and "Quebec" in warning.message
    assert "Québec" in v.check_postal_province("K1A 0B1", "QC", "FR").message
    assert v.check_postal_province(None, "QC") is None


def test_text_and_choices():
    assert v.check_text("  12  Main St ", max_length=60) == v.Check("12 Main St")
    assert "At most 40" in v.check_text("x" * 41, max_length=40).problem.message
    assert v.check_choice("", required=True).blocking
    assert v.check_choice("QC") == v.Check("QC")

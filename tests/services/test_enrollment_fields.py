"""The enrollment field table and its checks, Qt-free: good and bad input, the problem and its sentence."""

from datetime import date

import pytest

from console.api import models as m
from console.api.models import FieldError
from console.field_profiles import load_field_profiles
from console.services import enrollment_fields as f

TODAY = date(2026, 11, 27)
PROFILES = load_field_profiles()
FULL = PROFILES.profiles["full"]


def check(path: str, text: str, *, required: bool = False, **context) -> f.Check:
    spec = f.spec_of(path)
    return spec.check(text, spec, f.CheckContext(required=required, today=TODAY, **context))


def sentence(result: f.Check, language: str = "EN") -> str:
    assert result.problem is not None
    return f.problem_text(result.problem, language=language)


NAME = "personalDetails.firstName"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Ève-Marie", "Ève-Marie"),
        ("O'Neil", "O'Neil"),
        ("O’Neil", "O'Neil"),  # a typographic apostrophe is sent as the contract's
        ("  Jean   Luc ", "Jean Luc"),
        ("St. John", "St. John"),
    ],
)
def test_good_names_are_kept_with_spaces_tidied(text, value):
    result = check(NAME, text, required=True)
    assert result.problem is None
    assert result.value == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("R2D2", "letters"),
        ("Jane_Doe", "letters"),
        ("A" * 51, "At most 50"),
        ("", "Required"),
        ("...", "letters"),
    ],
)
def test_bad_names_say_what_is_wrong(text, message):
    result = check(NAME, text, required=True)
    assert result.blocking
    assert message in sentence(result)


def test_empty_optional_name_is_fine_and_suffix_is_short():
    assert check(NAME, "") == f.Check()
    assert check("personalDetails.suffix", "III").problem is None
    assert "At most 10" in sentence(check("personalDetails.suffix", "Seniorissimo"))


def test_limits_come_from_the_models():
    assert (
        f.SPECS["personalDetails.firstName"].max_length
        == m.field_rules(m.PersonalDetails, "first_name").max_length
    )
    assert f.SPECS["addressDetails.city"].max_length == 40
    assert f.SPECS["contactDetails.email"].max_length == 254
    assert set(f.SPECS["personalDetails.gender"].choices) == set(
        m.field_rules(m.PersonalDetails, "gender").choices
    )


def test_every_choice_has_a_label_and_every_label_a_choice():
    for spec in f.FIELDS:
        if spec.choice_labels:
            assert set(spec.choices) == set(spec.rules.choices), spec.path


@pytest.mark.parametrize(
    ("text", "value"),
    [("jane.doe@Example.COM", "jane.doe@example.com"), ("  eve@example.ca ", "eve@example.ca")],
)
def test_good_emails_are_normalised(text, value):
    assert check("contactDetails.email", text) == f.Check(value)


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
    result = check("contactDetails.email", text, required=True)
    assert result.blocking
    assert message in sentence(result)


PHONE = f.phone_path(0)


@pytest.mark.parametrize(
    ("text", "digits"),
    [("416-555-0123", "4165550123"), ("+1 (514) 555-0199", "5145550199"), ("1 604 555 0100", "6045550100")],
)
def test_good_phones_become_ten_digits(text, digits):
    assert check(PHONE, text) == f.Check(digits)
    assert f.format_phone(digits) == f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


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
    result = check(PHONE, text)
    assert result.blocking
    assert message in sentence(result)


def test_choices_ignore_case_and_name_the_allowed_values():
    assert check(f.phone_path(0, "type"), " mobile ") == f.Check("Mobile")
    assert check("addressDetails.province", "qc") == f.Check("QC")
    refused = check(f.phone_path(0, "type"), "Fax")
    assert refused.blocking and "Mobile, Home, Business" in sentence(refused)
    channel = check("enrollmentChannel", "ONLINE", channels=("IN_STORE", "EVENT"))
    assert channel.blocking and "IN_STORE, EVENT" in sentence(channel)


DOB = "personalDetails.dateOfBirth"


def test_dates_of_birth():
    assert check(DOB, "1990-04-25") == f.Check("1990-04-25")
    assert check(DOB, "2013-11-27").problem is None  # exactly 13 today
    assert "at least 13" in sentence(check(DOB, "2013-11-28"))
    assert "at least 18" in sentence(check(DOB, "2010-01-01", min_age=18))
    assert "future" in sentence(check(DOB, "2027-01-01"))
    assert "YYYY-MM-DD" in sentence(check(DOB, "25/04/1990"))
    assert "YYYY-MM-DD" in sentence(check(DOB, "19900425"))
    assert "no such date" in sentence(check(DOB, "1990-02-30"))
    assert check(DOB, "", required=True).blocking
    assert check(DOB, "") == f.Check()


POSTAL = "addressDetails.postalCode"


@pytest.mark.parametrize(
    ("text", "value"), [("k1a0b1", "K1A 0B1"), ("h2x 1y4", "H2X 1Y4"), ("T2P-1J9", "T2P 1J9")]
)
def test_good_postal_codes_are_normalised(text, value):
    assert check(POSTAL, text) == f.Check(value)


@pytest.mark.parametrize("text", ["D1A 0B1", "W1A 0B1", "Z1A 0B1", "K1O 0B1", "K1A0B", "12345"])
def test_bad_postal_codes_are_refused(text):
    result = check(POSTAL, text)
    assert result.blocking
    assert "A1A 1A1" in sentence(result)


def test_postal_code_and_province_mismatch_is_only_a_warning_named_in_the_readers_language():
    assert f.check_postal_province("K1A 0B1", "ON") is None
    assert f.check_postal_province("X0A 0H0", "NU") is None
    warning = f.check_postal_province("K1A 0B1", "QC")
    assert warning.warning
    english = f.problem_text(warning)
    assert "Ontario" in english and "Quebec" in english
    assert "Québec" in f.problem_text(warning, language="FR")
    assert f.check_postal_province(None, "QC") is None


def test_text_fields_tidy_spaces_and_keep_their_limit():
    assert check("addressDetails.addressLine1", "  12  Main St ") == f.Check("12 Main St")
    assert "At most 40" in sentence(check("addressDetails.city", "x" * 41))


def test_read_checks_what_the_profile_shows_and_builds_the_request():
    texts = {
        "personalDetails.firstName": "Ève-Marie",
        "personalDetails.lastName": "O'Neil",
        "personalDetails.dateOfBirth": "1988-03-14",
        "contactDetails.email": "eve@example.com",
        f.phone_path(1): "(438) 555-0299",
        f.phone_path(1, "type"): "home",
        "addressDetails.addressLine1": "1 Main St",  # not collected in person
        "addressDetails.postalCode": "h2x1y4",
        "preferences.language": "FR",
        "enrollmentChannel": "EVENT",
    }
    reading = f.read(texts, PROFILES.profiles["in_person"], today=TODAY)
    assert reading.valid and reading.problems == {}
    assert reading.phone_rows == [1]
    request = reading.request([("EMAIL_MARKETING", True)], consent_language="FR", wording_version="v1")
    assert request.to_wire() == {
        "personalDetails": {"firstName": "Ève-Marie", "lastName": "O'Neil", "dateOfBirth": "1988-03-14"},
        "contactDetails": {"email": "eve@example.com", "phones": [{"type": "Home", "number": "4385550299"}]},
        "addressDetails": {"postalCode": "H2X 1Y4", "country": "CA"},
        "preferences": {"language": "FR"},
        "enrollmentChannel": "EVENT",
        "consents": [
            {
                "type": "EMAIL_MARKETING",
                "granted": True,
                "wordingVersion": "v1",
                "language": "FR",
                "channel": "EVENT",
            }
        ],
    }


def test_read_names_every_missing_required_field_and_refuses_to_build():
    reading = f.read({"personalDetails.middleName": "Claire", "contactDetails.email": "e@example.com"}, FULL)
    assert reading.blocking() == list(f.PERSONAL_REQUIRED)
    assert {p.code for p in reading.problems.values()} == {"REQUIRED_WITH_PERSONAL"}
    with pytest.raises(ValueError, match=r"personalDetails\.firstName"):
        reading.request()
    in_person = f.read({}, PROFILES.profiles["in_person"])
    assert {"contactDetails.email", "personalDetails.firstName", "enrollmentChannel"} <= set(
        in_person.blocking()
    )


def test_server_errors_land_on_the_row_they_came_from():
    errors = [
        FieldError(field="contactDetails.phones[0].type", code="INVALID_VALUE", message="Not allowed."),
        FieldError(field="consents[0].wordingVersion", code="INVALID_VALUE", message="Unknown wording."),
        FieldError(field="consents[1].channel", code="INVALID_VALUE", message="Unknown channel."),
        FieldError(field="personalDetails.dateOfBirth", code="TOO_YOUNG"),
        FieldError(field="loyaltyTier", code="INVALID_VALUE", message="No such field."),
    ]
    placed, unplaced = f.place_server_errors(errors, f.Reading(phone_rows=[2]))
    assert placed[f.phone_path(2, "type")] == f.Problem("SERVER", ("Not allowed.",))
    assert f.problem_text(placed[f.CONSENTS]) == "Unknown wording. Unknown channel."
    assert f.problem_text(placed[DOB]) == "Refused by the service."
    assert [e.field for e in unplaced] == ["loyaltyTier"]

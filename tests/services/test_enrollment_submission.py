"""One logical enrollment keeps its key and its exact body until the content changes."""

from datetime import UTC, datetime, timedelta

from console.field_profiles import load_field_profiles
from console.services.enrollment import Submission
from console.services.enrollment_fields import Reading, read

FULL = load_field_profiles().profiles["full"]
READING = read({"contactDetails.email": "eve@example.com", "enrollmentChannel": "IN_STORE"}, FULL)
CONSENTS = [("EMAIL_MARKETING", True), ("PARTNER_OFFERS", False), ("SMS_MARKETING", False)]


def make() -> Submission:
    times = iter(datetime(2026, 11, 27, 22, 0, tzinfo=UTC) + timedelta(minutes=n) for n in range(10))
    return Submission(clock=lambda: next(times))


def prepare(submission: Submission, reading: Reading = READING, consents=CONSENTS, language="EN"):
    return submission.prepare(reading, consents, language=language, wording_version="v1")


def test_same_content_same_key_and_same_body_capture_times_included():
    submission = make()
    first, key = prepare(submission)
    again, key_again = prepare(
        submission, read({"contactDetails.email": "eve@example.com ", "enrollmentChannel": "IN_STORE"}, FULL)
    )
    assert key_again == key
    assert again.to_wire() == first.to_wire()
    assert first.consents[0].captured_at == datetime(2026, 11, 27, 22, 0, tzinfo=UTC)
    assert [c.channel for c in first.consents] == ["IN_STORE"] * 3


def test_changed_content_or_consent_or_language_means_a_new_key():
    submission = make()
    _request, key = prepare(submission)
    _request, key2 = prepare(submission, read({"contactDetails.email": "eve2@example.com"}, FULL))
    _request, key3 = prepare(submission, consents=[("EMAIL_MARKETING", False), *CONSENTS[1:]])
    request4, key4 = prepare(submission, consents=[("EMAIL_MARKETING", False), *CONSENTS[1:]], language="FR")
    assert len({key, key2, key3, key4}) == 4
    assert {c.language for c in request4.consents} == {"FR"}


def test_reset_starts_a_new_logical_enrollment():
    submission = make()
    _request, key = prepare(submission)
    submission.reset()
    assert submission.key is None
    _request, key2 = prepare(submission)
    assert key2 != key


def test_no_consents_section_sends_no_consents():
    request, _key = make().prepare(READING, [], language="EN", wording_version="v1")
    assert "consents" not in request.to_wire()


def test_duplicate_criteria_include_the_last_name_with_the_date_of_birth():
    from console.services.enrollment import Match, duplicate_criteria

    profile = load_field_profiles().profiles["in_person"]
    reading = read(
        {
            "personalDetails.firstName": "Eve",
            "personalDetails.lastName": "Doe",
            "personalDetails.dateOfBirth": "1985-06-15",
            "contactDetails.email": "eve@example.com",
            "contactDetails.phones[0].number": "4165550101",
            "contactDetails.phones[0].type": "Mobile",
            "addressDetails.city": "Toronto",
            "addressDetails.province": "ON",
            "addressDetails.postalCode": "M5X 1A9",
            "preferences.language": "EN",
            "enrollmentChannel": "EVENT",
        },
        profile,
    )
    assert not reading.problems, reading.problems
    request = reading.request([], consent_language="EN", wording_version="v1", captured_at=datetime.now(UTC))
    criteria = {c.match: c.query for c in duplicate_criteria(request)}
    assert criteria[Match.NAME_AND_BIRTH_DATE] == {"last_name": "Doe", "date_of_birth": "1985-06-15"}
    assert criteria[Match.NAME_AND_POSTAL_CODE] == {"last_name": "Doe", "postal_code": "M5X 1A9"}
    assert set(criteria) == set(Match)

"""Field profiles and consent wordings: the bundled file and the checks on a partner's edits."""

import json

import pytest

from console.field_profiles import CONSENT_TYPES, DEFAULT_PATH, FIELDS, ProfileError, load_field_profiles


def test_bundled_profiles_cover_the_three_use_cases():
    loaded = load_field_profiles()
    assert set(loaded.profiles) == {"call_centre", "in_person", "full"}
    assert loaded.default == "in_person"
    full = loaded.profiles["full"]
    assert all(full.shows(field) for field in FIELDS)
    assert [f for f in FIELDS if full.requires(f)] == ["contactDetails.email"]
    call = loaded.profiles["call_centre"]
    assert call.requires("personalDetails.lastName")
    assert not call.shows("addressDetails.addressLine1")  # PIPEDA: a call centre does not need it
    assert call.channels == ("CALL_CENTRE",)
    assert call.label("FR") == "Centre d'appels"


def test_consent_wordings_name_who_asks_and_that_consent_can_be_withdrawn():
    loaded = load_field_profiles()
    assert loaded.wording_version
    for consent_type in CONSENT_TYPES:
        wording = loaded.consents[consent_type]
        partner = loaded.partner_name("EN")
        assert "withdraw" in wording.text("EN", partner)
        assert "retirer" in wording.text("FR", loaded.partner_name("FR"))
    assert "Sandbox Partner Inc." in loaded.consents["PARTNER_OFFERS"].text("EN", loaded.partner_name("EN"))
    assert loaded.asker_name("PARTNER_OFFERS", "FR") == "Partenaire Sandbox inc."
    assert loaded.asker_name("EMAIL_MARKETING", "EN") == "AIR MILES"


def _write(tmp_path, mutate):
    raw = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    mutate(raw)
    path = tmp_path / "profiles.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r["profiles"]["full"]["fields"].update({"shoeSize": "optional"}), "unknown field"),
        (lambda r: r["profiles"]["full"]["fields"].update({"contactDetails.email": "optional"}), "always"),
        (lambda r: r["profiles"]["full"]["fields"].update({"consents": "maybe"}), "required or optional"),
        (lambda r: r["profiles"]["full"].update({"channels": ["MAIL"]}), "channel"),
        (lambda r: r.update({"default": "kiosk"}), "default"),
        (lambda r: r["consents"].pop("wordingVersion"), "wordingVersion"),
        (lambda r: r["consents"]["purposes"]["SMS_MARKETING"].pop("FR"), "EN and FR"),
        (lambda r: r["consents"]["purposes"].pop("SMS_MARKETING"), "exactly"),
    ],
)
def test_bad_profiles_are_refused_with_a_reason(tmp_path, mutate, message):
    with pytest.raises(ProfileError, match=message):
        load_field_profiles(_write(tmp_path, mutate))


def test_unreadable_file_is_a_profile_error(tmp_path):
    with pytest.raises(ProfileError):
        load_field_profiles(tmp_path / "missing.json")

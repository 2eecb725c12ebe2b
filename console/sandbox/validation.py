"""Field-level validation of an enrollment request body.

Lengths and enums are read from the request models (`console.api.models`), their one declaration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from console.api.models import (
    AddressDetails,
    Consent,
    ContactDetails,
    EnrollmentRequest,
    PersonalDetails,
    Phone,
    Preferences,
    field_rules,
)
from console.formats import age_on, is_valid_name, normalise_email, normalise_postal_code
from console.sandbox.messages import FIELD_MESSAGES, text

GENDERS = field_rules(PersonalDetails, "gender").choices
TITLES = field_rules(PersonalDetails, "title").choices
PHONE_TYPES = {kind.lower(): kind for kind in field_rules(Phone, "type").choices}
CONSENT_TYPES = field_rules(Consent, "type").choices
LANGUAGES = field_rules(Preferences, "language").choices
CHANNELS = field_rules(EnrollmentRequest, "enrollment_channel").choices
PROVINCES = field_rules(AddressDetails, "province").choices
COUNTRIES = field_rules(AddressDetails, "country").choices
MAX_PHONES = field_rules(ContactDetails, "phones").max_length
MAX_CONSENTS = 10
NAME_MAX = field_rules(PersonalDetails, "first_name").max_length
SUFFIX_MAX = field_rules(PersonalDetails, "suffix").max_length
EMAIL_MAX = field_rules(ContactDetails, "email").max_length
ADDRESS_LINE_MAX = field_rules(AddressDetails, "address_line1").max_length
CITY_MAX = field_rules(AddressDetails, "city").max_length
CONSENT_TEXT_MAX = field_rules(Consent, "wording_version").max_length
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# RFC 3339 date-time, e.g. 2026-01-31T14:05:00Z or 2026-01-31T09:05:00.123-05:00
_DATE_TIME_RE = re.compile(
    r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?"
    r"([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)",
    re.ASCII,
)
NANP_PHONE = re.compile(r"[2-9]\d{2}[2-9]\d{6}", re.ASCII)


@dataclass
class Checker:
    """Collects field errors while reading a body; `values` gets the clean values by column name."""

    french: bool
    min_age: int
    today: date
    errors: list[dict[str, str]] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)

    def fail(self, path: str, code: str, **values: Any) -> None:
        self.errors.append(
            {"field": path, "code": code, "message": text(FIELD_MESSAGES, code, self.french, **values)}
        )

    def obj(
        self, parent: dict[str, Any], key: str, path: str, required: bool = False
    ) -> dict[str, Any] | None:
        value = parent.get(key)
        if value is None:
            if required:
                self.fail(path, "REQUIRED")
            return None
        if not isinstance(value, dict):
            self.fail(path, "INVALID_FORMAT")
            return None
        return value

    def string(
        self,
        parent: dict[str, Any],
        key: str,
        path: str,
        *,
        required: bool = False,
        max_length: int | None = None,
    ) -> str | None:
        value = parent.get(key)
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            if required:
                self.fail(path, "REQUIRED")
            return None
        if not isinstance(value, str):
            self.fail(path, "INVALID_FORMAT")
            return None
        if max_length is not None and len(value) > max_length:
            self.fail(path, "TOO_LONG", max=max_length)
            return None
        return value

    def choice(self, parent: dict[str, Any], key: str, path: str, options: tuple[str, ...]) -> str | None:
        value = self.string(parent, key, path)
        if value is not None and value not in options:
            self.fail(path, "INVALID_VALUE")
            return None
        return value


def check_enrollment(body: Any, *, french: bool, min_age: int, today: date) -> Checker:
    """Validate an enrollment body; read `.errors`, and `.values` (columns) plus `phones` and `consents`."""
    c = Checker(french, min_age, today)
    if not isinstance(body, dict):
        c.fail("body", "INVALID_FORMAT")
        return c
    _personal(c, c.obj(body, "personalDetails", "personalDetails"))
    _contact(c, c.obj(body, "contactDetails", "contactDetails", required=True))
    _address(c, c.obj(body, "addressDetails", "addressDetails"))
    preferences = c.obj(body, "preferences", "preferences")
    if preferences is not None:
        c.values["language"] = c.choice(preferences, "language", "preferences.language", LANGUAGES)
    c.values["enrollment_channel"] = c.choice(body, "enrollmentChannel", "enrollmentChannel", CHANNELS)
    c.values["consents"] = _consents(c, body.get("consents"))
    return c


def _personal(c: Checker, personal: dict[str, Any] | None) -> None:
    if personal is None:
        return
    for key, column in (("firstName", "first_name"), ("lastName", "last_name")):
        name = c.string(personal, key, f"personalDetails.{key}", required=True, max_length=NAME_MAX)
        if name is not None and not is_valid_name(name):
            c.fail(f"personalDetails.{key}", "INVALID_FORMAT")
            name = None
        c.values[column] = name
    middle = c.string(personal, "middleName", "personalDetails.middleName", max_length=NAME_MAX)
    c.values["middle_name"] = middle
    c.values["suffix"] = c.string(personal, "suffix", "personalDetails.suffix", max_length=SUFFIX_MAX)
    c.values["gender"] = c.choice(personal, "gender", "personalDetails.gender", GENDERS)
    c.values["title"] = c.choice(personal, "title", "personalDetails.title", TITLES)
    born_text = c.string(personal, "dateOfBirth", "personalDetails.dateOfBirth", required=True)
    if born_text is None:
        return
    try:
        born = date.fromisoformat(born_text) if DATE_RE.fullmatch(born_text) else None
    except ValueError:
        born = None
    if born is None:
        c.fail("personalDetails.dateOfBirth", "INVALID_FORMAT")
    elif born > c.today:
        c.fail("personalDetails.dateOfBirth", "INVALID_VALUE")
    elif age_on(born, c.today) < c.min_age:
        c.fail("personalDetails.dateOfBirth", "TOO_YOUNG", min_age=c.min_age)
    else:
        c.values["date_of_birth"] = born_text


def _contact(c: Checker, contact: dict[str, Any] | None) -> None:
    if contact is None:
        return
    email = c.string(contact, "email", "contactDetails.email", required=True, max_length=EMAIL_MAX)
    if email is not None:
        normalised = normalise_email(email)
        if normalised is None:
            c.fail("contactDetails.email", "INVALID_FORMAT")
        c.values["email"] = normalised
    phones = contact.get("phones")
    c.values["phones"] = []
    if phones is None:
        return
    if not isinstance(phones, list):
        c.fail("contactDetails.phones", "INVALID_FORMAT")
        return
    if MAX_PHONES is not None and len(phones) > MAX_PHONES:
        c.fail("contactDetails.phones", "TOO_LONG", max=MAX_PHONES)
        return
    for i, phone in enumerate(phones):
        path = f"contactDetails.phones[{i}]"
        if not isinstance(phone, dict):
            c.fail(path, "INVALID_FORMAT")
            continue
        kind = c.string(phone, "type", f"{path}.type")
        if kind is not None:
            kind = PHONE_TYPES.get(kind.lower())
            if kind is None:
                c.fail(f"{path}.type", "INVALID_VALUE")
        number = c.string(phone, "number", f"{path}.number")
        if number is not None and not NANP_PHONE.fullmatch(number):
            c.fail(f"{path}.number", "INVALID_FORMAT")
        elif number is not None:
            c.values["phones"].append((kind, number))


def _address(c: Checker, address: dict[str, Any] | None) -> None:
    if address is None:
        return
    for key, column, limit in (
        ("addressLine1", "address_line1", ADDRESS_LINE_MAX),
        ("addressLine2", "address_line2", ADDRESS_LINE_MAX),
        ("city", "city", CITY_MAX),
    ):
        c.values[column] = c.string(address, key, f"addressDetails.{key}", max_length=limit)
    c.values["province"] = c.choice(address, "province", "addressDetails.province", PROVINCES)
    postal = c.string(address, "postalCode", "addressDetails.postalCode")
    if postal is not None:
        c.values["postal_code"] = normalise_postal_code(postal)
        if c.values["postal_code"] is None:
            c.fail("addressDetails.postalCode", "INVALID_FORMAT")
    c.values["country"] = c.choice(address, "country", "addressDetails.country", COUNTRIES)


def _consents(c: Checker, consents: Any) -> list[dict[str, Any]]:
    if consents is None:
        return []
    if not isinstance(consents, list):
        c.fail("consents", "INVALID_FORMAT")
        return []
    if len(consents) > MAX_CONSENTS:
        c.fail("consents", "TOO_LONG", max=MAX_CONSENTS)
        return []
    clean = []
    for i, consent in enumerate(consents):
        path = f"consents[{i}]"
        if not isinstance(consent, dict):
            c.fail(path, "INVALID_FORMAT")
            continue
        item = {
            "type": c.choice(consent, "type", f"{path}.type", CONSENT_TYPES),
            "wordingVersion": c.string(
                consent, "wordingVersion", f"{path}.wordingVersion", max_length=CONSENT_TEXT_MAX
            ),
            "language": c.choice(consent, "language", f"{path}.language", LANGUAGES),
            "channel": c.string(consent, "channel", f"{path}.channel", max_length=CONSENT_TEXT_MAX),
        }
        if consent.get("type") is None:
            c.fail(f"{path}.type", "REQUIRED")
        granted = consent.get("granted")
        if granted is None:
            c.fail(f"{path}.granted", "REQUIRED")
        elif not isinstance(granted, bool):
            c.fail(f"{path}.granted", "INVALID_FORMAT")
        item["granted"] = granted
        captured = c.string(consent, "capturedAt", f"{path}.capturedAt")
        if captured is not None and not _DATE_TIME_RE.fullmatch(captured):
            c.fail(f"{path}.capturedAt", "INVALID_FORMAT")
        item["capturedAt"] = captured
        clean.append(item)
    return clean

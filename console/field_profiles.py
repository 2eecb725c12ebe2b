"""Use-case field profiles for enrollment and the consent wordings (console/resources/field_profiles.json).

Qt-free. A profile names the enrollment fields a use case collects (PIPEDA: only what it needs)
and which of them are required; a field a profile does not name is hidden. The file is meant to
be edited by a partner to match what it agreed with AIR MILES.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.resources import resource

DEFAULT_PATH = resource("field_profiles.json")

REQUIRED = "required"
OPTIONAL = "optional"

#: Every field the form knows, by its JSON path in the enrollment request.
FIELDS: tuple[str, ...] = (
    "personalDetails.title",
    "personalDetails.firstName",
    "personalDetails.middleName",
    "personalDetails.lastName",
    "personalDetails.suffix",
    "personalDetails.dateOfBirth",
    "personalDetails.gender",
    "contactDetails.email",
    "contactDetails.phones",
    "addressDetails.addressLine1",
    "addressDetails.addressLine2",
    "addressDetails.city",
    "addressDetails.province",
    "addressDetails.postalCode",
    "preferences.language",
    "consents",
    "enrollmentChannel",
)
CHANNELS: tuple[str, ...] = ("CALL_CENTRE", "IN_STORE", "EVENT", "ONLINE")
CONSENT_TYPES: tuple[str, ...] = ("EMAIL_MARKETING", "PARTNER_OFFERS", "SMS_MARKETING")
LANGUAGES: tuple[str, ...] = ("EN", "FR")


class ProfileError(ValueError):
    """The profiles file is malformed."""


@dataclass(frozen=True)
class FieldProfile:
    """Which fields one use case shows and requires."""

    name: str
    labels: Mapping[str, str]
    channels: tuple[str, ...]
    fields: Mapping[str, str]
    channel: str | None = None
    """The channel the form preselects ("channel" in the file); None: the only one, else none."""

    def shows(self, field: str) -> bool:
        return field in self.fields

    def requires(self, field: str) -> bool:
        return self.fields.get(field) == REQUIRED

    def label(self, language: str = "EN") -> str:
        return self.labels.get(language.upper()) or self.labels.get("EN") or self.name


@dataclass(frozen=True)
class ConsentWording:
    """The wording of one consent purpose in both languages, and who asks."""

    consent_type: str
    asker: str  # "AIR MILES" or "partner"
    texts: Mapping[str, str]

    def text(self, language: str, partner: str) -> str:
        return self.texts[language.upper()].replace("{partner}", partner)


@dataclass(frozen=True)
class ProfileSet:
    """Everything the file defines."""

    profiles: Mapping[str, FieldProfile]
    default: str
    wording_version: str
    partner_names: Mapping[str, str]
    consents: Mapping[str, ConsentWording]

    def partner_name(self, language: str) -> str:
        return self.partner_names.get(language.upper()) or self.partner_names["EN"]

    def asker_name(self, consent_type: str, language: str) -> str:
        asker = self.consents[consent_type].asker
        return self.partner_name(language) if asker == "partner" else asker


def _profile(name: str, raw: Mapping[str, Any]) -> FieldProfile:
    fields = dict(raw.get("fields", {}))
    for field, state in fields.items():
        if field not in FIELDS:
            raise ProfileError(f"profile {name!r}: unknown field {field!r}")
        if state not in (REQUIRED, OPTIONAL):
            raise ProfileError(f"profile {name!r}: field {field!r} must be required or optional")
    if fields.get("contactDetails.email") != REQUIRED:
        raise ProfileError(f"profile {name!r}: contactDetails.email is always required")
    channels = tuple(raw.get("channels") or CHANNELS)
    if any(channel not in CHANNELS for channel in channels):
        raise ProfileError(f"profile {name!r}: unknown channel in {channels}")
    labels = dict(raw.get("label") or {"EN": name})
    ordered = {field: fields[field] for field in FIELDS if field in fields}
    channel = raw.get("channel")
    if channel is not None and channel not in channels:
        raise ProfileError(f"profile {name!r}: preselected channel {channel!r} is not one of {channels}")
    return FieldProfile(name=name, labels=labels, channels=channels, fields=ordered, channel=channel)


def _consents(raw: Mapping[str, Any]) -> dict[str, ConsentWording]:
    purposes = raw.get("purposes", {})
    if set(purposes) != set(CONSENT_TYPES):
        raise ProfileError(f"consents must define exactly {CONSENT_TYPES}")
    result = {}
    for consent_type in CONSENT_TYPES:
        item = purposes[consent_type]
        texts = {lang: item[lang] for lang in LANGUAGES if item.get(lang)}
        if set(texts) != set(LANGUAGES):
            raise ProfileError(f"consent {consent_type}: wording needed in EN and FR")
        result[consent_type] = ConsentWording(consent_type, item.get("asker", "AIR MILES"), texts)
    return result


def load_field_profiles(path: Path | str | None = None) -> ProfileSet:
    """Read and check the profiles file (the bundled one by default)."""
    try:
        raw = json.loads((Path(path) if path else DEFAULT_PATH).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ProfileError(f"cannot read field profiles: {exc}") from exc
    profiles = {name: _profile(name, item) for name, item in raw.get("profiles", {}).items()}
    if not profiles:
        raise ProfileError("no profiles defined")
    default = raw.get("default") or next(iter(profiles))
    if default not in profiles:
        raise ProfileError(f"default profile {default!r} is not defined")
    consents = raw.get("consents", {})
    version = consents.get("wordingVersion")
    if not version:
        raise ProfileError("consents.wordingVersion is required")
    partner_names = dict(consents.get("partnerName") or {"EN": "the partner"})
    return ProfileSet(profiles, default, version, partner_names, _consents(consents))

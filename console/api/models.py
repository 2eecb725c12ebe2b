"""Typed request and response bodies of the Collector Service and its OAuth endpoints.

Field names are snake_case in Python and camelCase on the wire (the aliases); `resources/openapi.yaml`
holds the same names and a test keeps the two in step.

The request models are the one declaration of every field rule of an enrollment: lengths, patterns
and enums (a test holds them equal to `openapi.yaml`). The form's checks, the sandbox's validation
and the import read them through `field_rules(model, name)`. Response models accept any string so
that a new server value never breaks a read.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints
from pydantic.alias_generators import to_camel

Gender = Literal["FEMALE", "MALE", "OTHER", "UNDISCLOSED"]
Title = Literal["MR", "MRS", "MS", "MISS", "DR", "MX"]
Province = Literal["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]
Language = Literal["EN", "FR"]
ConsentType = Literal["EMAIL_MARKETING", "PARTNER_OFFERS", "SMS_MARKETING"]
EnrollmentChannel = Literal["CALL_CENTRE", "IN_STORE", "EVENT", "ONLINE"]
PhoneType = Literal["Home", "Mobile", "Business"]

NAME_PATTERN = "^[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ' .-]+$"
PHONE_PATTERN = "^[2-9][0-9]{2}[2-9][0-9]{6}$"
POSTAL_CODE_PATTERN = (
    "^[ABCEGHJ-NPRSTVXYabceghj-nprstvxy][0-9][ABCEGHJ-NPRSTV-Zabceghj-nprstv-z] ?"
    "[0-9][ABCEGHJ-NPRSTV-Zabceghj-nprstv-z][0-9]$"
)
Name = Annotated[str, StringConstraints(min_length=1, max_length=50, pattern=NAME_PATTERN)]
Suffix = Annotated[str, StringConstraints(min_length=1, max_length=10)]
Email = Annotated[str, StringConstraints(max_length=254)]
PhoneNumber = Annotated[str, StringConstraints(pattern=PHONE_PATTERN)]
AddressLine = Annotated[str, StringConstraints(min_length=1, max_length=60)]
City = Annotated[str, StringConstraints(min_length=1, max_length=40)]
PostalCode = Annotated[str, StringConstraints(pattern=POSTAL_CODE_PATTERN)]
ConsentText = Annotated[str, StringConstraints(min_length=1, max_length=50)]
MAX_PHONES = 3


def _prune(value: Any) -> Any:
    """Drop empty lists and objects, as the service leaves empty fields out."""
    if isinstance(value, dict):
        pruned = {key: _prune(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if item not in ({}, [])}
    if isinstance(value, list):
        return [_prune(item) for item in value]
    return value


class ApiModel(BaseModel):
    """camelCase on the wire, snake_case in Python; unknown fields from the server are ignored."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")

    def to_wire(self) -> dict[str, Any]:
        """The JSON body: camelCase, with None and empty fields left out."""
        return _prune(self.model_dump(mode="json", by_alias=True, exclude_none=True))


@dataclass(frozen=True)
class FieldRules:
    """What a request model allows in one field (as its JSON schema states it)."""

    min_length: int | None = None
    """Characters for a string, items for a list."""
    max_length: int | None = None
    """Characters for a string, items for a list."""
    pattern: str | None = None
    choices: tuple[str, ...] = ()


@functools.cache
def field_rules(model: type[BaseModel], name: str) -> FieldRules:
    """The rules of field `name` (Python name) of `model`: read them here, never restate them."""
    field = model.model_fields[name]
    schema = model.model_json_schema()["properties"][field.alias or name]
    options = [option for option in schema.get("anyOf", [schema]) if option.get("type") != "null"]
    schema = options[0] if len(options) == 1 else schema
    length = ("minItems", "maxItems") if schema.get("type") == "array" else ("minLength", "maxLength")
    choices = schema.get("enum") or ([schema["const"]] if "const" in schema else [])
    return FieldRules(
        min_length=schema.get(length[0]),
        max_length=schema.get(length[1]),
        pattern=schema.get("pattern"),
        choices=tuple(choices),
    )


class PersonalDetails(ApiModel):
    first_name: Name
    last_name: Name
    middle_name: Name | None = None
    suffix: Suffix | None = None
    date_of_birth: date
    gender: Gender | None = None
    title: Title | None = None


class Phone(ApiModel):
    type: PhoneType | None = None
    number: PhoneNumber | None = None


class ContactDetails(ApiModel):
    email: Email
    phones: list[Phone] = Field(default_factory=list, max_length=MAX_PHONES)


class AddressDetails(ApiModel):
    address_line1: AddressLine | None = None
    address_line2: AddressLine | None = None
    city: City | None = None
    province: Province | None = None
    postal_code: PostalCode | None = None
    country: Literal["CA"] | None = None


class Preferences(ApiModel):
    language: Language | None = None


class Consent(ApiModel):
    type: ConsentType
    granted: bool
    wording_version: ConsentText | None = None
    language: Language | None = None
    captured_at: datetime | None = None
    channel: ConsentText | None = None


class EnrollmentRequest(ApiModel):
    personal_details: PersonalDetails | None = None
    contact_details: ContactDetails
    address_details: AddressDetails | None = None
    preferences: Preferences | None = None
    consents: list[Consent] = Field(default_factory=list)
    enrollment_channel: EnrollmentChannel | None = None


class EnrollmentResult(ApiModel):
    collector_number: str
    status: str
    enrollment_date: date
    _replayed: bool = PrivateAttr(default=False)

    @property
    def replayed(self) -> bool:
        """True when the server answered with the saved result of an earlier send of the same key."""
        return self._replayed


# Responses: the enrollment shapes again, but lenient about enum values.
class ProfilePersonalDetails(ApiModel):
    first_name: str | None = None
    last_name: str | None = None
    middle_name: str | None = None
    suffix: str | None = None
    date_of_birth: date | None = None
    gender: str | None = None
    title: str | None = None


class ProfilePhone(ApiModel):
    type: str | None = None
    number: str | None = None


class ProfileContactDetails(ApiModel):
    email: str | None = None
    phones: list[ProfilePhone] = Field(default_factory=list)


class ProfileAddressDetails(ApiModel):
    address_line1: str | None = None
    address_line2: str | None = None
    city: str | None = None
    province: str | None = None
    postal_code: str | None = None
    country: str | None = None


class ProfilePreferences(ApiModel):
    language: str | None = None


class Profile(ApiModel):
    collector_number: str
    status: str  # ACTIVE, INACTIVE, CLOSED
    enrollment_date: date | None = None
    personal_details: ProfilePersonalDetails | None = None
    contact_details: ProfileContactDetails | None = None
    address_details: ProfileAddressDetails | None = None
    preferences: ProfilePreferences | None = None


class Summary(ApiModel):
    collector_number: str
    first_name: str | None = None
    tier: str  # B Blue, G Gold, O Onyx
    cash_balance: int
    dream_balance: int
    status: str
    as_of: datetime


class SearchItem(ApiModel):
    collector_number: str
    first_name: str | None = None
    last_name: str | None = None
    city: str | None = None
    province: str | None = None
    status: str | None = None


class SearchPage(ApiModel):
    items: list[SearchItem] = Field(default_factory=list)
    next_cursor: str | None = None


class Health(ApiModel):
    status: str


class FieldError(ApiModel):
    field: str | None = None
    code: str | None = None
    message: str | None = None


class ApiErrorBody(ApiModel):
    response_code: str | None = None
    message: str | None = None
    correlation_id: str | None = None
    errors: list[FieldError] = Field(default_factory=list)


class OAuthModel(BaseModel):
    """OAuth bodies use snake_case on the wire."""

    model_config = ConfigDict(extra="ignore")


class TokenResponse(OAuthModel):
    access_token: str = Field(repr=False)
    token_type: str
    expires_in: int
    scope: str | None = None
    refresh_token: str | None = Field(default=None, repr=False)
    id_token: str | None = Field(default=None, repr=False)


class OAuthErrorBody(OAuthModel):
    error: str
    error_description: str | None = None

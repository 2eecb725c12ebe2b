"""Typed request and response bodies of the Collector Service and its OAuth endpoints.

Field names are snake_case in Python and camelCase on the wire (the aliases); `resources/openapi.yaml`
holds the same names and a test keeps the two in step. Request models check the documented enums;
response models accept any string so that a new server value never breaks a read.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr
from pydantic.alias_generators import to_camel

Gender = Literal["FEMALE", "MALE", "OTHER", "UNDISCLOSED"]
Title = Literal["MR", "MRS", "MS", "MISS", "DR", "MX"]
Province = Literal["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]
Language = Literal["EN", "FR"]
ConsentType = Literal["EMAIL_MARKETING", "PARTNER_OFFERS", "SMS_MARKETING"]
EnrollmentChannel = Literal["CALL_CENTRE", "IN_STORE", "EVENT", "ONLINE"]


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


class PersonalDetails(ApiModel):
    first_name: str
    last_name: str
    middle_name: str | None = None
    suffix: str | None = None
    date_of_birth: date
    gender: Gender | None = None
    title: Title | None = None


class Phone(ApiModel):
    type: str | None = None  # Home, Mobile or Business; the server trims and ignores case
    number: str | None = None  # 10 digits


class ContactDetails(ApiModel):
    email: str
    phones: list[Phone] = Field(default_factory=list)


class AddressDetails(ApiModel):
    address_line1: str | None = None
    address_line2: str | None = None
    city: str | None = None
    province: Province | None = None
    postal_code: str | None = None
    country: Literal["CA"] | None = None


class Preferences(ApiModel):
    language: Language | None = None


class Consent(ApiModel):
    type: ConsentType
    granted: bool
    wording_version: str | None = None
    language: Language | None = None
    captured_at: datetime | None = None
    channel: str | None = None


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


class ProfileContactDetails(ApiModel):
    email: str | None = None
    phones: list[Phone] = Field(default_factory=list)


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

"""The models are held to openapi.yaml: field names, required fields, enums, lengths, patterns."""

from __future__ import annotations

import typing
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from console.api import models as m
from console.resources import read_text

SPEC = yaml.safe_load(read_text("openapi.yaml"))
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]

# Each model and the schema it speaks; request models must match the schema's required fields exactly,
# response models may require less (they stay lenient) but never more.
REQUESTS = {
    m.PersonalDetails: "PersonalDetails",
    m.Phone: "Phone",
    m.ContactDetails: "ContactDetails",
    m.AddressDetails: "AddressDetails",
    m.Preferences: "Preferences",
    m.Consent: "Consent",
    m.EnrollmentRequest: "EnrollmentRequest",
}
RESPONSES = {
    m.EnrollmentResult: "EnrollmentResult",
    m.Profile: "Profile",
    m.ProfilePersonalDetails: "PersonalDetails",
    m.ProfileContactDetails: "ContactDetails",
    m.ProfilePhone: "Phone",
    m.ProfileAddressDetails: "AddressDetails",
    m.ProfilePreferences: "Preferences",
    m.Summary: "Summary",
    m.SearchItem: "SearchItem",
    m.SearchPage: "SearchPage",
    m.Health: "Health",
    m.FieldError: "FieldError",
    m.ApiErrorBody: "Error",
    m.TokenResponse: "TokenResponse",
    m.OAuthErrorBody: "OAuthError",
}
# Object schemas the client core does not model: forms and documents of the sign-in flow.
NOT_MODELLED = {
    "LoginForm", "AuthorizationCodeGrant", "RefreshTokenGrant", "ClientCredentialsGrant", "RevokeRequest",
    "OpenIdConfiguration", "JsonWebKey", "JsonWebKeySet", "AccessTokenClaims",
}  # fmt: skip


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def wire_fields(model: type[BaseModel]) -> dict[str, Any]:
    return {field.alias or name: field for name, field in model.model_fields.items()}


@pytest.mark.parametrize(("model", "schema"), [*REQUESTS.items(), *RESPONSES.items()], ids=lambda x: str(x))
def test_field_names_match_the_spec(model: type[BaseModel], schema: str) -> None:
    assert set(wire_fields(model)) == set(SCHEMAS[schema]["properties"])


@pytest.mark.parametrize(("model", "schema"), REQUESTS.items(), ids=lambda x: str(x))
def test_request_models_require_what_the_spec_requires(model: type[BaseModel], schema: str) -> None:
    required = {alias for alias, field in wire_fields(model).items() if field.is_required()}
    assert required == set(SCHEMAS[schema].get("required", []))


@pytest.mark.parametrize(("model", "schema"), RESPONSES.items(), ids=lambda x: str(x))
def test_response_models_never_require_more_than_the_spec(model: type[BaseModel], schema: str) -> None:
    required = {alias for alias, field in wire_fields(model).items() if field.is_required()}
    assert required <= set(SCHEMAS[schema].get("required", []))


def literal_values(annotation: Any) -> set[str] | None:
    for arg in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(arg) is typing.Literal:
            return set(typing.get_args(arg))
    return None


@pytest.mark.parametrize(("model", "schema"), REQUESTS.items(), ids=lambda x: str(x))
def test_request_enums_match_the_spec(model: type[BaseModel], schema: str) -> None:
    for alias, field in wire_fields(model).items():
        values = literal_values(field.annotation)
        enum = resolve(SCHEMAS[schema]["properties"][alias]).get("enum")
        if values is not None:
            assert values == set(enum), alias


def spec_rules(schema: dict[str, Any]) -> m.FieldRules:
    """The rules `m.field_rules` gives, read from the spec (minItems left out: empty lists are never sent)."""
    schema = resolve(schema)
    if schema.get("type") == "array":
        return m.FieldRules(max_length=schema.get("maxItems"))
    return m.FieldRules(
        min_length=schema.get("minLength"),
        max_length=schema.get("maxLength"),
        pattern=schema.get("pattern"),
        choices=tuple(schema.get("enum", ())),
    )


@pytest.mark.parametrize(("model", "schema"), REQUESTS.items(), ids=lambda x: str(x))
def test_request_rules_match_the_spec(model: type[BaseModel], schema: str) -> None:
    for name, field in model.model_fields.items():
        alias = field.alias or name
        rules = m.field_rules(model, name)
        if field.annotation is not None and literal_values(field.annotation) is not None:
            rules = m.FieldRules(choices=tuple(sorted(rules.choices)))
            expected = spec_rules(SCHEMAS[schema]["properties"][alias])
            assert rules.choices == tuple(sorted(expected.choices)), alias
            continue
        assert rules == spec_rules(SCHEMAS[schema]["properties"][alias]), alias


def test_the_rules_check_can_fail() -> None:
    assert m.field_rules(m.PersonalDetails, "first_name") == m.FieldRules(
        min_length=1, max_length=50, pattern=m.NAME_PATTERN
    )
    assert m.field_rules(m.ContactDetails, "phones").max_length == 3
    assert spec_rules({"type": "string", "maxLength": 40}) != m.field_rules(m.AddressDetails, "address_line1")


def test_request_models_refuse_what_breaks_a_rule() -> None:
    with pytest.raises(ValueError, match="first_name"):
        m.PersonalDetails(first_name="R2D2", last_name="Doe", date_of_birth="1990-01-01")
    with pytest.raises(ValueError, match="city"):
        m.AddressDetails(city="x" * 41)
    with pytest.raises(ValueError, match="phones"):
        m.ContactDetails(email="a@example.com", phones=[m.Phone(number="4165550123")] * 4)


def test_every_api_object_schema_has_a_model() -> None:
    objects = {name for name, schema in SCHEMAS.items() if schema.get("type") == "object"}
    assert objects - NOT_MODELLED == set(REQUESTS.values()) | set(RESPONSES.values())


EXAMPLE_MODELS = {
    "Enrollment": m.EnrollmentRequest,
    "Profile": m.Profile,
    "Summary": m.Summary,
    "Search": m.SearchPage,
}


@pytest.mark.parametrize("name", SPEC["components"]["examples"])
def test_the_spec_examples_parse_and_requests_round_trip(name: str) -> None:
    value = SPEC["components"]["examples"][name]["value"]
    model = next(
        (model for prefix, model in EXAMPLE_MODELS.items() if name.startswith(prefix)), m.ApiErrorBody
    )

    parsed = model.model_validate(value)

    if model is m.EnrollmentRequest:
        assert parsed.to_wire() == value
    if model is m.ApiErrorBody:
        assert parsed.response_code and parsed.message and parsed.correlation_id


def test_enrollment_request_round_trips_in_camel_case_without_empty_fields() -> None:
    request = m.EnrollmentRequest(
        personal_details=m.PersonalDetails(
            first_name="Ève-Marie", last_name="O'Neil", date_of_birth="1990-05-17"
        ),
        contact_details=m.ContactDetails(email="eve@example.com"),
        address_details=m.AddressDetails(province="QC", postal_code="H2X 1Y4"),
        enrollment_channel="IN_STORE",
    )
    wire = request.to_wire()

    assert wire == {
        "personalDetails": {"firstName": "Ève-Marie", "lastName": "O'Neil", "dateOfBirth": "1990-05-17"},
        "contactDetails": {"email": "eve@example.com"},
        "addressDetails": {"province": "QC", "postalCode": "H2X 1Y4"},
        "enrollmentChannel": "IN_STORE",
    }
    assert m.EnrollmentRequest.model_validate(wire) == request


def test_request_enums_are_checked_and_responses_are_lenient() -> None:
    with pytest.raises(ValueError, match="province"):
        m.AddressDetails(province="XX")
    profile = m.Profile.model_validate(
        {"collectorNumber": "80000000007", "status": "SUSPENDED", "personalDetails": {"gender": "NEW_VALUE"}}
    )
    assert profile.status == "SUSPENDED" and profile.personal_details.gender == "NEW_VALUE"


def test_token_response_repr_hides_tokens() -> None:
    token = m.TokenResponse(
        access_token="eyJ.secret", refresh_token="v1.r", token_type="Bearer", expires_in=60
    )
    assert "secret" not in repr(token) and "v1.r" not in repr(token)

"""console/resources/openapi.yaml: valid OpenAPI 3.1, every element sourced, every contract row present."""

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate

SPEC_PATH = Path(__file__).resolve().parents[1] / "console" / "resources" / "openapi.yaml"
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
SOURCES = {"documented", "contract"}

# The contract's error table: (HTTP status, responseCode).
ERROR_ROWS = [
    (400, "INVALID_REQUEST"),
    (400, "MISSING_COLLECTOR_NUMBER"),
    (400, "INVALID_COLLECTOR_NUMBER"),
    (401, "UNAUTHORIZED"),
    (403, "INSUFFICIENT_SCOPE"),
    (403, "COLLECTOR_NUMBER_NOT_ALLOWED"),
    (404, "COLLECTOR_NOT_FOUND"),
    (409, "DUPLICATE_COLLECTOR"),
    (409, "IDEMPOTENCY_IN_PROGRESS"),
    (422, "IDEMPOTENCY_KEY_REUSED"),
    (429, "RATE_LIMITED"),
    (500, "INTERNAL_ERROR"),
    (503, "SERVICE_UNAVAILABLE"),
]
# Which collector operations can answer each row.
ROW_OPERATIONS = {
    "INVALID_REQUEST": ["enrollCollector", "searchCollectors"],
    "MISSING_COLLECTOR_NUMBER": ["getProfile", "getSummary"],
    "INVALID_COLLECTOR_NUMBER": ["getProfile", "getSummary"],
    "UNAUTHORIZED": ["enrollCollector", "getProfile", "getSummary", "searchCollectors"],
    "INSUFFICIENT_SCOPE": ["enrollCollector", "getProfile", "getSummary", "searchCollectors"],
    "COLLECTOR_NUMBER_NOT_ALLOWED": ["getProfile", "getSummary"],
    "COLLECTOR_NOT_FOUND": ["getProfile", "getSummary"],
    "DUPLICATE_COLLECTOR": ["enrollCollector", "enrollCollectorNoSlash"],
    "IDEMPOTENCY_IN_PROGRESS": ["enrollCollector", "enrollCollectorNoSlash"],
    "IDEMPOTENCY_KEY_REUSED": ["enrollCollector", "enrollCollectorNoSlash"],
    "RATE_LIMITED": ["enrollCollector", "getProfile", "getSummary", "searchCollectors"],
    "INTERNAL_ERROR": ["enrollCollector", "getProfile", "getSummary", "searchCollectors"],
    "SERVICE_UNAVAILABLE": ["enrollCollector", "getProfile", "getSummary", "searchCollectors", "health"],
}
ENDPOINTS = {
    ("get", "/authorize"),
    ("post", "/authorize/login"),
    ("post", "/oauth/token"),
    ("post", "/oauth/revoke"),
    ("get", "/.well-known/openid-configuration"),
    ("get", "/.well-known/jwks.json"),
    ("post", "/collectors/"),
    ("post", "/collectors"),
    ("get", "/collectors/profile"),
    ("get", "/collectors/summary"),
    ("get", "/collectors/search"),
    ("get", "/collectors/health"),
}
SCOPES = {
    "enrollCollector": "collector:enrollment:write",
    "enrollCollectorNoSlash": "collector:enrollment:write",
    "getProfile": "collector:profile:read",
    "getSummary": "collector:summary:read",
    "searchCollectors": "collector:search:read",
}
JSON_UTF8 = "application/json;charset=UTF-8"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local `$ref` chain."""
    while "$ref" in node and len(node) == 1:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method in HTTP_METHODS:
                yield path, method, op


def operation(spec: dict[str, Any], operation_id: str) -> dict[str, Any]:
    return next(op for _, _, op in operations(spec) if op["operationId"] == operation_id)


def sourced_elements(spec: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every element that must say where it comes from (plain `$ref`s are sourced at their target)."""
    yield "info", spec["info"]
    for i, server in enumerate(spec["servers"]):
        yield f"servers[{i}]", server
    for path, method, op in operations(spec):
        where = f"{method.upper()} {path}"
        yield where, op
        for server in spec["paths"][path].get("servers", []):
            yield f"{where} server {server['url']}", server
        for param in op.get("parameters", []):
            yield f"{where} parameter {param.get('name', param.get('$ref'))}", param
        if "requestBody" in op:
            yield from media_elements(f"{where} requestBody", op["requestBody"])
        for status, response in op["responses"].items():
            yield from media_elements(f"{where} {status}", response)
    components = spec["components"]
    for kind in ("securitySchemes", "parameters", "headers", "examples"):
        for name, element in components[kind].items():
            yield f"components.{kind}.{name}", element
    for kind in ("requestBodies", "responses"):
        for name, element in components[kind].items():
            yield from media_elements(f"components.{kind}.{name}", element)
    for name, schema in components["schemas"].items():
        yield f"components.schemas.{name}", schema
        for prop, prop_schema in schema.get("properties", {}).items():
            yield f"components.schemas.{name}.{prop}", prop_schema


def media_elements(where: str, element: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    yield where, element
    for header, value in element.get("headers", {}).items():
        yield f"{where} header {header}", value
    for media_type, media in element.get("content", {}).items():
        yield f"{where} {media_type}", media
        for name, example in media.get("examples", {}).items():
            yield f"{where} {media_type} example {name}", example


def test_spec_is_valid_openapi_31(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_every_element_has_x_source(spec: dict[str, Any]) -> None:
    elements = list(sourced_elements(spec))
    missing = [
        where
        for where, element in elements
        if not (set(element) == {"$ref"} or element.get("x-source") in SOURCES)
    ]
    assert len(elements) > 300
    assert missing == []


def test_every_endpoint_is_documented(spec: dict[str, Any]) -> None:
    documented = {(method, path) for path, method, _ in operations(spec)}
    assert documented == ENDPOINTS
    assert not any(path.startswith("/_sandbox") for path in spec["paths"])


@pytest.mark.parametrize(("status", "code"), ERROR_ROWS)
def test_every_error_row_is_documented_where_it_can_happen(
    spec: dict[str, Any], status: int, code: str
) -> None:
    for operation_id in ROW_OPERATIONS[code]:
        response = resolve(spec, operation(spec, operation_id)["responses"][str(status)])
        media = response["content"][JSON_UTF8]
        examples = [resolve(spec, example) for example in media["examples"].values()]
        assert any(
            example["value"]["responseCode"] == code and example["x-status"] == status for example in examples
        ), (operation_id, status, code)
        assert resolve(spec, media["schema"]) is spec["components"]["schemas"]["Error"]
    assert code in spec["components"]["schemas"]["ResponseCode"]["enum"]


@pytest.mark.parametrize(
    ("response", "header"),
    [
        ("Unauthorized", "WWW-Authenticate"),
        ("Forbidden", "WWW-Authenticate"),
        ("CollectorForbidden", "WWW-Authenticate"),
        ("RateLimited", "Retry-After"),
        ("ServiceUnavailable", "Retry-After"),
        ("Enrolled", "Idempotent-Replayed"),
    ],
)
def test_error_headers_are_documented(spec: dict[str, Any], response: str, header: str) -> None:
    assert header in spec["components"]["responses"][response]["headers"]


def test_every_collector_response_is_json_utf8_with_correlation_id(spec: dict[str, Any]) -> None:
    for path, method, op in operations(spec):
        if not path.startswith("/collectors"):
            continue
        for status, ref in op["responses"].items():
            response = resolve(spec, ref)
            assert list(response["content"]) == [JSON_UTF8], (method, path, status)
            assert "X-Correlation-Id" in response["headers"], (method, path, status)


def test_request_headers_are_documented(spec: dict[str, Any]) -> None:
    names = {param["name"] for param in spec["components"]["parameters"].values()}
    assert names == {
        "Collector-Number",
        "Idempotency-Key",
        "X-Correlation-Id",
        "Accept-Language",
        "x-origin-client",
    }
    assert spec["components"]["parameters"]["IdempotencyKey"]["schema"]["maxLength"] == 255


@pytest.mark.parametrize(("operation_id", "scope"), SCOPES.items())
def test_each_endpoint_requires_its_scope(spec: dict[str, Any], operation_id: str, scope: str) -> None:
    op = operation(spec, operation_id)
    assert {"oauth2": [scope]} in op["security"]
    flows = spec["components"]["securitySchemes"]["oauth2"]["flows"]
    assert scope in flows["authorizationCode"]["scopes"]
    assert scope in flows["clientCredentials"]["scopes"]


def test_health_needs_no_auth(spec: dict[str, Any]) -> None:
    assert operation(spec, "health")["security"] == []


def test_token_endpoint_has_its_three_grants(spec: dict[str, Any]) -> None:
    mapping = spec["components"]["schemas"]["TokenRequest"]["discriminator"]["mapping"]
    assert set(mapping) == {"authorization_code", "refresh_token", "client_credentials"}


def schema_validator(spec: dict[str, Any], name: str) -> OAS31Validator:
    return OAS31Validator({"$ref": f"#/components/schemas/{name}", "components": spec["components"]})


@pytest.mark.parametrize(
    ("example", "schema"),
    [
        ("EnrollmentSample", "EnrollmentRequest"),
        ("EnrollmentPartial", "EnrollmentRequest"),
        ("ProfileJane", "Profile"),
        ("SummaryJane", "Summary"),
        ("SearchPageDoe", "SearchPage"),
        ("InvalidRequest", "Error"),
        ("InvalidRequestFr", "Error"),
        ("ServiceUnavailable", "Error"),
    ],
)
def test_examples_match_their_schemas(spec: dict[str, Any], example: str, schema: str) -> None:
    schema_validator(spec, schema).validate(spec["components"]["examples"][example]["value"])


def test_sample_enrollment_fills_every_field_of_the_contract_table(spec: dict[str, Any]) -> None:
    sample = spec["components"]["examples"]["EnrollmentSample"]["value"]
    schemas = spec["components"]["schemas"]
    assert set(sample) == set(schemas["EnrollmentRequest"]["properties"])
    for section, schema in [
        ("personalDetails", "PersonalDetails"),
        ("contactDetails", "ContactDetails"),
        ("addressDetails", "AddressDetails"),
        ("preferences", "Preferences"),
    ]:
        assert set(sample[section]) == set(schemas[schema]["properties"]), section
    assert set(sample["consents"][0]) == set(schemas["Consent"]["properties"])


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"contactDetails": {}},
        {"contactDetails": {"email": "a@example.com", "phones": [{"type": "Home", "number": "1165550123"}]}},
        {"contactDetails": {"email": "a@b.ca"}, "personalDetails": {"firstName": "A", "lastName": "B"}},
        {"contactDetails": {"email": "a@example.com"}, "addressDetails": {"province": "XX"}},
        {"contactDetails": {"email": "a@example.com"}, "addressDetails": {"postalCode": "D1A 1A1"}},
        {"contactDetails": {"email": "a@example.com"}, "enrollmentChannel": "FAX"},
    ],
)
def test_schema_rejects_what_the_contract_rejects(spec: dict[str, Any], body: dict[str, Any]) -> None:
    assert not schema_validator(spec, "EnrollmentRequest").is_valid(body)


def test_enrollment_request_tolerates_unknown_fields(spec: dict[str, Any]) -> None:
    body = {"contactDetails": {"email": "a@example.com", "fax": "x"}, "loyaltyCard": "1"}
    assert schema_validator(spec, "EnrollmentRequest").is_valid(body)


@pytest.mark.parametrize("section", ["personalDetails", "contactDetails", "addressDetails", "preferences"])
def test_profile_responses_are_closed(spec: dict[str, Any], section: str) -> None:
    profile = copy.deepcopy(spec["components"]["examples"]["ProfileJane"]["value"])
    validator = schema_validator(spec, "Profile")
    assert validator.is_valid(profile)
    profile[section]["unexpected"] = "x"
    assert not validator.is_valid(profile)

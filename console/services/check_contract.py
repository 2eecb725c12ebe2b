"""Holding one HTTP answer to the contract (`console/resources/openapi.yaml`): status, headers, body.

The schemas are checked with `jsonschema` (Draft 2020-12, as OpenAPI 3.1 uses) over the spec itself, so
`$ref`s resolve as the spec wrote them. A mismatch is a `Drift` naming the operation and the JSON path,
e.g. `GET /collectors/summary 200: $.cashBalance: expected integer, got string`. Drift texts never
quote the value that was sent (it may be personal data), only what the contract expected.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from console.resources import read_text

SPEC_URI = "urn:collector-console:openapi"
OPERATIONS = {
    "enroll": "enrollCollector",
    "profile": "getProfile",
    "summary": "getSummary",
    "search": "searchCollectors",
    "health": "health",
    "jwks": "jwks",
    "token": "token",
}
"""Environment path key -> the spec's operationId."""


@dataclass(frozen=True)
class Drift:
    """One way an answer differs from the contract."""

    operation: str
    """`GET /collectors/summary`: the method and the path as sent (or `access token`)."""
    status: int | None
    path: str
    """Where in the answer: `$.cashBalance`, `$.errors[0].field`, `header Retry-After`, `status`."""
    problem: str

    def __str__(self) -> str:
        status = f" {self.status}" if self.status is not None else ""
        return f"{self.operation}{status}: {self.path}: {self.problem}"


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _pointer(parts: list[str]) -> str:
    return "/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def _json_path(base: str, parts: Any) -> str:
    path = base
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _problems(error: ValidationError) -> list[tuple[str, str]]:
    """(JSON path, problem) for one schema error, in words that never repeat the instance's value."""
    path = _json_path("$", error.absolute_path)
    kind, expected, instance = error.validator, error.validator_value, error.instance
    if kind == "type":
        wanted = " or ".join(expected) if isinstance(expected, list) else expected
        return [(path, f"expected {wanted}, got {_json_type(instance)}")]
    if kind == "required":
        missing = [name for name in expected if isinstance(instance, dict) and name not in instance]
        return [(_json_path(path, [name]), "required, missing") for name in missing]
    if kind in ("additionalProperties", "unevaluatedProperties"):
        known = set(error.schema.get("properties", {})) if isinstance(error.schema, dict) else set()
        extra = [name for name in instance if name not in known] if isinstance(instance, dict) else []
        return [(_json_path(path, [name]), "not in the contract") for name in extra] or [(path, kind)]
    if kind in ("enum", "const"):
        allowed = expected if isinstance(expected, list) else [expected]
        return [(path, "not one of " + ", ".join(map(str, allowed)))]
    if kind == "pattern":
        return [(path, f"does not match {expected}")]
    if kind == "format":
        return [(path, f"not a valid {expected}")]
    if kind in ("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum"):
        return [(path, f"{kind} {expected}")]
    if kind in ("oneOf", "anyOf"):
        return [(path, "matches none of the contract's shapes")]
    return [(path, kind)]


class Contract:
    """The spec, loaded once, and the validators of its response schemas."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        resource = Resource.from_contents(spec, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
        self._operations: dict[str, tuple[str, str]] = {}
        for path, item in spec.get("paths", {}).items():
            for method, operation in item.items():
                if isinstance(operation, dict) and "operationId" in operation:
                    self._operations[operation["operationId"]] = (path, method)
        self._validators: dict[str, Draft202012Validator] = {}

    @classmethod
    def load(cls) -> Contract:
        return cls(yaml.safe_load(read_text("openapi.yaml")))

    def schema_validator(self, pointer: str) -> Draft202012Validator:
        """A validator for the schema at `pointer` in the spec (`/components/schemas/Summary`)."""
        if pointer not in self._validators:
            self._validators[pointer] = Draft202012Validator(
                {"$ref": f"{SPEC_URI}#{pointer}"},
                registry=self._registry,
                format_checker=Draft202012Validator.FORMAT_CHECKER,
            )
        return self._validators[pointer]

    def schema_drifts(self, pointer: str, instance: Any, *, operation: str, status: int | None,
                      base: str = "$") -> list[Drift]:
        """Every place `instance` breaks the schema at `pointer`, in document order."""
        errors = sorted(self.schema_validator(pointer).iter_errors(instance),
                        key=lambda error: [str(part) for part in error.absolute_path])
        drifts: list[Drift] = []
        for error in errors:
            for path, problem in _problems(error):
                drift = Drift(operation, status, base + path[1:], problem)
                if drift not in drifts:
                    drifts.append(drift)
        return drifts

    def _resolve(self, node: dict[str, Any], pointer: str) -> tuple[dict[str, Any], str]:
        """Follow an OpenAPI `$ref` (a response or header object) to its target and its pointer."""
        while "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"only local references are supported: {ref}")
            pointer = ref[1:]
            node = self.spec
            for part in ref[2:].split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
        return node, pointer

    def response_drifts(self, operation_id: str, operation: str, status: int,
                        headers: dict[str, str], content_type: str, body: bytes) -> list[Drift]:
        """How one answer of `operation_id` differs from the contract (empty when it conforms).

        `headers` has lower-case names; `operation` is the `METHOD /path` shown in each drift.
        """
        path, method = self._operations[operation_id]
        responses_pointer = _pointer(["paths", path, method, "responses"])
        responses = self.spec["paths"][path][method]["responses"]
        key = str(status) if str(status) in responses else ("default" if "default" in responses else None)
        if key is None:
            allowed = ", ".join(sorted(k for k in responses if k != "default"))
            return [Drift(operation, status, "status", f"not in the contract (expected one of {allowed})")]
        response, pointer = self._resolve(responses[key], f"{responses_pointer}/{key}")
        drifts = self._header_drifts(response, pointer, operation, status, headers)
        content = response.get("content") or {}
        if not content:
            return drifts
        media = content_type.split(";")[0].strip().lower()
        matches = [name for name in content if name.split(";")[0].strip().lower() == media]
        if not matches:
            wanted = ", ".join(content)
            problem = f"content type {media or 'none'}, expected {wanted}"
            return [*drifts, Drift(operation, status, "body", problem)]
        schema_pointer = f"{pointer}/content/{_pointer([matches[0]])[1:]}/schema"
        if "json" not in media:
            return drifts
        try:
            instance = json.loads(body)
        except ValueError:
            return [*drifts, Drift(operation, status, "body", "not JSON")]
        return drifts + self.schema_drifts(schema_pointer, instance, operation=operation, status=status)

    def _header_drifts(self, response: dict[str, Any], pointer: str, operation: str, status: int,
                       headers: dict[str, str]) -> list[Drift]:
        drifts = []
        for name, declared in (response.get("headers") or {}).items():
            header, header_pointer = self._resolve(declared, f"{pointer}/headers/{_pointer([name])[1:]}")
            value = headers.get(name.lower())
            if value is None:
                if header.get("required"):
                    drifts.append(Drift(operation, status, f"header {name}", "required, missing"))
                continue
            if "schema" in header:
                drifts += self.schema_drifts(f"{header_pointer}/schema", value, operation=operation,
                                             status=status, base=f"header {name}")
        return drifts


@cache
def contract() -> Contract:
    """The project's contract, read once."""
    return Contract.load()

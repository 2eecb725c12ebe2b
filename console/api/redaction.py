"""One redaction, from the contract, for every view of an exchange (inspector, cURL, exports) and the logs.

`console/resources/openapi.yaml` marks each personal field `x-personal: true` and each OAuth secret
`x-secret: true`; nothing here names a field. A body is redacted by walking it beside its schema
(operation, direction, status), a query string beside the operation's parameters, headers beside its
header parameters (plus the HTTP credential headers). Anything the contract does not describe is
treated as personal (fail closed).

Two modes: `Mode.MASK` puts a fixed marker in place of a value (for display); `Mode.PLACEHOLDER` puts a
valid value of the right shape (enum, const, format, pattern, length), so a body stays valid and a cURL
command stays runnable. No partial hints: a collector number keeps only what the contract leaves public
(`x-personal-visible-prefix` / `-suffix`: the leading 8 and the last 3 digits).

This module lives in `console.api` because the exchange log cuts secrets from token exchanges with it
when it captures them, and the API layer may not import the services.
"""

from __future__ import annotations

import enum
import importlib
import json
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any, Literal
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import yaml

from console.resources import read_text

MASK = "•••"
"""What a personal or secret value becomes on screen."""
PLACEHOLDER_TEXT = "REDACTED"
PLACEHOLDER_FORMATS = {
    "date": "2000-01-01",
    "date-time": "2000-01-01T00:00:00Z",
    "email": "redacted@example.com",
    "uri": "https://example.invalid/",
}
CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
"""HTTP's own credential headers (RFC 9110, RFC 6265); the contract's security schemes use Authorization."""
# The stdlib's own regex parser (no stubs), to find the smallest string a pattern accepts.
sre_parse: Any = importlib.import_module("re._parser")
CONTRACT_FILE = "openapi.yaml"
"""The contract, among the bundled resources."""

Direction = Literal["request", "response"]
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


class Mode(enum.Enum):
    MASK = "mask"
    """A fixed marker (`MASK`), for display."""
    PLACEHOLDER = "placeholder"
    """A valid value of the field's shape, for a runnable cURL command or an export."""


class Redactor:
    """Redaction computed from the contract's marks. Build one with `redactor()`."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self._spec = spec
        self._operations: dict[str, tuple[str, str, Mapping[str, Any]]] = {}
        for path, item in spec.get("paths", {}).items():
            for method in _METHODS:
                if method in item:
                    self._operations[item[method]["operationId"]] = (method.upper(), path, item[method])
        self._text_rules = self._make_text_rules()

    # Operations ----------------------------------------------------------------------------------------
    def operation_for(self, method: str, url_or_path: str) -> str | None:
        """The operationId whose path ends the URL's path (the longest such); None if unknown."""
        path = urlsplit(url_or_path).path or "/"
        best: tuple[int, str] | None = None
        for operation_id, (op_method, op_path, _op) in self._operations.items():
            longer = best is None or len(op_path) > best[0]
            if op_method == method.upper() and path.endswith(op_path) and longer:
                best = (len(op_path), operation_id)
        return best[1] if best else None

    def _operation(self, operation_id: str | None) -> Mapping[str, Any] | None:
        found = self._operations.get(operation_id or "")
        return found[2] if found else None

    def _content_schema(self, container: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
        content = self._resolve(container).get("content") if container else None
        if not content:
            return None
        media = next(iter(content.values()))
        return media.get("schema")

    def body_schema(self, operation_id: str | None, direction: Direction,
                    status: int | None = None) -> Mapping[str, Any] | None:
        """The schema of a request body, or of the response body for `status`; None when undescribed."""
        operation = self._operation(operation_id)
        if operation is None:
            return None
        if direction == "request":
            return self._content_schema(operation.get("requestBody"))
        responses = operation.get("responses", {})
        return self._content_schema(responses.get(str(status)) or responses.get("default"))

    def _parameters(self, operation_id: str | None, where: str) -> dict[str, Mapping[str, Any]]:
        """The operation's parameters `in` query or header, by lower-case name, resolved."""
        operation = self._operation(operation_id)
        found = {}
        for parameter in (operation or {}).get("parameters", ()):
            resolved = self._resolve(parameter)
            if resolved.get("in") == where:
                found[resolved["name"].lower()] = resolved
        return found

    def _response_headers(self, operation_id: str | None, status: int | None) -> dict[str, Mapping[str, Any]]:
        operation = self._operation(operation_id)
        if operation is None or status is None:
            return {}
        response = self._resolve(operation.get("responses", {}).get(str(status)) or {})
        return {name.lower(): self._resolve(header) for name, header in response.get("headers", {}).items()}

    # Schemas -------------------------------------------------------------------------------------------
    def _resolve(self, node: Mapping[str, Any] | None) -> Mapping[str, Any]:
        """`node` with its `$ref` chain merged in (the referring node's own keys win); {} for None."""
        if not node:
            return {}
        if "$ref" not in node:
            return node
        target: Any = self._spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return {**self._resolve(target), **{k: v for k, v in node.items() if k != "$ref"}}

    def _properties(self, node: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
        properties = dict(node.get("properties", {}))
        for key in ("allOf", "oneOf", "anyOf"):
            for branch in node.get(key, ()):
                for name, sub in self._properties(self._resolve(branch)).items():
                    properties.setdefault(name, sub)
        return properties

    def _parameter_node(self, parameter: Mapping[str, Any]) -> Mapping[str, Any]:
        """A parameter's schema with the parameter's own marks on top."""
        marks = {k: v for k, v in parameter.items() if k.startswith("x-personal") or k == "x-secret"}
        return {**self._resolve(parameter.get("schema")), **marks}

    # Values ----------------------------------------------------------------------------------------------
    def value(self, node: Mapping[str, Any] | None, value: Any, mode: Mode = Mode.MASK,
              reveal: bool = False) -> Any:
        """`value` redacted beside its schema `node` (None: undescribed, so hidden)."""
        if node is None:
            return self._walk_unknown(value, mode)
        node = self._resolve(node)
        if node.get("x-secret"):
            return self._secret(node, value, mode)
        if node.get("x-personal") and not reveal:
            return self._personal(node, value, mode)
        if isinstance(value, dict):
            properties = self._properties(node)
            return {key: self.value(properties.get(key), item, mode, reveal) for key, item in value.items()}
        if isinstance(value, list):
            items = node.get("items")
            return [self.value(items if items is not None else {}, item, mode, reveal) for item in value]
        return value

    def _walk_unknown(self, value: Any, mode: Mode) -> Any:
        if isinstance(value, dict):
            return {key: self._walk_unknown(item, mode) for key, item in value.items()}
        if isinstance(value, list):
            return [self._walk_unknown(item, mode) for item in value]
        if value is None:
            return None
        if mode is Mode.MASK:
            return MASK
        return _placeholder_like(value)

    def _secret(self, node: Mapping[str, Any], value: Any, mode: Mode) -> Any:
        if value is None:
            return None
        return MASK if mode is Mode.MASK else self.placeholder(node)

    def _personal(self, node: Mapping[str, Any], value: Any, mode: Mode) -> Any:
        if value is None:
            return None
        prefix = int(node.get("x-personal-visible-prefix", 0))
        suffix = int(node.get("x-personal-visible-suffix", 0))
        text = value if isinstance(value, str) else None
        if mode is Mode.MASK:
            if text is not None and (prefix or suffix) and len(text) > prefix + suffix:
                return text[:prefix] + "•" * (len(text) - prefix - suffix) + text[len(text) - suffix:]
            return MASK
        placeholder = self.placeholder(node)
        if text is not None and suffix and isinstance(placeholder, str) and len(placeholder) > suffix:
            kept = placeholder[:-suffix] + text[-suffix:]
            if kept != text and _fits(node, kept):
                return kept
        return placeholder

    def placeholder(self, node: Mapping[str, Any] | None) -> Any:
        """A valid value for schema `node`: enum, const, format, pattern and lengths respected."""
        node = self._resolve(node)
        if "const" in node:
            return node["const"]
        if node.get("enum"):
            return node["enum"][0]
        for key in ("oneOf", "anyOf", "allOf"):
            if node.get(key) and "type" not in node and "properties" not in node:
                return self.placeholder(node[key][0])
        kind = node.get("type", "string")
        if kind == "integer":
            return int(node.get("minimum", 0))
        if kind == "number":
            return float(node.get("minimum", 0))
        if kind == "boolean":
            return False
        if kind == "array":
            return [self.placeholder(node.get("items"))] * int(node.get("minItems", 0))
        if kind == "object" or "properties" in node:
            properties = self._properties(node)
            return {name: self.placeholder(properties.get(name)) for name in node.get("required", ())}
        return _string_placeholder(node)

    # Bodies, queries, headers ------------------------------------------------------------------------------
    def body(self, operation_id: str | None, direction: Direction, value: Any, mode: Mode = Mode.MASK,
             status: int | None = None, reveal: bool = False) -> Any:
        """A parsed body (JSON value, or a form as a dict) redacted beside its schema."""
        return self.value(self.body_schema(operation_id, direction, status), value, mode, reveal)

    def query(self, operation_id: str | None, query: str, mode: Mode = Mode.MASK,
              reveal: bool = False) -> str:
        """A query string with personal values replaced; parameter names stay."""
        parameters = self._parameters(operation_id, "query")
        pairs = [
            (name, self._scalar(parameters.get(name.lower()), value, mode, reveal))
            for name, value in parse_qsl(query, keep_blank_values=True)
        ]
        return _encode(pairs, mode)

    def form(self, operation_id: str | None, direction: Direction, text: str, mode: Mode = Mode.MASK,
             reveal: bool = False) -> str:
        """A form-encoded body redacted beside its schema."""
        properties = self._properties(self._resolve(self.body_schema(operation_id, direction)))
        pairs = [(name, self._scalar(properties.get(name), value, mode, reveal))
                 for name, value in parse_qsl(text, keep_blank_values=True)]
        return _encode(pairs, mode)

    def url(self, operation_id: str | None, url: str, mode: Mode = Mode.MASK, reveal: bool = False) -> str:
        parts = urlsplit(url)
        if not parts.query:
            return url
        return urlunsplit(parts._replace(query=self.query(operation_id, parts.query, mode, reveal)))

    def headers(self, operation_id: str | None, direction: Direction,
                headers: Mapping[str, str] | Iterable[tuple[str, str]], mode: Mode = Mode.MASK,
                status: int | None = None, reveal: bool = False) -> dict[str, str]:
        """Headers with credentials and personal header parameters replaced (names kept as given)."""
        described = (self._parameters(operation_id, "header") if direction == "request"
                     else self._response_headers(operation_id, status))
        items = headers.items() if isinstance(headers, Mapping) else headers
        redacted = {}
        for name, value in items:
            key = name.lower()
            if key in CREDENTIAL_HEADERS:
                redacted[name] = credential(value, mode)
            elif key in described:
                node = described[key]
                node = self._parameter_node(node) if "in" in node else self._resolve(node.get("schema"))
                redacted[name] = str(self._scalar(node, value, mode, reveal))
            else:
                redacted[name] = value
        return redacted

    def _scalar(self, node: Mapping[str, Any] | None, value: str, mode: Mode, reveal: bool) -> str:
        if node is not None and "in" in node:
            node = self._parameter_node(node)
        result = self.value(node, value, mode, reveal)
        return result if isinstance(result, str) else json.dumps(result)

    # Marks -----------------------------------------------------------------------------------------------
    def marks(self, mark: str = "x-personal") -> set[str]:
        """JSON pointers (without '#') of every node carrying `mark`, for tests and docs."""
        found: set[str] = set()

        def visit(node: Any, pointer: str) -> None:
            if isinstance(node, dict):
                if node.get(mark):
                    found.add(pointer)
                for key, item in node.items():
                    visit(item, f"{pointer}/{key}")
            elif isinstance(node, list):
                for index, item in enumerate(node):
                    visit(item, f"{pointer}/{index}")

        visit(self._spec, "")
        return found

    def _marked_names(self) -> tuple[set[str], set[str]]:
        """(names marked personal or secret somewhere, names that are also unmarked somewhere else)."""
        marked: set[str] = set()
        plain: set[str] = set()

        def visit(node: Any) -> None:
            if isinstance(node, dict):
                named = [(name, sub) for name, sub in node.get("properties", {}).items()]
                if isinstance(node.get("name"), str) and node.get("in") in ("query", "header"):
                    named.append((node["name"], self._parameter_node(node)))
                for name, sub in named:
                    resolved = self._resolve(sub) if isinstance(sub, dict) else {}
                    if resolved.get("x-personal") or resolved.get("x-secret"):
                        marked.add(name)
                    elif resolved.get("type") != "object" and "properties" not in resolved:
                        plain.add(name)
                for item in node.values():
                    visit(item)
            elif isinstance(node, list):
                for item in node:
                    visit(item)

        visit(self._spec)
        return marked, plain

    # Free text -------------------------------------------------------------------------------------------
    def _make_text_rules(self) -> list[tuple[re.Pattern[str], Callable[[re.Match[str]], str] | str]]:
        marked, plain = self._marked_names()
        names = marked | {_snake(name) for name in marked}
        unambiguous = {name for name in names if name not in plain and _snake(name) not in plain}
        value = r"""("[^"]*"|'[^']*'|[\w.]+\([^)]*\)|[^"'&\s,;})\]]+)"""

        def alternatives(chosen: Iterable[str]) -> str:
            return "|".join(sorted((re.escape(n) for n in chosen), key=len, reverse=True))

        def masked_value(match: re.Match[str]) -> str:
            quote_char = match.group(3)[:1] if match.group(3)[:1] in "\"'" else ""
            return f"{match.group(1)}{match.group(2)}{quote_char}{MASK}{quote_char}"

        address = self._spec["components"]["schemas"]["AddressDetails"]
        postal = self._resolve(address["properties"]["postalCode"])
        postal_pattern = postal["pattern"].strip("^$")
        return [
            # JWTs (three base64url parts, the first starting like a JSON header).
            (re.compile(r"eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*"), MASK),
            (re.compile(r"(?i)\b(bearer|basic)\s+[\w.~+/=-]+"), lambda m: f"{m.group(1)} {MASK}"),
            # name=value (queries, forms, reprs) for every marked name.
            (re.compile(rf"""(?i)\b({alternatives(names)})(\s*=\s*){value}"""), masked_value),
            # "name": "value" / 'name': 'value' for names that are marked wherever they appear.
            (re.compile(rf"""(?i)(["']?\b(?:{alternatives(unambiguous)})\b["']?)(\s*:\s*){value}"""),
             masked_value),
            # Values that look personal wherever they sit.
            (re.compile(r"[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+"), MASK),
            (re.compile(r"(?<!\d)8\d{7}(\d{3})(?!\d)"), lambda m: f"8{'•' * 7}{m.group(1)}"),
            (re.compile(r"(?<![\d-])(?:\+?1[\s.-]?)?\(?[2-9]\d{2}\)?[\s.-]?[2-9]\d{2}[\s.-]?\d{4}(?![\d-])"),
             MASK),
            (re.compile(rf"(?<![\w]){postal_pattern}(?![\w])"), MASK),
        ]

    def text(self, text: str) -> str:
        """Free text (log lines, tracebacks, other bodies) with secrets and personal-looking values masked."""
        for pattern, replacement in self._text_rules:
            text = pattern.sub(replacement, text)
        return text


def credential(value: str, mode: Mode = Mode.MASK) -> str:
    """A credential header's value: its scheme kept (Bearer, Basic), the rest replaced."""
    scheme, _, rest = value.partition(" ")
    filler = MASK if mode is Mode.MASK else PLACEHOLDER_TEXT
    return f"{scheme} {filler}" if rest and scheme.lower() in ("bearer", "basic") else filler


@cache
def redactor() -> Redactor:
    """The console's one redactor, from the bundled `openapi.yaml` (read once, on first use)."""
    text = read_text(CONTRACT_FILE)
    return Redactor(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))  # noqa: S506 - safe


def mask_collector_number(number: str) -> str:
    """A collector number as the contract lets it show: the leading 8 and the last 3 digits."""
    schema = redactor()._spec["components"]["schemas"]["CollectorNumber"]
    return str(redactor().value(schema, number))


def redact_text(text: str) -> str:
    return redactor().text(text)


def _encode(pairs: list[tuple[str, str]], mode: Mode) -> str:
    encoded = urlencode(pairs, quote_via=quote, safe="")
    return encoded.replace(quote(MASK), MASK).replace(quote("•"), "•") if mode is Mode.MASK else encoded


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _placeholder_like(value: Any) -> Any:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return type(value)(0)
    return PLACEHOLDER_TEXT


def _fits(node: Mapping[str, Any], text: str) -> bool:
    if len(text) < int(node.get("minLength", 0)) or len(text) > int(node.get("maxLength", len(text))):
        return False
    pattern = node.get("pattern")
    return pattern is None or re.search(pattern, text) is not None


def _string_placeholder(node: Mapping[str, Any]) -> str:
    if node.get("format") in PLACEHOLDER_FORMATS:
        return PLACEHOLDER_FORMATS[node["format"]]
    minimum = int(node.get("minLength", 0))
    maximum = int(node.get("maxLength", max(minimum, len(PLACEHOLDER_TEXT))))
    text = (PLACEHOLDER_TEXT + "X" * max(0, minimum - len(PLACEHOLDER_TEXT)))[:maximum]
    if _fits(node, text):
        return text
    return _smallest_match(node["pattern"]) if node.get("pattern") else text


def _smallest_match(pattern: str) -> str:
    """The shortest string `pattern` accepts, taking the first choice at each step."""

    def build(parsed: Any) -> str:
        out = []
        for op, arg in parsed:
            name = str(op)
            if name == "LITERAL":
                out.append(chr(arg))
            elif name == "IN":
                out.append(first_in(arg))
            elif name == "ANY":
                out.append("x")
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                low, _high, sub = arg
                out.append(build(sub) * low)
            elif name == "SUBPATTERN":
                out.append(build(arg[-1]))
            elif name == "BRANCH":
                out.append(build(arg[1][0]))
        return "".join(out)

    def first_in(items: Any) -> str:
        for op, arg in items:
            name = str(op)
            if name == "LITERAL":
                return chr(arg)
            if name == "RANGE":
                return chr(arg[0])
            if name == "CATEGORY":
                return {"CATEGORY_DIGIT": "0", "CATEGORY_SPACE": " "}.get(str(arg), "a")
        return "x"

    return build(sre_parse.parse(pattern))


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (and traceback text) with the redactor; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_redacted", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep the raw parts, redacted
            message = f"{record.msg} {record.args}"
        record.msg = redact_text(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_text(record.stack_info)
        record._redacted = True
        return True


def install_redaction(logger: logging.Logger | None = None) -> RedactingFilter:
    """Redact every record `logger` (default: root) and its current handlers pass on.

    Handlers also get the filter because a logger's own filters do not see records that propagate
    up from child loggers. Call again after adding handlers.
    """
    logger = logger or logging.getLogger()
    existing = [f for f in logger.filters if isinstance(f, RedactingFilter)]
    redacting = existing[0] if existing else RedactingFilter()
    for target in (logger, *logger.handlers):
        if redacting not in target.filters:
            target.addFilter(redacting)
    return redacting

"""What the sandbox accepts: body size, JSON depth and numbers, text that is valid Unicode.

Anything beyond these is bad input, answered with a 4xx naming the field, never a 500.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote_to_bytes

MAX_BODY = 64 * 1024
"""Bytes in a request body; more is `413 PAYLOAD_TOO_LARGE`."""
MAX_DEPTH = 32
"""Nesting of JSON objects and arrays."""
MAX_INT_DIGITS = 18
MAX_HEADER_BYTES = 16 * 1024
"""Request line and headers together (h11 refuses more)."""
HEAD_TIMEOUT = 5.0
"""Seconds a client has to send its request line and headers."""
BODY_TIMEOUT = 5.0
"""Seconds a client has to send a request body."""
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_HEADER_OR_PARAMETER = re.compile(r"[A-Za-z][A-Za-z0-9-]*")


class BadInput(Exception):
    """A value the sandbox will not take: `field` names it (a JSON path, a parameter or a header)."""

    def __init__(self, field: str, code: str = "INVALID_VALUE", **values: int) -> None:
        super().__init__(field)
        self.field, self.code, self.values = field, code, values


class _Invalid:
    """Stands in for a number the sandbox will not take, until its path is known."""


_INVALID = _Invalid()


def _int(text: str) -> int | _Invalid:
    return int(text) if len(text.lstrip("-")) <= MAX_INT_DIGITS else _INVALID


def _float(text: str) -> float | _Invalid:
    value = float(text)
    return value if len(text) <= 32 and abs(value) != float("inf") else _INVALID


def _constant(text: str) -> _Invalid:  # NaN, Infinity, -Infinity
    return _INVALID


def parse_json(raw: bytes) -> Any:
    """The JSON document in raw; raises BadInput("body", "INVALID_FORMAT") when it is not JSON at all,
    or BadInput(path) for a value too deep, a number too long or out of range, or a lone surrogate."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadInput("body", "INVALID_FORMAT") from error
    if _too_deep(text):
        raise BadInput("body", "INVALID_FORMAT")
    try:
        document = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except (ValueError, RecursionError) as error:
        raise BadInput("body", "INVALID_FORMAT") from error
    check_document(document)
    return document


def _too_deep(text: str) -> bool:
    """True when brackets outside strings nest deeper than MAX_DEPTH (checked before parsing)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif char in "]}":
            depth -= 1
    return False


def check_document(document: Any) -> None:
    """Raise BadInput naming the first bad value: a lone surrogate in a string or key, a rejected number."""
    stack: list[tuple[str, Any]] = [("", document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                # A key that is no field name is not named: its value is reported under the parent.
                child = (f"{path}.{key}" if path else key) if _NAME.fullmatch(key) else path
                if _SURROGATE.search(key):
                    raise BadInput(path or "body", "INVALID_FORMAT")
                stack.append((child, item))
        elif isinstance(value, list):
            indexed = bool(path) and not path.endswith("]")  # the contract's paths index once per name
            stack.extend(((f"{path}[{i}]" if indexed else path), item) for i, item in enumerate(value))
        elif isinstance(value, str):
            if _SURROGATE.search(value):
                raise BadInput(path or "body", "INVALID_FORMAT")
        elif value is _INVALID:
            raise BadInput(path or "body", "INVALID_VALUE")


def check_text(text: str, field: str) -> str:
    """text, unless it holds a lone surrogate."""
    if _SURROGATE.search(text):
        raise BadInput(field, "INVALID_FORMAT")
    return text


def check_query(query_string: bytes) -> None:
    """Raise BadInput naming the first query parameter whose name or value is not valid UTF-8."""
    for part in query_string.split(b"&"):
        name, _, value = part.partition(b"=")
        try:
            label = unquote_to_bytes(name.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError as error:
            raise BadInput("query", "INVALID_FORMAT") from error
        try:
            unquote_to_bytes(value.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError as error:
            raise BadInput(_named(label, "query"), "INVALID_FORMAT") from error


def check_headers(headers: list[tuple[bytes, bytes]]) -> None:
    """Raise BadInput naming the first header whose value is not valid UTF-8, or "headers" when they
    are over MAX_HEADER_BYTES together."""
    if sum(len(name) + len(value) + 4 for name, value in headers) > MAX_HEADER_BYTES:
        raise BadInput("headers", "TOO_LONG", max=MAX_HEADER_BYTES)
    for name, value in headers:
        try:
            value.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BadInput(_named(name.decode("latin-1").title(), "headers"), "INVALID_FORMAT") from error


def _named(name: str, otherwise: str) -> str:
    return name if _HEADER_OR_PARAMETER.fullmatch(name) else otherwise

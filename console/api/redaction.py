"""Masking of secrets and personal data for logs, the exchange log and cURL copies.

Secrets (tokens, client secrets, passwords, PINs, codes) are replaced whole. Personal data keeps a
hint for people: `j•••@example.com`, `•••-•••-0123`, `8•••••••007`, `1990-••-••`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

MASK = "•••"
SECRET_KEYS = frozenset(
    {
        "access_token", "refresh_token", "id_token", "token", "client_secret", "secret", "password",
        "pin", "code_verifier", "authorization", "cookie", "set-cookie", "proxy-authorization",
    }
)  # fmt: skip
EMAIL_KEYS = frozenset({"email"})
PHONE_KEYS = frozenset({"phone", "number"})
DATE_KEYS = frozenset({"dateofbirth", "date_of_birth", "dob", "birthdate"})
COLLECTOR_KEYS = frozenset({"collectornumber", "collector_number", "collector-number"})


def mask_email(email: str) -> str:
    local, at, domain = email.partition("@")
    return f"{local[:1]}{MASK}@{domain}" if at else MASK


def mask_phone(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return f"{MASK}-{MASK}-{digits[-4:]}" if len(digits) >= 4 else MASK


def mask_collector_number(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    if len(digits) < 5:
        return MASK
    return digits[0] + "•" * (len(digits) - 4) + digits[-3:]


def mask_date(value: str) -> str:
    match = re.fullmatch(r"(\d{4})-\d{2}-\d{2}", value.strip())
    return f"{match.group(1)}-••-••" if match else MASK


def _mask_value(key: str, value: Any, free_text: bool = True) -> Any:
    """The masked form of `value` if `key` names something sensitive; else `value` (free text redacted)."""
    if not isinstance(value, str | int):
        return value
    key = key.lower()
    text = str(value)
    if key in SECRET_KEYS:
        return _mask_secret(text)
    if key in EMAIL_KEYS:
        return mask_email(text)
    if key in PHONE_KEYS:
        return mask_phone(text)
    if key in DATE_KEYS:
        return mask_date(text)
    if key in COLLECTOR_KEYS:
        return mask_collector_number(text)
    return redact_text(value) if free_text and isinstance(value, str) else value


def _mask_secret(text: str) -> str:
    scheme, _, rest = text.partition(" ")
    return f"{scheme} {MASK}" if rest and scheme.lower() in ("bearer", "basic") else MASK


def redact_headers(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> dict[str, str]:
    """Headers with credentials and collector numbers masked (names kept as given)."""
    items = headers.items() if isinstance(headers, Mapping) else headers
    return {name: _mask_value(name, value, free_text=False) for name, value in items}


def redact_json(value: Any) -> Any:
    """A copy of a JSON value with secrets and personal fields masked, wherever they sit."""
    if isinstance(value, dict):
        return {
            key: redact_json(item) if isinstance(item, dict | list) else _mask_value(key, item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [redact_json(item) for item in value]
    if isinstance(value, str):
        return redact_text(value)
    return value


_SECRET_NAMES = r"access_token|refresh_token|id_token|client_secret|code_verifier|password|secret|pin|token"  # noqa: S105
_TEXT_RULES: list[tuple[re.Pattern[str], Any]] = [
    # JWTs (three base64url parts, the first starting like a JSON header).
    (re.compile(r"eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*"), MASK),
    # Authorization values.
    (re.compile(r"(?i)\b(bearer|basic)\s+[\w.~+/=-]+"), lambda m: f"{m.group(1)} {MASK}"),
    # name=value, "name": "value", 'name': 'value' for secret names.
    (
        re.compile(rf"""(?i)\b({_SECRET_NAMES})(["']?\s*[:=]\s*["']?)([^"'&\s,;}}\)]+)"""),
        lambda m: f"{m.group(1)}{m.group(2)}{MASK}",
    ),
    # An authorization code in a query or form (in JSON, "code" is an error code and stays).
    (re.compile(r"(?i)\b(code=)([^&\s\"']+)"), lambda m: f"{m.group(1)}{MASK}"),
    # Dates of birth named as such (JSON, query, form, Python repr).
    (
        re.compile(
            r"""(?i)\b(dateOfBirth|date_of_birth|dob|birthdate)(["']?\s*[:=]\s*["']?)"""
            r"""(\d{4})-\d{2}-\d{2}"""
        ),
        lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}-••-••",
    ),
    (
        re.compile(r"(?i)\b(date_of_birth=datetime\.date\()(\d{4}), \d{1,2}, \d{1,2}\)"),
        lambda m: f"{m.group(1)}{m.group(2)}, •, •)",
    ),
    # Email addresses (also percent-encoded @ in URLs).
    (
        re.compile(r"([\w.+-])[\w.+-]*(@|%40)([\w-]+(?:\.[\w-]+)+)"),
        lambda m: f"{m.group(1)}{MASK}{m.group(2)}{m.group(3)}",
    ),
    # Collector numbers: 11 digits starting with 8.
    (re.compile(r"(?<!\d)8\d{7}(\d{3})(?!\d)"), lambda m: f"8{'•' * 7}{m.group(1)}"),
    # North American phone numbers: 10 digits, optionally +1 and punctuation.
    (
        re.compile(r"(?<![\d-])(?:\+?1[\s.-]?)?\(?[2-9]\d{2}\)?[\s.-]?[2-9]\d{2}[\s.-]?(\d{4})(?![\d-])"),
        lambda m: f"{MASK}-{MASK}-{m.group(1)}",
    ),
]


def redact_text(text: str) -> str:
    """Free text with tokens, secrets, emails, phones, dates of birth and collector numbers masked."""
    for pattern, replacement in _TEXT_RULES:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (and traceback text) with `redact_text`; never drops a record."""

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

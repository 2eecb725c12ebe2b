"""Parse the one search box: a collector number, an email, a phone, or a name.

Syntax for names: ``Last`` or ``Last, First``, optionally followed by a postal code:
``Tremblay, Élise``, ``Doe K1A 0B1``, ``Doe, Jane M5V 2T6``. Qt-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from console import formats

_POSTAL_TAIL = re.compile(r"\s*([A-Za-z]\d[A-Za-z])[\s-]?(\d[A-Za-z]\d)\s*$")
_NUMBERISH = re.compile(r"^[\d\s\-+().]+$")


class QueryKind(Enum):
    EMPTY = "empty"
    NUMBER = "number"
    EMAIL = "email"
    PHONE = "phone"
    NAME = "name"
    INVALID = "invalid"


class Problem(Enum):
    """Why a query cannot run, or a warning that lets it run anyway."""

    CHECK_DIGIT = "check_digit"  # warning only: the server decides
    BAD_NUMBER = "bad_number"
    BAD_EMAIL = "bad_email"
    BAD_NAME = "bad_name"
    BAD_FIRST_NAME = "bad_first_name"


@dataclass(frozen=True)
class Query:
    """A parsed search-box entry; ``search_args`` feeds ``CollectorClient.search``."""

    kind: QueryKind
    collector_number: str | None = None
    email: str | None = None
    phone: str | None = None
    last_name: str | None = None
    first_name: str | None = None
    postal_code: str | None = None
    problems: tuple[Problem, ...] = field(default=())

    @property
    def runnable(self) -> bool:
        return self.kind not in (QueryKind.EMPTY, QueryKind.INVALID)

    def search_args(self) -> dict[str, str]:
        args = {
            "email": self.email,
            "phone": self.phone,
            "last_name": self.last_name,
            "first_name": self.first_name,
            "postal_code": self.postal_code,
        }
        return {key: value for key, value in args.items() if value}


def parse_query(text: str) -> Query:
    """Classify and normalise what the agent typed."""
    text = " ".join(text.split())
    if not text:
        return Query(QueryKind.EMPTY)
    if "@" in text:
        email = formats.normalise_email(text)
        if email is None:
            return Query(QueryKind.INVALID, problems=(Problem.BAD_EMAIL,))
        return Query(QueryKind.EMAIL, email=email)
    if _NUMBERISH.match(text):
        return _parse_digits(text)
    return _parse_name(text)


def _parse_digits(text: str) -> Query:
    number = formats.normalise_collector_number(text)
    if number is not None:
        problems = () if formats.collector_number_checks(number) else (Problem.CHECK_DIGIT,)
        return Query(QueryKind.NUMBER, collector_number=number, problems=problems)
    phone = formats.normalise_phone(text)
    if phone is not None:
        return Query(QueryKind.PHONE, phone=phone)
    return Query(QueryKind.INVALID, problems=(Problem.BAD_NUMBER,))


def _parse_name(text: str) -> Query:
    postal = None
    match = _POSTAL_TAIL.search(text)
    if match:
        postal = formats.normalise_postal_code(match.group(1) + match.group(2))
        if postal is not None:
            text = text[: match.start()]
    last, _, first = (part.strip() for part in text.partition(","))
    if not last or not formats.is_valid_name(last):
        return Query(QueryKind.INVALID, problems=(Problem.BAD_NAME,))
    if first and not formats.is_valid_name(first):
        return Query(QueryKind.INVALID, problems=(Problem.BAD_FIRST_NAME,))
    return Query(QueryKind.NAME, last_name=last, first_name=first or None, postal_code=postal)

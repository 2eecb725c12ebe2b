"""Field checks for the enrollment form: the contract's rules, with a message that names the problem.

Each check takes the raw text and returns a `Check`: the value to send (normalised, or None when
the field is empty) and a `Problem` or None. The rules come from `console.formats`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication

from console import formats

DEFAULT_MIN_AGE = 13
NAME_MAX = 50
SUFFIX_MAX = 10
ADDRESS_LINE_MAX = 60
CITY_MAX = 40
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _tr(text: str) -> str:
    return QCoreApplication.translate("EnrollValidation", text)


@dataclass(frozen=True)
class Problem:
    """What is wrong with a field; a warning does not block the submission."""

    message: str
    warning: bool = False


@dataclass(frozen=True)
class Check:
    value: str | None = None
    problem: Problem | None = None

    @property
    def blocking(self) -> bool:
        return self.problem is not None and not self.problem.warning


def _required(required: bool) -> Check:
    return Check(None, Problem(_tr("Required.")) if required else None)


def _too_long(limit: int) -> Problem:
    return Problem(_tr("At most %1 characters.").replace("%1", str(limit)))


def check_name(text: str, *, required: bool = False, max_length: int = NAME_MAX) -> Check:
    """A name: letters (accents too), spaces, apostrophes, hyphens and dots."""
    value = " ".join(text.split())
    if not value:
        return _required(required)
    if len(value) > max_length:
        return Check(value, _too_long(max_length))
    if not formats.is_valid_name(value, max_length):
        return Check(value, Problem(_tr("Use letters, spaces, apostrophes ('), hyphens (-) and dots only.")))
    return Check(value)


def check_text(text: str, *, max_length: int, required: bool = False) -> Check:
    """Free text such as an address line or a city."""
    value = " ".join(text.split())
    if not value:
        return _required(required)
    if len(value) > max_length:
        return Check(value, _too_long(max_length))
    return Check(value)


def check_email(text: str, *, required: bool = True) -> Check:
    value = text.strip()
    if not value:
        return _required(required)
    if len(value) > formats.MAX_EMAIL_LENGTH:
        return Check(value, _too_long(formats.MAX_EMAIL_LENGTH))
    normalised = formats.normalise_email(value)
    if normalised is None:
        if "@" not in value:
            return Check(value, Problem(_tr("An email address needs an @, e.g. name@example.com.")))
        return Check(value, Problem(_tr("Not a valid email address, e.g. name@example.com.")))
    return Check(normalised)


def check_phone(text: str, *, required: bool = False) -> Check:
    """A North American number: 10 digits, area code and exchange starting with 2–9."""
    value = text.strip()
    if not value:
        return _required(required)
    digits = formats.normalise_phone(value)
    if digits is None:
        bare = "".join(c for c in value if c.isdigit())
        if bare.startswith("1") and len(bare) == 11:
            bare = bare[1:]
        if len(bare) != 10:
            return Check(value, Problem(_tr("A phone number has 10 digits, e.g. 416-555-0123.")))
        return Check(value, Problem(_tr("Area code and exchange start with 2–9, e.g. 416-555-0123.")))
    return Check(digits)


def format_phone(digits: str) -> str:
    """'4165550123' -> '416-555-0123' for display."""
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def check_date_of_birth(
    text: str, *, required: bool = False, today: date | None = None, min_age: int = DEFAULT_MIN_AGE
) -> Check:
    """YYYY-MM-DD, a real date, not in the future, at least `min_age` years ago."""
    value = text.strip()
    if not value:
        return _required(required)
    if not _ISO_DATE.fullmatch(value):
        return Check(value, Problem(_tr("Use the form YYYY-MM-DD, e.g. 1990-04-25.")))
    try:
        born = date.fromisoformat(value)
    except ValueError:
        return Check(value, Problem(_tr("There is no such date.")))
    today = today or date.today()
    if born > today:
        return Check(value, Problem(_tr("A date of birth cannot be in the future.")))
    if formats.age_on(born, today) < min_age:
        return Check(
            value, Problem(_tr("Members must be at least %1 years old.").replace("%1", str(min_age)))
        )
    return Check(born.isoformat())


def check_postal_code(text: str, *, required: bool = False) -> Check:
    value = text.strip()
    if not value:
        return _required(required)
    normalised = formats.normalise_postal_code(value)
    if normalised is None:
        return Check(value, Problem(_tr("Use the form A1A 1A1 (no D, F, I, O, Q or U; never W or Z first).")))
    return Check(normalised)


def check_postal_province(postal: str | None, province: str | None, language: str = "EN") -> Problem | None:
    """A warning when a valid postal code does not belong to the chosen province."""
    if not postal or not province or formats.postal_code_matches_province(postal, province):
        return None
    index = 1 if language.upper() == "FR" else 0
    expected = formats.POSTAL_FIRST_LETTER.get(postal[0], ())
    names = " / ".join(formats.PROVINCES[code][index] for code in expected)
    message = _tr("%1 is a postal code of %2, not %3: please check both.")
    message = (
        message.replace("%1", postal).replace("%2", names).replace("%3", formats.PROVINCES[province][index])
    )
    return Problem(message, warning=True)


def check_choice(value: str | None, *, required: bool = False) -> Check:
    """A combo box choice; '' or None is empty."""
    if not value:
        return _required(required)
    return Check(value)

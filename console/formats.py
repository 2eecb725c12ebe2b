"""Canadian formats and AIR MILES collector numbers: pure checks and normalisers shared by UI and sandbox."""

from __future__ import annotations

import re
from datetime import date
from operator import mul

import phonenumbers
from email_validator import EmailNotValidError, validate_email

PROVINCES: dict[str, tuple[str, str]] = {
    "AB": ("Alberta", "Alberta"),
    "BC": ("British Columbia", "Colombie-Britannique"),
    "MB": ("Manitoba", "Manitoba"),
    "NB": ("New Brunswick", "Nouveau-Brunswick"),
    "NL": ("Newfoundland and Labrador", "Terre-Neuve-et-Labrador"),
    "NS": ("Nova Scotia", "Nouvelle-Écosse"),
    "NT": ("Northwest Territories", "Territoires du Nord-Ouest"),
    "NU": ("Nunavut", "Nunavut"),
    "ON": ("Ontario", "Ontario"),
    "PE": ("Prince Edward Island", "Île-du-Prince-Édouard"),
    "QC": ("Quebec", "Québec"),
    "SK": ("Saskatchewan", "Saskatchewan"),
    "YT": ("Yukon", "Yukon"),
}

POSTAL_FIRST_LETTER: dict[str, tuple[str, ...]] = {
    "A": ("NL",),
    "B": ("NS",),
    "C": ("PE",),
    "E": ("NB",),
    "G": ("QC",),
    "H": ("QC",),
    "J": ("QC",),
    "K": ("ON",),
    "L": ("ON",),
    "M": ("ON",),
    "N": ("ON",),
    "P": ("ON",),
    "R": ("MB",),
    "S": ("SK",),
    "T": ("AB",),
    "V": ("BC",),
    "X": ("NT", "NU"),
    "Y": ("YT",),
}

COLLECTOR_WEIGHTS = (6, 5, 4, 3, 8, 7, 6, 5, 4, 3)
_WEIGHTED_ZERO = ord("0") * sum(COLLECTOR_WEIGHTS)
_COLLECTOR_RE = re.compile(r"8\d{10}")
_COLLECTOR_SEPARATORS = re.compile(r"[\s-]+")
# Letters D F I O Q U never appear; W and Z never first.
_POSTAL_RE = re.compile(r"([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])(\d[ABCEGHJ-NPRSTV-Z]\d)")
_NANP_RE = re.compile(r"[2-9]\d{2}[2-9]\d{6}")
_PHONE_CHARS_RE = re.compile(r"[\d\s()+.\-]+")
_NAME_PUNCTUATION = frozenset(" '-.’")
MAX_EMAIL_LENGTH = 254


def collector_check_digit(first10: str) -> int:
    """The check digit of a collector number's first ten digits (weights 6,5,4,3,8,7,6,5,4,3, mod 11)."""
    if len(first10) != 10 or not (first10.isascii() and first10.isdigit()):
        raise ValueError("expected 10 digits")
    # ASCII codes minus '0' times the weights, summed in one pass (hot when seeding 100 000 members).
    remainder = (sum(map(mul, first10.encode(), COLLECTOR_WEIGHTS)) - _WEIGHTED_ZERO) % 11
    return 0 if remainder < 2 else 11 - remainder


def is_collector_number(text: str) -> bool:
    """True when text is 11 ASCII digits starting with 8 (format only, no check digit)."""
    return bool(_COLLECTOR_RE.fullmatch(text)) and text.isascii()


def collector_number_checks(number: str) -> bool:
    """True when number is a well-formed collector number whose check digit is right."""
    return is_collector_number(number) and collector_check_digit(number[:10]) == int(number[10])


def normalise_collector_number(text: str) -> str | None:
    """Strip spaces and dashes; the 11-digit number, or None if it is not 11 digits starting with 8."""
    number = _COLLECTOR_SEPARATORS.sub("", text)
    return number if is_collector_number(number) else None


def normalise_postal_code(text: str) -> str | None:
    """'k1a0b1' -> 'K1A 0B1'; None when it is not a valid Canadian postal code."""
    compact = re.sub(r"[\s-]+", "", text).upper()
    match = _POSTAL_RE.fullmatch(compact)
    return f"{match[1]} {match[2]}" if match else None


def postal_code_matches_province(postal: str, province: str) -> bool:
    """True when the postal code's first letter belongs to the province (a mismatch is only a warning)."""
    normalised = normalise_postal_code(postal)
    return normalised is not None and province.upper() in POSTAL_FIRST_LETTER.get(normalised[0], ())


def normalise_phone(text: str) -> str | None:
    """'+1 (416) 555-0123' -> '4165550123'; None unless a 10-digit North American number."""
    if not _PHONE_CHARS_RE.fullmatch(text.strip() or "x"):
        return None
    try:
        parsed = phonenumbers.parse(text, "CA")
    except phonenumbers.NumberParseException:
        return None
    digits = str(parsed.national_number)
    if parsed.country_code != 1 or parsed.extension or not _NANP_RE.fullmatch(digits):
        return None
    return digits


def is_valid_name(text: str, max_length: int = 50) -> bool:
    """Letters (accents too), spaces, apostrophes, hyphens and dots; 1..max_length; one letter at least."""
    if not text or len(text) > max_length or text != text.strip():
        return False
    return any(c.isalpha() for c in text) and all(c.isalpha() or c in _NAME_PUNCTUATION for c in text)


def normalise_email(text: str) -> str | None:
    """The normalised address (domain lower-cased), or None when the syntax is invalid or too long."""
    if not text or len(text) > MAX_EMAIL_LENGTH:
        return None
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return None
    return result.normalized if len(result.normalized) <= MAX_EMAIL_LENGTH else None


def age_on(born: date, today: date) -> int:
    """Completed years between born and today."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

"""The enrollment's fields: one table from which the form, its checks, the import and the request are made.

Qt-free. What it offers (the window's form and the headless CSV import run the very same checks):

- `FIELDS`: one `FieldSpec` per input, in the form's order: its contract path, label, limit, pattern
  and choices (read from the request models in `console.api.models`), its check, and the key of the
  use-case profile that shows or requires it. Phones are three rows of two fields each,
  `contactDetails.phones[i].number` and `contactDetails.phones[i].type` (see `phone_path`).
- `read(texts, profile, ...)` checks raw texts keyed by contract path (`personalDetails.firstName`,
  `contactDetails.phones[0].number`, ...): a `Reading` with the normalised `values` and a `Problem` per
  path. Only the fields the profile shows are read; the others are ignored (PIPEDA: not collected).
- `Reading.request(...)` makes the `EnrollmentRequest` of a reading without blocking problems.
- `place_server_errors(errors, reading)` puts the service's `errors[]` back on the fields they name.
- A `Problem` is a code and its arguments, never a sentence: `problem_text(problem)` gives a plain
  English sentence (headless commands); the window translates the same templates through the
  catalogue (context "EnrollValidation"; labels and choice names use context "EnrollForm").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from console import formats
from console.api import models as m
from console.field_profiles import FieldProfile

MAX_PHONES = m.MAX_PHONES
DEFAULT_MIN_AGE = 13
PHONE_PROFILE_KEY = "contactDetails.phones"
CONSENTS = "consents"
"""The path problems about the consents land on."""
PERSONAL_REQUIRED = ("personalDetails.firstName", "personalDetails.lastName", "personalDetails.dateOfBirth")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name the catalogue tool looks for
    """Mark `text` for the translation catalogue (extracted from this file); returns it unchanged."""
    return text


# Problems -------------------------------------------------------------------------------------------

MESSAGES: dict[str, str] = {
    "REQUIRED": QT_TRANSLATE_NOOP("EnrollValidation", "Required."),
    "REQUIRED_WITH_PERSONAL": QT_TRANSLATE_NOOP(
        "EnrollValidation", "Required when other personal details are given."
    ),
    "TOO_LONG": QT_TRANSLATE_NOOP("EnrollValidation", "At most %1 characters."),
    "NAME_CHARACTERS": QT_TRANSLATE_NOOP(
        "EnrollValidation", "Use letters, spaces, apostrophes ('), hyphens (-) and dots only."
    ),
    "EMAIL_NO_AT": QT_TRANSLATE_NOOP(
        "EnrollValidation", "An email address needs an @, e.g. name@example.com."
    ),
    "EMAIL_INVALID": QT_TRANSLATE_NOOP(
        "EnrollValidation", "Not a valid email address, e.g. name@example.com."
    ),
    "PHONE_DIGITS": QT_TRANSLATE_NOOP("EnrollValidation", "A phone number has 10 digits, e.g. 416-555-0123."),
    "PHONE_AREA": QT_TRANSLATE_NOOP(
        "EnrollValidation", "Area code and exchange start with 2–9, e.g. 416-555-0123."
    ),
    "DATE_FORMAT": QT_TRANSLATE_NOOP("EnrollValidation", "Use the form YYYY-MM-DD, e.g. 1990-04-25."),
    "DATE_FORMS": QT_TRANSLATE_NOOP(
        "EnrollValidation", "Type a date such as 1990-04-25, 25/04/1990 or 25 April 1990."
    ),
    "DATE_READ_AS": QT_TRANSLATE_NOOP(
        "EnrollValidation", "Read as %1 (day first). Check it with the customer."
    ),
    "DATE_UNKNOWN": QT_TRANSLATE_NOOP("EnrollValidation", "There is no such date."),
    "DATE_FUTURE": QT_TRANSLATE_NOOP("EnrollValidation", "A date of birth cannot be in the future."),
    "TOO_YOUNG": QT_TRANSLATE_NOOP("EnrollValidation", "Members must be at least %1 years old."),
    "POSTAL_FORMAT": QT_TRANSLATE_NOOP(
        "EnrollValidation", "Use the form A1A 1A1 (no D, F, I, O, Q or U; never W or Z first)."
    ),
    "POSTAL_PROVINCE": QT_TRANSLATE_NOOP(
        "EnrollValidation", "%1 is a postal code of %2, not %3: please check both."
    ),
    "INVALID_CHOICE": QT_TRANSLATE_NOOP("EnrollValidation", "Choose one of: %1."),
    "SERVER": QT_TRANSLATE_NOOP("EnrollValidation", "%1"),
    "SERVER_REFUSED": QT_TRANSLATE_NOOP("EnrollValidation", "Refused by the service."),
}
"""Problem code -> sentence template (English source text of the catalogue; %1.. are the arguments)."""


@dataclass(frozen=True)
class Problem:
    """What is wrong with a field: a code of `MESSAGES` and its arguments; a warning does not block.

    POSTAL_PROVINCE's arguments are the postal code, the provinces it belongs to and the chosen one
    (codes joined by "/"): `problem_text` names the provinces in the reader's language.
    """

    code: str
    args: tuple[str, ...] = ()
    warning: bool = False


def problem_text(
    problem: Problem, *, language: str = "EN", translate: Callable[[str], str] | None = None
) -> str:
    """The sentence for `problem`: plain English, or through `translate` (the window's catalogue)."""
    template = MESSAGES[problem.code]
    text = translate(template) if translate is not None else template
    args = problem.args
    if problem.code == "POSTAL_PROVINCE":
        args = (args[0], province_names(args[1], language), province_names(args[2], language))
    elif problem.code == "DATE_READ_AS":
        args = (long_date(args[0], language),)
    for number, arg in enumerate(args, start=1):
        text = text.replace(f"%{number}", arg)
    return text


def province_names(codes: str, language: str = "EN") -> str:
    """'NT/NU' -> 'Northwest Territories / Nunavut' (or in French)."""
    index = 1 if language.upper() == "FR" else 0
    return " / ".join(
        formats.PROVINCES[code][index] for code in codes.split("/") if code in formats.PROVINCES
    )


@dataclass(frozen=True)
class Check:
    """A check's verdict: the value to send (normalised; None when empty) and a problem or None."""

    value: str | None = None
    problem: Problem | None = None

    @property
    def blocking(self) -> bool:
        return self.problem is not None and not self.problem.warning


@dataclass(frozen=True)
class CheckContext:
    required: bool = False
    today: date | None = None
    """None: the real date."""
    min_age: int = DEFAULT_MIN_AGE
    channels: tuple[str, ...] = ()
    """The channels the use case allows (enrollmentChannel only; empty: every channel)."""


# The table ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """One input of an enrollment: where it goes in the request, how it is labelled and checked."""

    path: str
    """Contract path, e.g. "personalDetails.firstName" (phones: "contactDetails.phones[].number")."""
    label: str
    """Catalogue source text, context "EnrollForm"; `&` marks the keyboard mnemonic."""
    model: type[m.ApiModel]
    name: str
    """The field's Python name on `model`."""
    section: str | None
    """The request's attribute holding `model` ("personal_details"); None for a top-level field."""
    check: Callable[[str, FieldSpec, CheckContext], Check]
    profile_key: str = ""
    """The key of `resources/field_profiles.json` that shows or requires the field (default: path)."""
    hint: str = ""
    """Placeholder text, context "EnrollForm"."""
    choice_labels: tuple[tuple[str, str], ...] = ()
    """(value, label) for a choice, in order offered; labels are catalogue texts, context "EnrollForm"."""

    @property
    def rules(self) -> m.FieldRules:
        return m.field_rules(self.model, self.name)

    @property
    def max_length(self) -> int | None:
        return self.rules.max_length

    @property
    def choices(self) -> tuple[str, ...]:
        """The values the model allows, in the order offered."""
        offered = tuple(value for value, _label in self.choice_labels)
        return offered or self.rules.choices

    @property
    def profile(self) -> str:
        return self.profile_key or self.path

    def plain_label(self) -> str:
        return self.label.replace("&", "")


# Checks (text, spec, context) -> Check ----------------------------------------------------------------

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_LIKE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
_MONTH_NAMES = {
    "EN": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "FR": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
}
_FILLER = {"le", "the", "of", "de", "du", "er", "st", "nd", "rd", "th"}


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _month(word: str) -> int | None:
    """The month a (possibly shortened, at least 3 letters) English or French month name means."""
    if len(word) < 3:
        return None
    found = {number for name, number in _MONTHS.items() if name.startswith(word)}
    return found.pop() if len(found) == 1 else None


def parse_date(text: str) -> tuple[tuple[int, int, int], bool] | None:
    """(year, month, day) and whether the reading had to guess the order; None when no date is written.

    Accepts YYYY-MM-DD (also with / or .), DD/MM/YYYY and DD-MM-YYYY (day first, as in Canada; a first
    number over 12 cannot be a month, a second one over 12 makes it month first), and a month written
    out in English or French ("25 April 1990", "April 25, 1990", "1er avril 1990", "25 déc. 1990").
    The numbers are not checked to make a real date here.
    """
    value = text.strip()
    if match := _ISO_LIKE.fullmatch(value):
        return (int(match[1]), int(match[2]), int(match[3])), False
    if match := _DAY_FIRST.fullmatch(value):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        if second > 12 >= first:
            return (year, first, second), True  # month first, as written in the US
        return (year, second, first), first <= 12 and first != second
    words = re.findall(r"[^\W\d_]+|\d+", _plain(value))
    months = [m for w in words if not w.isdigit() and w not in _FILLER and (m := _month(w)) is not None]
    others = [w for w in words if not w.isdigit() and w not in _FILLER and _month(w) is None]
    numbers = [w for w in words if w.isdigit()]
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if len(months) != 1 or others or len(years) != 1 or len(days) != 1:
        return None
    return (int(years[0]), months[0], int(days[0])), False


def long_date(iso: str, language: str = "EN") -> str:
    """'1990-04-05' -> '5 April 1990' ('5 avril 1990', '1er avril 1990' in French)."""
    born = date.fromisoformat(iso)
    code = "FR" if language.upper() == "FR" else "EN"
    day = "1er" if code == "FR" and born.day == 1 else str(born.day)
    return f"{day} {_MONTH_NAMES[code][born.month - 1]} {born.year}"

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})


def _empty(context: CheckContext) -> Check:
    return Check(None, Problem("REQUIRED") if context.required else None)


def _too_long(value: str, spec: FieldSpec) -> Check | None:
    limit = spec.max_length
    return (
        Check(value, Problem("TOO_LONG", (str(limit),))) if limit is not None and len(value) > limit else None
    )


def check_name(text: str, spec: FieldSpec, context: CheckContext) -> Check:
    """A name: letters (accents too), spaces, apostrophes, hyphens and dots; spaces tidied."""
    value = " ".join(text.translate(_APOSTROPHES).split())
    if not value:
        return _empty(context)
    if (long := _too_long(value, spec)) is not None:
        return long
    pattern = spec.rules.pattern
    fits = pattern is None or re.fullmatch(pattern, value) is not None
    if not fits or not formats.is_valid_name(value, len(value)):
        return Check(value, Problem("NAME_CHARACTERS"))
    return Check(value)


def check_text(text: str, spec: FieldSpec, context: CheckContext) -> Check:
    """Free text such as an address line or a city; spaces tidied."""
    value = " ".join(text.split())
    if not value:
        return _empty(context)
    return _too_long(value, spec) or Check(value)


def check_email(text: str, spec: FieldSpec, context: CheckContext) -> Check:
    value = text.strip()
    if not value:
        return _empty(context)
    if (long := _too_long(value, spec)) is not None:
        return long
    normalised = formats.normalise_email(value)
    if normalised is None:
        return Check(value, Problem("EMAIL_NO_AT" if "@" not in value else "EMAIL_INVALID"))
    return Check(normalised)


def check_phone(text: str, spec: FieldSpec, context: CheckContext) -> Check:
    """A North American number: 10 digits, area code and exchange starting with 2–9; sent as digits."""
    value = text.strip()
    if not value:
        return _empty(context)
    digits = formats.normalise_phone(value)
    pattern = spec.rules.pattern
    if digits is None or (pattern is not None and re.fullmatch(pattern, digits) is None):
        bare = "".join(c for c in value if c.isdigit())
        if bare.startswith("1") and len(bare) == 11:
            bare = bare[1:]
        return Check(value, Problem("PHONE_DIGITS" if len(bare) != 10 else "PHONE_AREA"))
    return Check(digits)


def format_phone(digits: str) -> str:
    """'4165550123' -> '416-555-0123' for display."""
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def check_date_of_birth(text: str, spec: FieldSpec, context: CheckContext) -> Check:
    """YYYY-MM-DD, a real date, not in the future, at least the minimum age."""
    value = text.strip()
    if not value:
        return _empty(context)
    if not _ISO_DATE.fullmatch(value):
        return Check(value, Problem("DATE_FORMAT"))
    try:
        born = date.fromisoformat(value)
    except ValueError:
        return Check(value, Problem("DATE_UNKNOWN"))
    today = context.today or date.today()
    if born > today:
        return Check(value, Problem("DATE_FUTURE"))
    if formats.age_on(born, today) < context.min_age:
        return Check(value, Problem("TOO_YOUNG", (str(context.min_age),)))
    return Check(born.isoformat())


def check_postal_code(text: str, spec: FieldSpec, context: CheckContext) -> Check:
    value = text.strip()
    if not value:
        return _empty(context)
    normalised = formats.normalise_postal_code(value)
    pattern = spec.rules.pattern
    if normalised is None or (pattern is not None and re.fullmatch(pattern, normalised) is None):
        return Check(value, Problem("POSTAL_FORMAT"))
    return Check(normalised)


def check_choice(text: str, spec: FieldSpec, context: CheckContext) -> Check:
    """One of the field's values (any case, spaces ignored); '' is empty."""
    value = text.strip()
    if not value:
        return _empty(context)
    allowed = context.channels if spec.path == "enrollmentChannel" and context.channels else spec.choices
    match = next((choice for choice in allowed if choice.casefold() == value.casefold()), None)
    if match is None:
        return Check(value, Problem("INVALID_CHOICE", (", ".join(allowed),)))
    return Check(match)


def check_postal_province(postal: str | None, province: str | None) -> Problem | None:
    """A warning when a valid postal code does not belong to the chosen province."""
    if not postal or not province or formats.postal_code_matches_province(postal, province):
        return None
    expected = "/".join(formats.POSTAL_FIRST_LETTER.get(postal[0], ()))
    return Problem("POSTAL_PROVINCE", (postal, expected, province), warning=True)


_PD, _CD, _AD, _PR = m.PersonalDetails, m.ContactDetails, m.AddressDetails, m.Preferences


def _spec(
    path: str, label: str, model: type[m.ApiModel], name: str, section: str | None, check: Any, **extra: Any
) -> FieldSpec:
    return FieldSpec(path, label, model, name, section, check, **extra)


FIELDS: tuple[FieldSpec, ...] = (
    _spec(
        "personalDetails.title",
        QT_TRANSLATE_NOOP("EnrollForm", "Title"),
        _PD,
        "title",
        "personal_details",
        check_choice,
        choice_labels=(
            ("MR", QT_TRANSLATE_NOOP("EnrollForm", "Mr.")),
            ("MRS", QT_TRANSLATE_NOOP("EnrollForm", "Mrs.")),
            ("MS", QT_TRANSLATE_NOOP("EnrollForm", "Ms.")),
            ("MISS", QT_TRANSLATE_NOOP("EnrollForm", "Miss")),
            ("DR", QT_TRANSLATE_NOOP("EnrollForm", "Dr.")),
            ("MX", QT_TRANSLATE_NOOP("EnrollForm", "Mx.")),
        ),
    ),
    _spec(
        "personalDetails.firstName",
        QT_TRANSLATE_NOOP("EnrollForm", "Fi&rst name"),
        _PD,
        "first_name",
        "personal_details",
        check_name,
    ),
    _spec(
        "personalDetails.middleName",
        QT_TRANSLATE_NOOP("EnrollForm", "Middle name"),
        _PD,
        "middle_name",
        "personal_details",
        check_name,
    ),
    _spec(
        "personalDetails.lastName",
        QT_TRANSLATE_NOOP("EnrollForm", "&Last name"),
        _PD,
        "last_name",
        "personal_details",
        check_name,
    ),
    _spec(
        "personalDetails.suffix",
        QT_TRANSLATE_NOOP("EnrollForm", "Suffix"),
        _PD,
        "suffix",
        "personal_details",
        check_name,
        hint=QT_TRANSLATE_NOOP("EnrollForm", "e.g. Jr, Sr, III"),
    ),
    _spec(
        "personalDetails.dateOfBirth",
        QT_TRANSLATE_NOOP("EnrollForm", "Date of &birth"),
        _PD,
        "date_of_birth",
        "personal_details",
        check_date_of_birth,
    ),
    _spec(
        "personalDetails.gender",
        QT_TRANSLATE_NOOP("EnrollForm", "Gender"),
        _PD,
        "gender",
        "personal_details",
        check_choice,
        choice_labels=(
            ("FEMALE", QT_TRANSLATE_NOOP("EnrollForm", "Female")),
            ("MALE", QT_TRANSLATE_NOOP("EnrollForm", "Male")),
            ("OTHER", QT_TRANSLATE_NOOP("EnrollForm", "Another gender")),
            ("UNDISCLOSED", QT_TRANSLATE_NOOP("EnrollForm", "Prefers not to say")),
        ),
    ),
    _spec(
        "contactDetails.email",
        QT_TRANSLATE_NOOP("EnrollForm", "E&mail"),
        _CD,
        "email",
        "contact_details",
        check_email,
        hint=QT_TRANSLATE_NOOP("EnrollForm", "name@example.com"),
    ),
    _spec(
        "contactDetails.phones[].number",
        QT_TRANSLATE_NOOP("EnrollForm", "Phone %1"),
        m.Phone,
        "number",
        None,
        check_phone,
        profile_key=PHONE_PROFILE_KEY,
        hint=QT_TRANSLATE_NOOP("EnrollForm", "e.g. 416-555-0123"),
    ),
    _spec(
        "contactDetails.phones[].type",
        QT_TRANSLATE_NOOP("EnrollForm", "Phone %1 type"),
        m.Phone,
        "type",
        None,
        check_choice,
        profile_key=PHONE_PROFILE_KEY,
        choice_labels=(
            ("Mobile", QT_TRANSLATE_NOOP("EnrollForm", "Mobile")),
            ("Home", QT_TRANSLATE_NOOP("EnrollForm", "Home")),
            ("Business", QT_TRANSLATE_NOOP("EnrollForm", "Business")),
        ),
    ),
    _spec(
        "addressDetails.addressLine1",
        QT_TRANSLATE_NOOP("EnrollForm", "Address line 1"),
        _AD,
        "address_line1",
        "address_details",
        check_text,
        hint=QT_TRANSLATE_NOOP("EnrollForm", "Number and street"),
    ),
    _spec(
        "addressDetails.addressLine2",
        QT_TRANSLATE_NOOP("EnrollForm", "Address line 2"),
        _AD,
        "address_line2",
        "address_details",
        check_text,
        hint=QT_TRANSLATE_NOOP("EnrollForm", "Apartment, suite, unit"),
    ),
    _spec(
        "addressDetails.city",
        QT_TRANSLATE_NOOP("EnrollForm", "City"),
        _AD,
        "city",
        "address_details",
        check_text,
    ),
    _spec(
        "addressDetails.province",
        QT_TRANSLATE_NOOP("EnrollForm", "Province"),
        _AD,
        "province",
        "address_details",
        check_choice,
    ),
    _spec(
        "addressDetails.postalCode",
        QT_TRANSLATE_NOOP("EnrollForm", "Postal code"),
        _AD,
        "postal_code",
        "address_details",
        check_postal_code,
        hint=QT_TRANSLATE_NOOP("EnrollForm", "A1A 1A1"),
    ),
    _spec(
        "preferences.language",
        QT_TRANSLATE_NOOP("EnrollForm", "Preferred language"),
        _PR,
        "language",
        "preferences",
        check_choice,
    ),
    _spec(
        "enrollmentChannel",
        QT_TRANSLATE_NOOP("EnrollForm", "Enrollment channel"),
        m.EnrollmentRequest,
        "enrollment_channel",
        None,
        check_choice,
        choice_labels=(
            ("CALL_CENTRE", QT_TRANSLATE_NOOP("EnrollForm", "Call centre")),
            ("IN_STORE", QT_TRANSLATE_NOOP("EnrollForm", "In store")),
            ("EVENT", QT_TRANSLATE_NOOP("EnrollForm", "Event")),
            ("ONLINE", QT_TRANSLATE_NOOP("EnrollForm", "Online")),
        ),
    ),
)
SPECS: dict[str, FieldSpec] = {spec.path: spec for spec in FIELDS}
PHONE_NUMBER = SPECS["contactDetails.phones[].number"]
PHONE_TYPE = SPECS["contactDetails.phones[].type"]


def phone_path(row: int, part: str = "number") -> str:
    """'contactDetails.phones[1].number' for row 1 (part "number" or "type")."""
    return f"contactDetails.phones[{row}].{part}"


def input_paths(phones: int = MAX_PHONES) -> list[str]:
    """Every path `read` understands, in form order (phone rows expanded)."""
    paths: list[str] = []
    for spec in FIELDS:
        if spec is PHONE_TYPE:
            continue
        if spec is PHONE_NUMBER:
            paths += [phone_path(row, part) for row in range(phones) for part in ("number", "type")]
        else:
            paths.append(spec.path)
    return paths


def spec_of(path: str) -> FieldSpec:
    """The spec of an input path (a phone row's path gives the phone spec)."""
    match = _PHONE_ROW.fullmatch(path)
    if match:
        return PHONE_TYPE if match[2] == "type" else PHONE_NUMBER
    return SPECS[path]


_PHONE_ROW = re.compile(r"contactDetails\.phones\[(\d+)\](?:\.(number|type))?")
_CONSENT_PATH = re.compile(r"consents(?:\[\d+\].*)?")


# Reading --------------------------------------------------------------------------------------------


@dataclass
class Reading:
    """What the inputs hold: the normalised values and the problems, both keyed by input path."""

    values: dict[str, str] = field(default_factory=dict)
    problems: dict[str, Problem] = field(default_factory=dict)
    phone_rows: list[int] = field(default_factory=list)
    """For each phone the request carries, the row it came from (to place the service's errors)."""

    @property
    def valid(self) -> bool:
        return not self.blocking()

    def blocking(self) -> list[str]:
        return [path for path, problem in self.problems.items() if not problem.warning]

    def request(
        self,
        consents: Sequence[tuple[str, bool]] = (),
        *,
        consent_language: str | None = None,
        wording_version: str | None = None,
        captured_at: datetime | None = None,
    ) -> m.EnrollmentRequest:
        """The enrollment request of this reading (which must be valid), consent answers included."""
        if not self.valid:
            raise ValueError(f"the enrollment has problems in {', '.join(self.blocking())}")
        return build_request(
            self.values,
            consents,
            consent_language=consent_language,
            wording_version=wording_version,
            captured_at=captured_at,
        )


def read(
    texts: Mapping[str, str],
    profile: FieldProfile,
    *,
    today: date | None = None,
    min_age: int = DEFAULT_MIN_AGE,
    phone_rows: int = MAX_PHONES,
) -> Reading:
    """Check the raw `texts` (keyed by input path; missing means empty) of the fields `profile` shows."""
    reading = Reading()
    for path in input_paths(phone_rows):
        spec = spec_of(path)
        if not profile.shows(spec.profile):
            continue
        row = _PHONE_ROW.fullmatch(path)
        required = profile.requires(spec.profile)
        if row is not None:
            if spec is PHONE_TYPE and not texts.get(phone_path(int(row[1])), "").strip():
                continue  # a type without a number is not sent
            required = required and spec is PHONE_NUMBER and row[1] == "0"  # one phone, when required
        context = CheckContext(required, today, min_age, profile.channels)
        check = spec.check(texts.get(path, ""), spec, context)
        if check.value is not None:
            reading.values[path] = check.value
        if check.problem is not None:
            reading.problems[path] = check.problem

    if any(path.startswith("personalDetails.") for path in reading.values):
        for path in PERSONAL_REQUIRED:
            if profile.shows(path) and path not in reading.values and path not in reading.problems:
                reading.problems[path] = Problem("REQUIRED_WITH_PERSONAL")
    postal = reading.values.get("addressDetails.postalCode")
    warning = check_postal_province(postal, reading.values.get("addressDetails.province"))
    if warning is not None and "addressDetails.postalCode" not in reading.problems:
        reading.problems["addressDetails.postalCode"] = warning
    reading.phone_rows = [row for row in range(phone_rows) if phone_path(row) in reading.values]
    return reading


def build_request(
    values: Mapping[str, str],
    consents: Sequence[tuple[str, bool]] = (),
    *,
    consent_language: str | None = None,
    wording_version: str | None = None,
    captured_at: datetime | None = None,
) -> m.EnrollmentRequest:
    """The request for checked values (input paths -> normalised values), through the models."""
    sections: dict[str | None, dict[str, Any]] = {}
    for spec in FIELDS:
        if spec.path in values:
            sections.setdefault(spec.section, {})[spec.name] = values[spec.path]
    phones = [  # checked strings: the models validate them into their enums
        m.Phone.model_validate({
            "type": values.get(phone_path(row, "type")),
            "number": values[phone_path(row)],
        })
        for row in range(MAX_PHONES)
        if phone_path(row) in values
    ]
    top = sections.get(None, {})
    channel = top.get("enrollment_channel")
    personal, address, preferences = (
        sections.get(name) for name in ("personal_details", "address_details", "preferences")
    )
    return m.EnrollmentRequest(
        personal_details=m.PersonalDetails(**personal) if personal else None,
        contact_details=m.ContactDetails(**sections.get("contact_details", {}), phones=phones),
        address_details=m.AddressDetails(**address, country="CA") if address else None,
        preferences=m.Preferences(**preferences) if preferences else None,
        enrollment_channel=channel,
        consents=[
            m.Consent.model_validate({
                "type": kind,
                "granted": granted,
                "wording_version": wording_version,
                "language": consent_language,
                "captured_at": captured_at,
                "channel": channel,
            })
            for kind, granted in consents
        ],
    )


def place_server_errors(
    errors: Iterable[m.FieldError], reading: Reading, shown: Callable[[str], bool] | None = None
) -> tuple[dict[str, Problem], list[m.FieldError]]:
    """The service's field errors as problems by input path (or CONSENTS), and those that name no input.

    `shown(path)` says whether an input is on screen (default: every input of the reading's kind).
    """
    placed: dict[str, Problem] = {}
    unplaced: list[m.FieldError] = []
    for error in errors:
        path = input_path(error.field or "", reading.phone_rows)
        problem = Problem("SERVER", (error.message,)) if error.message else Problem("SERVER_REFUSED")
        if path is None or (path != CONSENTS and shown is not None and not shown(path)):
            unplaced.append(error)
        elif path == CONSENTS and path in placed:
            first = placed[path]
            placed[path] = Problem("SERVER", (" ".join(a for a in (*first.args, *problem.args) if a),))
        else:
            placed.setdefault(path, problem)
    return placed, unplaced


def input_path(server_path: str, phone_rows: Sequence[int]) -> str | None:
    """The input a server error path names: phones by the row they came from; None when none."""
    match = _PHONE_ROW.fullmatch(server_path)
    if match:
        index = int(match[1])
        row = phone_rows[index] if index < len(phone_rows) else 0
        return phone_path(row, match[2] or "number")
    if server_path == "contactDetails.phones":
        return phone_path(0)
    if _CONSENT_PATH.fullmatch(server_path):
        return CONSENTS
    if server_path == "personalDetails":
        return "personalDetails.firstName"
    return server_path if server_path in SPECS else None

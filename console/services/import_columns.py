"""The columns of an enrollment import: each names an input of the form by contract path or by label.

Qt-free. A column is named by the contract's field path (`personalDetails.firstName`,
`contactDetails.phones[0].number`, `consents.EMAIL_MARKETING`), or by the form's label in English or
in French (`First name`, `Prénom`, `Phone 1`, `Téléphone 1`); case, spacing, the kind of apostrophe
and a trailing `*` or `:` do not matter. French labels are read from the compiled translation catalogue.
`map_headers` turns a header row into a `ColumnMap` or raises `ColumnError` naming the column.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from console.field_profiles import CONSENT_TYPES, FieldProfile
from console.resources import resource
from console.services import enrollment_fields as ef
from console.services.import_messages import ImportProblem

CATALOGUE = "i18n/console_fr.qm"
CONSENT_PREFIX = "consents."
LABEL_CONTEXT = "EnrollForm"
CONSENT_CONTEXT = "ImportColumns"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name the catalogue tool looks for
    """Mark `text` for the translation catalogue (extracted from this file); returns it unchanged."""
    return text


CONSENT_LABELS: dict[str, str] = {
    "EMAIL_MARKETING": QT_TRANSLATE_NOOP("ImportColumns", "Email marketing consent"),
    "PARTNER_OFFERS": QT_TRANSLATE_NOOP("ImportColumns", "Partner offers consent"),
    "SMS_MARKETING": QT_TRANSLATE_NOOP("ImportColumns", "Text message (SMS) consent"),
}
"""Column labels of the consent answers (the form shows each purpose's wording instead)."""


@dataclass(frozen=True)
class Column:
    """One input an import file may carry."""

    path: str
    """Input path of `enrollment_fields` (`contactDetails.phones[0].number`) or `consents.TYPE`."""
    label: str
    """English label, as the form shows it (no `&`, phone rows numbered from 1)."""
    context: str
    source: str
    """Catalogue source text of the label (context `context`)."""
    phone_row: int | None = None

    @property
    def consent(self) -> str | None:
        return self.path[len(CONSENT_PREFIX) :] if self.path.startswith(CONSENT_PREFIX) else None

    @property
    def profile_key(self) -> str:
        """The field-profile entry that must show this column."""
        return "consents" if self.consent else ef.spec_of(self.path).profile


def _label(source: str, phone_row: int | None) -> str:
    text = source.replace("&", "")
    return text.replace("%1", str(phone_row + 1)) if phone_row is not None else text


def all_columns() -> tuple[Column, ...]:
    """Every column, in the form's order, consents last."""
    columns = []
    for path in ef.input_paths():
        match = re.fullmatch(r"contactDetails\.phones\[(\d+)\]\.\w+", path)
        row = int(match[1]) if match else None
        source = ef.spec_of(path).label
        columns.append(Column(path, _label(source, row), LABEL_CONTEXT, source, row))
    for kind in CONSENT_TYPES:
        columns.append(
            Column(CONSENT_PREFIX + kind, CONSENT_LABELS[kind], CONSENT_CONTEXT, CONSENT_LABELS[kind])
        )
    return tuple(columns)


COLUMNS = all_columns()


_SAME = str.maketrans({"\u00a0": " ", "\u202f": " ", "’": "'", "ʼ": "'"})


def _fold(header: str) -> str:
    """Compare headers ignoring case, spacing, the kind of apostrophe and a trailing '*' or ':'."""
    text = unicodedata.normalize("NFC", header).translate(_SAME)
    text = " ".join(text.split()).rstrip("*: ").replace("&", "")
    return text.casefold()


_QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
_QM_MESSAGES = 0x69
_TAG_END, _TAG_TRANSLATION, _TAG_SOURCE, _TAG_CONTEXT = 0x01, 0x03, 0x06, 0x07


def read_qm(data: bytes) -> dict[tuple[str, str], str]:
    """(context, source) -> translation of a compiled Qt catalogue (.qm), read without Qt.

    A .qm is a magic number then tagged sections; the messages section is a run of tagged fields
    (translation in UTF-16BE, source and context in UTF-8, each with a 32-bit length), one message
    ending with the end tag. Plural messages keep their first form. Malformed data gives what was read.
    """
    found: dict[tuple[str, str], str] = {}
    if not data.startswith(_QM_MAGIC):
        return found
    pos, messages = len(_QM_MAGIC), b""
    while pos + 5 <= len(data):
        tag, length = data[pos], struct.unpack_from(">I", data, pos + 1)[0]
        if tag == _QM_MESSAGES:
            messages = data[pos + 5 : pos + 5 + length]
        pos += 5 + length
    pos = 0
    fields: dict[int, bytes] = {}
    while pos < len(messages):
        tag = messages[pos]
        pos += 1
        if tag == _TAG_END:
            if _TAG_TRANSLATION in fields and _TAG_SOURCE in fields:
                key = (
                    fields.get(_TAG_CONTEXT, b"").decode("utf-8", "replace"),
                    fields[_TAG_SOURCE].decode("utf-8", "replace"),
                )
                found.setdefault(key, fields[_TAG_TRANSLATION].decode("utf-16-be", "replace"))
            fields = {}
            continue
        if pos + 4 > len(messages):
            break
        length = struct.unpack_from(">I", messages, pos)[0]
        pos += 4
        if length == 0xFFFFFFFF:  # an empty translation
            length = 0
        fields.setdefault(tag, messages[pos : pos + length])
        pos += length
    return found


@lru_cache(maxsize=1)
def french_sources() -> Mapping[tuple[str, str], str]:
    """(context, source) -> French, from the compiled catalogue the console ships; empty when missing."""
    try:
        data = resource(CATALOGUE).read_bytes()
    except OSError:
        return {}
    wanted = {LABEL_CONTEXT, CONSENT_CONTEXT}
    return {key: text for key, text in read_qm(data).items() if key[0] in wanted}


def french_label(column: Column) -> str | None:
    text = french_sources().get((column.context, column.source))
    return _label(text, column.phone_row) if text else None


@lru_cache(maxsize=1)
def _by_name() -> dict[str, Column]:
    names: dict[str, Column] = {}
    for column in COLUMNS:
        for name in (column.path, column.label, french_label(column)):
            if name:
                names.setdefault(_fold(name), column)
    # Short phone paths: contactDetails.phones[0] means its number.
    for row in range(ef.MAX_PHONES):
        names.setdefault(_fold(f"contactDetails.phones[{row}]"), _by_path()[ef.phone_path(row)])
    return names


@lru_cache(maxsize=1)
def _by_path() -> dict[str, Column]:
    return {column.path: column for column in COLUMNS}


class ColumnError(ImportProblem):
    """The header row cannot be used (a code of `import_messages.MESSAGES` and its arguments)."""


@dataclass(frozen=True)
class ColumnMap:
    """Which cell of a row feeds which input; blank headers are ignored columns."""

    positions: tuple[tuple[int, Column], ...]

    def texts(self, cells: Sequence[str]) -> tuple[dict[str, str], dict[str, str]]:
        """A row's (field texts by input path, consent answers by type), missing cells empty."""
        fields: dict[str, str] = {}
        consents: dict[str, str] = {}
        for index, column in self.positions:
            text = cells[index] if index < len(cells) else ""
            kind = column.consent
            if kind:
                consents[kind] = text
            else:
                fields[column.path] = text
        return fields, consents

    @property
    def paths(self) -> list[str]:
        return [column.path for _index, column in self.positions]


def find_column(header: str) -> Column | None:
    """The column a header names, or None."""
    return _by_name().get(_fold(header))


def map_headers(headers: Sequence[str], profile: FieldProfile, language: str = "EN") -> ColumnMap:
    """The map for this header row; raises ColumnError for an unknown, repeated or unused column.

    A column the profile does not collect is refused rather than silently dropped.
    """
    positions: list[tuple[int, Column]] = []
    seen: dict[str, int] = {}
    for index, header in enumerate(headers):
        if not header.strip():
            continue
        column = find_column(header)
        position = str(index + 1)
        if column is None:
            raise ColumnError("UNKNOWN_COLUMN", position, header.strip())
        if column.path in seen:
            raise ColumnError("REPEATED_COLUMN", str(seen[column.path]), position, column.path)
        if not profile.shows(column.profile_key):
            raise ColumnError("NOT_COLLECTED", position, header.strip(), profile.label(language))
        seen[column.path] = index + 1
        positions.append((index, column))
    if "contactDetails.email" not in seen:
        raise ColumnError("NO_EMAIL")
    return ColumnMap(tuple(positions))


def template_columns(profile: FieldProfile) -> list[Column]:
    """The columns of a template for `profile`: every input it collects, in the form's order."""
    return [column for column in COLUMNS if profile.shows(column.profile_key)]


def describe(column: Column, profile: FieldProfile) -> str:
    """One plain-English line documenting a column in the template."""
    spec = None if column.consent else ef.spec_of(column.path)
    required = (
        profile.requires(column.profile_key)
        and (column.phone_row in (None, 0))
        and not column.path.endswith(".type")
        and not column.consent
    )
    parts = [f"{column.path} ({column.label}{' / ' + fr if (fr := french_label(column)) else ''})"]
    parts.append("required" if required else "optional")
    if column.consent:
        parts.append("yes, no, or empty when not asked")
    elif spec is not None:
        if spec.choices:
            allowed = profile.channels if column.path == "enrollmentChannel" else spec.choices
            parts.append("one of " + " ".join(allowed))
        elif spec.check is ef.check_date_of_birth:
            parts.append("YYYY-MM-DD")
        elif spec.hint:
            parts.append(spec.hint)
        if spec.max_length:
            parts.append(f"at most {spec.max_length} characters")
    return "; ".join(parts)


def header_names(columns: Iterable[Column]) -> list[str]:
    return [column.path for column in columns]

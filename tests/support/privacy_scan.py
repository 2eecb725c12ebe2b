"""Finding a member's personal values in what a user could see or copy: widget texts, the request
inspector (rows, details, cURL, exports), log files.

Values come from the sandbox's own seed (the fixed test members), in the forms a person would write them:
names with and without accents, emails, phones as digits and with punctuation, dates of birth, street
lines, postal codes with and without the space. Matching is whole-word and case-insensitive.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from console.api.exchange import Exchange
from console.api.redaction import Mode
from console.sandbox.seed import Member, fixed_members


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def personal_values(member: Member) -> set[str]:
    """What must never show unverified: names, email, phones, date of birth, street lines, postal code."""
    values: set[str] = set()
    for name in (member.first_name, member.middle_name, member.last_name):
        if name:
            values |= {name, _plain(name)}
    values.add(member.email)
    for _kind, number in member.phones:
        area, exchange, line = number[:3], number[3:6], number[6:]
        values |= {number, f"{area}-{exchange}-{line}", f"({area}) {exchange}-{line}",
                   f"{area} {exchange} {line}", f"{exchange}-{line}"}
    if member.date_of_birth:
        values.add(member.date_of_birth)
    for line in (member.address_line1, member.address_line2):
        if line:
            values |= {line, _plain(line)}
    if member.postal_code:
        values |= {member.postal_code, member.postal_code.replace(" ", "")}
    return values


def personal_hints(member: Member) -> set[str]:
    """What must not show on screen before verification either: name initials, year of birth, the postal
    code's first half, the city (the contract leaves a search result's city unmarked, so the inspector may
    show it; the window does not)."""
    hints: set[str] = {member.city, _plain(member.city)} if member.city else set()
    for name in (member.first_name, member.middle_name, member.last_name):
        if name:
            hints |= {f"{name[0]}.", f"{_plain(name)[0]}.", f"{name[0]}•••"}
    if member.date_of_birth:
        hints.add(member.date_of_birth[:4])
    if member.postal_code:
        hints.add(member.postal_code[:3])
    return hints


def fixed_member_hints() -> dict[str, set[str]]:
    """Each fixed test member's hints (`personal_hints`), by collector number."""
    return {member.number: personal_hints(member) for member in fixed_members()}


def fixed_member_values() -> dict[str, set[str]]:
    """Each fixed test member's personal values, by collector number."""
    return {member.number: personal_values(member) for member in fixed_members()}


@dataclass(frozen=True)
class Finding:
    value: str
    where: str
    excerpt: str


def find(values: Iterable[str], texts: Iterable[tuple[str, str]]) -> list[Finding]:
    """Every (value, place) where a value appears as a whole word, ignoring case (a value ending in a dot,
    an initial, is whole when no letter follows)."""
    patterns = [(value, re.compile(rf"(?<!\w){re.escape(value)}(?!\w)", re.IGNORECASE)) for value in values]
    found = []
    for where, text in texts:
        for value, pattern in patterns:
            match = pattern.search(text)
            if match:
                start = max(0, match.start() - 40)
                found.append(Finding(value, where, text[start:match.end() + 40]))
    return found


# What a user can see or copy -----------------------------------------------------------------------------
def _model_texts(model: QAbstractItemModel) -> Iterator[str]:
    try:
        rows, columns = model.rowCount(), model.columnCount()
    except TypeError:  # a list model whose columnCount PySide keeps private
        rows, columns = model.rowCount(), 1
    for row in range(rows):  # tables and lists: the console has no trees
        for column in range(columns):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                         Qt.ItemDataRole.AccessibleTextRole):
                value = model.data(index, role)
                if value is not None:
                    yield str(value)


def widget_texts(root: QWidget) -> list[tuple[str, str]]:
    """(widget, text) for every text a widget under `root` shows, tells or lets one copy: labels, buttons,
    read-only fields, text views, lists and tables, titles, tooltips and accessible names. Shown or not:
    a hidden label holding a value is one click away. Fields the agent types into are left out (the
    agent typed what the caller said)."""
    found: list[tuple[str, str]] = []
    for widget in (root, *root.findChildren(QWidget)):
        where = f"{type(widget).__name__}({widget.objectName() or widget.accessibleName()})"
        texts = [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription(),
                 widget.windowTitle(), widget.statusTip(), widget.whatsThis()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit) and widget.isReadOnly():
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            texts.append(widget.toPlainText())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += list(_model_texts(widget.model()))
        found += [(where, text) for text in texts if text]
    return found


def exchange_texts(exchanges: Iterable[Exchange]) -> list[tuple[str, str]]:
    """What the inspector's copies and exports are made of, unrevealed: cURL, both views, HAR."""
    found: list[tuple[str, str]] = []
    listed = list(exchanges)
    for exchange in listed:
        where = f"{exchange.method} {exchange.raw_url.split('?')[0]}"
        found.append((f"cURL {where}", exchange.as_curl()))
        for mode in Mode:
            view = exchange.view(mode)
            text = json.dumps(vars(view), ensure_ascii=False, default=str)
            found.append((f"{mode.value} view {where}", text))
    try:
        from console.services import har
    except ImportError:
        return found
    found.append(("HAR export", har.dumps(har.to_har(listed))))
    return found

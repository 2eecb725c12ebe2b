"""Reading an import file: UTF-8 with or without a BOM, comma or semicolon separated, streamed.

Qt-free. Lines before the header whose first cell starts with `#` are notes (the template has some).
Rows are numbered as a spreadsheet numbers them: the first line of the file is row 1. Wholly blank rows
are skipped. The file is read row by row, never held whole.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DELIMITERS = (",", ";")
COMMENT = "#"
ENCODING = "utf-8-sig"  # a BOM, when there is one, is dropped
_SNIFF_BYTES = 64 * 1024


class ImportFileError(ValueError):
    """The file cannot be read as an import file; `row` is the spreadsheet row, when known."""

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.row = row


@dataclass(frozen=True)
class Row:
    number: int
    """The row number a spreadsheet shows (the file's first line is 1)."""
    cells: list[str]


def sniff_delimiter(sample: str) -> str:
    """',' or ';': the one that splits the first non-note line into more cells (',' on a tie)."""
    for line in sample.splitlines():
        if line.strip() and not line.lstrip('"').startswith(COMMENT):
            counts = {d: len(next(csv.reader([line], delimiter=d))) for d in DELIMITERS}
            return max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return ","


@contextmanager
def open_rows(path: Path | str) -> Iterator[tuple[Row, Iterator[Row]]]:
    """(the header row, an iterator over the data rows) of `path`; raises ImportFileError.

    Decoding errors surface from the iterator, naming the row where they happened.
    """
    path = Path(path)
    try:
        handle = path.open("r", encoding=ENCODING, newline="")
    except OSError as exc:
        raise ImportFileError(f"Cannot open {path}: {exc.strerror or exc}.") from exc
    with handle:
        try:
            sample = handle.read(_SNIFF_BYTES)
            handle.seek(0)
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"{path.name} is not UTF-8 text (save it as CSV UTF-8).", 1) from exc
        reader = csv.reader(handle, delimiter=sniff_delimiter(sample))
        rows = _numbered(reader, path)
        header = next((row for row in rows if not _is_note(row)), None)
        if header is None:
            raise ImportFileError(f"{path.name} has no header row.")
        yield header, (row for row in rows if any(cell.strip() for cell in row.cells))


def _is_note(row: Row) -> bool:
    first = row.cells[0].lstrip() if row.cells else ""
    return first.startswith(COMMENT) or not any(cell.strip() for cell in row.cells)


def _numbered(reader: Iterator[list[str]], path: Path) -> Iterator[Row]:
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"{path.name} is not UTF-8 text after row {number}.", number + 1) from exc
        except csv.Error as exc:
            raise ImportFileError(
                f"{path.name}: row {number + 1} cannot be read ({exc}).", number + 1
            ) from exc
        number += 1
        yield Row(number, cells)


def count_rows(path: Path | str) -> int:
    """How many data rows `path` holds (a quick streaming pass, for progress)."""
    with open_rows(path) as (_header, rows):
        return sum(1 for _row in rows)


def write_rows(handle: io.TextIOBase, rows: list[list[str]]) -> None:
    """Write rows as comma-separated CSV."""
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerows(rows)

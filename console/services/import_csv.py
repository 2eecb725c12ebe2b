"""Reading an import file: UTF-8 with or without a BOM, comma or semicolon separated, streamed.

Qt-free. Lines before the header whose first cell starts with `#` are notes (the template has some).
Rows are numbered as a spreadsheet numbers them: the first line of the file is row 1. Wholly blank rows
are skipped. The file is read row by row, never held whole.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from console.services.import_messages import ImportProblem

DELIMITERS = (",", ";")
COMMENT = "#"
_SNIFF_LINES = 200


class ImportFileError(ImportProblem):
    """The file cannot be read as an import file (a code of `import_messages.MESSAGES` and its arguments)."""


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

    Each line is decoded on its own, so a byte that is not UTF-8 is reported at its own row.
    """
    path = Path(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ImportFileError("CANNOT_OPEN", str(path), exc.strerror or type(exc).__name__) from exc
    with handle:
        delimiter = sniff_delimiter(_first_lines(handle))
        handle.seek(0)
        rows = _numbered(csv.reader(_decoded(handle), delimiter=delimiter), path)
        header = next((row for row in rows if not _is_note(row)), None)
        if header is None:
            raise ImportFileError("NO_HEADER", path.name)
        yield header, (row for row in rows if any(cell.strip() for cell in row.cells))


def _decoded(handle: BinaryIO) -> Iterator[str]:
    """The file's lines as text (line ends kept, a leading BOM dropped); raises UnicodeDecodeError."""
    first = True
    for line in handle:
        if first:
            line, first = line.removeprefix(codecs.BOM_UTF8), False
        yield line.decode("utf-8")


def _first_lines(handle: BinaryIO) -> str:
    """The notes and the header line, what the delimiter is sniffed from (undecodable bytes replaced)."""
    lines: list[str] = []
    while len(lines) < _SNIFF_LINES and (raw := handle.readline()):
        line = raw.removeprefix(codecs.BOM_UTF8).decode("utf-8", "replace")
        lines.append(line)
        if line.strip() and not line.lstrip('"').startswith(COMMENT):
            break
    return "".join(lines)


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
            raise ImportFileError("NOT_UTF8", path.name, str(number + 1)) from exc
        except csv.Error as exc:
            raise ImportFileError("BAD_ROW", path.name, str(number + 1)) from exc
        number += 1
        yield Row(number, cells)


def count_rows(path: Path | str) -> int:
    """How many data rows `path` holds (a quick streaming pass, for progress)."""
    with open_rows(path) as (_header, rows):
        return sum(1 for _row in rows)


def write_rows(handle: TextIO, rows: list[list[str]]) -> None:
    """Write rows as comma-separated CSV."""
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerows(rows)

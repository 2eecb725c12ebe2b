"""An import's results: one line per data row in `FILE.results.csv`, and the counts.

Qt-free. Columns: `row` (the spreadsheet row of the import file), `status` (`enrolled`,
`already-enrolled`, `rejected`, `pending`), `collectorNumber`, `fields` (the fields at fault, `; `
between them) and `message`. The file is written beside the import file under a temporary name and
put in place when the run ends, so an interrupted run leaves the previous results whole.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TextIO

HEADER = ("row", "status", "collectorNumber", "fields", "message")


class Status(StrEnum):
    ENROLLED = "enrolled"
    ALREADY_ENROLLED = "already-enrolled"
    REJECTED = "rejected"
    PENDING = "pending"

    @property
    def settled(self) -> bool:
        return self is not Status.PENDING


@dataclass(frozen=True)
class RowResult:
    row: int
    status: Status
    collector_number: str | None = None
    fields: str = ""
    message: str = ""


@dataclass
class Counts:
    """Rows done so far by status, of `total` data rows (None while unknown)."""

    total: int | None = None
    by_status: dict[Status, int] = field(default_factory=lambda: dict.fromkeys(Status, 0))

    @property
    def done(self) -> int:
        return sum(self.by_status.values())

    @property
    def pending(self) -> int:
        return self.by_status[Status.PENDING]

    def add(self, status: Status) -> None:
        self.by_status[status] += 1


def results_path(import_file: Path | str) -> Path:
    """`people.csv` -> `people.results.csv`, beside it."""
    path = Path(import_file)
    return path.with_name(path.stem + ".results.csv")


class ResultsWriter:
    """Writes result lines as they come, in row order; `commit()` puts the file in place."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._partial = self.path.with_name(self.path.name + ".partial")
        self._handle: TextIO = self._partial.open("w", encoding="utf-8-sig", newline="")
        self._writer = csv.writer(self._handle, lineterminator="\r\n")
        self._writer.writerow(HEADER)

    def write(self, result: RowResult) -> None:
        self._writer.writerow(
            (result.row, result.status.value, result.collector_number or "", result.fields, result.message)
        )

    def commit(self) -> Path:
        self._handle.close()
        os.replace(self._partial, self.path)
        return self.path

    def discard(self) -> None:
        self._handle.close()
        self._partial.unlink(missing_ok=True)


def read_results(path: Path | str) -> list[RowResult]:
    """The lines of a results file (for tests and the window's summary of a small file)."""
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return [
            RowResult(
                int(line["row"]),
                Status(line["status"]),
                line["collectorNumber"] or None,
                line["fields"],
                line["message"],
            )
            for line in reader
        ]

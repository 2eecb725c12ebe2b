"""An empty, documented import template: notes describing each column, then the header row.

Qt-free. The notes are lines whose first cell starts with `#` (the import skips them); the header names
each column the use case collects by its contract path. The window and `collector-console import
--template` write the same file.
"""

from __future__ import annotations

from pathlib import Path

from console.field_profiles import FieldProfile
from console.services.import_columns import describe, template_columns
from console.services.import_csv import write_rows


def template_rows(profile: FieldProfile) -> list[list[str]]:
    """The template's lines: one note per cell, then the header."""
    columns = template_columns(profile)
    notes = [
        "# Collector Console enrollment import. One person per row under the header row; "
        "notes like this one are skipped.",
        f"# Use case: {profile.name} ({profile.label('EN')}). Columns may be named by these paths "
        "or by the form's English or French labels; remove the ones you do not need "
        "(contactDetails.email is always needed).",
        "# Save as CSV UTF-8 (comma or semicolon separated). "
        "Import: collector-console import FILE.csv [--env NAME]; results go to FILE.results.csv.",
        *(f"# {describe(column, profile)}" for column in columns),
    ]
    return [[note] for note in notes] + [[column.path for column in columns]]


def write_template(path: Path, profile: FieldProfile) -> None:
    """Write the template for `profile` to `path` (UTF-8 with a BOM, for spreadsheets); raises OSError."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        write_rows(handle, template_rows(profile))

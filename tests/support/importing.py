"""Import test helpers: CSV files of generated people, and what the sandbox holds and was sent."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import httpx

from console.field_profiles import load_field_profiles
from console.services.importing import ImportOptions

PROFILES = load_field_profiles()
FAST_PATHS = (
    "personalDetails.firstName",
    "personalDetails.lastName",
    "personalDetails.dateOfBirth",
    "contactDetails.email",
    "preferences.language",
    "enrollmentChannel",
    "consents.EMAIL_MARKETING",
)
_FIRST = ("Élise", "Ève-Marie", "Jean", "O'Neil", "Zoë", "Marc", "Anne", "Luc")
_LAST = ("Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Smith", "Brown", "Lee")


def person(n: int, tag: str) -> list[str]:
    """The cells of generated person `n` (FAST_PATHS order); emails are unique per `tag`."""
    return [
        _FIRST[n % len(_FIRST)],
        _LAST[(n // 3) % len(_LAST)],
        f"19{50 + n % 50}-0{1 + n % 9}-1{n % 10}",
        f"{tag}.{n}@example.com",
        ("EN", "FR")[n % 2],
        ("EVENT", "IN_STORE")[n % 2],
        ("yes", "no", "")[n % 3],
    ]


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    delimiter: str = ",",
    bom: bool = False,
) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def people_file(path: Path, count: int, tag: str, *, bad_every: int = 0) -> tuple[Path, list[str], list[int]]:
    """`count` people, every `bad_every`-th with a bad date of birth: (path, good emails, bad rows)."""
    rows, good, bad = [], [], []
    for n in range(count):
        cells = person(n, tag)
        if bad_every and n % bad_every == bad_every - 1:
            cells[2] = "1990-02-30"
            bad.append(n + 2)  # the header is row 1
        else:
            good.append(cells[3])
        rows.append(cells)
    return write_csv(path, FAST_PATHS, rows), good, bad


def options(**extra: object) -> ImportOptions:
    return ImportOptions.from_profiles(PROFILES, **extra)  # type: ignore[arg-type]


def enroll_posts(base_url: str) -> list[dict]:
    """The enrollment requests the sandbox received (its request log)."""
    items = httpx.get(f"{base_url}/_sandbox/requests", params={"path": "/collectors/"}).json()["items"]
    return [item for item in items if item["method"] == "POST"]


def members_with(base_url: str, token: str, email: str) -> list[str]:
    """Collector numbers of the members using `email`."""
    response = httpx.get(
        f"{base_url}/collectors/search",
        params={"email": email, "limit": 50},
        headers={"Authorization": f"Bearer {token}"},
    )
    response.raise_for_status()
    return [item["collectorNumber"] for item in response.json()["items"]]

"""The type checker (mypy, configured in pyproject.toml) finds nothing in console/."""

from __future__ import annotations

from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_nothing_in_the_package() -> None:
    out, err, status = api.run(["--config-file", str(ROOT / "pyproject.toml"),
                                "--cache-dir", str(ROOT / ".mypy_cache"), str(ROOT / "console")])
    assert status == 0, out + err

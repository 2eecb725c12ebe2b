"""The files the console ships with, read through `importlib.resources`.

They live inside the package (`console/resources/`), so an installed console, a checkout and a
desktop bundle all find them the same way: `openapi.yaml` (the contract), `environments.json`,
`field_profiles.json` and the compiled translations in `i18n/`.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(name: str) -> Traversable:
    """A bundled file by its path inside the resources, e.g. "openapi.yaml" or "i18n/console_fr.qm"."""
    return files(__name__).joinpath(*name.split("/"))


def read_text(name: str) -> str:
    """The text (UTF-8) of a bundled file."""
    return resource(name).read_text(encoding="utf-8")

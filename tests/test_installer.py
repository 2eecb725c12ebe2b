"""The PyInstaller recipe bundles the resources where importlib.resources finds them, and no test tools."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "collector-console.spec"

# Distribution name -> the top-level module it installs, where the two differ.
MODULE_OF = {"pytest-qt": "pytestqt", "pyyaml": "yaml", "openapi-spec-validator": "openapi_spec_validator"}


def _recipe() -> dict[str, Any]:
    """What the spec hands to PyInstaller's Analysis, run with stand-ins for PyInstaller's names."""
    seen: dict[str, Any] = {}

    def analysis(scripts: list[str], **options: Any) -> object:
        seen.update(options, scripts=scripts)
        return type("Analysis", (), {"pure": [], "scripts": [], "binaries": [], "datas": []})()

    def ignore(*_args: Any, **_kwargs: Any) -> None:
        return None

    names = {"SPECPATH": str(SPEC.parent), "Analysis": analysis, "PYZ": ignore, "EXE": ignore,
             "COLLECT": ignore}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), names)  # noqa: S102 - our recipe
    return seen


def test_the_bundle_has_the_resources_inside_the_package() -> None:
    bundled = {(Path(source).relative_to(ROOT).as_posix(), folder) for source, folder in _recipe()["datas"]}
    assert ("console/resources/openapi.yaml", "console/resources") in bundled
    assert ("console/resources/environments.json", "console/resources") in bundled
    assert ("console/resources/field_profiles.json", "console/resources") in bundled
    assert ("console/resources/i18n/console_fr.qm", "console/resources/i18n") in bundled
    assert not any(source.endswith(".ts") for source, _ in bundled)


def _modules(requirements: list[str]) -> set[str]:
    names = {re.split(r"[<>=!\[; ]", requirement, maxsplit=1)[0].lower() for requirement in requirements}
    return {MODULE_OF.get(name, name.replace("-", "_")) for name in names}


def test_the_bundle_leaves_the_test_tools_out() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = _modules(project["dependencies"])
    test_only = _modules(project["optional-dependencies"]["test"]) - runtime
    excluded = set(_recipe()["excludes"])
    assert test_only <= excluded
    assert not runtime & excluded

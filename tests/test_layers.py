"""Who may import whom: the API client, the services and the sandbox are Qt-free; widgets never use httpx."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CONSOLE = Path(__file__).resolve().parent.parent / "console"
QT = ("PySide6", "shiboken6", "qasync")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((CONSOLE / folder).rglob("*.py")):
        for name in imported_modules(path):
            if name.split(".")[0] in forbidden:
                found.append(f"{path.relative_to(CONSOLE.parent)} imports {name}")
    return found


@pytest.mark.parametrize("folder", ["api", "services", "sandbox", "commands"])
def test_layer_is_qt_free(folder: str) -> None:
    assert offenders(folder, QT) == []


def test_widgets_never_call_httpx() -> None:
    assert offenders("ui", ("httpx",)) == []


def test_the_check_can_fail(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport qasync\n", encoding="utf-8")
    assert imported_modules(sample) == {"PySide6.QtCore", "qasync"}



def crossings(folder: str, allowed: tuple[str, ...], base: Path = CONSOLE) -> list[str]:
    """Imports by `console/<folder>` of project modules outside `allowed` (module names or their prefixes)."""
    found = []
    for path in sorted((base / folder).rglob("*.py")):
        for name in sorted(imported_modules(path)):
            if name.split(".")[0] not in ("console", "tests", "tools"):
                continue
            if not any(name == prefix or (prefix != "console" and name.startswith(f"{prefix}."))
                       for prefix in allowed):
                found.append(f"{path.relative_to(base.parent).as_posix()} imports {name}")
    return found


SHARED = ("console", "console.formats", "console.resources")
"""Importable from every layer: the package itself (its version), the Canadian formats, the bundled files."""
DATA = ("console.audit", "console.field_profiles")
"""Qt-free files of the console's own: the audit file, the enrollment field profiles."""


def test_the_api_layer_uses_no_layer_above_it() -> None:
    assert crossings("api", (*SHARED, "console.api")) == []


def test_the_services_use_no_widget_and_no_command() -> None:
    assert crossings("services", (*SHARED, *DATA, "console.api", "console.services", "console.sandbox")) == []


def test_the_sandbox_never_uses_the_client() -> None:
    # The request models are the one declaration of field limits and enums; the sandbox validates with them.
    assert crossings("sandbox", (*SHARED, "console.sandbox", "console.api.models")) == []


def test_the_headless_commands_use_no_widget() -> None:
    allowed = (*SHARED, *DATA, "console.api", "console.services", "console.commands")
    assert crossings("commands", allowed) == []


def test_the_package_never_imports_tests_or_tools() -> None:
    assert [line for line in crossings(".", ("console",)) if " imports console" not in line] == []


def test_a_crossing_is_seen(tmp_path: Path) -> None:
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "x.py").write_text("from console.ui.errors import error_text\nimport tests.support\n",
                                           encoding="utf-8")
    found = f"{tmp_path.name}/api/x.py imports"
    assert crossings("api", (*SHARED, "console.api"), base=tmp_path) == [
        f"{found} console.ui.errors", f"{found} tests.support"]

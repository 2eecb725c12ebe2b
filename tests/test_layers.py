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

"""The first paint waits for nothing it does not show: the heavy stacks are imported after it.

How fast that paint is, is tests/bench/bench_startup.py's business; this test holds what it needs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

AFTER_FIRST_PAINT = (
    "asyncio", "qasync", "httpx", "pydantic", "keyring", "jsonschema", "yaml", "cryptography",
    "phonenumbers", "email_validator", "sqlite3", "uvicorn", "starlette", "jwt",
    "console.api", "console.services", "console.sandbox", "console.audit",
    "console.ui.enroll", "console.ui.lookup", "console.ui.inspector", "console.ui.signin",
    "console.ui.idle", "console.ui.token_view", "console.ui.check_dialog", "console.ui.import_dialog",
    "console.ui.settings_dialog", "console.ui.outbox_view",
)
"""Packages the window's first paint must not import (none of them is on screen yet)."""

CHILD = """
import gc, json, sys
from console.__main__ import show_window
app, window = show_window()
assert window._painted, "no first paint"
qt_enums = sorted(kind.__qualname__ for kind in gc.get_objects()
                  if isinstance(kind, type) and kind.__qualname__.startswith("Qt."))
print(json.dumps({"modules": sorted(sys.modules), "qt_enums": qt_enums}))
"""


def _first_paint(tmp_path: Path) -> dict[str, list[str]]:
    """What a fresh console process holds once its window has painted: modules and `Qt.*` enums built."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_STATE_HOME=str(tmp_path / "state"))
    result = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True,  # noqa: S603
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    held: dict[str, list[str]] = json.loads(result.stdout.splitlines()[-1])
    return held


def test_the_first_paint_imports_none_of_what_comes_after_it(tmp_path: Path) -> None:
    loaded = _first_paint(tmp_path)["modules"]
    early = [name for name in loaded if any(name == p or name.startswith(p + ".") for p in AFTER_FIRST_PAINT)]
    assert early == []


def test_the_first_paint_builds_none_of_the_qt_namespace_enums(tmp_path: Path) -> None:
    """The `Qt` namespace builds its hundred enums (Qt.Key, Qt.WidgetAttribute, ...) on first use, some
    15 ms: widgets of the first paint set such values by name and modules use `QtCore.Qt` lazily."""
    assert _first_paint(tmp_path)["qt_enums"] == []
